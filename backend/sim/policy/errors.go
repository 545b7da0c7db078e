package policy

import "fmt"

// Error codes AWS answers for a policy document it refuses. IAM (CreatePolicy,
// PutUserPolicy, …) says MalformedPolicyDocument; S3 PutBucketPolicy says
// MalformedPolicy. Both are HTTP 400.
const (
	CodeMalformedPolicyDocument = "MalformedPolicyDocument"
	CodeMalformedPolicy         = "MalformedPolicy"
)

// ErrorKind is the reason a document was refused, independent of wording, so a
// service can map it to its own error without parsing messages.
type ErrorKind uint8

// Reasons reported in ParseError.Kind.
const (
	ErrSyntax             ErrorKind = iota + 1 // not JSON, unknown element, wrong JSON type, unknown operator…
	ErrVersion                                 // Version is not a known policy language version
	ErrVersionTooOld                           // Version missing or 2008-10-17 where 2012-10-17 is required
	ErrLegacyParsing                           // shapes IAM's legacy parser refuses (Effect case, bad dates)
	ErrMissingStatement                        // no Statement element
	ErrEmptyStatement                          // Statement is []
	ErrMissingEffect                           // statement without Effect
	ErrInvalidEffect                           // Effect other than Allow/Deny
	ErrPrincipalForbidden                      // Principal/NotPrincipal in an identity-based policy
	ErrMissingPrincipal                        // resource-based statement without Principal/NotPrincipal
	ErrInvalidPrincipal                        // Principal value AWS does not accept
	ErrMissingAction                           // no Action/NotAction
	ErrMissingResource                         // no Resource/NotResource
	ErrInvalidAction                           // action without vendor, two colons, bad vendor
	ErrInvalidResource                         // resource not "*" and not an ARN
	ErrDuplicateSid                            // two statements share a Sid
)

// ParseError is a refused policy document. Message is worded the way the
// service that received the document words it (IAM for Parse, S3 for
// ParseResource), so handlers can copy it into the error response unchanged.
type ParseError struct {
	Code    string // CodeMalformedPolicyDocument or CodeMalformedPolicy
	Kind    ErrorKind
	Message string
}

// Error returns the AWS message alone, because that is what AWS puts in
// <Message>.
func (e *ParseError) Error() string { return e.Message }

// IAM wording, from real CLI transcripts and moto's validator (which was written
// against live IAM responses); see the package report for sources.
const (
	iamSyntax          = "Syntax errors in policy."
	iamLegacy          = "The policy failed legacy parsing"
	iamPrincipal       = "Policy document should not specify a principal."
	iamNoActions       = "Policy statement must contain actions."
	iamNoResources     = "Policy statement must contain resources."
	iamDuplicateSid    = "Statement IDs (SID) in a single policy must be unique."
	iamNoVendor        = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
	iamTwoColons       = "Actions/Condition can contain only one colon."
	iamVersionTooOld   = "Policy document must be version 2012-10-17 or greater."
	iamResourceNotArn  = `Resource %s must be in ARN format or "*".`
	iamResourceVendor  = "Resource vendor must be fully qualified and cannot contain regexes."
	iamBadVendorFormat = "Vendor %s is not valid"
)

// S3 PutBucketPolicy wording (MalformedPolicy), as reproduced by S3-compatible
// gateways tested against AWS. Where no S3 wording is known the generic
// invalid-JSON message is used.
const (
	s3NotObject        = "Policies must be valid JSON and the first byte must be '{'"
	s3InvalidJSON      = "This policy contains invalid Json"
	s3NoStatement      = "Missing required field Statement"
	s3EmptyStatement   = "Could not parse the policy: Statement is empty!"
	s3NoEffect         = "Missing required field Effect"
	s3InvalidEffect    = "Invalid effect: %s"
	s3NoPrincipal      = "Missing required field Principal"
	s3InvalidPrincipal = "Invalid principal in policy"
	s3NoAction         = "Missing required field Action"
	s3NoResource       = "Missing required field Resource"
	s3InvalidAction    = "Policy has invalid action"
	s3InvalidResource  = "Policy has invalid resource"
	s3InvalidVersion   = "The policy must contain a valid version string"
	s3DuplicateSid     = "Statement IDs (SID) in a single policy must be unique."
)

// newError words kind for the document kind being parsed. detail is the
// offending value for messages that quote it.
func (k docKind) newError(kind ErrorKind, detail string) *ParseError {
	if k == kindResource {
		return &ParseError{Code: CodeMalformedPolicy, Kind: kind, Message: s3Message(kind, detail)}
	}
	return &ParseError{Code: CodeMalformedPolicyDocument, Kind: kind, Message: iamMessage(kind, detail)}
}

func iamMessage(kind ErrorKind, detail string) string {
	switch kind {
	case ErrLegacyParsing:
		return iamLegacy
	case ErrPrincipalForbidden:
		return iamPrincipal
	case ErrMissingAction:
		return iamNoActions
	case ErrMissingResource:
		return iamNoResources
	case ErrDuplicateSid:
		return iamDuplicateSid
	case ErrVersionTooOld:
		return iamVersionTooOld
	case ErrInvalidAction, ErrInvalidResource:
		return detail // already worded by the validator
	default:
		return iamSyntax
	}
}

func s3Message(kind ErrorKind, detail string) string {
	switch kind {
	case ErrSyntax:
		if detail == "notobject" {
			return s3NotObject
		}
		return s3InvalidJSON
	case ErrVersion, ErrVersionTooOld:
		return s3InvalidVersion
	case ErrMissingStatement:
		return s3NoStatement
	case ErrEmptyStatement:
		return s3EmptyStatement
	case ErrMissingEffect:
		return s3NoEffect
	case ErrInvalidEffect:
		return fmt.Sprintf(s3InvalidEffect, detail)
	case ErrMissingPrincipal:
		return s3NoPrincipal
	case ErrInvalidPrincipal, ErrPrincipalForbidden:
		return s3InvalidPrincipal
	case ErrMissingAction:
		return s3NoAction
	case ErrMissingResource:
		return s3NoResource
	case ErrInvalidAction:
		return s3InvalidAction
	case ErrInvalidResource:
		return s3InvalidResource
	case ErrDuplicateSid:
		return s3DuplicateSid
	default:
		return s3InvalidJSON
	}
}
