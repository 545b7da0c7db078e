package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/labconsole/labconsole/backend/sim"
)

// sandbox is one student's simulated account. Sessions of the same identity share it:
// a student with two terminals sees one account, as they would in the AWS console, and
// the SQLite database is never opened twice.
type sandbox struct {
	name   string // pool key: a SandboxName, or "ephemeral-N"
	dir    string // "" for an in-memory sandbox
	refs   int    // guarded by the pool's mutex
	ready  chan struct{}
	sim    *sim.Sim // set before ready is closed
	err    error
	closed bool // guarded by the pool's mutex
}

// Sim is the sandbox's simulator; valid while the caller holds a reference.
func (sb *sandbox) Sim() *sim.Sim { return sb.sim }

// sandboxPool opens each sandbox once, counts the sessions using it and closes it
// (saving its state) when the last one leaves.
type sandboxPool struct {
	root   string // DATA/sandboxes
	simOpt sim.Options
	log    *slog.Logger

	mu      sync.Mutex
	open    map[string]*sandbox
	closing map[string]chan struct{} // a sandbox still closing, which a reopen waits for
	seq     int
}

func newSandboxPool(root string, opt sim.Options, log *slog.Logger) *sandboxPool {
	return &sandboxPool{root: root, simOpt: opt, log: log, open: map[string]*sandbox{}, closing: map[string]chan struct{}{}}
}

// acquire returns the identity's sandbox, opening it if no session holds it. The
// caller must release it.
func (p *sandboxPool) acquire(ctx context.Context, id Identity) (*sandbox, error) {
	name, dir := id.SandboxName(), ""
	if name == "" {
		p.mu.Lock()
		p.seq++
		name = fmt.Sprintf("ephemeral-%d", p.seq)
		p.mu.Unlock()
	} else {
		dir = filepath.Join(p.root, name)
	}
	return p.get(ctx, name, dir, true)
}

// attach takes another reference on a sandbox some session holds now, for the
// instructor's view; false when it has been closed since.
func (p *sandboxPool) attach(ctx context.Context, name string) (*sandbox, bool) {
	sb, err := p.get(ctx, name, "", false)
	return sb, err == nil
}

var errNoSandbox = errors.New("sandbox is not open")

func (p *sandboxPool) get(ctx context.Context, name, dir string, create bool) (*sandbox, error) {
	p.mu.Lock()
	sb := p.open[name]
	if sb == nil {
		if !create {
			p.mu.Unlock()
			return nil, errNoSandbox
		}
		sb = &sandbox{name: name, dir: dir, ready: make(chan struct{})}
		p.open[name] = sb
		sb.refs++
		prev := p.closing[name]
		p.mu.Unlock()
		if prev != nil {
			<-prev // the same database must not be opened while the last owner closes it
		}
		sb.sim, sb.err = p.openSim(ctx, sb)
		close(sb.ready)
	} else {
		sb.refs++
		p.mu.Unlock()
		<-sb.ready
	}
	if sb.err != nil {
		err := sb.err
		p.release(sb)
		return nil, err
	}
	return sb, nil
}

func (p *sandboxPool) openSim(ctx context.Context, sb *sandbox) (*sim.Sim, error) {
	opt := p.simOpt
	opt.DataDir = sb.dir
	opt.Logger = p.log.With("sandbox", sb.name)
	if sb.dir != "" {
		if err := os.MkdirAll(sb.dir, 0o700); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	s, err := sim.New(ctx, opt)
	if err != nil {
		p.log.Error("sandbox open failed", "sandbox", sb.name, "err", err)
		return nil, err
	}
	p.log.Info("sandbox opened", "sandbox", sb.name, "took", time.Since(start))
	return s, nil
}

// release drops a reference; the last one closes the sandbox, which writes its state
// (SQLite checkpoints the WAL on close).
func (p *sandboxPool) release(sb *sandbox) {
	p.mu.Lock()
	sb.refs--
	if sb.refs > 0 || sb.closed {
		p.mu.Unlock()
		return
	}
	p.closeLocked(sb)
}

// closeLocked closes sb; it is called with p.mu held and returns with it released.
func (p *sandboxPool) closeLocked(sb *sandbox) {
	sb.closed = true
	if p.open[sb.name] == sb {
		delete(p.open, sb.name)
	}
	done := make(chan struct{})
	p.closing[sb.name] = done
	p.mu.Unlock()

	if sb.sim != nil {
		if err := sb.sim.Close(); err != nil {
			p.log.Error("sandbox close failed", "sandbox", sb.name, "err", err)
		} else {
			p.log.Info("sandbox closed", "sandbox", sb.name)
		}
	}
	p.mu.Lock()
	if p.closing[sb.name] == done {
		delete(p.closing, sb.name)
	}
	p.mu.Unlock()
	close(done)
}

// openNames lists the sandboxes open now, for tests and shutdown checks.
func (p *sandboxPool) openNames() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	names := make([]string, 0, len(p.open))
	for n := range p.open {
		names = append(names, n)
	}
	return names
}

// closeAll closes whatever is still open at shutdown, after every session has been
// asked to end: a session stuck past the grace period must not keep a database open.
// A late release of a sandbox closed here is a no-op.
func (p *sandboxPool) closeAll() {
	p.mu.Lock()
	left := make([]*sandbox, 0, len(p.open))
	for _, sb := range p.open {
		left = append(left, sb)
	}
	p.mu.Unlock()
	for _, sb := range left {
		<-sb.ready
		p.mu.Lock()
		if sb.closed {
			p.mu.Unlock()
			continue
		}
		p.closeLocked(sb)
	}
}
