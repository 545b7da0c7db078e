package backend

import (
	"context"
	"time"
)

// CloudTrail's LookupEvents is limited to two requests per second per account per
// Region; a Backend that paces its calls to that rate (backend/awsapi) makes a call
// that must wait for its turn block in its own goroutine (a tea.Cmd) and says so
// through the context's LookupWait function, so a screen can show why it waits.

// LookupEventsPerSecond is CloudTrail's LookupEvents quota per account per Region.
const LookupEventsPerSecond = 2

// LookupWait describes one LookupEvents call waiting for its turn.
type LookupWait struct {
	Wait  time.Duration // until the call is sent
	Ahead int           // calls of this account queued before it
}

// LookupPace is the state of a Backend's LookupEvents pacing.
type LookupPace struct {
	PerSecond int       // the calls sent per second at most
	Queued    int       // calls waiting for their turn now
	NextSlot  time.Time // when a call made now would be sent (now or earlier: at once)
}

// LookupPacer is implemented by Backends that pace LookupEvents; a screen holding a
// Backend type-asserts to it to show the pace.
type LookupPacer interface {
	LookupPace() LookupPace
}

type lookupWaitKey struct{}

// WithLookupWait returns a context whose LookupEvents calls tell fn, before they
// wait, how long they will wait for their turn (fn is not called when a call can be
// sent at once). fn runs on the calling goroutine (a tea.Cmd's, never Update's): it
// must not block, and it hands the wait to the screen through something the screen
// reads in Update (a value it polls on a tick, a channel a Cmd reads).
func WithLookupWait(ctx context.Context, fn func(LookupWait)) context.Context {
	return context.WithValue(ctx, lookupWaitKey{}, fn)
}

// LookupWaitFunc returns the function WithLookupWait put in ctx, or nil.
func LookupWaitFunc(ctx context.Context) func(LookupWait) {
	fn, _ := ctx.Value(lookupWaitKey{}).(func(LookupWait))
	return fn
}
