package sim

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/auth"
	"github.com/labconsole/labconsole/backend/sim/iam"
	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// MaxBodyBytes bounds a request body the router reads into memory.
const MaxBodyBytes = 64 << 20

// ServeHTTP routes one AWS request: read the body, pick the protocol and the service,
// verify the signature, authenticate the key, run the operation and answer in the
// protocol the request came in.
func (s *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		protocol.WriteError(w, nil, nil, protocol.NewError(413, "RequestEntityTooLarge", "Request body is too large."), requestID)
		return
	}
	if strings.HasPrefix(r.URL.Path, controlPrefix) {
		s.serveControl(w, r, body)
		return
	}
	payload, err := inflate(r, body)
	if err != nil {
		protocol.WriteError(w, nil, nil, err, requestID)
		return
	}
	req, err := protocol.Detect(r, payload)
	if err != nil {
		// req is non-nil when the protocol was recognised: answer in it.
		protocol.WriteError(w, nil, req, err, requestID)
		return
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	svc, spec := s.route(r, req)
	if svc == nil {
		if _, _, _, signed := auth.ParseScope(r); !signed {
			// Unsigned and unroutable: the answer is the missing-token error, worded
			// for the request's protocol family by the auth layer.
			_, err := s.authenticate(r, body, &protocol.Spec{})
			protocol.WriteError(w, nil, req, err, requestID)
			return
		}
		protocol.WriteError(w, spec, req, protocol.NewError(400, "UnknownService", "The simulator does not implement the service this request was signed for."), requestID)
		return
	}
	if !spec.Matches(req) {
		if req.Kind == protocol.RestXML && spec.XMLNamespace != "" {
			// A form post to a query service without Action: answer as the service would.
			req.Kind = protocol.Query
			protocol.WriteError(w, spec, req, protocol.NewError(400, "MissingAction", "Missing Action"), requestID)
			return
		}
		protocol.WriteError(w, spec, req, protocol.ErrUnknownOperation(req), requestID)
		return
	}
	principal, err := s.authenticate(r, body, spec)
	if err != nil {
		protocol.WriteError(w, spec, req, err, requestID)
		return
	}
	payload, trailers, err := s.decodeStreaming(r, payload)
	if err != nil {
		protocol.WriteError(w, spec, req, err, requestID)
		return
	}
	req.Body = payload
	if res, ok := svc.(service.OperationResolver); ok && req.Operation == "" {
		op, err := res.ResolveOperation(req)
		if err != nil {
			protocol.WriteError(w, spec, req, err, requestID)
			return
		}
		req.Operation = op
	}
	h, ok := svc.Handler(req.Operation)
	if !ok {
		protocol.WriteError(w, spec, req, protocol.ErrUnknownOperation(req), requestID)
		return
	}
	if err := s.throttle(spec, req, s.regionOf(r)); err != nil {
		protocol.WriteError(w, spec, req, err, requestID)
		return
	}
	call := &service.Call{
		Ctx:        r.Context(),
		Req:        req,
		Spec:       spec,
		Account:    s.opts.AccountID,
		Region:     s.regionOf(r),
		Principal:  principal,
		RequestID:  requestID,
		Now:        s.clock.Now(),
		SourceIP:   sourceIP(r),
		UserAgent:  r.UserAgent(),
		Trailers:   trailers,
		Authorizer: s.authorize,
	}
	out, err := s.run(h, call)
	if err == nil && !call.Authorized() {
		// Every operation must ask for authorization; answering one that did not
		// would silently bypass IAM, so it is a simulator bug, reported as one.
		s.log.Error("operation did not authorize", "service", spec.SigningName, "operation", req.Operation)
		out, err = nil, protocol.Errorf(500, "InternalFailure", "the simulator's %s operation did not check authorization", req.Operation)
	}
	// Every call that got past authentication is recorded, failures and denials too
	// (AWS does not record requests that fail authentication).
	s.record(call, spec, err)
	if err != nil {
		protocol.WriteError(w, spec, req, err, requestID)
		return
	}
	if raw, ok := out.(service.RawResponse); ok {
		raw.WriteHTTP(w, requestID)
		return
	}
	protocol.WriteResult(w, spec, req, out, requestID)
}

