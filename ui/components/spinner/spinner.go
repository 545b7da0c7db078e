// Package spinner is the console's loading indicator: bubbles' spinner styled from the
// session's theme (bubbles' default style comes from lipgloss's global renderer, which
// is wrong over SSH) with a translated label, and with a start/stop life cycle so that
// a screen can show it only while a backend call runs.
package spinner

import (
	"github.com/charmbracelet/bubbles/key"
	bspinner "github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
)

// Model is a spinner with a label. The zero value is not usable; call New.
type Model struct {
	c      *common.Common
	s      bspinner.Model
	label  string // caller's label; "" means the localized "Loading…"
	active bool
}

// New returns a stopped spinner styled from c.Styles.Spinner.
func New(c *common.Common) Model {
	return Model{c: c, s: bspinner.New(bspinner.WithSpinner(bspinner.MiniDot), bspinner.WithStyle(c.Styles.Spinner))}
}

// SetLabel sets the text after the glyph; "" restores the localized "Loading…". The
// caller passes translated text and sets it again after a language change.
func (m *Model) SetLabel(label string) { m.label = label }

// Start shows the spinner and returns the command that animates it. Starting a running
// spinner returns nil so that two tick chains never run at once.
func (m *Model) Start() tea.Cmd {
	if m.active {
		return nil
	}
	m.active = true
	return m.s.Tick
}

// Stop hides the spinner; its pending tick is then dropped in Update.
func (m *Model) Stop() { m.active = false }

// Active reports whether the spinner is shown.
func (m Model) Active() bool { return m.active }

// SetSize is part of the Component contract; a spinner is one short line.
func (m *Model) SetSize(int, int) {}

// Update advances the animation on this spinner's own ticks only.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	tick, ok := msg.(bspinner.TickMsg)
	if !ok || !m.active || tick.ID != m.s.ID() {
		return m, nil
	}
	var cmd tea.Cmd
	m.s, cmd = m.s.Update(tick)
	return m, cmd
}

// View is the glyph and the label, or "" while stopped.
func (m Model) View() string {
	if !m.active {
		return ""
	}
	return m.Glyph() + " " + m.Label()
}

// Glyph is the current frame alone, for callers that lay out the label themselves.
func (m Model) Glyph() string { return m.s.View() }

// Label is the text shown after the glyph.
func (m Model) Label() string {
	if m.label != "" {
		return m.label
	}
	return m.c.T("Loading")
}

// ShortHelp implements help.KeyMap: a spinner has no keys.
func (m Model) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return nil }
