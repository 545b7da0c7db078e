package awsapi

import (
	"errors"

	"github.com/labconsole/labconsole/backend"
)

// s3Kinds classifies S3 codes the shared table (backend.KindForCode) does not know,
// including the bare HTTP statuses the SDK reports for body-less HEAD answers.
var s3Kinds = map[string]backend.Kind{
	"Forbidden":                          backend.KindAccessDenied, // HEAD 403
	"NoSuchBucketPolicy":                 backend.KindNotFound,
	"NoSuchUpload":                       backend.KindNotFound,
	"NoSuchTagSet":                       backend.KindNotFound,
	"MalformedPolicy":                    backend.KindValidation,
	"MalformedXML":                       backend.KindValidation,
	"InvalidArgument":                    backend.KindValidation,
	"InvalidLocationConstraint":          backend.KindValidation,
	"IllegalLocationConstraintException": backend.KindValidation,
	"InvalidRange":                       backend.KindValidation,
	"KeyTooLongError":                    backend.KindValidation,
	"EntityTooSmall":                     backend.KindValidation,
	"TooManyBuckets":                     backend.KindLimitExceeded,
	// AccountProblem (403) is S3 refusing because of the account itself; the
	// simulator answers it when a sandbox reaches its storage limit
	// (backend/sim/s3/quota.go), which deleting objects lifts.
	"AccountProblem":     backend.KindLimitExceeded,
	"PreconditionFailed": backend.KindConflict,
	"OperationAborted":   backend.KindConflict,
}

// wrapS3 is wrap with S3's own codes classified too.
func wrapS3(op string, err error) error {
	err = wrap(op, err)
	var be *backend.Error
	if errors.As(err, &be) && be.Kind == backend.KindUnknown {
		if k, ok := s3Kinds[be.Code]; ok {
			be.Kind = k
		}
	}
	return err
}
