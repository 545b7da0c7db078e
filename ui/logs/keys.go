package logs

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

type groupsKeys struct {
	Open, Search, Create, Delete, Retention, Refresh key.Binding
	// While the prefix search takes text.
	Apply, Cancel key.Binding
}

func newGroupsKeys(c *common.Common) groupsKeys {
	return groupsKeys{
		Open:      bind(c, "enter", "LGKeyStreams", "enter"),
		Search:    bind(c, "/", "LGKeyPrefixSearch", "/"),
		Create:    bind(c, "c", "LGCreateGroup", "c"),
		Delete:    bind(c, "d", "LGKeyDelete", "d"),
		Retention: bind(c, "e", "LGKeyRetention", "e"),
		Refresh:   bind(c, "r", "KeyRefresh", "r"),
		Apply:     bind(c, "enter", "KeyApplyFilter", "enter"),
		Cancel:    bind(c, "esc", "KeyCancel", "esc"),
	}
}

type streamsKeys struct {
	Open, SearchAll, Refresh key.Binding
}

func newStreamsKeys(c *common.Common) streamsKeys {
	return streamsKeys{
		Open:      bind(c, "enter", "LGKeyEvents", "enter"),
		SearchAll: bind(c, "a", "LGSearchAll", "a"),
		Refresh:   bind(c, "r", "KeyRefresh", "r"),
	}
}

type eventsKeys struct {
	Open, Pattern, Clear, Refresh key.Binding
	// While the filter pattern takes text.
	Apply, Cancel key.Binding
}

func newEventsKeys(c *common.Common) eventsKeys {
	return eventsKeys{
		Open:    bind(c, "enter", "LGKeyMessage", "enter"),
		Pattern: bind(c, "/", "LGKeyPattern", "/"),
		Clear:   bind(c, "x", "LGKeyClearPattern", "x"),
		Refresh: bind(c, "r", "KeyRefresh", "r"),
		Apply:   bind(c, "enter", "KeyApplyFilter", "enter"),
		Cancel:  bind(c, "esc", "KeyCancel", "esc"),
	}
}

type formKeys struct {
	Submit, Cancel key.Binding
}

func newFormKeys(c *common.Common, submitID string) formKeys {
	return formKeys{
		Submit: bind(c, "ctrl+s", submitID, "ctrl+s"),
		Cancel: bind(c, "esc", "KeyCancel", "esc"),
	}
}

type textKeys struct {
	Up, Down, PageUp, PageDown key.Binding
}

func newTextKeys(c *common.Common) textKeys {
	return textKeys{
		Up:       bind(c, "↑/k", "KeyUp", "up", "k"),
		Down:     bind(c, "↓/j", "KeyDown", "down", "j"),
		PageUp:   bind(c, "pgup", "KeyPageUp", "pgup", "b"),
		PageDown: bind(c, "pgdn", "KeyPageDown", "pgdown", "f", " "),
	}
}
