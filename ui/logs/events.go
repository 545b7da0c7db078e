package logs

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/components/textkey"
	"github.com/labconsole/labconsole/ui/nav"
)

// Events is a log stream's events (GetLogEvents, oldest first) or, with a filter
// pattern or for "Search all log streams", the group's events that match
// (FilterLogEvents). Rows page in with the service's token (n loads more); enter
// opens an event's message, in the JSON viewer when it is JSON.
type Events struct {
	c         *common.Common
	keys      eventsKeys
	group     string
	stream    string // "" searches every stream of the group
	table     table.Model
	input     textinput.Model
	editing   bool   // the filter pattern has focus
	pattern   string // the pattern applied
	req       int
	events    []model.LogEvent
	nextToken string
	pageSize  int
	err       error
	width     int
	height    int
}

var _ nav.Screen = (*Events)(nil)

// NewEvents returns the events of stream in group, or of every stream when stream is
// ""; Init loads the first page.
func NewEvents(c *common.Common, group, stream string) *Events {
	e := &Events{c: c, keys: newEventsKeys(c), group: group, stream: stream, pageSize: 100}
	e.table = table.New(c, e.columns())
	e.table.SetID(fmt.Sprintf("logs-events-%p", e))
	e.table.SetEmptyText(e.emptyText())
	e.input = newInput(c, c.T("LGPatternPlaceholder"))
	return e
}

func (e *Events) columns() []table.Column {
	cols := []table.Column{{ID: "time", Title: e.c.T("LGColTimestamp"), Width: 24, Sortable: true}}
	if e.stream == "" {
		cols = append(cols, table.Column{ID: "stream", Title: e.c.T("LGColStream"), Width: 22, Sortable: true})
	}
	return append(cols, table.Column{ID: "message", Title: e.c.T("LGColMessage"), MinWidth: 20})
}

// Filtering reports whether the events come from FilterLogEvents.
func (e *Events) Filtering() bool { return e.pattern != "" || e.stream == "" }

// Pattern is the filter pattern applied.
func (e *Events) Pattern() string { return e.pattern }

type eventsMsg struct {
	owner  *Events
	req    int
	page   model.Page[model.LogEvent]
	err    error
	append bool
}

func (e *Events) load(token string) tea.Cmd {
	if token == "" {
		e.req++
	}
	req, b, ctx, size := e.req, e.c.Backend, e.c.Ctx, e.pageSize
	filter := model.LogFilter{Group: e.group, Pattern: e.pattern}
	if e.stream != "" {
		filter.Streams = []string{e.stream}
	}
	read, useFilter := model.LogEventsRequest{Group: e.group, Stream: e.stream}, e.Filtering()
	spin := e.table.SetLoading(true)
	return tea.Batch(spin, func() tea.Msg {
		var page model.Page[model.LogEvent]
		var err error
		if useFilter {
			page, err = b.FilterLogEvents(ctx, filter, model.PageRequest{Token: token, Limit: size})
		} else {
			page, err = b.LogEvents(ctx, read, model.PageRequest{Token: token, Limit: size})
		}
		return eventsMsg{owner: e, req: req, page: page, err: err, append: token != ""}
	})
}

// Init implements tea.Model.
func (e *Events) Init() tea.Cmd { return e.load("") }

// Crumbs implements nav.Screen.
func (e *Events) Crumbs() []string {
	if e.stream == "" { // the group's streams are below, with the group's name
		return []string{e.c.T("LGSearchAll")}
	}
	return []string{e.stream}
}

// Capturing implements nav.Screen.
func (e *Events) Capturing() bool { return e.editing || e.table.Filtering() }

// SetSize implements common.Component.
func (e *Events) SetSize(w, h int) {
	e.width, e.height = w, h
	e.input.Width = max(w-4, 10)
	e.table.SetSize(w, max(h-3, 3))
}

// Update implements tea.Model.
func (e *Events) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case eventsMsg:
		if msg.owner == e && msg.req == e.req {
			e.loaded(msg)
		}
		return e, nil
	case table.NextPageMsg:
		if msg.TableID == e.table.ID() && e.nextToken != "" && !e.table.Loading() {
			return e, e.load(e.nextToken)
		}
		return e, nil
	case common.LanguageChangedMsg:
		e.keys = newEventsKeys(e.c)
		e.table.SetColumns(e.columns())
		e.table.SetEmptyText(e.emptyText())
		e.table.SetRows(e.rowsOf(e.events, 0))
		e.input.Placeholder = e.c.T("LGPatternPlaceholder")
	case common.IdentityChangedMsg:
		return e, e.load("")
	case tea.KeyMsg:
		if e.editing {
			return e, e.patternKey(msg)
		}
		if !e.table.Filtering() {
			switch {
			case key.Matches(msg, e.keys.Refresh):
				return e, e.load("")
			case key.Matches(msg, e.keys.Pattern):
				e.editing = true
				e.input.SetValue(e.pattern)
				e.input.CursorEnd()
				return e, e.input.Focus()
			case key.Matches(msg, e.keys.Clear) && e.pattern != "":
				e.pattern = ""
				e.input.SetValue("")
				e.table.SetEmptyText(e.emptyText())
				return e, e.load("")
			case key.Matches(msg, e.keys.Open):
				if r, ok := e.table.Selected(); ok {
					return e, nav.Push(NewMessage(e.c, r.Data.(model.LogEvent)))
				}
				return e, nil
			}
		}
	}
	var cmd tea.Cmd
	e.table, cmd = e.table.Update(msg)
	if e.editing {
		cmd = tea.Batch(cmd, textkey.Update(&e.input, msg)) // cursor blink
	}
	return e, cmd
}