// run calls the operation, turning a panic into AWS's InternalFailure so one bad
// request never takes the simulator (or the console around it) down.
func (s *Sim) run(h service.Handler, c *service.Call) (out any, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("operation panicked", "operation", c.Req.Operation, "panic", p, "stack", string(debug.Stack()))
			out, err = nil, fmt.Errorf("panic: %v", p)
		}
	}()
	return h(c)
}

// route picks the service by the SigV4 credential scope, falling back to the JSON
// target prefix, the CBOR service name or the host name for unsigned requests (which
// then fail authentication in the right protocol).
func (s *Sim) route(r *http.Request, req *protocol.Request) (service.Service, *protocol.Spec) {
	if _, _, name, ok := auth.ParseScope(r); ok {
		if svc := s.services[name]; svc != nil {
			return svc, svc.Spec()
		}
	}
	if req.Kind == protocol.Query {
		// awsQuery names the API version, and every query service has its own.
		version := req.Form.Get("Version")
		for _, svc := range s.services {
			if sp := svc.Spec(); sp.XMLNamespace != "" && sp.APIVersion == version {
				return svc, sp
			}
		}
	}
	host := strings.ToLower(r.Host)
	for _, svc := range s.services {
		if sp := svc.Spec(); (req.Kind == protocol.JSON10 || req.Kind == protocol.JSON11 || req.Kind == protocol.CBOR) && sp.Matches(req) {
			return svc, sp
		}
	}
	for name, svc := range s.services {
		if strings.HasPrefix(host, name+".") || strings.Contains(host, "."+name+".") {
			return svc, svc.Spec()
		}
	}
	return nil, nil
}

func (s *Sim) regionOf(r *http.Request) string {
	if _, region, _, ok := auth.ParseScope(r); ok && region != "" {
		return region
	}
	return s.opts.Region
}

// authenticate verifies the signature and resolves the key to its principal.
func (s *Sim) authenticate(r *http.Request, body []byte, spec *protocol.Spec) (service.Principal, error) {
	var cred iam.Credential
	lookup := func(id string) (string, bool) {
		c, ok := s.iam.LookupCredential(r.Context(), id)
		cred = c
		return c.Secret, ok
	}
	sig, err := auth.Verify(r, body, lookup, time.Now())
	if err == nil {
		// Console sessions carry a token that must match (see signin.go).
		err = s.checkSessionToken(r, spec, cred, sig.SessionToken)
	}
	principal := cred.Principal
	if err != nil {
		var ae *auth.Error
		if !errors.As(err, &ae) {
			return principal, err
		}
		if spec.SigningName == "s3" {
			// Without credentials there is no scope to tell S3 apart; the route does.
			ae = ae.ForFamily(auth.FamilyS3)
		}
		pe := protocol.NewError(ae.Status, ae.Code, ae.Message)
		for _, f := range ae.Fields {
			pe.Extra = append(pe.Extra, protocol.KV{Key: f.Name, Value: f.Value})
		}
		return principal, pe
	}
	return principal, nil
}

func sourceIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil || host == "" {
		return "127.0.0.1"
	}
	return host
}

// decodeStreaming turns an aws-chunked body (S3 PutObject and UploadPart from the CLI
// and SDKs, x-amz-content-sha256 STREAMING-…) into its payload and trailing headers,
// verifying every chunk signature with the caller's secret, so services only ever
// see the bytes. Other bodies are returned unchanged. The request was authenticated
// already; verifying again yields the seed signature the chunks chain from.
func (s *Sim) decodeStreaming(r *http.Request, body []byte) ([]byte, http.Header, error) {
	if !strings.HasPrefix(r.Header.Get("X-Amz-Content-Sha256"), "STREAMING-") {
		return body, nil, nil
	}
	var secret string
	lookup := func(id string) (string, bool) {
		c, ok := s.iam.LookupCredential(r.Context(), id)
		secret = c.Secret
		return secret, ok
	}
	sig, err := auth.Verify(r, body, lookup, time.Now())
	var trailers http.Header
	if err == nil {
		body, trailers, err = auth.DecodeChunked(body, sig, secret, sig.SeedSignature)
	}
	var ae *auth.Error
	if errors.As(err, &ae) {
		ae = ae.ForFamily(auth.FamilyS3)
		pe := protocol.NewError(ae.Status, ae.Code, ae.Message)
		for _, f := range ae.Fields {
			pe.Extra = append(pe.Extra, protocol.KV{Key: f.Name, Value: f.Value})
		}
		return nil, nil, pe
	}
	return body, trailers, err
}
