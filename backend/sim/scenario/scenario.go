// Package scenario replays lab activity against a simulated account through the
// real API path (signed SDK requests through the simulator's handler), so what a
// student would have done in the AWS console shows up everywhere it would: in
// DescribeInstances, in the bill, and in CloudTrail's Event history under the
// identity that did it.
//
// It does not import package sim (sim exposes the scenarios, see sim.RunScenario);
// a Target is what a scenario needs of the account.
package scenario

import (
	"context"
	"fmt"
	"net/http"
	"sort"

	"github.com/labconsole/labconsole/backend/sim/clock"
	"github.com/labconsole/labconsole/backend/sim/iam"
	"github.com/labconsole/labconsole/backend/sim/trail"
)

// Target is the simulated account a scenario acts on; *sim.Sim satisfies it.
type Target interface {
	RoundTripper() http.RoundTripper
	AdminCredentials() iam.Credentials
	Region() string
	IAM() *iam.Service
	Recorder() *trail.Recorder
	Clock() *clock.Clock
}

// Func is one scenario.
type Func func(ctx context.Context, t Target) error

// registry names the scenarios the control API and the lab engine can run.
var registry = map[string]Func{
	"lab1-activity": Lab1Activity,
}

// Run runs the scenario called name.
func Run(ctx context.Context, t Target, name string) error {
	fn, ok := registry[name]
	if !ok {
		return fmt.Errorf("%w: %q (known: %v)", ErrUnknown, name, Names())
	}
	return fn(ctx, t)
}

// Names lists the scenarios, sorted.
func Names() []string {
	out := make([]string, 0, len(registry))
	for n := range registry {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// ErrUnknown is returned by Run for a name that is not a scenario.
var ErrUnknown = fmt.Errorf("unknown scenario")
