package protocol

import (
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// Detect picks the protocol and operation of r; body is the full, already-read
// request body. The order mirrors how the SDKs mark their requests:
//   - rpc-v2-cbor: header smithy-protocol: rpc-v2-cbor, path /service/<Svc>/operation/<Op>
//   - awsJson: header X-Amz-Target "<prefix>.<Op>"; 1.0 vs 1.1 from the Content-Type
//   - awsQuery: Action= in the URL query or in a POSTed form-urlencoded body
//   - anything else is restXml (S3), which its service routes itself.
//
// Errors are *Error. When the protocol was recognised but the request is
// malformed (bad CBOR path, empty Action, unparseable form), the returned
// Request is non-nil so the error can be answered in the client's protocol.
func Detect(r *http.Request, body []byte) (*Request, error) {
	req := &Request{
		Body:      body,
		HTTP:      r,
		QueryMode: strings.EqualFold(strings.TrimSpace(r.Header.Get("X-Amzn-Query-Mode")), "true"),
	}
	if strings.EqualFold(strings.TrimSpace(r.Header.Get("Smithy-Protocol")), "rpc-v2-cbor") {
		return detectCBOR(req, r)
	}
	if target := strings.TrimSpace(r.Header.Get("X-Amz-Target")); target != "" {
		return detectJSON(req, r, target)
	}
	return detectQuery(req, r, body)
}

// detectCBOR routes an RPC v2 CBOR request by its path.
func detectCBOR(req *Request, r *http.Request) (*Request, error) {
	req.Kind = CBOR
	svc, op, ok := parseCBORPath(r.URL.EscapedPath())
	if !ok {
		return req, &Error{Code: "UnknownOperationException", Status: http.StatusNotFound,
			Message: "Request path does not match /service/{ServiceName}/operation/{OperationName}",
			Type:    coralNamespace + "UnknownOperationException"}
	}
	req.Service, req.Operation = svc, op
	if r.Method != http.MethodPost {
		return req, &Error{Code: "UnknownOperationException", Status: http.StatusMethodNotAllowed,
			Message: "rpc-v2-cbor requests must use POST", Type: coralNamespace + "UnknownOperationException"}
	}
	return req, nil
}

// parseCBORPath splits ".../service/<Svc>/operation/<Op>"; the smithy spec
// allows a prefix before /service/ (an endpoint path), so only the last four
// segments are significant. Names are shape names: no escapes, no '#'.
func parseCBORPath(p string) (svc, op string, ok bool) {
	p = strings.TrimSuffix(p, "/")
	segs := strings.Split(p, "/")
	if len(segs) < 5 {
		return "", "", false
	}
	tail := segs[len(segs)-4:]
	if tail[0] != "service" || tail[2] != "operation" || !isShapeName(tail[1]) || !isShapeName(tail[3]) {
		return "", "", false
	}
	return tail[1], tail[3], true
}

// isShapeName reports whether s is a plausible Smithy identifier.
func isShapeName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// detectJSON routes an awsJson request by X-Amz-Target.
func detectJSON(req *Request, r *http.Request, target string) (*Request, error) {
	req.Kind = JSON11
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && mt == "application/x-amz-json-1.0" {
		req.Kind = JSON10
	}
	i := strings.LastIndexByte(target, '.')
	if i <= 0 || i == len(target)-1 {
		return req, &Error{Code: "UnknownOperationException", Type: coralNamespace + "UnknownOperationException",
			Message: "X-Amz-Target must be <service>.<operation>"}
	}
	req.Service, req.Operation = target[:i], target[i+1:]
	return req, nil
}

// detectQuery recognises awsQuery (Action in URL or form body) and otherwise
// leaves the request to restXml.
func detectQuery(req *Request, r *http.Request, body []byte) (*Request, error) {
	urlForm, urlErr := url.ParseQuery(r.URL.RawQuery)
	var bodyForm url.Values
	var bodyErr error
	if r.Method == http.MethodPost && isFormEncoded(r.Header.Get("Content-Type")) {
		bodyForm, bodyErr = url.ParseQuery(string(body))
	}
	_, inURL := urlForm["Action"]
	_, inBody := bodyForm["Action"]
	isQuery := inURL || inBody ||
		// A form POST to the service root that does not even parse is a
		// broken awsQuery call; S3's form-encoded POSTs always carry a
		// sub-resource in the URL (?delete, ?uploads, …).
		bodyErr != nil && r.URL.RawQuery == ""
	if !isQuery {
		req.Kind = RestXML
		return req, nil
	}
	req.Kind = Query
	form := url.Values{}
	for k, v := range urlForm {
		form[k] = append(form[k], v...)
	}
	for k, v := range bodyForm {
		form[k] = append(form[k], v...)
	}
	req.Form = form
	req.Operation = form.Get("Action")
	if isEC2Version(form.Get("Version")) {
		req.Kind = EC2Query
	}
	if urlErr != nil || bodyErr != nil {
		return req, NewError(http.StatusNotFound, "MalformedQueryString", "The query string contains a syntax error.")
	}
	if !isShapeName(req.Operation) {
		if req.Operation == "" {
			return req, NewError(http.StatusBadRequest, "MissingAction", "The request is missing an action or a required parameter.")
		}
		return req, ErrUnknownOperation(req)
	}
	return req, nil
}

// isFormEncoded reports whether a Content-Type is form-urlencoded (botocore
// adds "; charset=utf-8", smithy-go sends it bare).
func isFormEncoded(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	}
	return mt == "application/x-www-form-urlencoded"
}
