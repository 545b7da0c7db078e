package serve

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/locales"
)

// endReason says why the server ended a session, so the student is told why.
type endReason int

const (
	endNone endReason = iota
	endIdle
	endShutdown
	endCrash
)

func (r endReason) String() string {
	return [...]string{"quit", "idle", "shutdown", "crash"}[r]
}

// endMsg asks a session's model to quit for reason.
type endMsg struct{ reason endReason }

// liveSession is one connected session as the server and the instructor see it. The
// program goroutine writes the atomics; the instructor's table reads them.
type liveSession struct {
	id         uint64
	ident      Identity
	instructor bool
	since      time.Time
	remote     string
	sandbox    string // pool name of its sandbox, "" for the instructor; guarded by the registry
	sandboxDir string // its directory, "" for an ephemeral sandbox; guarded by the registry
	account    string // its simulated account ID; guarded by the registry

	lastActive atomic.Int64 // unix nanoseconds of the last key or mouse event
	lang       atomic.Pointer[locales.Lang]
	crumbs     atomic.Pointer[string]

	mu      sync.Mutex
	program *tea.Program
	pending endReason // an end asked for before the program started
}

func (l *liveSession) touch(now time.Time) { l.lastActive.Store(now.UnixNano()) }

func (l *liveSession) idleSince() time.Time { return time.Unix(0, l.lastActive.Load()) }

// observe records what the instructor's table shows; called after every Update.
func (l *liveSession) observe(crumbs []string, lang locales.Lang) {
	c := strings.Join(crumbs, " > ")
	if p := l.crumbs.Load(); p == nil || *p != c {
		l.crumbs.Store(&c)
	}
	if p := l.lang.Load(); p == nil || *p != lang {
		l.lang.Store(&lang)
	}
}

// setProgram hands over the running program, delivering an end asked for earlier.
func (l *liveSession) setProgram(p *tea.Program) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.program = p
	if l.pending != endNone {
		go p.Send(endMsg{reason: l.pending})
	}
}

// end asks the session's program to quit for reason. Send runs in its own goroutine:
// it blocks until the program reads it, and the caller may be a timer or Shutdown.
func (l *liveSession) end(reason endReason) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.program == nil {
		l.pending = reason
		return
	}
	go l.program.Send(endMsg{reason: reason})
}

// SessionInfo is a copy of a live session for the instructor's table.
type SessionInfo struct {
	ID      uint64
	Who     string
	Kind    AuthKind
	Lang    locales.Lang
	Since   time.Time
	Idle    time.Duration
	Screen  string
	Sandbox string
	// SandboxDir and Account locate the student's lab progress (SandboxDir is "" for
	// an ephemeral sandbox, whose progress is not saved).
	SandboxDir string
	Account    string
}

var (
	errFull    = errors.New("every session slot is taken")
	errClosing = errors.New("the server is shutting down")
)

// registry holds the live sessions: it enforces --max-sessions (instructors are not
// counted, so the instructor can always get in) and lets Shutdown reach everyone.
type registry struct {
	max int // 0: no limit

	mu       sync.Mutex
	next     uint64
	sessions map[uint64]*liveSession
	students int
	closing  bool
}

func newRegistry(max int) *registry {
	return &registry{max: max, sessions: map[uint64]*liveSession{}}
}

func (r *registry) add(l *liveSession) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closing {
		return errClosing
	}
	if !l.instructor && r.max > 0 && r.students >= r.max {
		return errFull
	}
	r.next++
	l.id = r.next
	r.sessions[l.id] = l
	if !l.instructor {
		r.students++
	}
	return nil
}

// setSandbox records the session's sandbox, opened after the session was admitted:
// its pool name, directory and account (where the lab panel keeps its progress).
func (r *registry) setSandbox(l *liveSession, name, dir, account string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	l.sandbox, l.sandboxDir, l.account = name, dir, account
}

func (r *registry) remove(l *liveSession) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.sessions[l.id]; !ok {
		return
	}
	delete(r.sessions, l.id)
	if !l.instructor {
		r.students--
	}
}

// list copies the students' sessions, oldest first.
func (r *registry) list(now time.Time) []SessionInfo {
	r.mu.Lock()
	out := make([]SessionInfo, 0, len(r.sessions))
	for _, l := range r.sessions {
		if l.instructor {
			continue
		}
		info := SessionInfo{ID: l.id, Who: l.ident.Label(), Kind: l.ident.Kind, Since: l.since, Idle: now.Sub(l.idleSince()),
			Sandbox: l.sandbox, SandboxDir: l.sandboxDir, Account: l.account}
		if p := l.lang.Load(); p != nil {
			info.Lang = *p
		}
		if p := l.crumbs.Load(); p != nil {
			info.Screen = *p
		}
		out = append(out, info)
	}
	r.mu.Unlock()
	slices.SortFunc(out, func(a, b SessionInfo) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// closeAll refuses new sessions and asks every live one to end.
func (r *registry) closeAll() {
	r.mu.Lock()
	r.closing = true
	live := make([]*liveSession, 0, len(r.sessions))
	for _, l := range r.sessions {
		live = append(live, l)
	}
	r.mu.Unlock()
	for _, l := range live {
		l.end(endShutdown)
	}
}

// wait returns when no session is left, or ctx's error.
func (r *registry) wait(ctx context.Context) error {
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		r.mu.Lock()
		n := len(r.sessions)
		r.mu.Unlock()
		if n == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// count is the number of live sessions, instructors included.
func (r *registry) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.sessions)
}
