package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/labconsole/labconsole/ui/iam"
	labui "github.com/labconsole/labconsole/ui/lab"
)

func runeKey(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// TestGoToAsksBeforeDiscardingInput: the panel's g replaces the stack, so with a page
// holding typed input it asks first; g again goes, another key stays; g for the
// screen already open keeps it and its input.
func TestGoToAsksBeforeDiscardingInput(t *testing.T) {
	m, _ := labSession(t, labui.FileStore{Dir: t.TempDir()})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	settle(m, m.toggleLab())
	settle(m, func() tea.Msg { return labGoToMsg{Screen: "iam.groups.create"} })
	form, ok := m.top().(*iam.CreateGroup)
	if !ok {
		t.Fatalf("top is %T, want the Create group page", m.top())
	}
	if form.Edited() {
		t.Fatal("a page nobody typed in counts as edited")
	}

	// Nothing typed: g goes at once.
	settle(m, func() tea.Msg { return labGoToMsg{Screen: "iam.users"} })
	if _, ok := m.top().(*iam.Users); !ok {
		t.Fatalf("top is %T, want Users", m.top())
	}

	// Typed into Create group: g asks, another key stays.
	settle(m, func() tea.Msg { return labGoToMsg{Screen: "iam.groups.create"} })
	form = m.top().(*iam.CreateGroup)
	m.lab.panel.Focus(false)
	for _, r := range "lab-group" {
		m.Update(runeKey(string(r))) // the input's blink would never settle
	}
	if !form.Edited() {
		t.Fatal("typing a name does not count as an edit")
	}
	settle(m, func() tea.Msg { return labGoToMsg{Screen: "iam.users"} })
	if m.top() != form {
		t.Fatalf("g closed the page being edited: top is %T", m.top())
	}
	if v := strings.Join(strings.Fields(ansi.Strip(m.View())), " "); !strings.Contains(v, "discards what you entered") {
		t.Fatalf("the panel does not ask:\n%s", m.View())
	}
	m.Update(runeKey("x"))
	if m.top() != form || !m.lab.panel.Focused() {
		t.Fatalf("another key left the page (top %T) or the panel", m.top())
	}

	// Going to the screen already open keeps it, input and all.
	settle(m, func() tea.Msg { return labGoToMsg{Screen: "iam.groups.create"} })
	if m.top() != form {
		t.Fatalf("g to the open screen replaced it: top is %T", m.top())
	}

	// Asked again, g goes.
	settle(m, func() tea.Msg { return labGoToMsg{Screen: "iam.users"} })
	_, cmd := m.Update(runeKey("g"))
	settle(m, cmd)
	if _, ok := m.top().(*iam.Users); !ok {
		t.Fatalf("g after the question did not go: top is %T", m.top())
	}
}
