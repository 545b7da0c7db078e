package cloudwatch

import (
	"errors"
	"fmt"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/model"
)

// CloudWatch is awsQueryCompatible: JSON and CBOR clients see the error shape's name
// (Code) and read the legacy awsQuery code (QueryCode) from x-amzn-query-error, so
// each error carries both.
func cwError(status int, shape, queryCode, format string, args ...any) *protocol.Error {
	return &protocol.Error{Code: shape, QueryCode: queryCode, Status: status, Message: fmt.Sprintf(format, args...), Receiver: status >= 500}
}

// validationError is CloudWatch's unmodeled ValidationError (same code in every
// protocol), used for the Coral-style constraint messages.
func validationError(format string, args ...any) *protocol.Error {
	return cwError(400, "ValidationError", "ValidationError", format, args...)
}

func invalidParameterValue(format string, args ...any) *protocol.Error {
	return cwError(400, "InvalidParameterValueException", "InvalidParameterValue", format, args...)
}

func invalidParameterCombination(format string, args ...any) *protocol.Error {
	return cwError(400, "InvalidParameterCombinationException", "InvalidParameterCombination", format, args...)
}

func missingParameter(name string) *protocol.Error {
	return cwError(400, "MissingRequiredParameterException", "MissingParameter", "The parameter %s is required.", name)
}

func resourceNotFound(format string, args ...any) *protocol.Error {
	return cwError(404, "ResourceNotFound", "ResourceNotFound", format, args...)
}

func resourceNotFoundException(format string, args ...any) *protocol.Error {
	return cwError(404, "ResourceNotFoundException", "ResourceNotFoundException", format, args...)
}

func invalidNextToken() *protocol.Error {
	return cwError(400, "InvalidNextToken", "InvalidNextToken", "The service returned an invalid NextToken.")
}

func invalidFormat(format string, args ...any) *protocol.Error {
	return cwError(400, "InvalidFormatFault", "InvalidFormat", format, args...)
}

func limitExceeded(format string, args ...any) *protocol.Error {
	return cwError(400, "LimitExceededFault", "LimitExceeded", format, args...)
}

// fromModel turns a shared validation rule's failure into CloudWatch's ValidationError.
func fromModel(err error) error {
	if err == nil {
		return nil
	}
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return validationError("%s", fe.AWS)
	}
	var fes model.Errors
	if errors.As(err, &fes) && len(fes) > 0 {
		return validationError("%s", fes[0].AWS)
	}
	return err
}
