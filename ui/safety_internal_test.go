package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/guard"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/uitest"
)

func simCommon(t *testing.T, readOnly bool) *common.Common {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	c := uitest.Common(locales.English)
	c.Backend = awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	c.ReadOnly = readOnly
	return c
}

// within runs cmd and returns its message, or nil when it has none within d (the
// listener waits for the next notice).
func within(cmd tea.Cmd, d time.Duration) tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		return msg
	case <-time.After(d):
		return nil
	}
}

// listenerIn finds the mutation listener's answer among cmd's (a batch's) messages.
func listenerIn(cmd tea.Cmd, d time.Duration) (mutationArrivedMsg, bool) {
	msg := within(cmd, d)
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			if m, ok := listenerIn(c, d); ok {
				return m, true
			}
		}
	}
	m, ok := msg.(mutationArrivedMsg)
	return m, ok
}

// TestMutationNoticesReachUpdate: the root guards the session's backend; a
// successful mutation arrives at Update through the listener, a burst coalesces
// into one notice without blocking the calls, and the listener is re-armed.
func TestMutationNoticesReachUpdate(t *testing.T) {
	ctx := context.Background()
	c := simCommon(t, false)
	m := New(c)
	if _, ok := c.Backend.(*guard.Backend); !ok {
		t.Fatalf("the session's backend is %T, not guarded", c.Backend)
	}
	// Checks for "no notice" look at the channel: a listener started for them would
	// stay blocked on it and take the next notice.
	if len(m.safety.mutations) != 0 {
		t.Fatal("a notice before any mutation")
	}
	if _, err := c.Backend.ListUsers(ctx, model.PageRequest{}); err != nil {
		t.Fatal(err)
	}
	if len(m.safety.mutations) != 0 {
		t.Fatal("a read was reported as a mutation")
	}
	// Nobody is listening: the calls must not wait, and the burst is one notice.
	done := make(chan error, 1)
	go func() {
		var err error
		for _, name := range []string{"a", "b", "c", "d"} {
			if _, e := c.Backend.CreateGroup(ctx, model.NewGroup{GroupName: name}); e != nil {
				err = e
			}
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("mutations blocked on an unread notice")
	}
	got, ok := listenerIn(m.listenMutations(), time.Second)
	if !ok || got.op != "CreateGroup" {
		t.Fatalf("notice = %+v, %v", got, ok)
	}
	if len(m.safety.mutations) != 0 {
		t.Fatal("the burst was not coalesced into one notice")
	}
	// Update re-arms the listener, which hears the next mutation.
	_, cmd := m.Update(got)
	if err := c.Backend.AddUserToGroup(ctx, "a", "Administrator"); err != nil {
		t.Fatal(err)
	}
	if next, ok := listenerIn(cmd, time.Second); !ok || next.op != "AddUserToGroup" {
		t.Fatalf("after Update the listener answered %+v, %v", next, ok)
	}
}

// TestReadOnlySessionRefusesAndBadges: with Common.ReadOnly the root's guard refuses
// mutations (no notice) and the header carries the badge.
func TestReadOnlySessionRefusesAndBadges(t *testing.T) {
	c := simCommon(t, true)
	m := New(c)
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	_, err := c.Backend.CreateGroup(context.Background(), model.NewGroup{GroupName: "x"})
	if backend.KindOf(err) != backend.KindReadOnly {
		t.Fatalf("CreateGroup: %v", err)
	}
	if got := common.ErrorText(c, err); got != "labconsole is read-only (--read-only): iam:CreateGroup was not sent to AWS." {
		t.Fatalf("error text %q", got)
	}
	if len(m.safety.mutations) != 0 {
		t.Fatal("a refused call was reported as a mutation")
	}
	if h := m.header(); !strings.Contains(h, "READ-ONLY") {
		t.Fatalf("header without the badge: %q", h)
	}
	c.ReadOnly = false
	if h := m.header(); strings.Contains(h, "READ-ONLY") {
		t.Fatalf("badge without --read-only: %q", h)
	}
}
