package ui_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/theme"
)

// fixedNow pins the simulator's clock so creation dates in golden screens are stable.
func fixedNow() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }

// newSession builds one console session on a fresh ephemeral simulator, with colours
// off so golden files compare text.
func newSession(t *testing.T, lang locales.Lang) (*ui.Model, *common.Common, *sim.Sim) {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	b := awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	// IAM screens measure ages ("Just now") against the pinned simulated clock.
	c := &common.Common{Ctx: context.Background(), Clock: fixedNow, Renderer: r, Styles: theme.DefaultStyles(r, theme.Default()), L: locales.New(lang), Backend: b}
	return ui.New(c), c, s
}

func key(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), text) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// TestGoldenScreens drives the real program (teatest) to each screen at 100×30 and
// compares the final view with testdata/<name>.golden.
func TestGoldenScreens(t *testing.T) {
	cases := []struct {
		name  string
		lang  locales.Lang
		keys  []string
		ready string // text that shows the screen has loaded
		setup func(t *testing.T, s *sim.Sim, c *common.Common)
	}{
		{name: "menu_en", lang: locales.English, ready: "Administrator"},
		{name: "menu_ko", lang: locales.Korean, ready: "Administrator"},
		// IAM screens are in iam_test.go: they need to wait between key presses.
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, cm, s := newSession(t, c.lang)
			if c.setup != nil {
				c.setup(t, s, cm)
			}
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
			waitFor(t, tm, "Administrator")
			for _, k := range c.keys {
				tm.Send(key(k))
			}
			if len(c.keys) > 0 { // the output reader is consumed; wait for the new screen
				waitFor(t, tm, c.ready)
			}
			tm.Send(tea.QuitMsg{})
			final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
			view := final.View()
			assertFits(t, view, 100, 30)
			golden.RequireEqual(t, []byte(view))
		})
	}
}

// assertFits checks the view is exactly the terminal's size: no line wider than the
// terminal (Korean is double-width) and no more lines than it has.
func assertFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("view has %d lines, terminal has %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("line %d is %d cells wide (> %d): %q", i, lw, w, l)
		}
	}
}

// update feeds msgs through the root synchronously, running commands that return
// messages (one level) so async loads complete.
func update(m *ui.Model, msgs ...tea.Msg) tea.Cmd {
	var last tea.Cmd
	for _, msg := range msgs {
		_, last = m.Update(msg)
	}
	return last
}

func TestNavigation(t *testing.T) {
	cases := []struct {
		name      string
		keys      []string
		wantDepth int
		wantTop   string // type of the top screen
		wantQuit  bool
	}{
		{"down moves the cursor, no navigation", []string{"down"}, 1, "*menu.Model", false},
		{"enter on IAM opens the IAM home", []string{"down", "down", "enter"}, 2, "*iam.Home", false},
		{"esc goes back", []string{"down", "down", "enter", "esc"}, 1, "*menu.Model", false},
		{"esc at home stays", []string{"esc"}, 1, "*menu.Model", false},
		{"enter on Billing opens its preferences", []string{"enter"}, 2, "*billing.Preferences", false},
		{"q quits", []string{"q"}, 1, "*menu.Model", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, _, _ := newSession(t, locales.English)
			update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
			quit := false
			for _, k := range c.keys {
				cmd := update(m, key(k))
				msg := runCmd(cmd)
				if _, ok := msg.(tea.QuitMsg); ok {
					quit = true
				}
				if msg != nil {
					update(m, msg)
				}
			}
			if got := typeName(m.Top()); m.Depth() != c.wantDepth || got != c.wantTop || quit != c.wantQuit {
				t.Fatalf("depth=%d top=%s quit=%v, want %d %s %v", m.Depth(), got, quit, c.wantDepth, c.wantTop, c.wantQuit)
			}
		})
	}
}

// runCmd runs cmd and returns its message, expanding a batch to its first non-nil
// navigation or quit message.
func runCmd(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			if r := runCmd(c); r != nil {
				return r
			}
		}
		return nil
	}
	return msg
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }

func TestLanguageSwitchesLive(t *testing.T) {
	m, c, _ := newSession(t, locales.English)
	update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	if !strings.Contains(m.View(), "Services") {
		t.Fatalf("English menu missing:\n%s", m.View())
	}
	update(m, key("L"))
	if c.L.Lang() != locales.Korean || !strings.Contains(m.View(), "서비스") || !strings.Contains(m.View(), "English") {
		t.Fatalf("after L the console must be Korean (help offers English):\n%s", m.View())
	}
	update(m, key("L"))
	if c.L.Lang() != locales.English {
		t.Fatal("L must cycle back to English")
	}
}
