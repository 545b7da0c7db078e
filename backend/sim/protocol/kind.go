package protocol

import (
	"net/http"
	"net/url"
	"strings"
)

// Kind is one AWS wire protocol. A simulated service is reachable through
// several of them (CloudWatch speaks CBOR, JSON 1.0 and awsQuery), so every
// request carries the Kind it arrived in and is answered in the same one.
type Kind int

// The protocols spoken by the simulated services.
const (
	Query    Kind = iota + 1 // awsQuery: form-encoded input, XML output
	JSON10                   // awsJson1_0: X-Amz-Target, application/x-amz-json-1.0
	JSON11                   // awsJson1_1: X-Amz-Target, application/x-amz-json-1.1
	CBOR                     // smithy rpcv2Cbor: POST /service/<Svc>/operation/<Op>
	RestXML                  // restXml: S3-style REST, routed by the service itself
	EC2Query                 // ec2Query: awsQuery input with flat Name.N lists, EC2's own XML (ec2query.go)
)

// String returns the Smithy protocol name, which is what logs and error
// messages should show.
func (k Kind) String() string {
	switch k {
	case Query:
		return "awsQuery"
	case JSON10:
		return "awsJson1_0"
	case JSON11:
		return "awsJson1_1"
	case CBOR:
		return "rpcv2Cbor"
	case RestXML:
		return "restXml"
	case EC2Query:
		return "ec2Query"
	}
	return "unknown"
}

// Spec says how one simulated service is addressed on the wire. It holds the
// per-service constants the codecs need (namespaces, target prefixes), so the
// codecs themselves stay service-agnostic.
type Spec struct {
	SigningName      string // SigV4 service name: "iam", "sts", "monitoring", "cloudtrail", "sns", "logs", "s3"
	APIVersion       string // "2010-05-08"
	XMLNamespace     string // awsQuery response namespace, e.g. "https://iam.amazonaws.com/doc/2010-05-08/"
	JSONTargetPrefix string // X-Amz-Target prefix before ".<Op>"
	CBORService      string // rpc-v2-cbor service name in the path, "GraniteServiceVersion20100801"
	ErrorNamespace   string // smithy namespace for JSON/CBOR __type ("com.amazonaws.cloudwatch"); empty = bare code
	QueryCompatible  bool   // awsQueryCompatible: JSON/CBOR errors also carry x-amzn-query-error: <Code>;<Sender|Receiver>
	EC2              bool   // speaks ec2Query (XMLNamespace is then EC2's response namespace)
}

// Matches reports whether r is addressed to the service described by s: the
// X-Amz-Target prefix or CBOR service name must be this service's. awsQuery
// and restXml requests carry no such name (the SigV4 scope routes them), so
// they match when s is configured for that protocol at all (an XML namespace
// for awsQuery, signing name "s3" for restXml).
func (s *Spec) Matches(r *Request) bool {
	if s == nil || r == nil {
		return false
	}
	switch r.Kind {
	case Query:
		return s.XMLNamespace != "" && !s.EC2
	case EC2Query:
		return s.EC2
	case JSON10, JSON11:
		return s.JSONTargetPrefix != "" && targetMatches(r.Service, s.JSONTargetPrefix)
	case CBOR:
		return s.CBORService != "" && r.Service == s.CBORService
	case RestXML:
		return s.SigningName == "s3"
	}
	return false
}

// targetMatches compares an X-Amz-Target prefix with the spec's. botocore
// sends the model's full targetPrefix ("com.amazonaws.cloudtrail.v20131101.
// CloudTrail_20131101.ListTrails") but aws-sdk-go-v2 only the service shape
// name ("CloudTrail_20131101.ListTrails"); real services accept both.
func targetMatches(got, want string) bool {
	if got == want {
		return true
	}
	if i := strings.LastIndexByte(want, '.'); i >= 0 {
		return got == want[i+1:]
	}
	return false
}

// Request is an incoming call decoded far enough to route it.
type Request struct {
	Kind      Kind
	Operation string        // "" for RestXML (the S3 service routes itself)
	Service   string        // X-Amz-Target prefix as sent (JSON) or path service name (CBOR); "" otherwise
	QueryMode bool          // client sent x-amzn-query-mode: true
	Form      url.Values    // Query: merged URL query + form body
	Body      []byte        // the full request body
	HTTP      *http.Request // the original request, for headers and (RestXML) routing
}

// isHead reports whether the response must carry no body.
func (r *Request) isHead() bool {
	return r != nil && r.HTTP != nil && r.HTTP.Method == http.MethodHead
}
