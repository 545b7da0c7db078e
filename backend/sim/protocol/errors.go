package protocol

import (
	"errors"
	"fmt"
	"net/http"
)

// Error is an AWS-shaped service error. Services return it from handlers;
// WriteError renders it in the caller's protocol so SDKs map it to their
// modeled exception types.
type Error struct {
	Code      string // "NoSuchEntity"; for JSON/CBOR the shape name ("LimitExceededFault")
	Message   string
	Status    int    // HTTP status; 0 means 400
	Receiver  bool   // fault is the server's (Type Receiver), else Sender
	QueryCode string // for query-compatible services: the awsQuery code if it differs from Code ("LimitExceeded")
	Extra     []KV   // extra elements for XML errors (e.g. BucketName) and extra JSON/CBOR members, in order

	// Type overrides the JSON/CBOR __type when the error is not in the
	// service's namespace, e.g. "com.amazon.coral.service#SerializationException".
	Type string

	generic bool // produced by asError for a non-*Error
}

// KV is one extra error member.
type KV struct{ Key, Value string }

// Error implements error.
func (e *Error) Error() string {
	if e.Message == "" {
		return e.Code
	}
	return e.Code + ": " + e.Message
}

// HTTPStatus is the status the error is sent with.
func (e *Error) HTTPStatus() int {
	if e.Status == 0 {
		return http.StatusBadRequest
	}
	return e.Status
}

// queryCode is the code an awsQuery client sees.
func (e *Error) queryCode() string {
	if e.QueryCode != "" {
		return e.QueryCode
	}
	return e.Code
}

// faultType is the awsQuery <Type> / x-amzn-query-error fault.
func (e *Error) faultType() string {
	if e.Receiver {
		return "Receiver"
	}
	return "Sender"
}

// NewError returns an error with the given status; 5xx statuses are the
// server's fault (Receiver), everything else the caller's (Sender).
func NewError(status int, code, message string) *Error {
	return &Error{Code: code, Message: message, Status: status, Receiver: status >= 500}
}

// Errorf is NewError with a formatted message.
func Errorf(status int, code, format string, args ...any) *Error {
	return NewError(status, code, fmt.Sprintf(format, args...))
}

// asError extracts the *Error in err's chain, or turns anything else into the
// generic InternalFailure AWS documents as a common error (HTTP 500).
func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) && e != nil {
		return e
	}
	return &Error{
		Code:     "InternalFailure",
		Message:  "The request processing has failed because of an unknown error, exception or failure.",
		Status:   http.StatusInternalServerError,
		Receiver: true,
		generic:  true,
	}
}

// coralNamespace is where AWS's framework-level JSON/CBOR errors live; real
// services send e.g. "com.amazon.coral.service#SerializationException".
const coralNamespace = "com.amazon.coral.service#"

// serializationError is the JSON/CBOR answer to a body that cannot be read
// into the operation's input shape.
func serializationError(msg string) *Error {
	return &Error{Code: "SerializationException", Message: msg, Type: coralNamespace + "SerializationException"}
}

// ErrUnknownOperation is the error for an operation the service does not
// implement, in r's vocabulary: awsQuery InvalidAction (AWS common error,
// HTTP 400), JSON/CBOR UnknownOperationException, restXml NotImplemented.
func ErrUnknownOperation(r *Request) *Error {
	if r == nil {
		return NewError(http.StatusBadRequest, "InvalidAction", "The action or operation requested is invalid. Verify that the action is typed correctly.")
	}
	switch r.Kind {
	case JSON10, JSON11, CBOR:
		return &Error{Code: "UnknownOperationException", Type: coralNamespace + "UnknownOperationException",
			Message: "The operation " + r.Operation + " is not supported by this service."}
	case RestXML:
		return NewError(http.StatusNotImplemented, "NotImplemented", "A header you provided implies functionality that is not implemented.")
	}
	version := r.Form.Get("Version")
	return Errorf(http.StatusBadRequest, "InvalidAction", "Could not find operation %s for version %s", r.Operation, version)
}
