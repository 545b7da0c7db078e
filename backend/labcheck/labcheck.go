// Package labcheck evaluates a lab's declarative checks (model/lab) against an account
// through backend.Backend only, so the same checklist works on the simulator and on a
// real account. Each result carries a message ID and data instead of text, so the CLI
// and the lab panel translate it into the session's language.
package labcheck

import (
	"context"
	"errors"
	"strings"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/model/lab"
)

// Reason is why a check passed or failed: a locales message ID and its template data.
type Reason struct {
	ID   string
	Data map[string]any
}

// Result is the outcome of one check.
type Result struct {
	Pass   bool
	Reason Reason
}

// Vars fill ${account} and ${region} in check values.
type Vars struct {
	Account string
	Region  string
	// Principal is the ARN the checks read as (not a variable of the lab files): the
	// console's lab panel keeps reading as it when the student switches profile.
	Principal string
}

// Expand replaces the variables in s.
func (v Vars) Expand(s string) string {
	return strings.NewReplacer("${account}", v.Account, "${region}", v.Region).Replace(s)
}

// Checker reads the account's state with State (the administrator's view: a signed-in
// lab-user may not be allowed to read IAM) and asks Acting who the console acts as,
// for signed_in_as. Acting nil means State.
type Checker struct {
	State  backend.Backend
	Acting backend.Identity

	// events are the LookupEvents answers by event name during one Lab call:
	// CloudTrail allows two lookups a second, and several steps ask for the same name.
	events map[string][]model.Event
}

// Vars reads the variables from the account: the account ID from CallerIdentity (the
// same for a signed-in lab-user, who belongs to the account) and the backend's region.
func (c *Checker) Vars(ctx context.Context) (Vars, error) {
	id, err := c.State.CallerIdentity(ctx)
	if err != nil {
		return Vars{}, err
	}
	return Vars{Account: id.Account, Region: c.State.Info().Region, Principal: id.Arn}, nil
}

// StepResult is the outcome of one step's check.
type StepResult struct {
	Part   *lab.Part
	Step   *lab.Step
	Result Result
}

// Lab evaluates every step of l in order.
func (c *Checker) Lab(ctx context.Context, l *lab.Lab) ([]StepResult, error) {
	v, err := c.Vars(ctx)
	if err != nil {
		return nil, err
	}
	c.events = map[string][]model.Event{}
	defer func() { c.events = nil }()
	var out []StepResult
	for _, p := range l.Parts {
		for _, s := range p.Steps {
			out = append(out, StepResult{Part: p, Step: s, Result: c.Check(ctx, s.Check, v)})
		}
	}
	return out, nil
}

// Check evaluates one check. Failures of the calls themselves become a failed result
// with the error as its reason, so one unreachable service does not hide the others.
func (c *Checker) Check(ctx context.Context, chk *lab.Check, v Vars) Result {
	if chk == nil {
		return pass()
	}
	switch {
	case len(chk.All) > 0:
		for _, sub := range chk.All {
			if r := c.Check(ctx, sub, v); !r.Pass {
				return r
			}
		}
		return pass()
	case len(chk.Any) > 0:
		var first Result
		for i, sub := range chk.Any {
			r := c.Check(ctx, sub, v)
			if r.Pass {
				return r
			}
			if i == 0 {
				first = r
			}
		}
		return first
	case chk.BillingAlerts != nil:
		return c.billingAlerts(ctx, chk.BillingAlerts)
	case chk.Alarm != nil:
		return c.alarm(ctx, chk.Alarm, v)
	case chk.Subscription != nil:
		return c.subscription(ctx, chk.Subscription, v)
	case chk.Group != nil:
		return c.group(ctx, chk.Group, v)
	case chk.User != nil:
		return c.user(ctx, chk.User, v)
	case chk.SignedInAs != nil:
		return c.signedInAs(ctx, chk.SignedInAs, v)
	case chk.Trail != nil:
		return c.trail(ctx, chk.Trail, v)
	case chk.Object != nil:
		return c.object(ctx, chk.Object, v)
	case chk.Event != nil:
		return c.event(ctx, chk.Event, v)
	}
	return pass()
}

func pass() Result { return Result{Pass: true, Reason: Reason{ID: "LabReasonPassed"}} }

func fail(id string, kv ...any) Result {
	data := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		data[kv[i].(string)] = kv[i+1]
	}
	return Result{Reason: Reason{ID: id, Data: data}}
}

// callFailed turns a backend error into a failed result naming it.
func callFailed(err error) Result {
	msg := err.Error()
	var be *backend.Error
	if errors.As(err, &be) && be.Message != "" {
		msg = be.Code + ": " + be.Message
	}
	return fail("LabReasonError", "Error", msg)
}

func notFound(err error) bool { return backend.KindOf(err) == backend.KindNotFound }
