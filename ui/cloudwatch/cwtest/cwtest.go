// Package cwtest is test support for the CloudWatch, SNS and Billing screens: a
// session on a fresh in-process simulator with its clock pinned, and a synchronous
// driver that feeds keys to a screen and runs the commands they produce, as the
// program would, without waiting on cursor blinks and spinner ticks. Only tests
// import it; screens never do (they see backend.Backend, not the simulator).
package cwtest

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/uitest"
)

// LabNow pins the simulator's clock, so the lab's datapoints fall on known marks.
func LabNow() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }

// NewLab is a session on a fresh in-process simulator whose base time is pinned to
// LabNow; the session's clock is the simulator's, as the console runs, so it
// follows fast-forwards.
func NewLab(t *testing.T, lang locales.Lang) (*common.Common, *sim.Sim) {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: LabNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	c := uitest.Common(lang)
	c.Backend = awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(),
		AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	c.Clock = s.Clock().Now
	return c, s
}

// BillingOn turns billing alerts on and fast-forwards past the first datapoints.
func BillingOn(t *testing.T, c *common.Common, s *sim.Sim, by time.Duration) {
	t.Helper()
	ctx := context.Background()
	if _, err := c.Backend.SetReceiveBillingAlerts(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Advance(ctx, by); err != nil {
		t.Fatal(err)
	}
}

// Run feeds msg to m and then every message its commands produce, depth first, as
// the program would (tea.Batch and tea.Sequence expanded), until they stop. Spinner
// ticks and cursor blinks are dropped so the loop ends. Navigation messages are
// collected for the caller.
func Run(t *testing.T, m tea.Model, msg tea.Msg) (nav []tea.Msg) {
	t.Helper()
	queue := []tea.Msg{msg}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 500 {
			t.Fatal("too many messages")
		}
		msg, queue = queue[0], queue[1:]
		if IsNav(msg) {
			nav = append(nav, msg)
			continue
		}
		_, cmd := m.Update(msg)
		queue = append(queue, Expand(cmd)...)
	}
	return nav
}

// Expand runs cmd and returns the messages it produces, the commands of a batch at
// once. A command that has not answered within 100ms waits on a timer (a cursor
// blink, a spinner tick) and is dropped, so a test never waits on animation.
func Expand(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(100 * time.Millisecond):
		return nil
	}
	switch name := TypeName(msg); {
	case strings.HasPrefix(name, "spinner.") || strings.HasPrefix(name, "cursor."):
		return nil // animation: would tick forever
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		results := make([][]tea.Msg, len(msg))
		var wg sync.WaitGroup
		for i, c := range msg {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = Expand(c)
			}()
		}
		wg.Wait()
		var out []tea.Msg
		for _, r := range results {
			out = append(out, r...)
		}
		return out
	case nil:
		return nil
	}
	if isSequence(msg) {
		return expandSequence(msg)
	}
	return []tea.Msg{msg}
}

// IsNav reports the navigation messages (nav.PushMsg, nav.PopMsg…), which Run
// collects for the caller instead of handing them to the screen.
func IsNav(msg tea.Msg) bool {
	name := TypeName(msg)
	return strings.HasPrefix(name, "nav.")
}

// Keys turns key names and text into key messages.
func Keys(names ...string) []tea.Msg {
	named := map[string]tea.KeyMsg{
		"enter": {Type: tea.KeyEnter}, "esc": {Type: tea.KeyEsc}, "tab": {Type: tea.KeyTab},
		"shift+tab": {Type: tea.KeyShiftTab}, "up": {Type: tea.KeyUp}, "down": {Type: tea.KeyDown},
		"space": {Type: tea.KeySpace, Runes: []rune{' '}}, "ctrl+n": {Type: tea.KeyCtrlN}, "ctrl+p": {Type: tea.KeyCtrlP},
		"ctrl+e": {Type: tea.KeyCtrlE}, "backspace": {Type: tea.KeyBackspace}, "left": {Type: tea.KeyLeft},
		"ctrl+s": {Type: tea.KeyCtrlS}, "ctrl+u": {Type: tea.KeyCtrlU}, "pgdown": {Type: tea.KeyPgDown}, "pgup": {Type: tea.KeyPgUp},
	}
	var out []tea.Msg
	for _, n := range names {
		if k, ok := named[n]; ok {
			out = append(out, k)
			continue
		}
		// Text goes as one message, as a fast typist's (or a paste's) does: the
		// fields take every rune of it.
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(n)})
	}
	return out
}

// Press feeds keys to m, running what each produces.
func Press(t *testing.T, m tea.Model, names ...string) (nav []tea.Msg) {
	t.Helper()
	for _, k := range Keys(names...) {
		nav = append(nav, Run(t, m, k)...)
	}
	return nav
}

// LabMetric is the metric of the lab's billing alarm.
func LabMetric() model.Metric { return model.TotalChargesMetric() }

// TypeName is v's type as %T writes it, e.g. "nav.PopMsg".
func TypeName(v any) string { return fmt.Sprintf("%T", v) }

// isSequence reports tea.Sequence's message, an unexported slice of commands.
func isSequence(msg tea.Msg) bool {
	v := reflect.ValueOf(msg)
	return v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil))
}

func expandSequence(msg tea.Msg) []tea.Msg {
	v := reflect.ValueOf(msg)
	var out []tea.Msg
	for i := 0; i < v.Len(); i++ {
		if c, ok := v.Index(i).Interface().(tea.Cmd); ok {
			out = append(out, Expand(c)...)
		}
	}
	return out
}
