package iam

import (
	"errors"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
)

// errorText is common.ErrorText with IAM's DeleteConflict explained: AWS's message
// ("Cannot delete entity, must remove users from group first.") alone leaves a student
// wondering what to do next.
func errorText(c *common.Common, err error) string {
	var text string
	var be *backend.Error
	if errors.As(err, &be) && be.Code == "DeleteConflict" {
		text = c.T("IAMDeleteConflict") + " " + be.Code + ": " + be.Message
	} else {
		text = common.ErrorText(c, err)
	}
	var rb *rollbackError
	if errors.As(err, &rb) {
		if rb.undo == nil {
			text += " " + c.T("IAMRolledBack")
		} else {
			text += " " + c.Tf("IAMRollbackFailed", map[string]any{"Message": rb.undo.Error()})
		}
	}
	return text
}

// rollbackError is a failed multi-call change whose earlier calls were undone: err
// is AWS's answer to the call that failed (errors.As finds it), undo what undoing
// answered, nil when everything was undone.
type rollbackError struct {
	err  error
	undo error
}

func (e *rollbackError) Error() string {
	if e.undo == nil {
		return e.err.Error()
	}
	return e.err.Error() + " (rollback: " + e.undo.Error() + ")"
}

func (e *rollbackError) Unwrap() error { return e.err }

// rolledBack wraps err, the failure that started a rollback, with the rollback's own
// outcome.
func rolledBack(err, undo error) error { return &rollbackError{err: err, undo: undo} }
