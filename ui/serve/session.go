package serve

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"

	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui"
	"github.com/labconsole/labconsole/ui/common"
	labui "github.com/labconsole/labconsole/ui/lab"
	"github.com/labconsole/labconsole/ui/theme"
)

// sessionMiddleware sets a session up around its program: identity and language,
// limits, the sandbox and the Common; then wish's Bubble Tea middleware runs the
// program; after it ends the student is told why and the sandbox is released. The
// Bubble Tea middleware is built per session so its program handler closes over this
// session's model: the ssh.Context is per connection, and one connection can carry
// several sessions (OpenSSH's ControlMaster).
func (s *Server) sessionMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		id := identify(sess)
		l := locales.New(sessionLang(id, sess.Environ()))
		if len(sess.Command()) > 0 || sess.Subsystem() != "" {
			s.say(sess, l.T("ServeConsoleOnly"))
			_ = sess.Exit(1)
			return
		}
		live := &liveSession{ident: id, instructor: s.isInstructor(id), since: time.Now(), remote: sess.RemoteAddr().String()}
		live.touch(live.since)
		if err := s.reg.add(live); err != nil {
			msg := l.Tf("ServeFull", map[string]any{"Max": s.cfg.MaxSessions})
			if errors.Is(err, errClosing) {
				msg = l.T("ServeShutdown")
			}
			s.log.Info("session refused", "who", id.Label(), "remote", live.remote, "why", err)
			s.say(sess, msg)
			_ = sess.Exit(1)
			return
		}
		defer s.reg.remove(live)

		ctx, cancel := context.WithCancel(sess.Context())
		defer cancel()
		log := s.log.With("session", live.id, "who", id.Label())
		pty, _, _ := sess.Pty()
		r := bubbletea.MakeRenderer(sess)
		c := &common.Common{
			Ctx:      ctx,
			Width:    pty.Window.Width,
			Height:   pty.Window.Height,
			Renderer: r,
			Styles:   theme.DefaultStyles(r, theme.Default()),
			L:        l,
			Logger:   log,
			Remote:   true,
		}
		var m *sessionModel
		if live.instructor {
			m = newInstructorSession(s, c, live, log)
		} else {
			sb, err := s.pool.acquire(ctx, id)
			if err != nil {
				log.Error("sandbox unavailable", "err", err)
				s.say(sess, l.T("ServeSandboxError"))
				_ = sess.Exit(1)
				return
			}
			defer s.pool.release(sb)
			s.reg.setSandbox(live, sb.name, sb.dir, sb.sim.AccountID())
			c.Backend = s.sandboxBackend(sb, false)
			c.Clock = sb.sim.Clock().Now
			c.ReadOnly = s.cfg.ReadOnly
			root := ui.New(c)
			labOpts := labui.Options{Control: sim.LabControl{Sim: sb.sim}}
			if sb.dir != "" { // an ephemeral sandbox keeps progress in memory only
				labOpts.Store = labui.FileStore{Dir: sb.dir}
			}
			root.SetLabOptions(labOpts)
			m = newStudentModel(root, c, live, log)
		}
		log.Info("session started", "lang", l.Lang(), "instructor", live.instructor, "sandbox", live.sandbox)
		programFor := func(sess ssh.Session) *tea.Program { return s.program(ctx, sess, m) }
		bubbletea.MiddlewareWithProgramHandler(programFor, termenv.Ascii)(next)(sess)
		if m.cleanup != nil {
			m.cleanup()
		}
		log.Info("session ended", "reason", m.reason, "after", time.Since(live.since).Round(time.Second))
		s.say(sess, s.farewell(m, id))
	}
}

// program is the Bubble Tea middleware's program handler: the session's model, in the
// alternate screen, with the session as its terminal. The program installs no signal
// handler: many programs share the process, and SIGTERM belongs to Shutdown.
func (s *Server) program(ctx context.Context, sess ssh.Session, m *sessionModel) *tea.Program {
	opts := append(bubbletea.MakeOptions(sess), tea.WithAltScreen(), tea.WithoutSignalHandler(), tea.WithEnvironment(sess.Environ()))
	prog := tea.NewProgram(m, opts...)
	m.live.setProgram(prog)
	if s.cfg.IdleTimeout > 0 {
		go watchIdle(ctx, m.live, s.cfg.IdleTimeout)
	}
	return prog
}

// sandboxBackend is the console's backend on a sandbox: the real SDK code over the
// in-process transport, guarded so the control API is never reachable and, for the
// instructor's view, only reads pass.
func (s *Server) sandboxBackend(sb *sandbox, readOnly bool) *awsapi.Backend {
	creds := sb.sim.AdminCredentials()
	return awsapi.NewSimulator(awsapi.SimOptions{
		Transport:       sessionTransport{next: sb.sim.RoundTripper(), readOnly: readOnly},
		Region:          sb.sim.Region(),
		AccessKeyID:     creds.AccessKeyID,
		SecretAccessKey: creds.SecretAccessKey,
	})
}

// farewell is what the student reads after the console closes, in the language the
// session ended in.
func (s *Server) farewell(m *sessionModel, id Identity) string {
	var lines []string
	switch m.reason {
	case endIdle:
		lines = append(lines, m.c.Tf("ServeIdle", map[string]any{"Idle": shortDuration(s.cfg.IdleTimeout)}))
	case endShutdown:
		lines = append(lines, m.c.T("ServeShutdown"))
	case endCrash:
		lines = append(lines, m.c.T("ServeCrash"))
	}
	if m.live.instructor {
		return strings.Join(lines, "\n")
	}
	switch id.Kind {
	case AuthKey:
		lines = append(lines, m.c.T("ServeSavedKey"))
	case AuthPassword:
		lines = append(lines, m.c.Tf("ServeSavedUser", map[string]any{"User": id.Label()}))
	default:
		lines = append(lines, m.c.T("ServeEphemeral"))
	}
	return strings.Join(lines, "\n")
}

// shortDuration writes 30m rather than Go's 30m0s.
func shortDuration(d time.Duration) string {
	out := d.String()
	if strings.HasSuffix(out, "m0s") {
		out = strings.TrimSuffix(out, "0s")
	}
	if strings.HasSuffix(out, "h0m") {
		out = strings.TrimSuffix(out, "0m")
	}
	return out
}

// say writes a message on the student's terminal outside the console (before it
// starts or after it ends).
func (s *Server) say(sess ssh.Session, msg string) {
	if msg == "" {
		return
	}
	_, _ = fmt.Fprint(sess, strings.ReplaceAll(msg, "\n", "\r\n")+"\r\n")
}

// watchIdle ends the session after timeout without a keystroke.
func watchIdle(ctx context.Context, live *liveSession, timeout time.Duration) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			idle := time.Since(live.idleSince())
			if idle >= timeout {
				live.end(endIdle)
				return
			}
			t.Reset(timeout - idle)
		}
	}
}
