package auth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go/encoding/httpbinding"
)

// Test credentials. The lookup knows testAKID only.
const (
	testAKID   = "AKIAIOSFODNN7EXAMPLE"
	testSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	testRegion = "ap-northeast-2"
)

var testCreds = aws.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret}

func testLookup(id string) (string, bool) {
	if id == testAKID {
		return testSecret, true
	}
	return "", false
}

// outcome is what the server-side Verify saw for one request.
type outcome struct {
	sig  *Signature
	err  *Error
	body []byte
}

// verifyServer is a real HTTP server whose handler calls Verify, so requests
// go through Go's client and server stacks exactly as they will in the
// simulator. Each request's outcome is sent on the channel; respond, when set,
// writes the HTTP answer (the default is 200 or the error's status).
type verifyServer struct {
	*httptest.Server
	results chan outcome
	now     func() time.Time
	respond func(w http.ResponseWriter, r *http.Request, o outcome)
}

func newVerifyServer(t testing.TB, tls bool) *verifyServer {
	t.Helper()
	vs := &verifyServer{results: make(chan outcome, 16), now: time.Now}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		sig, err := Verify(r, body, testLookup, vs.now())
		o := outcome{sig: sig, body: body}
		if err != nil {
			o.err = err.(*Error)
		}
		vs.results <- o
		if vs.respond != nil {
			vs.respond(w, r, o)
			return
		}
		if o.err != nil {
			http.Error(w, o.err.Code, o.err.Status)
		}
	})
	if tls {
		vs.Server = httptest.NewTLSServer(h)
	} else {
		vs.Server = httptest.NewServer(h)
	}
	t.Cleanup(vs.Close)
	return vs
}

// do sends req and returns what the server's Verify saw.
func (vs *verifyServer) do(t testing.TB, req *http.Request) outcome {
	t.Helper()
	resp, err := vs.Client().Do(req)
	if err != nil {
		t.Fatalf("request failed: %v", err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	select {
	case o := <-vs.results:
		return o
	case <-time.After(5 * time.Second):
		t.Fatal("handler never ran")
	}
	return outcome{}
}

// reqSpec describes a request to sign with the SDK's own signer.
type reqSpec struct {
	method  string
	service string
	path    string // unescaped; escaped like the SDK does (S3 keeps '/')
	query   string // raw, already encoded
	headers http.Header
	body    []byte
	payload string // x-amz-content-sha256 for S3; "" = hex sha256 of body
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// build makes an unsigned request against base.
func (s reqSpec) build(t testing.TB, base string) *http.Request {
	t.Helper()
	method := s.method
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequest(method, base, bytes.NewReader(s.body))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.body) == 0 {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	path := s.path
	if path == "" {
		path = "/"
	}
	req.URL.Path = path
	req.URL.RawPath = httpbinding.EscapePath(path, false)
	req.URL.RawQuery = s.query
	for k, vs := range s.headers {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if s.service == "s3" && req.Header.Get("X-Amz-Content-Sha256") == "" {
		req.Header.Set("X-Amz-Content-Sha256", s.payloadHash())
	}
	return req
}

func (s reqSpec) payloadHash() string {
	if s.payload != "" {
		return s.payload
	}
	return sha(s.body)
}

func signerFor(service string) *v4.Signer {
	return v4.NewSigner(func(o *v4.SignerOptions) {
		o.DisableURIPathEscaping = service == "s3" // as the S3 client configures it
	})
}

// sign signs req in place like the SDK would at signingTime.
func (s reqSpec) sign(t testing.TB, req *http.Request, creds aws.Credentials, signingTime time.Time) {
	t.Helper()
	err := signerFor(s.service).SignHTTP(context.Background(), creds, req, s.payloadHash(), s.service, testRegion, signingTime)
	if err != nil {
		t.Fatal(err)
	}
}

// presign returns a presigned URL request for the spec.
func (s reqSpec) presign(t testing.TB, base string, creds aws.Credentials, signingTime time.Time, expires time.Duration) *http.Request {
	t.Helper()
	req := s.build(t, base)
	req.Header.Del("X-Amz-Content-Sha256")
	if expires > 0 {
		q := req.URL.Query()
		q.Set("X-Amz-Expires", strconv.FormatInt(int64(expires/time.Second), 10))
		req.URL.RawQuery = q.Encode()
	}
	payload := sha(s.body)
	if s.service == "s3" {
		payload = unsignedPayload
	}
	u, hdr, err := signerFor(s.service).PresignHTTP(context.Background(), creds, req, payload, s.service, testRegion, signingTime)
	if err != nil {
		t.Fatal(err)
	}
	out, err := http.NewRequest(req.Method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range hdr {
		if !strings.EqualFold(k, "Host") {
			out.Header[k] = vs
		}
	}
	return out
}
