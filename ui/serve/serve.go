// Package serve is `labconsole serve`: the console served over SSH to a classroom.
// Every session gets its own Bubble Tea program, renderer, styles, localizer and
// context; every student gets a sandboxed simulated account, kept per SSH key so they
// can reconnect and resume. Only the console is served: no commands, subsystems, port
// forwarding, nor the operator's part of the simulator's control API (guard.go).
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/activeterm"
	"github.com/charmbracelet/wish/logging"
	rm "github.com/charmbracelet/wish/recover"
	gossh "golang.org/x/crypto/ssh"

	"github.com/labconsole/labconsole/backend/sim"
)

// Config configures a Server.
type Config struct {
	// DataDir holds the host key (ssh_host_ed25519), the log (serve.log) and the
	// students' sandboxes (sandboxes/<name>/).
	DataDir string
	// MaxSessions bounds the students' sessions at once (0: no limit). Instructors do
	// not count.
	MaxSessions int
	// IdleTimeout ends a session without a keystroke for this long (0: never).
	IdleTimeout time.Duration
	// AllowPassword lets students without an SSH key in with a password; the user name
	// then names the sandbox and any password is accepted.
	AllowPassword bool
	// Instructors are the keys that get the instructor's view (authorized_keys).
	Instructors []gossh.PublicKey
	// ReadOnly makes every student's console refuse mutations, as `labconsole
	// --read-only` does: for a demonstration or an exam where students only look
	// around a prepared account. The lab panel's fast-forward still works (it moves
	// the simulated clock, it changes no resource).
	ReadOnly bool
	// Logger receives the server's log; nil writes DataDir/serve.log.
	Logger *slog.Logger
	// Sim is the template of every sandbox's simulator options (account ID, region,
	// clock); DataDir and Logger are set per sandbox.
	Sim sim.Options
}

// DefaultIdleTimeout is --idle-timeout's default.
const DefaultIdleTimeout = 30 * time.Minute

// Per-sandbox S3 storage limits by default (--max-objects, --max-bytes): far above
// what the lab stores (a few hundred CloudTrail log files of a few KiB), low enough
// that fifty students cannot fill the server's disk.
const (
	DefaultMaxObjects = 10000
	DefaultMaxBytes   = 256 << 20
)

// Server is the SSH server.
type Server struct {
	cfg      Config
	srv      *ssh.Server
	log      *slog.Logger
	closeLog func()
	pool     *sandboxPool
	reg      *registry
	hostKey  gossh.PublicKey

	mu        sync.Mutex
	closing   bool
	listeners []net.Listener
}

// HostKeyFile is the host key's file name in the data directory.
const HostKeyFile = "ssh_host_ed25519"

// New prepares a server: creates the data directory, and the host key on first start.
func New(cfg Config) (*Server, error) {
	if cfg.DataDir == "" {
		return nil, errors.New("serve needs a data directory for its host key and the sandboxes")
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create data directory %s: %w", cfg.DataDir, err)
	}
	s := &Server{cfg: cfg, log: cfg.Logger, closeLog: func() {}, reg: newRegistry(cfg.MaxSessions)}
	if s.log == nil {
		f, err := os.OpenFile(filepath.Join(cfg.DataDir, "serve.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return nil, fmt.Errorf("cannot open the log: %w", err)
		}
		s.log = slog.New(slog.NewTextHandler(f, nil))
		s.closeLog = func() { f.Close() }
	}
	s.pool = newSandboxPool(filepath.Join(cfg.DataDir, "sandboxes"), cfg.Sim, s.log)

	logf := printfLogger{s.log}
	opts := []ssh.Option{
		// Generated on first start, then reused, so students' known_hosts stay valid.
		wish.WithHostKeyPath(filepath.Join(cfg.DataDir, HostKeyFile)),
		// Every key is welcome: the key only decides which sandbox is the student's.
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		wish.WithKeyboardInteractiveAuth(s.keyboardInteractive),
		// Outermost last: panics recovered and logged, connections logged, a terminal
		// required, then the session is set up and its Bubble Tea program runs.
		wish.WithMiddleware(
			rm.MiddlewareWithLogger(logf,
				s.sessionMiddleware,
				activeterm.Middleware(),
				logging.MiddlewareWithLogger(logf),
			),
		),
	}
	if cfg.AllowPassword {
		opts = append(opts, wish.WithPasswordAuth(s.password))
	}
	srv, err := wish.NewServer(opts...)
	if err != nil {
		s.closeLog()
		return nil, fmt.Errorf("ssh server: %w", err)
	}
	if len(srv.HostSigners) == 0 {
		s.closeLog()
		return nil, errors.New("ssh server: no host key")
	}
	s.hostKey = srv.HostSigners[0].PublicKey()
	s.srv = srv
	return s, nil
}

// HostKey is the server's public host key, to print its fingerprint at start.
func (s *Server) HostKey() gossh.PublicKey { return s.hostKey }

// Serve accepts connections on ln until Shutdown; it returns nil after Shutdown, also
// when Shutdown came first (a SIGTERM right after start).
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		return ln.Close()
	}
	s.listeners = append(s.listeners, ln)
	s.mu.Unlock()
	err := s.srv.Serve(ln)
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing || errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting, tells every session the server is going away and waits
// (until ctx is done) for them to end, then closes every connection and every sandbox,
// so each student's state is written before the process exits.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	for _, ln := range s.listeners {
		ln.Close()
	}
	s.mu.Unlock()
	closed, cancel := context.WithCancel(context.Background())
	cancel()
	_ = s.srv.Shutdown(closed) // closes the listeners; does not wait with a done context
	s.reg.closeAll()
	err := s.reg.wait(ctx)
	_ = s.srv.Close()
	s.pool.closeAll()
	s.log.Info("server stopped", "sessions_left", s.reg.count())
	s.closeLog()
	return err
}

// printfLogger adapts slog for wish's middlewares, which log with Printf.
type printfLogger struct{ l *slog.Logger }

func (p printfLogger) Printf(format string, v ...any) {
	p.l.Info(fmt.Sprintf(format, v...))
}
