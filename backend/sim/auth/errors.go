package auth

// Family selects the wording of an authentication error. AWS's front ends
// disagree: query services (IAM, STS, SNS) answer InvalidClientTokenId and
// SignatureDoesNotMatch with 403, JSON/CBOR services (CloudTrail, Logs, the JSON
// and CBOR CloudWatch protocols) answer UnrecognizedClientException and
// InvalidSignatureException with 400, and S3 has its own codes, messages and
// extra XML elements.
type Family int

const (
	// FamilyQuery is the awsQuery/ec2 front end (IAM, STS, SNS, CloudWatch query).
	FamilyQuery Family = iota
	// FamilyJSON is the awsJson1.0/1.1 and rpc-v2-cbor front end (CloudTrail, Logs).
	FamilyJSON
	// FamilyS3 is the restXml S3 front end.
	FamilyS3
)

// String names the family for logs and test output.
func (f Family) String() string {
	switch f {
	case FamilyJSON:
		return "json"
	case FamilyS3:
		return "s3"
	default:
		return "query"
	}
}

// Kind is the protocol-independent reason a request failed authentication, so
// callers can branch (for example, treat KindMissing as an anonymous S3 request
// that a bucket policy may still allow) without parsing codes.
type Kind string

// Reasons reported in Error.Kind.
const (
	KindMissing         Kind = "Missing"         // no credentials at all
	KindUnsupported     Kind = "Unsupported"     // credentials in another scheme (SigV2, SigV4a, Bearer…)
	KindMalformed       Kind = "Malformed"       // SigV4 structurally invalid
	KindExpired         Kind = "Expired"         // outside the time window, or presigned URL expired/not yet valid
	KindScope           Kind = "Scope"           // credential scope date/terminator wrong
	KindUnknownKey      Kind = "UnknownKey"      // access key id not known (or inactive)
	KindMismatch        Kind = "Mismatch"        // signature (or chunk signature) does not match
	KindUnsignedHeaders Kind = "UnsignedHeaders" // S3: x-amz-* headers present but not signed
	KindPayload         Kind = "Payload"         // payload hash or trailing checksum does not match the body
	KindBody            Kind = "Body"            // aws-chunked body or trailer malformed
)

// Field is an extra element AWS adds to an S3 error document (for example
// <AWSAccessKeyId> or <StringToSign>), kept in AWS's order.
type Field struct {
	Name  string
	Value string
}

// Error carries AWS's answer for an authentication failure: the code, the exact
// message, the HTTP status and (for S3) the extra XML elements. It is rendered
// for one Family; ForFamily re-renders it for another when the caller knows the
// protocol better than the request did (e.g. an anonymous S3 request).
type Error struct {
	Kind    Kind
	Family  Family
	Code    string // e.g. "SignatureDoesNotMatch"
	Message string // AWS's wording
	Status  int    // HTTP status
	Fields  []Field

	render func(Family) spec
}

type spec struct {
	code   string
	msg    string
	status int
	fields []Field
}

// Error implements error as "Code: Message".
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// ForFamily returns the same failure worded as family f answers it.
func (e *Error) ForFamily(f Family) *Error {
	if e == nil || e.render == nil || f == e.Family {
		return e
	}
	return build(e.Kind, f, e.render)
}

func build(kind Kind, f Family, r func(Family) spec) *Error {
	s := r(f)
	return &Error{Kind: kind, Family: f, Code: s.code, Message: s.msg, Status: s.status, Fields: s.fields, render: r}
}
