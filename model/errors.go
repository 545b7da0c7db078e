package model

import (
	"errors"
	"strings"
)

// FieldError is a validation failure of one field. ID names a message in the locales
// bundle and Data fills its template, so the same rule reads well in every language.
type FieldError struct {
	Field string
	ID    string
	Data  map[string]any
	// AWS is the message AWS itself would answer, for logs and the CLI.
	AWS string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.AWS }

// Errors collects the field errors of one form.
type Errors []*FieldError

// Add appends err when it is a *FieldError or an Errors; nil is ignored.
func (es *Errors) Add(err error) {
	if err == nil {
		return
	}
	var fe *FieldError
	var many Errors
	switch {
	case errors.As(err, &many):
		*es = append(*es, many...)
	case errors.As(err, &fe):
		*es = append(*es, fe)
	default:
		*es = append(*es, &FieldError{ID: "ErrorUnknown", AWS: err.Error()})
	}
}

// Err returns nil when nothing was collected, so callers can `return errs.Err()`.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// For returns the first error of field, or nil.
func (es Errors) For(field string) *FieldError {
	for _, e := range es {
		if e.Field == field {
			return e
		}
	}
	return nil
}
