package table

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/textkey"
)

// Update handles keys, mouse wheel, spinner ticks and language changes. It does no
// I/O: the next page is asked for with a NextPageMsg the parent turns into a call.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		m.Relocalize()
		return m, nil
	case tea.KeyMsg:
		if m.filtering {
			return m.updateFilter(msg)
		}
		return m.updateRows(msg)
	case tea.MouseMsg:
		if msg.Action == tea.MouseActionPress {
			switch msg.Button {
			case tea.MouseButtonWheelUp:
				m.move(-1)
			case tea.MouseButtonWheelDown:
				m.move(1)
			}
		}
		return m, nil
	}
	var cmds []tea.Cmd
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg)
	cmds = append(cmds, cmd)
	if m.filtering { // cursor blink
		cmd = textkey.Update(&m.input, msg)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// updateRows handles keys while the rows have focus.
func (m Model) updateRows(msg tea.KeyMsg) (Model, tea.Cmd) {
	k, h := m.keys, m.bodyHeight()
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.offset -= h
		m.move(-h)
	case key.Matches(msg, k.PageDown):
		m.offset += h
		m.move(h)
	case key.Matches(msg, k.Top):
		m.cursor, m.offset = 0, 0
		m.clamp()
	case key.Matches(msg, k.Bottom):
		m.cursor = m.count() - 1
		m.clamp()
	case key.Matches(msg, k.Filter):
		m.filtering = true
		m.input.CursorEnd()
		return m, m.input.Focus()
	case key.Matches(msg, k.Sort):
		m.cycleSort()
	case key.Matches(msg, k.ReverseSort):
		m.reverseSort()
	case key.Matches(msg, k.NextPage):
		id := m.id
		return m, func() tea.Msg { return NextPageMsg{TableID: id} }
	case msg.Type == tea.KeyEsc && m.query != "":
		m.ClearFilter()
	}
	return m, nil
}

// updateFilter handles keys while the filter input has focus: the rows narrow as the
// user types; enter keeps the filter, esc drops it. The arrow keys still move the
// cursor so a match can be picked without leaving the input.
func (m Model) updateFilter(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.ApplyFilter):
		m.filtering = false
		m.input.Blur()
		if m.input.Value() == "" {
			m.ClearFilter()
		}
		return m, nil
	case key.Matches(msg, m.keys.ClearFilter):
		m.ClearFilter()
		return m, nil
	case msg.Type == tea.KeyUp:
		m.move(-1)
		return m, nil
	case msg.Type == tea.KeyDown:
		m.move(1)
		return m, nil
	}
	var cmd tea.Cmd
	cmd = textkey.Update(&m.input, msg)
	m.setQuery(m.input.Value())
	return m, cmd
}

// move moves the cursor by d rows and scrolls as little as needed to show it.
func (m *Model) move(d int) {
	m.cursor += d
	m.clamp()
}
