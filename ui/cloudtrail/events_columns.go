package cloudtrail

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/table"
)

// eventColumn is one column Event history can show, in the console's order, with
// how it reads an event (also the CSV export's columns, English headers).
type eventColumn struct {
	id      string
	titleID string
	csv     string
	width   int // fixed width, or 0 for a flexible one of minWidth
	min     int
	sort    bool
	cell    func(ev model.Event) string
}

var eventColumns = []eventColumn{
	{"name", "CloudTrailEventName", "Event name", 0, 14, true, func(ev model.Event) string { return ev.EventName }},
	{"time", "CloudTrailEventTime", "Event time", 19, 0, true, func(ev model.Event) string {
		return ev.EventTime.UTC().Format("2006-01-02 15:04:05") // UTC, as the log files
	}},
	{"user", "CloudTrailUserName", "User name", 0, 10, true, func(ev model.Event) string { return dash(ev.Username) }},
	{"source", "CloudTrailEventSource", "Event source", 0, 12, true, func(ev model.Event) string { return ev.EventSource }},
	{"rtype", "CloudTrailResourceType", "Resource type", 0, 8, false, func(ev model.Event) string {
		if len(ev.Resources) > 0 {
			return ev.Resources[0].Type
		}
		return "-"
	}},
	{"rname", "CloudTrailResourceName", "Resource name", 0, 8, false, func(ev model.Event) string {
		if len(ev.Resources) > 0 {
			return ev.Resources[0].Name
		}
		return "-"
	}},
	{"akey", "CloudTrailAccessKey", "AWS access key", 0, 12, true, func(ev model.Event) string { return dash(ev.AccessKeyID) }},
	{"ip", "CTXColSourceIP", "Source IP address", 0, 10, true, func(ev model.Event) string { return dash(ev.Record.SourceIPAddress) }},
	{"error", "CTXColErrorCode", "Error code", 0, 8, true, func(ev model.Event) string { return dash(ev.Record.ErrorCode) }},
	{"ro", "CloudTrailReadOnly", "Read-only", 9, 0, false, func(ev model.Event) string {
		if ev.ReadOnly {
			return "true"
		}
		return "false"
	}},
	{"id", "CloudTrailEventID", "Event ID", 0, 12, false, func(ev model.Event) string { return ev.EventID }},
	{"region", "CTXColRegion", "AWS region", 0, 9, true, func(ev model.Event) string { return dash(ev.Record.AWSRegion) }},
}

// defaultEventColumns are the console's default columns.
var defaultEventColumns = []string{"name", "time", "user", "source", "rtype", "rname", "ro"}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// prefColumns names Event history's visible columns in the session's Prefs: they
// are kept for the session, as the console keeps them for the browser session.
const prefColumns = "cloudtrail.events.columns"

func visibleColumns(c *common.Common) []string {
	if cols, ok := c.Prefs[prefColumns]; ok {
		return slices.Clone(cols)
	}
	return slices.Clone(defaultEventColumns)
}

func setVisibleColumns(c *common.Common, cols []string) {
	if c.Prefs == nil {
		c.Prefs = map[string][]string{}
	}
	c.Prefs[prefColumns] = slices.Clone(cols)
}

// tableColumns are the table's columns for the visible IDs, in the console's order.
func tableColumns(c *common.Common, visible []string) []table.Column {
	var cols []table.Column
	for _, col := range eventColumns {
		if slices.Contains(visible, col.id) {
			cols = append(cols, table.Column{ID: col.id, Title: c.T(col.titleID), Width: col.width, MinWidth: col.min, Sortable: col.sort})
		}
	}
	return cols
}

// eventRows writes events as Event history's rows for the visible columns; the
// resource columns show the first resource, as the console does.
func eventRows(events []model.Event, visible []string) []table.Row {
	rows := make([]table.Row, len(events))
	for i, ev := range events {
		var cells, keys []string
		for _, col := range eventColumns {
			if !slices.Contains(visible, col.id) {
				continue
			}
			v := col.cell(ev)
			cells = append(cells, v)
			switch col.id {
			case "name":
				v = strings.ToLower(v)
			case "time":
				v = ev.EventTime.UTC().Format("2006-01-02T15:04:05.000000000")
			}
			keys = append(keys, v)
		}
		rows[i] = table.Row{ID: ev.EventID, Cells: cells, Data: ev, SortKeys: keys}
	}
	return rows
}

// columnPrefs is the preferences panel (the console's gear): every column with a
// box; space shows or hides the one under the cursor, enter keeps the choice for
// the session, esc leaves it as it was.
type columnPrefs struct {
	c      *common.Common
	cursor int
	chosen map[string]bool
	err    string
}

type prefsKeys struct {
	Up, Down, Toggle, Save, Cancel key.Binding
}

func newPrefsKeys(c *common.Common) prefsKeys {
	return prefsKeys{
		Up:     bind(c, "↑/k", "KeyUp", "up", "k"),
		Down:   bind(c, "↓/j", "KeyDown", "down", "j"),
		Toggle: bind(c, "space", "KeyToggle", " ", "space"),
		Save:   bind(c, "enter", "KeyConfirm", "enter"),
		Cancel: bind(c, "esc", "KeyCancel", "esc"),
	}
}

func newColumnPrefs(c *common.Common, visible []string) *columnPrefs {
	p := &columnPrefs{c: c, chosen: map[string]bool{}}
	for _, id := range visible {
		p.chosen[id] = true
	}
	return p
}

// update handles a key; done is true when the panel closes, save when the choice is kept.
func (p *columnPrefs) update(msg tea.KeyMsg) (done, save bool) {
	k := newPrefsKeys(p.c)
	switch {
	case key.Matches(msg, k.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(msg, k.Down):
		p.cursor = min(p.cursor+1, len(eventColumns)-1)
	case key.Matches(msg, k.Toggle):
		id := eventColumns[p.cursor].id
		p.chosen[id] = !p.chosen[id]
		p.err = ""
	case key.Matches(msg, k.Save):
		if len(p.visible()) == 0 {
			p.err = p.c.T("CTXColumnRequired")
			return false, false
		}
		return true, true
	case key.Matches(msg, k.Cancel):
		return true, false
	}
	return false, false
}

func (p *columnPrefs) visible() []string {
	var ids []string
	for _, col := range eventColumns {
		if p.chosen[col.id] {
			ids = append(ids, col.id)
		}
	}
	return ids
}

func (p *columnPrefs) view(width int) string {
	st := p.c.Styles
	lines := []string{st.Subtitle.Render(p.c.T("CTXPreferences")), st.Form.Label.Render(p.c.T("CTXVisibleColumns"))}
	for i, col := range eventColumns {
		mark := "[ ]"
		if p.chosen[col.id] {
			mark = "[x]"
		}
		ms, ts, cur := st.Form.Control, st.Form.Option, "  "
		if i == p.cursor {
			ms, ts, cur = st.Form.ControlFocused, st.Form.OptionFocused, "▸ "
		}
		lines = append(lines, cur+ms.Render(mark)+" "+ts.Render(p.c.T(col.titleID)))
	}
	if p.err != "" {
		lines = append(lines, st.Form.Error.Render("✕ "+p.err))
	}
	lines = append(lines, st.Muted.Render(p.c.T("CTXPreferencesHelp")))
	return lipgloss.NewStyle().MaxWidth(max(width, 20)).Render(strings.Join(lines, "\n"))
}
