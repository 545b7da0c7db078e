package awsapi

import (
	"context"
	"sync"
	"time"

	"github.com/labconsole/labconsole/backend"
)

// CloudTrail LookupEvents is limited to two requests per second per account per
// Region; over it, CloudTrail answers ThrottlingException. Every LookupEvents of a
// Backend (and of the Backends derived from it: other regions' clients, a signed-in
// IAM user of the same account) takes its turn from one pacer, so Event history,
// the dashboard's recent events, exports and lab checks together never exceed the
// rate. A call that must wait blocks in its own goroutine (a tea.Cmd) until its
// turn or until its context ends; screens learn about the wait through
// backend.WithLookupWait or backend.LookupPacer (they never import awsapi).

// The UI-facing part of the pacing API lives in package backend (backend/pacing.go),
// so screens need not import awsapi; these aliases keep awsapi's names working.

// LookupEventsPerSecond is CloudTrail's LookupEvents quota per account per Region.
const LookupEventsPerSecond = backend.LookupEventsPerSecond

// LookupWait describes one LookupEvents call waiting for its turn.
type LookupWait = backend.LookupWait

// LookupPace is the state of a Backend's LookupEvents pacing.
type LookupPace = backend.LookupPace

// LookupPacer is implemented by Backends that pace LookupEvents (*Backend).
type LookupPacer = backend.LookupPacer

var _ backend.LookupPacer = (*Backend)(nil)

// WithLookupWait is backend.WithLookupWait.
func WithLookupWait(ctx context.Context, fn func(LookupWait)) context.Context {
	return backend.WithLookupWait(ctx, fn)
}

// LookupPace implements LookupPacer.
func (b *Backend) LookupPace() LookupPace {
	if b.lookups == nil {
		return LookupPace{PerSecond: LookupEventsPerSecond, NextSlot: time.Now()}
	}
	return b.lookups.pace()
}

// pacer hands out evenly spaced send times: one call every interval.
type pacer struct {
	mu       sync.Mutex
	interval time.Duration
	now      func() time.Time
	next     time.Time // the earliest send time of the next call
	queued   int
}

func newPacer(perSecond int) *pacer {
	return &pacer{interval: time.Second / time.Duration(perSecond), now: time.Now}
}

func (p *pacer) pace() LookupPace {
	p.mu.Lock()
	defer p.mu.Unlock()
	return LookupPace{PerSecond: int(time.Second / p.interval), Queued: p.queued, NextSlot: p.next}
}

// wait blocks until the caller's turn; an ended ctx gives the turn back (when no
// later call has taken the one after it) and returns ctx's error.
func (p *pacer) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p.mu.Lock()
	now := p.now()
	at := p.next
	if at.Before(now) {
		at = now
	}
	p.next = at.Add(p.interval)
	d := at.Sub(now)
	ahead := p.queued
	if d > 0 {
		p.queued++
	}
	p.mu.Unlock()
	if d <= 0 {
		return nil
	}
	defer func() {
		p.mu.Lock()
		p.queued--
		p.mu.Unlock()
	}()
	if fn := backend.LookupWaitFunc(ctx); fn != nil {
		fn(LookupWait{Wait: d, Ahead: ahead})
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		p.mu.Lock()
		if p.next.Equal(at.Add(p.interval)) {
			p.next = at // nobody queued behind: the turn is not lost
		}
		p.mu.Unlock()
		return ctx.Err()
	}
}

// simPacers are the simulator Backends' pacers by endpoint, Region and access key,
// so Backends built separately on the same simulated account and key (two SSH
// sessions on one sandbox, the console and its lab checks) share one.
var simPacers = struct {
	sync.Mutex
	m map[string]*pacer
}{m: map[string]*pacer{}}

func simPacer(endpoint, region, accessKeyID string) *pacer {
	key := endpoint + "|" + region + "|" + accessKeyID
	simPacers.Lock()
	defer simPacers.Unlock()
	p, ok := simPacers.m[key]
	if !ok {
		p = newPacer(LookupEventsPerSecond)
		simPacers.m[key] = p
	}
	return p
}
