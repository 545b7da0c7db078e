package iam

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/uitest"
)

var testNow = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)

// simCommon is a session on a fresh simulator whose clock is pinned, as the
// administrator.
func simCommon(t *testing.T, lang locales.Lang) *common.Common {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	c := uitest.Common(lang)
	c.Width, c.Height = 98, 25
	c.Clock = func() time.Time { return testNow }
	c.Backend = awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(),
		AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	return c
}

// failing wraps a backend so that chosen calls fail as AWS would answer them, to test
// what a screen does when a later call of a sequence is refused.
type failing struct {
	backend.Backend
	attachGroup  error
	addToGroup   error
	loginProfile error
}

func (f failing) AttachGroupPolicy(ctx context.Context, group, arn string) error {
	if f.attachGroup != nil {
		return f.attachGroup
	}
	return f.Backend.AttachGroupPolicy(ctx, group, arn)
}

func (f failing) AddUserToGroup(ctx context.Context, group, user string) error {
	if f.addToGroup != nil {
		return f.addToGroup
	}
	return f.Backend.AddUserToGroup(ctx, group, user)
}

func (f failing) CreateLoginProfile(ctx context.Context, in model.NewLoginProfile) (model.LoginProfile, error) {
	if f.loginProfile != nil {
		return model.LoginProfile{}, f.loginProfile
	}
	return f.Backend.CreateLoginProfile(ctx, in)
}

func denied(action string) error {
	return &backend.Error{Op: action, Kind: backend.KindAccessDenied, Code: "AccessDenied",
		Message: "User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: " + action + " on resource: arn:aws:iam::123456789012:group/lab-cloudtrail-group because no identity-based policy allows the " + action + " action"}
}

// driver feeds a screen messages the way the Bubble Tea loop would: commands run
// concurrently and their answers come back as they arrive, until every command has
// answered. Navigation is recorded, not performed; spinner ticks and
// cursor blinks are dropped so that their chains end.
type driver struct {
	t      *testing.T
	screen tea.Model
	nav    []tea.Msg
	other  []tea.Msg // messages meant for other screens (e.g. usersChangedMsg)
}

func newDriver(t *testing.T, s tea.Model) *driver {
	d := &driver{t: t, screen: s}
	if sz, ok := s.(interface{ SetSize(int, int) }); ok {
		sz.SetSize(98, 25)
	}
	if init := s.Init(); init != nil {
		d.run(init)
	}
	return d
}

// quiet bounds the wait for an answer. Every command comes back (cursor blinks
// after 530ms, spinner ticks sooner), so send returns once all have; the bound only
// stops a hung call.
const quiet = 10 * time.Second

func (d *driver) send(msgs ...tea.Msg) {
	results := make(chan tea.Msg, 256)
	pending := 0
	var queue []tea.Msg
	for _, m := range msgs {
		if m != nil {
			queue = append(queue, m)
		}
	}
	launch := func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		pending++
		go func() { results <- cmd() }()
	}
	for {
		for len(queue) > 0 {
			msg := queue[0]
			queue = queue[1:]
			switch m := msg.(type) {
			case tea.BatchMsg:
				for _, c := range m {
					launch(c)
				}
				continue
			case nav.PushMsg, nav.PopMsg:
				d.nav = append(d.nav, msg)
				continue
			case usersChangedMsg, groupsChangedMsg, userChangedMsg:
				d.other = append(d.other, msg)
				continue
			}
			if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
				for i := 0; i < v.Len(); i++ { // tea.Sequence
					if c, _ := v.Index(i).Interface().(tea.Cmd); c != nil {
						queue = append(queue, c())
					}
				}
				continue
			}
			name := fmt.Sprintf("%T", msg)
			if strings.HasPrefix(name, "cursor.") || strings.HasPrefix(name, "spinner.") || name == "<nil>" {
				continue
			}
			_, cmd := d.screen.Update(msg)
			launch(cmd)
		}
		if pending == 0 {
			return
		}
		select {
		case m := <-results:
			pending--
			if m != nil {
				queue = append(queue, m)
			}
		case <-time.After(quiet):
			return
		}
	}
}

func (d *driver) run(cmd tea.Cmd) { d.send(cmd()) }

// keys sends key presses: named keys, or text typed as one message per rune.
func (d *driver) keys(names ...string) {
	var msgs []tea.Msg
	named := map[string]tea.KeyMsg{
		"enter": {Type: tea.KeyEnter}, "esc": {Type: tea.KeyEsc}, "tab": {Type: tea.KeyTab},
		"shift+tab": {Type: tea.KeyShiftTab}, "up": {Type: tea.KeyUp}, "down": {Type: tea.KeyDown},
		"space": {Type: tea.KeySpace, Runes: []rune{' '}}, "ctrl+n": {Type: tea.KeyCtrlN}, "ctrl+p": {Type: tea.KeyCtrlP},
		"ctrl+s": {Type: tea.KeyCtrlS}, "ctrl+x": {Type: tea.KeyCtrlX}, "ctrl+u": {Type: tea.KeyCtrlU},
		"backspace": {Type: tea.KeyBackspace},
	}
	for _, n := range names {
		if k, ok := named[n]; ok {
			msgs = append(msgs, k)
			continue
		}
		for _, r := range n {
			msgs = append(msgs, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
	d.send(msgs...)
}

func (d *driver) view() string { return d.screen.View() }

func (d *driver) popped() bool {
	for _, m := range d.nav {
		if _, ok := m.(nav.PopMsg); ok {
			return true
		}
	}
	return false
}

func contains(t *testing.T, view string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(view, w) {
			t.Errorf("view lacks %q:\n%s", w, view)
		}
	}
}
