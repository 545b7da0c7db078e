package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// testServer is a Server on a loopback port, shut down when the test ends.
type testServer struct {
	*Server
	addr    string
	hostKey gossh.PublicKey
	served  chan error
	stopped bool
}

func startServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	if cfg.DataDir == "" {
		cfg.DataDir = t.TempDir()
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: srv, addr: ln.Addr().String(), served: make(chan error, 1)}
	go func() { ts.served <- srv.Serve(ln) }()
	t.Cleanup(func() { ts.stop(t) })
	return ts
}

func (ts *testServer) stop(t testing.TB) {
	t.Helper()
	if ts.stopped {
		return
	}
	ts.stopped = true
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := ts.Shutdown(ctx); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if err := <-ts.served; err != nil {
		t.Errorf("serve: %v", err)
	}
	if left := ts.pool.openNames(); len(left) > 0 {
		t.Errorf("sandboxes still open after shutdown: %v", left)
	}
	if log, err := os.ReadFile(filepath.Join(ts.cfg.DataDir, "serve.log")); err == nil && bytes.Contains(log, []byte("panic")) {
		t.Errorf("the server log records a panic:\n%s", log)
	}
}

func newKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// clientOpts describe one test client's terminal.
type clientOpts struct {
	user          string
	key           gossh.Signer // nil: keyboard-interactive with no answers
	password      string       // with --allow-password
	kiOnly        bool         // answer the password through keyboard-interactive only
	env           map[string]string
	width, height int
}

// client is one SSH session with a pty, recording everything the server draws.
type client struct {
	t      testing.TB
	conn   *gossh.Client
	raw    net.Conn
	sess   *gossh.Session
	stdin  interface{ Write([]byte) (int, error) }
	mu     sync.Mutex
	out    []byte
	done   chan struct{}
	exit   error
	hostFP string
}

func (ts *testServer) connect(t testing.TB, o clientOpts) *client {
	t.Helper()
	c, err := ts.tryConnect(t, o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (ts *testServer) tryConnect(t testing.TB, o clientOpts) (*client, error) {
	if o.user == "" {
		o.user = "student"
	}
	if o.width == 0 {
		o.width, o.height = 100, 30
	}
	var auth []gossh.AuthMethod
	if o.key != nil {
		auth = append(auth, gossh.PublicKeys(o.key))
	}
	if o.password != "" && !o.kiOnly {
		auth = append(auth, gossh.Password(o.password))
	}
	auth = append(auth, gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
		answers := make([]string, len(qs))
		for i := range qs {
			answers[i] = o.password
		}
		return answers, nil
	}))
	c := &client{t: t, done: make(chan struct{})}
	cfg := &gossh.ClientConfig{
		User: o.user, Auth: auth, Timeout: 10 * time.Second,
		HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error {
			c.hostFP = gossh.FingerprintSHA256(k)
			return nil
		},
	}
	raw, err := net.DialTimeout("tcp", ts.addr, 10*time.Second)
	if err != nil {
		return nil, err
	}
	cc, chans, reqs, err := gossh.NewClientConn(raw, ts.addr, cfg)
	if err != nil {
		raw.Close()
		return nil, err
	}
	c.raw, c.conn = raw, gossh.NewClient(cc, chans, reqs)
	t.Cleanup(func() { c.conn.Close() })
	return c, c.openSession(o)
}

// another opens a second session on c's connection, as OpenSSH's ControlMaster does.
func (c *client) another(o clientOpts) *client {
	c.t.Helper()
	if o.width == 0 {
		o.width, o.height = 100, 30
	}
	c2 := &client{t: c.t, conn: c.conn, raw: c.raw, done: make(chan struct{})}
	if err := c2.openSession(o); err != nil {
		c.t.Fatal(err)
	}
	return c2
}

