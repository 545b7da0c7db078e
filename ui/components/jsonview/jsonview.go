// Package jsonview is the console's JSON viewer for CloudTrail events, policies and
// trail log files: pretty-printed, coloured by token, scrollable both ways. The
// document is formatted once (Parse) and View draws only the lines on screen, so a
// 5 MB log file scrolls as fast as a small event. Invalid JSON is shown as text under
// the error.
package jsonview

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/common"
)

// hstep is how far left/right scroll, in cells.
const hstep = 8

// KeyMap is the viewer's keys, built per viewer from the session's localizer.
type KeyMap struct {
	Up           key.Binding
	Down         key.Binding
	PageUp       key.Binding
	PageDown     key.Binding
	HalfPageUp   key.Binding
	HalfPageDown key.Binding
	Top          key.Binding
	Bottom       key.Binding
	Left         key.Binding
	Right        key.Binding
}

// NewKeyMap returns the viewer's keys with help in l's language.
func NewKeyMap(l *locales.Localizer) KeyMap {
	return KeyMap{
		Up:           key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", l.T("KeyUp"))),
		Down:         key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", l.T("KeyDown"))),
		PageUp:       key.NewBinding(key.WithKeys("pgup", "b", "ctrl+b"), key.WithHelp("pgup/b", l.T("KeyPageUp"))),
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "f", " ", "ctrl+f"), key.WithHelp("pgdn/f", l.T("KeyPageDown"))),
		HalfPageUp:   key.NewBinding(key.WithKeys("ctrl+u", "u"), key.WithHelp("u", l.T("KeyPageUp"))),
		HalfPageDown: key.NewBinding(key.WithKeys("ctrl+d", "d"), key.WithHelp("d", l.T("KeyPageDown"))),
		Top:          key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", l.T("KeyTop"))),
		Bottom:       key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", l.T("KeyBottom"))),
		Left:         key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", l.T("KeyScrollLeft"))),
		Right:        key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", l.T("KeyScrollRight"))),
	}
}

// Model is the viewer. It is a value; the parent keeps the one Update returns.
type Model struct {
	c           *common.Common
	keys        KeyMap
	doc         *Document
	yoff, xoff  int
	width       int
	height      int
	lineNumbers bool
}

// New returns an empty viewer, as large as c's terminal until SetSize.
func New(c *common.Common) Model {
	return Model{c: c, keys: NewKeyMap(c.L), doc: Parse(nil), width: c.Width, height: c.Height}
}

// SetContent formats raw and shows it from the top. For large documents prefer Parse
// in a tea.Cmd and SetDocument, so Update never does work proportional to the size.
func (m *Model) SetContent(raw []byte) { m.SetDocument(Parse(raw)) }

// SetDocument shows d from the top.
func (m *Model) SetDocument(d *Document) {
	if d == nil {
		d = Parse(nil)
	}
	m.doc, m.yoff, m.xoff = d, 0, 0
}

// Document is the document shown.
func (m Model) Document() *Document { return m.doc }

// SetLineNumbers shows or hides the line-number gutter.
func (m *Model) SetLineNumbers(on bool) { m.lineNumbers = on; m.clamp() }

// SetSize sets the size in cells: the lines and one footer line.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.clamp()
}

// Relocalize rebuilds the key help from the current localizer; Update calls it on
// common.LanguageChangedMsg.
func (m *Model) Relocalize() { m.keys = NewKeyMap(m.c.L) }

// YOffset is the first line on screen (0-based).
func (m Model) YOffset() int { return m.yoff }

// XOffset is the first cell column on screen.
func (m Model) XOffset() int { return m.xoff }

// ScrollPercent is how far down the document the view is, 0 to 100.
func (m Model) ScrollPercent() int {
	maxY := m.maxYOffset()
	if maxY == 0 {
		return 100
	}
	return m.yoff * 100 / maxY
}

// GotoTop scrolls to the first line.
func (m *Model) GotoTop() { m.yoff = 0 }

// GotoBottom scrolls to the last page.
func (m *Model) GotoBottom() { m.yoff = m.maxYOffset() }

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// Update scrolls on keys and the mouse wheel.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	h := m.bodyHeight()
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		m.Relocalize()
	case tea.MouseMsg:
		if msg.Action == tea.MouseActionPress {
			switch msg.Button {
			case tea.MouseButtonWheelUp:
				m.yoff -= 3
			case tea.MouseButtonWheelDown:
				m.yoff += 3
			}
		}
	case tea.KeyMsg:
		k := m.keys
		switch {
		case key.Matches(msg, k.Up):
			m.yoff--
		case key.Matches(msg, k.Down):
			m.yoff++
		case key.Matches(msg, k.PageUp):
			m.yoff -= h
		case key.Matches(msg, k.PageDown):
			m.yoff += h
		case key.Matches(msg, k.HalfPageUp):
			m.yoff -= max(h/2, 1)
		case key.Matches(msg, k.HalfPageDown):
			m.yoff += max(h/2, 1)
		case key.Matches(msg, k.Top):
			m.yoff = 0
		case key.Matches(msg, k.Bottom):
			m.yoff = m.maxYOffset()
		case key.Matches(msg, k.Left):
			m.xoff -= hstep
		case key.Matches(msg, k.Right):
			m.xoff += hstep
		}
	}
	m.clamp()
	return m, nil
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Up, m.keys.Down, m.keys.PageDown, m.keys.Right}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown},
		{k.HalfPageUp, k.HalfPageDown, k.Top, k.Bottom},
		{k.Left, k.Right},
	}
}

// bodyHeight is the number of document lines on screen: the height less the footer
// and, for invalid JSON, the error line.
func (m Model) bodyHeight() int {
	h := m.height - 1
	if m.doc.Err != nil {
		h--
	}
	return max(h, 1)
}

func (m Model) maxYOffset() int { return max(m.doc.Lines()-m.bodyHeight(), 0) }

// textWidth is the width left for text after the line-number gutter.
func (m Model) textWidth() int { return max(m.width-m.gutterWidth(), 1) }

func (m *Model) clamp() {
	m.yoff = min(max(m.yoff, 0), m.maxYOffset())
	m.xoff = min(max(m.xoff, 0), max(m.doc.maxWidth-m.textWidth(), 0))
}