func (e *Events) loaded(msg eventsMsg) {
	e.table.SetLoading(false)
	e.err = msg.err
	if msg.err != nil {
		if !msg.append {
			e.events, e.nextToken = nil, ""
			e.table.SetRows(nil)
			e.table.SetHasMore(false)
		}
		return
	}
	rows := e.rowsOf(msg.page.Items, 0)
	if msg.append {
		rows = e.rowsOf(msg.page.Items, len(e.events))
	}
	if msg.append {
		e.events = append(e.events, msg.page.Items...)
		e.table.AppendRows(rows)
	} else {
		e.events = msg.page.Items
		e.table.SetRows(rows)
	}
	e.nextToken = msg.page.NextToken
	e.table.SetHasMore(e.nextToken != "")
}

// patternKey handles keys while the filter pattern has focus: enter searches with
// it (FilterLogEvents; CloudWatch Logs checks its syntax), esc leaves the applied
// pattern as it was.
func (e *Events) patternKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, e.keys.Apply):
		e.editing = false
		e.input.Blur()
		e.pattern = strings.TrimSpace(e.input.Value())
		e.input.SetValue(e.pattern)
		e.table.SetEmptyText(e.emptyText())
		return e.load("")
	case key.Matches(msg, e.keys.Cancel):
		e.editing = false
		e.input.Blur()
		e.input.SetValue(e.pattern)
		return nil
	}
	return textkey.Update(&e.input, msg)
}

func (e *Events) emptyText() string {
	if e.pattern != "" {
		return e.c.T("LGNoMatches")
	}
	return e.c.T("LGEventsEmpty")
}

// rowsOf makes the rows of events, the base-th event onwards of the listing.
func (e *Events) rowsOf(events []model.LogEvent, base int) []table.Row {
	rows := make([]table.Row, len(events))
	for i, ev := range events {
		msg := oneLine(ev.Message)
		cells := []string{stampText(ev.Timestamp)}
		keys := []string{sortStamp(ev.Timestamp)}
		if e.stream == "" {
			cells, keys = append(cells, clean(ev.LogStreamName, false)), append(keys, ev.LogStreamName)
		}
		id := ev.EventID
		if id == "" {
			id = fmt.Sprintf("%d", base+i)
		}
		rows[i] = table.Row{ID: id, Data: ev, Cells: append(cells, msg), SortKeys: append(keys, msg)}
	}
	return rows
}

// View implements tea.Model.
func (e *Events) View() string {
	st := e.c.Styles
	title := e.stream
	if e.stream == "" {
		title = e.c.T("LGSearchAll")
	}
	head := st.Title.Render(e.c.T("LGLogEvents")) + " " + st.Muted.Render(e.group+" › "+title)
	parts := []string{fit(head, e.width), e.input.View()}
	if e.err != nil {
		parts = append(parts, errorPanel(e.c, e.err, e.width))
	} else {
		parts = append(parts, fit(e.status(), e.width), e.table.View())
	}
	return strings.Join(parts, "\n")
}

// status says where the rows come from: the pattern they match, or the stream read
// from its start.
func (e *Events) status() string {
	st := e.c.Styles
	switch {
	case e.pattern != "":
		return st.Info.Render(e.c.Tf("LGMatching", map[string]any{"Pattern": e.pattern, "Count": len(e.events)}))
	case e.stream == "":
		return st.Muted.Render(e.c.Tf("LGAllStreamsCount", map[string]any{"Count": len(e.events)}))
	}
	return st.Muted.Render(e.c.Tf("LGEventsCount", map[string]any{"Count": len(e.events)}))
}

// ShortHelp implements help.KeyMap.
func (e *Events) ShortHelp() []key.Binding {
	switch {
	case e.editing:
		return []key.Binding{e.keys.Apply, e.keys.Cancel}
	case e.table.Filtering():
		return e.table.ShortHelp()
	}
	k := e.keys
	k.Clear.SetEnabled(e.pattern != "")
	out := []key.Binding{k.Open, k.Pattern, k.Clear}
	if e.nextToken != "" {
		out = append(out, table.NewKeyMap(e.c.L).NextPage)
	}
	return append(out, k.Refresh)
}

// FullHelp implements help.KeyMap.
func (e *Events) FullHelp() [][]key.Binding {
	if e.editing {
		return [][]key.Binding{e.ShortHelp()}
	}
	k := e.keys
	return append(tableKeys(e.c), []key.Binding{k.Open, k.Pattern, k.Clear, k.Refresh})
}
