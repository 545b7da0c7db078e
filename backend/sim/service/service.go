// Package service is the contract between the simulator's router and its services: a
// Call carries one authenticated request, and a service is a table of operations. The
// router owns protocols, signatures and recording; services own only their state and
// their operations' logic.
package service

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
)

// Principal is the identity a request was authenticated as.
type Principal struct {
	Type        string // "IAMUser" or "Root"
	Account     string
	UserName    string
	UserID      string // the principal ID (AIDA… for users)
	Arn         string
	AccessKeyID string
	// SessionIssuedAt is when the temporary credentials the request was signed with
	// were issued (the simulator's console sign-in); zero for long-term keys.
	// CloudTrail's userIdentity.sessionContext is built from it and MFAUsed.
	SessionIssuedAt time.Time
	MFAUsed         bool
}

// ConsoleSession reports whether the request was signed with console sign-in
// credentials rather than a long-term access key.
func (p Principal) ConsoleSession() bool { return !p.SessionIssuedAt.IsZero() }

// Call is one authenticated request as a service sees it.
type Call struct {
	Ctx       context.Context
	Req       *protocol.Request
	Spec      *protocol.Spec
	Account   string
	Region    string
	Principal Principal
	RequestID string
	Now       time.Time // simulated time of the request
	SourceIP  string
	UserAgent string
	// Trailers are the trailing headers of an aws-chunked upload (x-amz-checksum-*);
	// the router has decoded the chunks into Req.Body. Nil for other requests.
	Trailers http.Header

	// Input and Output are the decoded request and the result, kept for the
	// CloudTrail recorder's requestParameters and responseElements.
	Input  any
	Output any
	// Record carries what the recorder cannot derive (see RecordHints).
	Record RecordHints
	// Authorizer is installed by the router; services call Authorize.
	Authorizer Authorizer
	authorized bool
}

// Handler runs one operation and returns its output (nil for operations without one).
type Handler func(*Call) (any, error)

// Service is one simulated AWS service.
type Service interface {
	// Spec says how the service is addressed on the wire.
	Spec() *protocol.Spec
	// Handler returns the operation named op, false when the service has no such action.
	Handler(op string) (Handler, bool)
}

// Ops is an operation table services build their Handler from.
type Ops map[string]Handler

// Handler looks up op.
func (o Ops) Handler(op string) (Handler, bool) {
	h, ok := o[op]
	return h, ok
}

// Op adapts a typed operation to a Handler: it decodes the input in the request's own
// protocol, runs fn and keeps input and output on the Call for recording.
func Op[In, Out any](fn func(*Call, *In) (*Out, error)) Handler {
	return func(c *Call) (any, error) {
		in := new(In)
		if err := c.Req.Decode(in); err != nil {
			return nil, err
		}
		c.Input = in
		out, err := fn(c, in)
		if err != nil {
			return nil, err
		}
		if out == nil {
			return nil, nil
		}
		c.Output = out
		return out, nil
	}
}

// ValidationError is the generic AWS validation failure ("1 validation error detected: …").
func ValidationError(format string, args ...any) *protocol.Error {
	return protocol.NewError(400, "ValidationError", fmt.Sprintf(format, args...))
}

// OperationResolver is implemented by REST services (S3), whose operation is named by
// method, path and query rather than on the wire. The router asks it before
// authorization and recording, which both need the operation's name.
type OperationResolver interface {
	ResolveOperation(req *protocol.Request) (string, error)
}

// RawResponse is an operation output that writes its own HTTP response: REST
// operations set headers (ETag, Content-Type, Last-Modified) and stream bodies.
type RawResponse interface {
	WriteHTTP(w http.ResponseWriter, requestID string)
}
