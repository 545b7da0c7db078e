package cloudtrail

import (
	"errors"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/model"
)

// CloudTrail's modeled exceptions are client faults without an explicit status, so
// awsJson1.1 sends them with HTTP 400 and the bare shape name as __type. Messages
// marked "real" are worded as in real AWS output; the others are the simulator's
// best wording of the model's documentation.

func errorf(code, format string, args ...any) *protocol.Error {
	return protocol.Errorf(400, code, format, args...)
}

// trailNotFound is real: "Unknown trail: myTrail2 for the user: 123456789012".
func trailNotFound(nameOrARN, account string) *protocol.Error {
	return errorf("TrailNotFoundException", "Unknown trail: %s for the user: %s", nameOrARN, account)
}

// trailExists follows AWS's "Trail <name> already exists for customer: <account>".
func trailExists(name, account string) *protocol.Error {
	return errorf("TrailAlreadyExistsException", "Trail %s already exists for customer: %s", name, account)
}

func bucketMissing(bucket string) *protocol.Error {
	return errorf("S3BucketDoesNotExistException", "S3 bucket does not exist: %s", bucket)
}

// insufficientPolicy is real: "Incorrect S3 bucket policy is detected for bucket: <b>".
func insufficientPolicy(bucket string) *protocol.Error {
	return errorf("InsufficientS3BucketPolicyException", "Incorrect S3 bucket policy is detected for bucket: %s", bucket)
}

func invalidARN(arn string) *protocol.Error {
	return errorf("CloudTrailARNInvalidException", "Invalid ARN specified: %s. The ARN must be of the form arn:aws:cloudtrail:<region>:<account-id>:trail/<trail-name>.", arn)
}

func homeRegion(arn, home, region string) *protocol.Error {
	return errorf("InvalidHomeRegionException", "This operation must be called from the trail's home region %s; the trail %s was called from %s.", home, arn, region)
}

func tooManyTrails(account, region string) *protocol.Error {
	return errorf("MaximumNumberOfTrailsExceededException", "User: %s already has %d trails in %s.", account, model.MaxTrailsPerRegion, region)
}

func invalidSelectors(format string, args ...any) *protocol.Error {
	return errorf("InvalidEventSelectorsException", format, args...)
}

func invalidInsights(format string, args ...any) *protocol.Error {
	return errorf("InvalidInsightSelectorsException", format, args...)
}

func invalidParameterCombination(msg string) *protocol.Error {
	return errorf("InvalidParameterCombinationException", "%s", msg)
}

// fromModel turns a model rule failure into the exception CloudTrail throws for it.
func fromModel(err error, code string) error {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return errorf(code, "%s", fe.AWS)
	}
	var fes model.Errors
	if errors.As(err, &fes) && len(fes) > 0 {
		return errorf(code, "%s", fes[0].AWS)
	}
	return err
}

// isCode reports whether err is the service error code.
func isCode(err error, code string) bool {
	var pe *protocol.Error
	return errors.As(err, &pe) && pe.Code == code
}
