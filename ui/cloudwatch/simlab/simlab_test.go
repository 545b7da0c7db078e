package simlab_test

import (
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/cloudwatch/cwtest"
	"github.com/labconsole/labconsole/ui/cloudwatch/simlab"
	"github.com/labconsole/labconsole/ui/uitest"
)

func TestDurations(t *testing.T) {
	c := uitest.Common(locales.Korean)
	cases := []struct {
		d           time.Duration
		words, flag string
	}{{6 * time.Hour, "6시간", "6h"}, {5 * time.Minute, "5분", "5m"}, {30 * time.Second, "30초", "30s"}, {24 * time.Hour, "24시간", "24h"}}
	for _, tc := range cases {
		if got := simlab.Duration(c, tc.d); got != tc.words {
			t.Errorf("Duration(%s) = %q, want %q", tc.d, got, tc.words)
		}
		if got := simlab.ShortDuration(tc.d); got != tc.flag {
			t.Errorf("ShortDuration(%s) = %q, want %q", tc.d, got, tc.flag)
		}
	}
	if simlab.Stamp(time.Time{}) != "-" || simlab.Stamp(cwtest.LabNow()) != "2026-11-22 09:30:00" {
		t.Error("Stamp")
	}
}

type realAccount struct{ backend.Backend }

func (r realAccount) Info() backend.Info {
	return backend.Info{Mode: backend.ModeAWS, Region: "us-east-1"}
}

func TestAvailableOnlyInTheSimulator(t *testing.T) {
	c, s := cwtest.NewLab(t, locales.English)
	if !simlab.Available(c) {
		t.Fatal("the simulator has a clock to turn")
	}
	if got := simlab.ClockOf(c)(); !got.Equal(s.Clock().Now()) {
		t.Errorf("ClockOf = %s, want the simulator's %s", got, s.Clock().Now())
	}
	c.Clock = nil // the control API answers instead
	if got := simlab.ClockOf(c)(); !got.Equal(s.Clock().Now()) {
		t.Errorf("ClockOf without a session clock = %s", got)
	}
	c.Backend = realAccount{c.Backend}
	if simlab.Available(c) {
		t.Error("a real account has no simulated clock")
	}
}

func TestPrompt(t *testing.T) {
	c := uitest.Common(locales.English)
	p := simlab.NewPrompt(c)
	p.Init()
	for _, k := range cwtest.Keys("enter") {
		if usd, done, _, _ := p.Update(k); !done || usd != simlab.DefaultSpend {
			t.Fatalf("enter takes the default 250: %v %v", usd, done)
		}
	}
	for _, k := range cwtest.Keys("backspace", "backspace", "backspace", "-5", "enter") {
		if _, done, _, _ := p.Update(k); done {
			t.Fatal("a negative amount must be refused")
		}
	}
	for _, k := range cwtest.Keys("esc") {
		if _, _, canceled, _ := p.Update(k); !canceled {
			t.Fatal("esc cancels")
		}
	}
}
