package labcheck_test

import (
	"context"
	"testing"
	"time"

	"github.com/labconsole/labconsole/assets"
	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/labcheck"
	"github.com/labconsole/labconsole/backend/labcheck/labchecktest"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/model"
)

// TestLab2 loads the Lab 2 example (written without Go): on a fresh account every
// step fails; done through the backend in order, each step fails before its action
// and passes after it.
func TestLab2(t *testing.T) {
	ctx := context.Background()
	must := labchecktest.Must
	l, err := assets.Lab("lab2")
	must(t, err)
	s, b := labchecktest.Sim(t)
	c := &labcheck.Checker{State: b}
	results, err := c.Lab(ctx, l)
	must(t, err)
	if len(results) != 6 {
		t.Fatalf("lab2 has %d steps, want 6", len(results))
	}
	for _, r := range results {
		if r.Result.Pass || r.Result.Reason.ID == "LabReasonError" {
			t.Errorf("fresh account: %s: pass %v, %s %v", r.Step.ID, r.Result.Pass, r.Result.Reason.ID, r.Result.Reason.Data)
		}
	}

	const trail, bucket = "lab2-integrity-trail", "aws-cloudtrail-logs-123456789012-integrity"
	advance := func(d time.Duration) func(t *testing.T, s *sim.Sim, b backend.Backend) {
		return func(t *testing.T, s *sim.Sim, _ backend.Backend) {
			_, _, err := s.Advance(ctx, d)
			must(t, err)
		}
	}
	actions := map[string]func(t *testing.T, s *sim.Sim, b backend.Backend){
		"A1": func(t *testing.T, _ *sim.Sim, b backend.Backend) {
			_, err := b.CreateTrail(ctx, model.ConsoleNewTrail(trail, bucket))
			must(t, err)
		},
		"A2": nil, // reading the trail's details: the console's trail logs at once
		"A3": advance(5 * time.Minute),
		"A4": advance(time.Hour),
		"B1": func(t *testing.T, _ *sim.Sim, b backend.Backend) {
			must(t, b.StopLogging(ctx, trail))
			must(t, b.StartLogging(ctx, trail))
		},
		"B2": advance(time.Hour),
	}
	v, err := c.Vars(ctx)
	must(t, err)
	for _, step := range l.Steps() {
		act, ok := actions[step.ID]
		if !ok {
			t.Fatalf("no action for step %s", step.ID)
		}
		if act != nil {
			if r := c.Check(ctx, step.Check, v); r.Pass {
				t.Fatalf("%s passes before its action", step.ID)
			}
			act(t, s, b)
		}
		if r := c.Check(ctx, step.Check, v); !r.Pass {
			t.Fatalf("%s fails after its action: %s %v", step.ID, r.Reason.ID, r.Reason.Data)
		}
	}
}
