// Package protocol is the wire layer shared by every simulated AWS service.
//
// A service describes its operations once, as plain Go input and output
// structs, and this package serves them in every protocol a real client may
// speak: awsQuery (IAM, STS, SNS, legacy CloudWatch), awsJson 1.0/1.1
// (CloudTrail, Logs, CloudWatch), Smithy RPC v2 CBOR (current CloudWatch SDKs)
// and restXml (S3, whose service routes itself). Unmodified aws-sdk-go-v2,
// AWS CLI and boto3 clients must parse what is written here, so the encodings
// follow botocore's parsers and smithy-go's deserializers byte for byte where
// it matters.
//
// # Flow
//
//	req, err := protocol.Detect(httpReq, body) // which protocol, which operation
//	if err != nil { protocol.WriteError(w, spec, req, err, id); return } // req may be nil
//	var in ListUsersInput
//	if err := req.Decode(&in); err != nil { protocol.WriteError(w, spec, req, err, id); return }
//	out, err := svc.ListUsers(&in)
//	if err != nil { protocol.WriteError(w, spec, req, err, id); return }
//	protocol.WriteResult(w, spec, req, out, id)
//
// # Struct convention
//
// The wire name of a member is the `aws:"Name"` tag if present, else the Go
// field name; name fields exactly as AWS does (UserName, Users, IsTruncated).
// `aws:"Name,flattened"` marks an awsQuery flattened list or map; `aws:"-"`
// skips a field. Unexported fields are ignored; embedded structs are inlined.
//
// Supported member types: string, bool, every int/uint/float kind (named types
// such as `type StateValue string` included), time.Time, []byte (blob), and
// pointers to, slices of and map[string] of any of these, plus nested structs.
//
// On output nil pointers, slices and maps are omitted, while non-pointer zero
// values are written, so optional members should be pointers. Members are
// written in struct field order; map entries in key order.
//
// On input unknown members are ignored and every malformed value becomes an
// *Error in the protocol's own vocabulary (awsQuery InvalidParameterValue or
// MalformedQueryString, JSON/CBOR SerializationException), never a panic.
//
// Example pair (IAM ListUsers):
//
//	type ListUsersInput struct {
//		PathPrefix *string
//		Marker     *string
//		MaxItems   *int32
//	}
//	type ListUsersOutput struct {
//		Users       []User // make it non-nil: AWS sends <Users/> when empty
//		IsTruncated bool
//		Marker      *string
//	}
//	type User struct {
//		Path, UserName, UserId, Arn string
//		CreateDate                  time.Time
//		PasswordLastUsed            *time.Time
//		Tags                        []Tag
//	}
//	type Tag struct{ Key, Value string }
//
// Operations with a modeled output must pass a non-nil output to WriteResult:
// aws-sdk-go-v2's awsQuery deserializers require the <OpResult> element.
package protocol
