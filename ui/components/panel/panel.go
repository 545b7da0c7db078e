// Package panel draws the console's alert panels: a coloured bar, a title and a body,
// like the AWS console's red "You don't have permissions" box. Screens use it for
// backend errors (translated by common.ErrorText) and for info and success notes.
package panel

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/theme"
)

// Kind picks the panel's colour.
type Kind int

// The kinds of panel, as the AWS console's alert types.
const (
	Error Kind = iota
	Warning
	Info
	Success
)

// Model is a panel. Title and body are translated by the caller.
type Model struct {
	c     *common.Common
	kind  Kind
	title string
	body  string
	width int
}

// New returns a panel of kind with the given texts, as wide as c's terminal until
// SetSize.
func New(c *common.Common, kind Kind, title, body string) Model {
	return Model{c: c, kind: kind, title: title, body: body, width: c.Width}
}

// SetText replaces the texts, e.g. after a language change.
func (m *Model) SetText(title, body string) { m.title, m.body = title, body }

// SetKind changes the colour.
func (m *Model) SetKind(k Kind) { m.kind = k }

// SetSize sets the width; the height follows the wrapped body (see Height).
func (m *Model) SetSize(w, _ int) { m.width = max(w, 0) }

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// Update implements tea.Model; a panel is static.
func (m Model) Update(tea.Msg) (Model, tea.Cmd) { return m, nil }

// View draws the panel: every line exactly the set width.
func (m Model) View() string {
	if m.width <= 0 {
		return ""
	}
	ks := m.styles()
	box := ks.Box
	inner := max(m.width-box.GetHorizontalFrameSize(), 1)
	var lines []string
	for _, l := range cells.Wrap(m.title, inner) {
		lines = append(lines, ks.Title.Render(cells.Pad(l, inner, lipgloss.Left)))
	}
	if m.body != "" {
		for _, l := range cells.Wrap(m.body, inner) {
			lines = append(lines, m.c.Styles.Panel.Body.Render(cells.Pad(l, inner, lipgloss.Left)))
		}
	}
	return box.Render(strings.Join(lines, "\n"))
}

// Height is the number of lines View draws at the current width.
func (m Model) Height() int { return lipgloss.Height(m.View()) }

func (m Model) styles() theme.PanelKindStyles {
	p := m.c.Styles.Panel
	switch m.kind {
	case Warning:
		return p.Warning
	case Info:
		return p.Info
	case Success:
		return p.Success
	default:
		return p.Error
	}
}

// ShortHelp implements help.KeyMap: a panel has no keys.
func (m Model) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return nil }
