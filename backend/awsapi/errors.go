package awsapi

import (
	"context"
	"errors"

	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend"
)

// wrap turns an SDK error into a *backend.Error that keeps AWS's code and message.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	be := &backend.Error{Op: op, Err: err, Message: err.Error()}
	var api smithy.APIError
	switch {
	case errors.As(err, &api):
		be.Code = api.ErrorCode()
		be.Message = api.ErrorMessage()
		be.Kind = backend.KindForCode(be.Code)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		be.Kind = backend.KindCanceled
	default:
		be.Kind = backend.KindUnavailable
	}
	return be
}