func (c *client) openSession(o clientOpts) error {
	var err error
	if c.sess, err = c.conn.NewSession(); err != nil {
		return err
	}
	for k, v := range o.env {
		if err := c.sess.Setenv(k, v); err != nil {
			return err
		}
	}
	if err := c.sess.RequestPty("xterm-256color", o.height, o.width, gossh.TerminalModes{}); err != nil {
		return err
	}
	stdin, err := c.sess.StdinPipe()
	if err != nil {
		return err
	}
	c.stdin = stdin
	c.sess.Stdout, c.sess.Stderr = c, c
	if err := c.sess.Shell(); err != nil {
		return err
	}
	go func() {
		err := c.sess.Wait()
		c.mu.Lock()
		c.exit = err
		c.mu.Unlock()
		close(c.done)
	}()
	return nil
}

// da1 is the terminal query (Primary Device Attributes) the server sends when a
// session starts, to learn the background colour; a terminal always answers it.
const da1 = "\x1b[c"

// Write records output and answers the server's terminal queries as a terminal would.
func (c *client) Write(p []byte) (int, error) {
	c.mu.Lock()
	before := bytes.Count(c.out, []byte(da1))
	c.out = append(c.out, p...)
	after := bytes.Count(c.out, []byte(da1))
	c.mu.Unlock()
	for range after - before {
		go c.stdin.Write([]byte("\x1b]11;rgb:0000/0000/0000\x07\x1b[?62;22c"))
	}
	return len(p), nil
}

// mark is the position in the output to read screens from.
func (c *client) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.out)
}

// text is what was drawn since mark, without escape sequences.
func (c *client) text(from int) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return ansi.Strip(string(c.out[from:]))
}

// waitFor waits until every want appears in what was drawn since from.
func (c *client) waitFor(from int, want ...string) {
	c.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		got := c.text(from)
		missing := ""
		for _, w := range want {
			if !strings.Contains(got, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%q never appeared; the screen showed:\n%s", missing, tail(got, 3000))
		}
		select {
		case <-c.done:
			if !strings.Contains(c.text(from), missing) {
				c.t.Fatalf("session ended before %q appeared (%v); the screen showed:\n%s", missing, c.exitErr(), tail(c.text(from), 3000))
			}
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// press sends keys: names such as "down", "enter", "esc", or literal text.
func (c *client) press(keys ...string) {
	c.t.Helper()
	for _, k := range keys {
		seq := map[string]string{"down": "\x1b[B", "up": "\x1b[A", "enter": "\r", "esc": "\x1b", "ctrl+c": "\x03",
			"tab": "\t", "space": " ", "ctrl+n": "\x0e", "ctrl+o": "\x0f", "ctrl+x": "\x18", "ctrl+s": "\x13"}[k]
		if seq == "" {
			seq = k
		}
		if _, err := c.stdin.Write([]byte(seq)); err != nil {
			c.t.Fatalf("pressing %q: %v", k, err)
		}
		time.Sleep(30 * time.Millisecond) // one key per read, as a person types
	}
}

func (c *client) exitErr() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.exit
}

// waitExit waits for the server to end the session and returns its exit status.
func (c *client) waitExit() int {
	c.t.Helper()
	select {
	case <-c.done:
	case <-time.After(20 * time.Second):
		c.t.Fatalf("the session did not end; the screen showed:\n%s", tail(c.text(0), 3000))
	}
	var ee *gossh.ExitError
	if err := c.exitErr(); errors.As(err, &ee) {
		return ee.ExitStatus()
	} else if err != nil {
		return -1
	}
	return 0
}

// tryConnectPasswordOnly authenticates with a password alone.
func (ts *testServer) tryConnectPasswordOnly(t testing.TB, user string) (*gossh.Client, error) {
	cfg := &gossh.ClientConfig{User: user, Auth: []gossh.AuthMethod{gossh.Password("secret")}, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}
	c, err := gossh.Dial("tcp", ts.addr, cfg)
	if err == nil {
		t.Cleanup(func() { c.Close() })
	}
	return c, err
}
