package backend

import (
	"errors"
	"fmt"
)

// Kind groups AWS error codes by what the user can do about them, so screens can react
// (show the insufficient-permissions panel, mark a field, offer a retry) without
// knowing every service's codes.
type Kind int

const (
	KindUnknown Kind = iota
	KindAccessDenied
	KindNotFound
	KindAlreadyExists
	KindValidation
	KindConflict
	KindLimitExceeded
	KindThrottled
	KindAuth // the credentials themselves are rejected
	KindUnavailable
	KindCanceled
	// KindReadOnly is a mutating call that labconsole refused to send because it
	// runs with --read-only (backend/guard); nothing reached AWS.
	KindReadOnly
)

// Error is a failed backend call: the AWS code and message as AWS said them, and the
// Kind the UI acts on.
type Error struct {
	Op      string // "iam:CreateUser"
	Kind    Kind
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Code == "" {
		return fmt.Sprintf("%s: %s", e.Op, e.Message)
	}
	return fmt.Sprintf("%s: %s: %s", e.Op, e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns err's Kind, KindUnknown for errors that are not *Error.
func KindOf(err error) Kind {
	var be *Error
	if errors.As(err, &be) {
		return be.Kind
	}
	return KindUnknown
}

// kindByCode maps AWS error codes (all services, all protocols) to a Kind.
var kindByCode = map[string]Kind{
	"AccessDenied":                        KindAccessDenied,
	"AccessDeniedException":               KindAccessDenied,
	"UnauthorizedOperation":               KindAccessDenied,
	"AuthorizationError":                  KindAccessDenied,
	"NoSuchEntity":                        KindNotFound,
	"NoSuchBucket":                        KindNotFound,
	"NoSuchKey":                           KindNotFound,
	"NotFound":                            KindNotFound,
	"ResourceNotFound":                    KindNotFound,
	"ResourceNotFoundException":           KindNotFound,
	"TrailNotFoundException":              KindNotFound,
	"NotFoundException":                   KindNotFound, // KMS
	"KmsKeyNotFoundException":             KindNotFound, // CloudTrail's for a KMS key
	"S3BucketDoesNotExistException":       KindNotFound,
	"AlreadyExistsException":              KindAlreadyExists, // KMS aliases
	"EntityAlreadyExists":                 KindAlreadyExists,
	"BucketAlreadyExists":                 KindAlreadyExists,
	"BucketAlreadyOwnedByYou":             KindAlreadyExists,
	"TrailAlreadyExistsException":         KindAlreadyExists,
	"ResourceAlreadyExistsException":      KindAlreadyExists,
	"ValidationError":                     KindValidation,
	"ValidationException":                 KindValidation,
	"InvalidInput":                        KindValidation,
	"InvalidParameterValue":               KindValidation,
	"InvalidParameterException":           KindValidation,
	"InvalidBucketName":                   KindValidation,
	"MalformedPolicyDocument":             KindValidation,
	"PasswordPolicyViolation":             KindValidation,
	"InvalidTrailNameException":           KindValidation,
	"InvalidParameter":                    KindValidation, // SNS
	"MalformedPolicyDocumentException":    KindValidation, // KMS
	"InvalidAliasNameException":           KindValidation, // KMS
	"DeleteConflict":                      KindConflict,
	"BucketNotEmpty":                      KindConflict,
	"ConcurrentModification":              KindConflict,
	"LimitExceeded":                       KindLimitExceeded,
	"LimitExceededException":              KindLimitExceeded,
	"Throttling":                          KindThrottled,
	"ThrottlingException":                 KindThrottled,
	"TooManyRequestsException":            KindThrottled,
	"RequestLimitExceeded":                KindThrottled,
	"SlowDown":                            KindThrottled,
	"InvalidClientTokenId":                KindAuth,
	"InvalidAccessKeyId":                  KindAuth,
	"SignatureDoesNotMatch":               KindAuth,
	"ExpiredToken":                        KindAuth,
	"ExpiredTokenException":               KindAuth,
	"UnrecognizedClientException":         KindAuth,
	"MissingAuthenticationToken":          KindAuth,
	"ServiceUnavailable":                  KindUnavailable,
	"ServiceFailure":                      KindUnavailable,
	"InternalFailure":                     KindUnavailable,
	"InternalError":                       KindUnavailable,
	"ServiceUnavailableException":         KindUnavailable,
	"InsufficientS3BucketPolicyException": KindValidation,
}

// KindForCode classifies an AWS error code.
func KindForCode(code string) Kind {
	return kindByCode[code]
}
