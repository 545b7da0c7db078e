// Package clock is the simulator's notion of time: real time plus an offset that the
// lab can fast-forward, so trail delivery, digests and alarm evaluation can be seen
// without waiting.
package clock

import (
	"sync"
	"time"
)

// Clock is simulated time. It is safe for concurrent use.
type Clock struct {
	mu        sync.Mutex
	real      func() time.Time
	offset    time.Duration
	listeners map[int]func(from, to time.Time)
	next      int
}

// New returns a clock offset from real (time.Now when nil).
func New(real func() time.Time, offset time.Duration) *Clock {
	if real == nil {
		real = time.Now
	}
	return &Clock{real: real, offset: offset, listeners: map[int]func(from, to time.Time){}}
}

// Now is the simulated time, in UTC.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.real().Add(c.offset).UTC()
}

// Offset is how far simulated time runs ahead of real time.
func (c *Clock) Offset() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}

// Advance moves simulated time forward by d (negative d is ignored: time never runs
// backwards for the services) and tells listeners the span that was skipped, so they
// can do the work that would have happened in it.
func (c *Clock) Advance(d time.Duration) (from, to time.Time) {
	c.mu.Lock()
	from = c.real().Add(c.offset).UTC()
	if d > 0 {
		c.offset += d
	}
	to = from.Add(max(d, 0))
	fns := make([]func(from, to time.Time), 0, len(c.listeners))
	for _, fn := range c.listeners {
		fns = append(fns, fn)
	}
	c.mu.Unlock()
	for _, fn := range fns {
		fn(from, to)
	}
	return from, to
}

// OnAdvance registers fn to run after each Advance; the returned func unregisters it.
func (c *Clock) OnAdvance(fn func(from, to time.Time)) (cancel func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := c.next
	c.next++
	c.listeners[id] = fn
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		delete(c.listeners, id)
	}
}
