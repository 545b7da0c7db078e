package sim

import (
	"context"
	"sync"
	"time"
)

// Ticker is background work due at simulated times: trail delivery every 5 minutes,
// digests every hour, billing datapoints every 6 hours, alarm evaluation per period.
// Tick must be idempotent: it does whatever is due up to now and remembers (in its
// own tables) what it has done, so a restart or a big fast-forward catches up.
type Ticker interface {
	Tick(ctx context.Context, now time.Time) error
}

// scheduler runs the account's tickers after every clock advance and every few real
// seconds, serialized so no two ticks of the account overlap.
type scheduler struct {
	mu      sync.Mutex
	tickers []Ticker
}

func (sc *scheduler) add(t Ticker) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.tickers = append(sc.tickers, t)
}

// run ticks every ticker once, in registration order, and returns the first error.
func (sc *scheduler) run(ctx context.Context, now time.Time) error {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	var first error
	for _, t := range sc.tickers {
		if err := t.Tick(ctx, now); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// RunDue does the background work due at the current simulated time. Advance calls it;
// tests call it to make delivery deterministic.
func (s *Sim) RunDue(ctx context.Context) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sched.run(ctx, s.clock.Now())
}
