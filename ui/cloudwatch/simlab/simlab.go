// Package simlab holds the knobs the lab turns in simulator mode: the simulated clock
// (read it, fast-forward it by an alarm's period, so billing datapoints arrive every 6
// simulated hours and alarms evaluate while the student watches) and the bill (book
// simulated charges to push it past the alarm's threshold). On a real account they
// are unavailable and the screens say so instead of offering them.
package simlab

import (
	"context"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
)

// Clock is the simulated clock of a simulator backend. backend.Backend does not
// carry it (AWS has no such API); backend/awsapi implements it in simulator mode.
type Clock interface {
	SimulatorClock(ctx context.Context) (time.Time, error)
	AdvanceClock(ctx context.Context, d time.Duration) (time.Time, error)
}

// DefaultSpend is what the spend prompt offers: the lab pushes a 200 USD threshold
// over with 250 USD.
const DefaultSpend = 250

// Available reports whether the clock and the bill can be turned: the simulator only.
func Available(c *common.Common) bool {
	if c.Backend == nil || c.Backend.Info().Mode != backend.ModeSimulator {
		return false
	}
	_, ok := c.Backend.(Clock)
	return ok
}

// ClockOf is the session's clock, to call inside a tea.Cmd: the session's own
// (Common.Clock, the simulator's clock in process, which runs ahead of the wall clock
// after a fast-forward), else the simulator's clock read from its control API, else
// the wall clock. Charts end at it, so data the lab fast-forwarded to is in range.
func ClockOf(c *common.Common) func() time.Time {
	if c.Clock != nil {
		return func() time.Time { return c.Clock().UTC() }
	}
	b, ctx := c.Backend, c.Ctx
	return func() time.Time {
		if clk, ok := b.(Clock); ok && b.Info().Mode == backend.ModeSimulator {
			if t, err := clk.SimulatorClock(ctx); err == nil {
				return t
			}
		}
		return time.Now().UTC()
	}
}

// NowMsg answers LoadNow for the screen that tagged it.
type NowMsg struct {
	Tag any
	Now time.Time
}

// LoadNow reads the clock in a command.
func LoadNow(c *common.Common, tag any) tea.Cmd {
	now := ClockOf(c)
	return func() tea.Msg { return NowMsg{Tag: tag, Now: now()} }
}

// FastForward is the action that advances the simulated clock by d; its result is
// the new time. after is handed back in the action's DoneMsg.
func FastForward(c *common.Common, d time.Duration, after any) *action.Action {
	return &action.Action{
		Done: func(res any) string {
			t, _ := res.(time.Time)
			return c.Tf("CWFastForwarded", map[string]any{"Duration": Duration(c, d), "Time": Stamp(t)})
		},
		Shell: []string{"labconsole sim advance " + ShortDuration(d)},
		Run: func(ctx context.Context, b backend.Backend) (any, error) {
			clk, ok := b.(Clock)
			if !ok || b.Info().Mode != backend.ModeSimulator {
				return nil, &backend.Error{Op: "sim:AdvanceClock", Kind: backend.KindValidation, Code: "SimulatorOnly", Message: c.T("CWSimulatorOnly")}
			}
			return clk.AdvanceClock(ctx, d)
		},
		After: after,
	}
}

// Spend is the action that books usd of simulated charges (lab step: spend 250).
func Spend(c *common.Common, usd float64, after any) *action.Action {
	amount := strconv.FormatFloat(usd, 'f', -1, 64)
	return &action.Action{
		Done:  func(any) string { return c.Tf("CWSpendDone", map[string]any{"USD": amount}) },
		Shell: []string{"labconsole sim spend " + amount},
		Run: func(ctx context.Context, b backend.Backend) (any, error) {
			return nil, b.AddLabSpend(ctx, usd)
		},
		After: after,
	}
}

// Stamp writes a time as the console's alarm list does, in UTC so every student of an
// SSH-served class reads the same: 2022-06-04 20:05:55.
func Stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05")
}

// Duration words d in the session's language: "6 hours", "5 minutes".
func Duration(c *common.Common, d time.Duration) string {
	if d >= time.Hour && d%time.Hour == 0 {
		return c.Tf("CWPeriodHours", map[string]any{"Hours": int(d / time.Hour)})
	}
	if d%time.Minute == 0 {
		return c.Tf("CWPeriodMinutes", map[string]any{"Minutes": int(d / time.Minute)})
	}
	return c.Tf("CWPeriodSeconds", map[string]any{"Seconds": int(d / time.Second)})
}

// ShortDuration is d as `labconsole sim advance` takes it: 6h, 5m, 1h30m.
func ShortDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	case d%time.Minute == 0 && d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	}
	return d.String()
}
