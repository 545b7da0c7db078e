package form

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/locales"
)

// KeyMap is the form's keys, built per form from the session's localizer. None is a
// printable character except space, which text inputs take as text, so typing is
// never mistaken for a command.
type KeyMap struct {
	Next     key.Binding // to the next field (or the next control inside one)
	Prev     key.Binding
	Toggle   key.Binding // checkbox
	Up       key.Binding // radio and select
	Down     key.Binding
	Activate key.Binding // in-form buttons: Add new tag, Remove
}

// NewKeyMap returns the form's keys with help in l's language.
func NewKeyMap(l *locales.Localizer) KeyMap {
	return KeyMap{
		Next:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", l.T("KeyNextField"))),
		Prev:     key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", l.T("KeyPrevField"))),
		Toggle:   key.NewBinding(key.WithKeys(" ", "x"), key.WithHelp("space", l.T("KeyToggle"))),
		Up:       key.NewBinding(key.WithKeys("up", "left", "k"), key.WithHelp("↑/↓", l.T("KeyChoose"))),
		Down:     key.NewBinding(key.WithKeys("down", "right", "j"), key.WithHelp("↑/↓", l.T("KeyChoose"))),
		Activate: key.NewBinding(key.WithKeys("enter", " "), key.WithHelp("enter", l.T("KeyActivate"))),
	}
}
