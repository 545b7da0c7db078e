package sns

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/ui/common"
)

// Key maps are built per screen from the session's localizer, never shared, so a
// language switch in one SSH session cannot change another's help. None of the
// letters collides with the table's own keys (j k g G / s S n).

func bind(c *common.Common, help, descID string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, c.T(descID)))
}

type listKeys struct {
	Open    key.Binding
	Create  key.Binding
	Delete  key.Binding
	Refresh key.Binding
	Mailbox key.Binding
}

func newListKeys(c *common.Common, createID, deleteID string) listKeys {
	return listKeys{
		Open:    bind(c, "enter", "KeyOpen", "enter"),
		Create:  bind(c, "c", createID, "c"),
		Delete:  bind(c, "d", deleteID, "d"),
		Refresh: bind(c, "r", "KeyRefresh", "r"),
		Mailbox: bind(c, "m", "CWKeyMailbox", "m"),
	}
}

type mailboxKeys struct {
	Open    key.Binding
	Address key.Binding
	Next    key.Binding
	Refresh key.Binding
}

func newMailboxKeys(c *common.Common) mailboxKeys {
	return mailboxKeys{
		Open:    bind(c, "enter", "SNSKeyReadMail", "enter"),
		Address: bind(c, "a", "SNSKeyAddress", "a"),
		Next:    bind(c, "tab", "SNSKeyNextAddress", "tab"),
		Refresh: bind(c, "r", "KeyRefresh", "r"),
	}
}

type mailKeys struct {
	Confirm key.Binding
	Up      key.Binding
	Down    key.Binding
}

func newMailKeys(c *common.Common) mailKeys {
	return mailKeys{
		Confirm: bind(c, "c", "MailboxConfirm", "c", "enter"),
		Up:      bind(c, "↑/k", "KeyUp", "up", "k"),
		Down:    bind(c, "↓/j", "KeyDown", "down", "j"),
	}
}

type formKeys struct {
	Submit key.Binding
	Cancel key.Binding
}

func newFormKeys(c *common.Common, submitID string) formKeys {
	return formKeys{
		Submit: bind(c, "ctrl+s", submitID, "ctrl+s"),
		Cancel: bind(c, "esc", "KeyCancel", "esc"),
	}
}
