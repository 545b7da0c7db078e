package cloudtrail

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/ui/common"
)

// None of the letters below collides with the table's own keys (j k g G / s S n).

type eventsKeys struct {
	Open, Attribute, Value, Range, Clear, Refresh key.Binding
	Preferences, Download                         key.Binding
	Apply, Cancel                                 key.Binding // while editing the value
}

func newEventsKeys(c *common.Common) eventsKeys {
	return eventsKeys{
		Open:      bind(c, "enter", "KeyOpen", "enter"),
		Attribute: bind(c, "a", "CTKeyAttribute", "a"),
		Value:     bind(c, "v", "CTKeyValue", "v"),
		Range:     bind(c, "t", "CTKeyRange", "t"),
		Clear:     bind(c, "x", "CTKeyClearFilter", "x"),
		Refresh:   bind(c, "r", "KeyRefresh", "r"),
		// The console's gear and "Download events".
		Preferences: bind(c, "p", "CTXKeyPreferences", "p"),
		Download:    bind(c, "d", "CTXKeyDownload", "d"),
		Apply:       bind(c, "enter", "KeyApplyFilter", "enter"),
		Cancel:      bind(c, "esc", "KeyCancel", "esc"),
	}
}

type dashboardKeys struct {
	Up, Down, Open, Trails, Events, Create, Refresh key.Binding
}

func newDashboardKeys(c *common.Common) dashboardKeys {
	return dashboardKeys{
		Up:      bind(c, "↑/k", "KeyUp", "up", "k"),
		Down:    bind(c, "↓/j", "KeyDown", "down", "j"),
		Open:    bind(c, "enter", "KeyOpen", "enter"),
		Trails:  bind(c, "t", "CTKeyTrails", "t"),
		Events:  bind(c, "e", "CTKeyEventHistory", "e"),
		Create:  bind(c, "c", "CloudTrailCreateTrail", "c"),
		Refresh: bind(c, "r", "KeyRefresh", "r"),
	}
}

type trailsKeys struct {
	Open, Create, Refresh key.Binding
}

func newTrailsKeys(c *common.Common) trailsKeys {
	return trailsKeys{
		Open:    bind(c, "enter", "KeyOpen", "enter"),
		Create:  bind(c, "c", "CloudTrailCreateTrail", "c"),
		Refresh: bind(c, "r", "KeyRefresh", "r"),
	}
}

type detailKeys struct {
	Start, Stop, Delete, Events, Logs, Refresh key.Binding
}

func newDetailKeys(c *common.Common) detailKeys {
	return detailKeys{
		Start:   bind(c, "l", "CloudTrailStartLogging", "l"),
		Stop:    bind(c, "o", "CloudTrailStopLogging", "o"),
		Delete:  bind(c, "d", "CTKeyDelete", "d"),
		Events:  bind(c, "e", "CTKeyEventHistory", "e"),
		Logs:    bind(c, "b", "CTKeyLogLocation", "b"),
		Refresh: bind(c, "r", "KeyRefresh", "r"),
	}
}
