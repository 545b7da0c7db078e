package iam

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/ui/common"
)

// Key maps are built per screen from the session's localizer, never shared, so a
// language switch in one SSH session cannot change another's help. None of the
// letters collides with the table's own keys (j k g G / s S n).

// bind is a binding whose help is translated.
func bind(c *common.Common, help, descID string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, c.T(descID)))
}

type usersKeys struct {
	Open    key.Binding
	Create  key.Binding
	Refresh key.Binding
}

func newUsersKeys(c *common.Common) usersKeys {
	return usersKeys{
		Open:    bind(c, "enter", "KeyOpen", "enter"),
		Create:  bind(c, "c", "IAMKeyAddUsers", "c"),
		Refresh: bind(c, "r", "KeyRefresh", "r"),
	}
}

type groupsKeys struct {
	Open    key.Binding
	Create  key.Binding
	Delete  key.Binding
	Refresh key.Binding
}

func newGroupsKeys(c *common.Common) groupsKeys {
	return groupsKeys{
		Open:    bind(c, "enter", "KeyOpen", "enter"),
		Create:  bind(c, "c", "IAMKeyCreateGroup", "c"),
		Delete:  bind(c, "d", "IAMKeyDelete", "d"),
		Refresh: bind(c, "r", "KeyRefresh", "r"),
	}
}

// formKeys are the keys of a one-page form screen (Create user group, Add
// permissions, Edit tags, Console access).
type formKeys struct {
	Focus  key.Binding // between the form and its table
	Submit key.Binding
	Cancel key.Binding
}

func newFormKeys(c *common.Common, submitID string) formKeys {
	return formKeys{
		Focus:  bind(c, "tab", "IAMKeySwitchSection", "tab"),
		Submit: bind(c, "ctrl+s", submitID, "ctrl+s"),
		Cancel: bind(c, "esc", "KeyCancel", "esc"),
	}
}

// detailKeys are the keys of the user and group detail pages; the screen enables
// the ones that act on the tab shown.
type detailKeys struct {
	NextTab   key.Binding
	PrevTab   key.Binding
	Add       key.Binding
	Remove    key.Binding
	Edit      key.Binding
	Password  key.Binding
	CreateKey key.Binding
	KeyStatus key.Binding
	Delete    key.Binding
	Refresh   key.Binding
}

func newDetailKeys(c *common.Common) detailKeys {
	return detailKeys{
		NextTab:   bind(c, "tab", "IAMKeyNextTab", "tab", "right", "l"),
		PrevTab:   bind(c, "shift+tab", "IAMKeyPrevTab", "shift+tab", "left", "h"),
		Add:       bind(c, "a", "IAMKeyAddPermissions", "a"),
		Remove:    bind(c, "x", "IAMKeyRemove", "x", "delete"),
		Edit:      bind(c, "e", "IAMKeyEditTags", "e"),
		Password:  bind(c, "p", "IAMKeyConsoleAccess", "p"),
		CreateKey: bind(c, "c", "IAMKeyCreateKey", "c"),
		KeyStatus: bind(c, "i", "IAMKeyKeyStatus", "i"),
		Delete:    bind(c, "d", "IAMKeyDelete", "d"),
		Refresh:   bind(c, "r", "KeyRefresh", "r"),
	}
}

// doneKeys are the keys of the Add users success page.
type doneKeys struct {
	Download key.Binding
	Show     key.Binding
	Close    key.Binding
}

func newDoneKeys(c *common.Common) doneKeys {
	return doneKeys{
		Download: bind(c, "d", "IAMKeyDownload", "d"),
		Show:     bind(c, "v", "IAMKeyShowPassword", "v"),
		Close:    bind(c, "enter", "IAMKeyClose", "enter"),
	}
}
