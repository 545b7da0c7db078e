package serve

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// controlPrefix is the simulator's own API. Part of it is the operator's (reset,
// scenarios: `labconsole sim reset`), never a student's: over SSH only the console is
// served. The rest backs console features on the student's own sandbox, which the
// console reaches in process like any AWS call.
const controlPrefix = "/_sim/"

// consoleControl lists the control endpoints the console's own screens call (see
// backend/awsapi), by method and path under /_sim/. Anything else under /_sim/ is
// refused before it reaches the simulator; a test fails when backend/awsapi calls an
// endpoint that is neither here nor in operatorControl, so each new one is decided.
var consoleControl = map[string]bool{
	"POST signin":             true, // the console's IAM user sign-in page (lab)
	"POST signout":            true,
	"GET clock":               true, // the lab's fast-forward of the student's own clock
	"POST clock/advance":      true,
	"GET mailbox":             true, // the simulated inbox for SNS e-mail subscriptions
	"POST mailbox/confirm":    true,
	"GET billing/preferences": true, // Billing preferences: receive billing alerts
	"PUT billing/preferences": true,
	"POST billing/spend":      true, // the lab's simulated spend for the billing alarm
}

// operatorControl are the endpoints that stay the operator's, listed for the test.
var operatorControl = map[string]bool{"POST reset": true, "POST scenario/": true}

var (
	errControlAPI error = guardError("this part of the simulator's control API is not available over SSH")
	errReadOnly   error = guardError("read-only view: this action is not allowed")
)

// guardError is a refusal by the session's transport. It tells the SDK's retryer not
// to retry: a refusal is final, and retrying would only delay the message.
type guardError string

func (e guardError) Error() string        { return string(e) }
func (e guardError) RetryableError() bool { return false }

// sessionTransport guards a sandbox's in-process transport for a session.
type sessionTransport struct {
	next     http.RoundTripper
	readOnly bool // the instructor's view of a student's sandbox
}

func (t sessionTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if path, ok := strings.CutPrefix(req.URL.Path, controlPrefix); ok && !consoleControl[req.Method+" "+path] {
		closeBody(req)
		return nil, errControlAPI
	}
	if t.readOnly {
		ok, err := readOnlyRequest(req)
		if err != nil {
			closeBody(req)
			return nil, err
		}
		if !ok {
			closeBody(req)
			return nil, errReadOnly
		}
	}
	return t.next.RoundTrip(req)
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// readOnlyPrefixes are the AWS operation verbs that only read. Checking the operation
// on the wire, rather than wrapping backend.Backend method by method, keeps the view
// read-only as screens and Backend methods are added.
// FilterLogEvents is CloudWatch Logs' search, a read like GetLogEvents.
var readOnlyPrefixes = []string{"List", "Get", "Describe", "Lookup", "Head", "Filter"}

// readOnlyRequest finds the request's operation in whichever protocol carries it —
// X-Amz-Target (JSON), /operation/<Op> (rpc-v2-cbor), Action= (query) — and falls back
// to the HTTP method for REST services such as S3.
func readOnlyRequest(req *http.Request) (bool, error) {
	op := ""
	if target := req.Header.Get("X-Amz-Target"); target != "" {
		op = target[strings.LastIndexByte(target, '.')+1:]
	} else if i := strings.LastIndex(req.URL.Path, "/operation/"); i >= 0 {
		op = req.URL.Path[i+len("/operation/"):]
	} else if strings.HasPrefix(req.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		body, err := peekBody(req)
		if err != nil {
			return false, err
		}
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return false, nil
		}
		op = form.Get("Action")
	} else if a := req.URL.Query().Get("Action"); a != "" {
		op = a
	} else {
		return req.Method == http.MethodGet || req.Method == http.MethodHead, nil
	}
	for _, p := range readOnlyPrefixes {
		if strings.HasPrefix(op, p) {
			return true, nil
		}
	}
	return false, nil
}

// peekBody reads the body and puts it back for the simulator.
func peekBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	body, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return body, nil
}
