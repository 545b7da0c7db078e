package sim

import (
	"context"
	"time"
)

// LabControl gives the guided lab's panel what only a simulated account can do:
// fast-forward its clock, reset it, and replay a lab's activity. The console and the
// SSH server hand it to the panel; on a real account the panel gets none.
type LabControl struct{ Sim *Sim }

// Advance fast-forwards the simulated clock, running what falls due.
func (c LabControl) Advance(ctx context.Context, d time.Duration) error {
	_, _, err := c.Sim.Advance(ctx, d)
	return err
}

// Reset restores a fresh account (the administrator keeps its key).
func (c LabControl) Reset(ctx context.Context) error { return c.Sim.Reset(ctx) }

// RunActivity replays the lab's scenario activity ("lab1" runs "lab1-activity").
func (c LabControl) RunActivity(ctx context.Context, lab string) error {
	return c.Sim.RunScenario(ctx, lab+"-activity")
}
