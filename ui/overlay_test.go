package ui_test

import (
	"testing"

	bkey "github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/nav"
)

// TestLatePopSparesTheSignInPage: a screen whose pop is still on its way (the
// permissions picker shows "Added …", then pops in a tea.Sequence) when ctrl+o opens
// the sign-in page over it: the pop closes that screen, under the sign-in page, and
// the page stays until its own esc. Before, the late pop closed the sign-in page the
// student had just opened (TestLab1ByKeys waited in vain for "Sign in as IAM user"
// on a loaded machine).
func TestLatePopSparesTheSignInPage(t *testing.T) {
	m, _, _ := newSession(t, locales.English)
	update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	update(m, nav.PushMsg{Screen: lateScreen{}})
	update(m, tea.KeyMsg{Type: tea.KeyCtrlO})
	if got := typeName(m.Top()); got != "*signin.Model" || m.Depth() != 3 {
		t.Fatalf("ctrl+o: top %s, depth %d", got, m.Depth())
	}
	update(m, nav.PopMsg{}) // the picker's pop, late
	if got := typeName(m.Top()); got != "*signin.Model" || m.Depth() != 2 {
		t.Fatalf("after the late pop: top %s, depth %d; want the sign-in page over the home", got, m.Depth())
	}
	// A late pop with nothing under the page but the home changes nothing.
	update(m, nav.PopMsg{})
	if got := typeName(m.Top()); got != "*signin.Model" || m.Depth() != 2 {
		t.Fatalf("after a second late pop: top %s, depth %d", got, m.Depth())
	}
	// The page's own esc closes it.
	if msg := runCmd(update(m, key("esc"))); msg != nil {
		update(m, msg)
	}
	if got := typeName(m.Top()); got != "*menu.Model" || m.Depth() != 1 {
		t.Fatalf("esc on the sign-in page: top %s, depth %d", got, m.Depth())
	}
}

// lateScreen stands for a screen whose pop is on its way.
type lateScreen struct{}

func (lateScreen) Init() tea.Cmd                         { return nil }
func (s lateScreen) Update(tea.Msg) (tea.Model, tea.Cmd) { return s, nil }
func (lateScreen) View() string                          { return "picker" }
func (lateScreen) ShortHelp() []bkey.Binding             { return nil }
func (lateScreen) FullHelp() [][]bkey.Binding            { return nil }
func (lateScreen) SetSize(int, int)                      {}
func (lateScreen) Crumbs() []string                      { return []string{"Picker"} }
func (lateScreen) Capturing() bool                       { return false }
