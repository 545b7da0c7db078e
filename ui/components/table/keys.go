package table

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/locales"
)

// KeyMap is the table's key bindings. It is built per table from the session's
// localizer (help text is translated), never shared, so a language switch in one SSH
// session cannot change another's help.
type KeyMap struct {
	Up          key.Binding
	Down        key.Binding
	PageUp      key.Binding
	PageDown    key.Binding
	Top         key.Binding
	Bottom      key.Binding
	Filter      key.Binding
	Sort        key.Binding
	ReverseSort key.Binding
	NextPage    key.Binding

	// While the filter input has focus.
	ApplyFilter key.Binding
	ClearFilter key.Binding
}

// NewKeyMap returns the table's keys with help in l's language.
func NewKeyMap(l *locales.Localizer) KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", l.T("KeyUp"))),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", l.T("KeyDown"))),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", l.T("KeyPageUp"))),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", l.T("KeyPageDown"))),
		Top:         key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", l.T("KeyTop"))),
		Bottom:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", l.T("KeyBottom"))),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", l.T("KeyFilter"))),
		Sort:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", l.T("KeySort"))),
		ReverseSort: key.NewBinding(key.WithKeys("S"), key.WithHelp("S", l.T("KeyReverseSort"))),
		NextPage:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", l.T("KeyNextPage"))),
		ApplyFilter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", l.T("KeyApplyFilter"))),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.T("KeyClearFilter"))),
	}
}

// ShortHelp implements help.KeyMap: while filtering only the filter's own keys apply.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.filtering {
		return []key.Binding{k.ApplyFilter, k.ClearFilter}
	}
	return []key.Binding{k.Up, k.Down, k.Filter, k.Sort, k.NextPage}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	if m.filtering {
		return [][]key.Binding{{k.ApplyFilter, k.ClearFilter}}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown},
		{k.Top, k.Bottom},
		{k.Filter, k.Sort, k.ReverseSort, k.NextPage},
	}
}

// syncKeys enables the keys that can act now, so the help bar shows only those.
func (m *Model) syncKeys() {
	m.keys.NextPage.SetEnabled(m.hasMore && !m.loading)
	m.keys.Sort.SetEnabled(m.sortableCount() > 0)
	m.keys.ReverseSort.SetEnabled(m.sortableCount() > 0)
}
