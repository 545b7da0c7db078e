package common

import (
	"errors"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

// ErrorText turns any error a backend call returns into one translated line: field
// validation errors by their message ID, AWS errors by kind with AWS's own message.
func ErrorText(c *Common, err error) string {
	if err == nil {
		return ""
	}
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return c.Tf(fe.ID, fe.Data)
	}
	var fes model.Errors
	if errors.As(err, &fes) && len(fes) > 0 {
		return c.Tf(fes[0].ID, fes[0].Data)
	}
	var be *backend.Error
	if !errors.As(err, &be) {
		return c.Tf("ErrorUnknown", map[string]any{"Message": err.Error()})
	}
	data := map[string]any{"Message": be.Message, "Code": be.Code}
	switch be.Kind {
	case backend.KindAccessDenied:
		return c.T("ErrorAccessDenied") + " " + be.Message
	case backend.KindAuth:
		return c.Tf("ErrorAuth", data)
	case backend.KindNotFound:
		return c.Tf("ErrorNotFound", data)
	case backend.KindReadOnly:
		return c.Tf("GuardReadOnly", map[string]any{"Op": be.Op})
	case backend.KindThrottled:
		return c.T("ErrorThrottled")
	case backend.KindUnavailable:
		return c.Tf("ErrorUnavailable", data)
	case backend.KindLimitExceeded:
		if be.Code == "AccountProblem" {
			// On the simulator: the sandbox's storage limit (backend/sim/s3/quota.go);
			// on AWS, a problem with the account itself.
			if c.Backend != nil && c.Backend.Info().Mode == backend.ModeAWS {
				return c.Tf("ErrorS3AccountProblemAWS", data)
			}
			return c.Tf("ErrorS3AccountProblem", data)
		}
		return be.Code + ": " + be.Message
	default:
		if be.Code != "" {
			return be.Code + ": " + be.Message
		}
		return c.Tf("ErrorUnknown", data)
	}
}
