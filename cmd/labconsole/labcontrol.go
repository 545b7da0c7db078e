package main

import (
	"context"
	"time"

	"github.com/labconsole/labconsole/backend/sim"
)

// simLabControl gives the lab panel the simulator's clock, reset and scenario
// activity; on a real account the panel gets no Control and says these are
// simulator-only.
type simLabControl struct{ s *sim.Sim }

// Advance fast-forwards the simulated clock, running what falls due.
func (c simLabControl) Advance(ctx context.Context, d time.Duration) error {
	_, _, err := c.s.Advance(ctx, d)
	return err
}

// Reset restores a fresh account (the administrator keeps its key).
func (c simLabControl) Reset(ctx context.Context) error { return c.s.Reset(ctx) }

// RunActivity replays the lab's scenario activity ("lab1" → "lab1-activity").
func (c simLabControl) RunActivity(ctx context.Context, lab string) error {
	return c.s.RunScenario(ctx, lab+"-activity")
}
