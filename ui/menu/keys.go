package menu

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/ui/common"
)

// keyMap is the menu's keys; built per session so help text is in its language.
type keyMap struct {
	Up   key.Binding
	Down key.Binding
	Open key.Binding
}

func newKeyMap(c *common.Common) keyMap {
	return keyMap{
		Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", c.T("KeyUp"))),
		Down: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", c.T("KeyDown"))),
		Open: key.NewBinding(key.WithKeys("enter", "right", "l"), key.WithHelp("enter", c.T("KeyOpen"))),
	}
}
