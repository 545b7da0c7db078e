package protocol

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// opFunc handles one decoded operation in a test service.
type opFunc func(r *Request) (any, error)

// simServer is a minimal simulated service built only from this package's
// API, the way real service packages will use it. It records the requests
// it saw so tests can assert on the decoded inputs.
type simServer struct {
	*httptest.Server
	mu   sync.Mutex
	seen []*Request
}

func newSimServer(t *testing.T, spec *Spec, ops map[string]opFunc) *simServer {
	t.Helper()
	s := &simServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, hr *http.Request) {
		const id = "11111111-2222-3333-4444-555555555555"
		body, err := io.ReadAll(hr.Body)
		if err != nil {
			WriteError(w, spec, nil, err, id)
			return
		}
		req, err := Detect(hr, body)
		if req != nil {
			s.mu.Lock()
			s.seen = append(s.seen, req)
			s.mu.Unlock()
		}
		if err != nil {
			WriteError(w, spec, req, err, id)
			return
		}
		if req.Kind != RestXML && !spec.Matches(req) {
			WriteError(w, spec, req, ErrUnknownOperation(req), id)
			return
		}
		op, ok := ops[req.Operation]
		if req.Kind == RestXML {
			op, ok = ops[hr.Method+" "+hr.URL.Path]
		}
		if !ok {
			WriteError(w, spec, req, ErrUnknownOperation(req), id)
			return
		}
		out, err := op(req)
		if err != nil {
			WriteError(w, spec, req, err, id)
			return
		}
		WriteResult(w, spec, req, out, id)
	}))
	t.Cleanup(s.Close)
	return s
}

// last returns the most recent request the server saw.
func (s *simServer) last() *Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.seen) == 0 {
		return nil
	}
	return s.seen[len(s.seen)-1]
}

// sdkConfig is an aws.Config built by hand: config.LoadDefaultConfig would
// honour this machine's AWS_CA_BUNDLE and clash with the test server.
func sdkConfig(t *testing.T) aws.Config {
	t.Helper()
	t.Setenv("AWS_CA_BUNDLE", "")
	return aws.Config{
		Region:      "us-east-1",
		Credentials: aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}
}

// capMu guards the inputs decodeInto captures. In-process SDK calls are
// ordered by the socket I/O the race detector knows about; calls from an AWS
// CLI subprocess are not, so readers there take capMu too.
var capMu sync.Mutex

// decodeInto is an opFunc helper: decode into in, then return out.
func decodeInto[In any](in *In, out func(*In) (any, error)) opFunc {
	return func(r *Request) (any, error) {
		var v In
		if err := r.Decode(&v); err != nil {
			return nil, err
		}
		capMu.Lock()
		*in = v
		capMu.Unlock()
		return out(&v)
	}
}
