package wizard

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/locales"
)

// KeyMap is the wizard's keys, built per wizard from the session's localizer. Next and
// Previous are control keys so that they never collide with typing in a step's form
// (alt+arrows are taken by text inputs for word moves).
type KeyMap struct {
	Next   key.Binding // Next, or Submit on the last step
	Prev   key.Binding
	Cancel key.Binding
}

// NewKeyMap returns the wizard's keys with help in l's language.
func NewKeyMap(l *locales.Localizer) KeyMap {
	return KeyMap{
		Next:   key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", l.T("KeyNext"))),
		Prev:   key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", l.T("KeyPrevious"))),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.T("KeyCancel"))),
	}
}

// syncKeys fits the keys to the step: no Previous on the first, Submit on the last,
// nothing while submitting.
func (m *Model) syncKeys() {
	l := m.c.L
	m.keys.Prev.SetEnabled(m.current > 0 && !m.submitting)
	m.keys.Next.SetEnabled(!m.submitting)
	m.keys.Cancel.SetEnabled(!m.submitting)
	desc := l.T("KeyNext")
	if m.last() {
		desc = l.T("KeySubmit")
	}
	m.keys.Next.SetHelp("ctrl+n", desc)
}
