package serve

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/model"
)

func newSandboxBackend(t *testing.T, readOnly bool) (*sim.Sim, *awsapi.Backend) {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	srv := &Server{}
	return s, srv.sandboxBackend(&sandbox{sim: s}, readOnly)
}

func TestOperatorControlIsNeverReachableFromASession(t *testing.T) {
	s, _ := newSandboxBackend(t, false)
	creds := s.AdminCredentials()
	before := creds.AccessKeyID
	for _, c := range []struct{ method, path string }{
		{"POST", "/_sim/reset"}, {"POST", "/_sim/scenario/lab1"}, {"GET", "/_sim/reset"},
		{"DELETE", "/_sim/clock"}, {"POST", "/_sim/anything-new"}, {"POST", "/_sim/"},
	} {
		req, _ := http.NewRequest(c.method, "https://sim.local"+c.path, strings.NewReader(""))
		_, err := sessionTransport{next: s.RoundTripper()}.RoundTrip(req)
		if !errors.Is(err, errControlAPI) {
			t.Fatalf("%s %s: err = %v, want it refused", c.method, c.path, err)
		}
	}
	if s.AdminCredentials().AccessKeyID != before {
		t.Fatal("the sandbox was reset")
	}
	// A console feature on the student's own sandbox still works (the lab's clock).
	req, _ := http.NewRequest(http.MethodGet, "https://sim.local/_sim/clock", nil)
	if _, err := (sessionTransport{next: s.RoundTripper()}).RoundTrip(req); err != nil {
		t.Fatalf("GET /_sim/clock, a console feature: %v", err)
	}
}

// controlCall finds the control endpoints backend/awsapi calls: "/_sim/<path>" string
// literals, with the HTTP method named on the same line when there is one.
var controlCall = regexp.MustCompile(`(?:http\.Method(Get|Post|Put|Delete)[^"]*)?"/_sim/([a-z/]*)`)

func TestEveryControlCallOfTheConsoleIsDecided(t *testing.T) {
	files, err := filepath.Glob("../../backend/awsapi/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("backend/awsapi not found: %v", err)
	}
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		for _, line := range strings.Split(string(src), "\n") {
			for _, m := range controlCall.FindAllStringSubmatch(line, -1) {
				found++
				path, method := m[2], strings.ToUpper(m[1])
				if method == "" {
					method = "POST" // the unsigned helper posts
				}
				if strings.HasPrefix(path, "scenario/") {
					path = "scenario/"
				}
				if !consoleControl[method+" "+path] && !operatorControl[method+" "+path] {
					t.Errorf("%s calls %s /_sim/%s: add it to consoleControl (a console feature on the student's own sandbox) or operatorControl in serve/guard.go", f, method, path)
				}
			}
		}
	}
	if found == 0 {
		t.Skip("backend/awsapi calls no control endpoint")
	}
}

func TestReadOnlyTransportLetsOnlyReadsThrough(t *testing.T) {
	_, ro := newSandboxBackend(t, true)
	ctx := context.Background()
	if _, err := ro.CallerIdentity(ctx); err != nil {
		t.Fatalf("GetCallerIdentity through the read-only view: %v", err)
	}
	if _, err := ro.ListUsers(ctx, model.PageRequest{}); err != nil {
		t.Fatalf("ListUsers through the read-only view: %v", err)
	}
	if _, err := ro.CreateUser(ctx, model.NewUser{UserName: "intruder"}); !errors.Is(err, errReadOnly) {
		t.Fatalf("CreateUser through the read-only view: err = %v, want it refused", err)
	}
	cases := map[string]struct {
		req  func() *http.Request
		want bool
	}{
		"json target": {func() *http.Request {
			r := post("/", "")
			r.Header.Set("X-Amz-Target", "CloudTrail_20131101.DeleteTrail")
			return r
		}, false},
		"json lookup": {func() *http.Request {
			r := post("/", "")
			r.Header.Set("X-Amz-Target", "CloudTrail_20131101.LookupEvents")
			return r
		}, true},
		"logs filter": {func() *http.Request {
			r := post("/", "")
			r.Header.Set("X-Amz-Target", "Logs_20140328.FilterLogEvents")
			return r
		}, true},
		"logs put": {func() *http.Request {
			r := post("/", "")
			r.Header.Set("X-Amz-Target", "Logs_20140328.PutLogEvents")
			return r
		}, false},
		"cbor operation": {func() *http.Request {
			return post("/service/GraniteServiceVersion20100801/operation/PutMetricAlarm", "")
		}, false},
		"cbor describe": {func() *http.Request {
			return post("/service/GraniteServiceVersion20100801/operation/DescribeAlarms", "")
		}, true},
		"rest put": {func() *http.Request {
			r, _ := http.NewRequest(http.MethodPut, "https://s3.local/bucket", nil)
			return r
		}, false},
		"rest get": {func() *http.Request {
			r, _ := http.NewRequest(http.MethodGet, "https://s3.local/bucket?list-type=2", nil)
			return r
		}, true},
		"query in the url": {func() *http.Request {
			r, _ := http.NewRequest(http.MethodGet, "https://iam.local/?Action=DeleteUser", nil)
			return r
		}, false},
	}
	for name, tc := range cases {
		got, err := readOnlyRequest(tc.req())
		if err != nil || got != tc.want {
			t.Errorf("%s: read-only = %v (%v), want %v", name, got, err, tc.want)
		}
	}
}

func post(path, body string) *http.Request {
	r, _ := http.NewRequest(http.MethodPost, "https://sim.local"+path, strings.NewReader(body))
	return r
}

func TestOnlyTheConsoleIsServed(t *testing.T) {
	ts := startServer(t, Config{})
	cfg := &gossh.ClientConfig{User: "student", Auth: []gossh.AuthMethod{gossh.PublicKeys(newKey(t))}, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}
	conn, err := gossh.Dial("tcp", ts.addr, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	// A command, with a pty even, gets a polite refusal instead of a shell.
	sess, _ := conn.NewSession()
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("curl http://127.0.0.1/_sim/reset")
	var ee *gossh.ExitError
	if !errors.As(err, &ee) || ee.ExitStatus() != 1 || !strings.Contains(string(out), "only the labconsole console") {
		t.Fatalf("exec: err=%v out=%q", err, out)
	}

	// No subsystems (sftp), no port forwarding to anything, the simulator included.
	sess2, _ := conn.NewSession()
	if err := sess2.RequestSubsystem("sftp"); err == nil {
		t.Fatal("the sftp subsystem was accepted")
	}
	if c, err := conn.Dial("tcp", ts.addr); err == nil {
		c.Close()
		t.Fatal("local port forwarding was accepted")
	}
	if ln, err := conn.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Fatal("remote port forwarding was accepted")
	}
}
