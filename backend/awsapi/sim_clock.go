package awsapi

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// The simulated clock is a simulator feature with no AWS API behind it: the lab
// fast-forwards it so that billing datapoints (every 6 simulated hours) and alarm
// evaluations happen while the student watches. backend.Backend does not carry it;
// screens reach it through a type assertion on these methods, so real AWS needs no
// stub and the UI still never imports this package.

// simClock mirrors sim.ClockState (awsapi does not import the simulator: it also
// talks to `labconsole sim` over HTTP).
type simClock struct {
	Now time.Time `json:"now"`
}

const noClock = "The clock is simulated: on AWS time passes on its own, and billing data arrives several times a day."

// SimulatorClock reads the simulator's clock (GET /_sim/clock), which runs ahead of
// the wall clock once the lab has fast-forwarded it. Real AWS mode answers with an
// error: there the wall clock is the clock.
func (b *Backend) SimulatorClock(ctx context.Context) (time.Time, error) {
	if b.sim == nil {
		return time.Time{}, simOnly("sim:GetClock", "SimulatorOnly", noClock)
	}
	var st simClock
	if err := b.signedControl(ctx, "sim:GetClock", http.MethodGet, "/_sim/clock", nil, &st); err != nil {
		return time.Time{}, err
	}
	return st.Now.UTC(), nil
}

// AdvanceClock fast-forwards the simulator's clock by d (POST /_sim/clock/advance)
// and returns the new simulated time. The simulator runs the work that fell due in
// the skipped span (billing datapoints, alarm evaluations and their notifications)
// before it answers, so a screen that reloads afterwards sees the outcome.
func (b *Backend) AdvanceClock(ctx context.Context, d time.Duration) (time.Time, error) {
	if b.sim == nil {
		return time.Time{}, simOnly("sim:AdvanceClock", "SimulatorOnly", noClock)
	}
	if d <= 0 {
		return time.Time{}, simOnly("sim:AdvanceClock", "InvalidDuration", "the clock only moves forward: give a positive duration such as 6h")
	}
	var st simClock
	q := url.Values{"by": {d.String()}}
	if err := b.signedControl(ctx, "sim:AdvanceClock", http.MethodPost, "/_sim/clock/advance?"+q.Encode(), nil, &st); err != nil {
		return time.Time{}, err
	}
	return st.Now.UTC(), nil
}
