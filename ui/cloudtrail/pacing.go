package cloudtrail

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
)

// LookupEvents is paced to CloudTrail's 2 requests per second per account (the
// backend makes a call wait in its tea.Cmd for its turn). While one of a screen's
// calls waits, the screen says so: the call's context records the wait the backend
// announces (backend.WithLookupWait, on the Cmd's goroutine) in a lookupWatch, and
// the screen reads it on its own tick in Update, so nothing blocks Update and no
// one but the program sends it messages.

// paceInterval is how often a screen with a call in flight looks at its wait.
const paceInterval = 200 * time.Millisecond

// lookupWatch is the wait of one LookupEvents call, written by the call's goroutine
// and read by the screen.
type lookupWatch struct {
	mu    sync.Mutex
	wait  backend.LookupWait
	until time.Time // when the call is sent; zero while it has not had to wait
	now   func() time.Time
}

// context returns ctx with the watch recording the call's wait.
func (w *lookupWatch) context(ctx context.Context) context.Context {
	return backend.WithLookupWait(ctx, func(lw backend.LookupWait) {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.wait, w.until = lw, w.now().Add(lw.Wait)
	})
}

// waiting is the call's wait as of now: ok is false once its turn has come (or when
// it never had to wait); Ahead counts down as the calls before it leave.
func (w *lookupWatch) waiting(perSecond int) (backend.LookupWait, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	now := w.now()
	if w.until.IsZero() || !now.Before(w.until) {
		return backend.LookupWait{}, false
	}
	left := w.until.Sub(now)
	ahead := w.wait.Ahead
	if perSecond > 0 {
		interval := time.Second / time.Duration(perSecond)
		// The calls ahead leave one per interval before this one's turn.
		ahead = min(ahead, max(int((left+interval-1)/interval)-1, 0))
	}
	return backend.LookupWait{Wait: left, Ahead: ahead}, true
}

// paceTickMsg asks the lookupPace number id to look at its call's wait; seq is the
// tick chain's, so a chain that was lost (its tick went to another screen) and
// replaced does not run beside its replacement when its tick turns up.
type paceTickMsg struct {
	id  int64
	seq int
}

var paceIDs atomic.Int64

// lookupPace follows one LookupEvents call at a time of a screen part (a listing,
// an export): start gives the call its context, tick shows its wait, stop ends it.
type lookupPace struct {
	c       *common.Common
	id      int64
	watch   *lookupWatch // of the call in flight; nil when none
	shown   *backend.LookupWait
	ticking bool             // a paceTickMsg of this pace is on its way
	seq     int              // the running tick chain
	tickAt  time.Time        // when its last tick was asked (wall clock)
	now     func() time.Time // real time: the pacing runs on the wall clock
}

func newLookupPace(c *common.Common) *lookupPace {
	return &lookupPace{c: c, id: paceIDs.Add(1), now: time.Now}
}

// start begins following a call: the returned context is the call's, the Cmd
// polls its wait (nil while the tick chain of an earlier call still runs: it
// carries on for this one).
func (p *lookupPace) start(ctx context.Context) (context.Context, tea.Cmd) {
	p.watch = &lookupWatch{now: p.now}
	p.shown = nil
	if p.ticking && time.Since(p.tickAt) < 3*paceInterval {
		return p.watch.context(ctx), nil
	}
	// No chain, or its tick was lost while another screen was on top: a new one.
	p.ticking = true
	p.seq++
	return p.watch.context(ctx), p.tickCmd()
}

// stop ends following the call (it answered or was abandoned); its tick chain ends.
func (p *lookupPace) stop() {
	p.watch, p.shown = nil, nil
}

func (p *lookupPace) tickCmd() tea.Cmd {
	id, seq := p.id, p.seq
	p.tickAt = time.Now()
	return tea.Tick(paceInterval, func(time.Time) tea.Msg { return paceTickMsg{id: id, seq: seq} })
}

// perSecond is the pace of the session's backend.
func (p *lookupPace) perSecond() int {
	if pc, ok := p.c.Backend.(backend.LookupPacer); ok {
		if n := pc.LookupPace().PerSecond; n > 0 {
			return n
		}
	}
	return backend.LookupEventsPerSecond
}

// tick takes a paceTickMsg: ok reports whether it was this pace's; the Cmd is the
// next tick while a call is followed.
func (p *lookupPace) tick(msg paceTickMsg) (ok bool, cmd tea.Cmd) {
	if msg.id != p.id {
		return false, nil
	}
	if msg.seq != p.seq {
		return true, nil // a replaced chain ends
	}
	if p.watch == nil {
		p.ticking = false
		return true, nil
	}
	p.shown = nil
	if w, waiting := p.watch.waiting(p.perSecond()); waiting {
		p.shown = &w
	}
	return true, p.tickCmd()
}

// view is the translated wait ("Waiting for CloudTrail's rate limit (2 requests/s)…
// 2 ahead"), "" when the call is not waiting.
func (p *lookupPace) view() string {
	if p == nil || p.shown == nil {
		return ""
	}
	data := map[string]any{"PerSecond": p.perSecond(), "Ahead": p.shown.Ahead}
	if p.shown.Ahead > 0 {
		return p.c.Tf("CTPaceWaitingAhead", data)
	}
	return p.c.Tf("CTPaceWaiting", data)
}
