package iam

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/ui/common"
)

type usersKeys struct {
	Refresh key.Binding
}

func newUsersKeys(c *common.Common) usersKeys {
	return usersKeys{
		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", c.T("KeyRefresh"))),
	}
}
