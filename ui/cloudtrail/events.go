package cloudtrail

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/components/textkey"
	"github.com/labconsole/labconsole/ui/nav"
)

// Events is CloudTrail > Event history: the virtualized table of management events,
// newest first, with one lookup attribute and a relative time range, paged with
// LookupEvents' NextToken. LookupEvents is limited to 2 requests a second per
// account on AWS, so the screen keeps at most one request in flight and runs the
// latest one asked for while busy when the current one answers.
type Events struct {
	c     *common.Common
	keys  eventsKeys
	table table.Model
	input textinput.Model // the lookup value while editing

	q       query
	cur     model.EventQuery // the listing shown: later pages reuse its time range
	req     int
	busy    bool
	pending *model.EventQuery // asked for while busy; only the latest is kept
	token   string
	events  []model.Event
	err     error

	cols      []string     // the visible columns, kept for the session
	prefs     *columnPrefs // the preferences panel while open
	export    *export      // "Download events" while open
	exportGen int
	notice    string // the last download's outcome
	noticeErr bool

	pace  *lookupPace // the listing's call waiting for its LookupEvents turn
	xpace *lookupPace // the download's

	width, height int
}

var _ nav.Screen = (*Events)(nil)

// NewEventHistory is Event history as the AWS console opens it: filtered on
// Read-only = false, so the changes to the account come first and not the reads
// every console page (and the lab panel's checks) makes; x clears the filter.
func NewEventHistory(c *common.Common) *Events {
	return NewEvents(c, model.LookupReadOnly, "false")
}

// NewEvents returns Event history, optionally filtered on attr = value.
func NewEvents(c *common.Common, attr, value string) *Events {
	e := &Events{c: c, keys: newEventsKeys(c), q: query{attr: attr, value: value}, cols: visibleColumns(c),
		pace: newLookupPace(c), xpace: newLookupPace(c)}
	e.table = table.New(c, e.columns())
	e.table.SetEmptyText(c.T("CTEventsEmpty"))
	e.input = textinput.New()
	e.input.Prompt = ""
	e.input.KeyMap.Paste.SetEnabled(false) // it would read the server's clipboard over SSH
	e.input.SetValue(value)
	e.restyle()
	return e
}

func (e *Events) restyle() {
	st := e.c.Styles.Form
	e.input.TextStyle = st.Input
	e.input.PlaceholderStyle = st.Placeholder
	e.input.Cursor.Style = st.Cursor
	e.input.Placeholder = e.c.T("CTFilterValuePlaceholder")
}

func (e *Events) columns() []table.Column { return tableColumns(e.c, e.cols) }

// eventsMsg is a page of events for load number req.
type eventsMsg struct {
	req    int
	page   model.Page[model.Event]
	err    error
	append bool
}

// load asks for the first page of the current filter (token "") or the next page.
func (e *Events) load(token string) tea.Cmd {
	eq := e.cur
	if token == "" {
		e.req++
		eq = e.q.eventQuery(e.c.Now(), "")
		e.cur = eq
	}
	eq.Page.Token = token
	if e.busy {
		e.pending = &eq
		return nil
	}
	return e.send(eq)
}

func (e *Events) send(eq model.EventQuery) tea.Cmd {
	e.busy = true
	req, b, ctx := e.req, e.c.Backend, e.c.Ctx
	spin := e.table.SetLoading(true)
	ctx, tick := e.pace.start(ctx)
	return tea.Batch(spin, tick, func() tea.Msg {
		page, err := b.LookupEvents(ctx, eq)
		return eventsMsg{req: req, page: page, err: err, append: eq.Page.Token != ""}
	})
}

// Init implements tea.Model.
func (e *Events) Init() tea.Cmd { return e.load("") }

// Crumbs implements nav.Screen.
func (e *Events) Crumbs() []string { return []string{e.c.T("CloudTrailEventHistory")} }

// Capturing implements nav.Screen: true while the value or the table's filter takes
// text, and while the preferences or the download take keys.
func (e *Events) Capturing() bool {
	return e.input.Focused() || e.table.Filtering() || e.prefs != nil || e.export != nil
}

// Exporting reports whether a download is open, for tests.
func (e *Events) Exporting() bool { return e.export != nil }

// Busy reports whether a LookupEvents call is in flight, for tests.
func (e *Events) Busy() bool { return e.busy }

// SetSize implements common.Component.
func (e *Events) SetSize(w, h int) {
	e.width, e.height = w, h
	e.layout()
}

// layout gives the table what the title, the filters and the download's lines leave.
func (e *Events) layout() {
	extra := 0
	if v := e.exportView(); v != "" {
		extra = lipgloss.Height(e.wrapped(v)) - 1
	}
	e.table.SetSize(e.width, max(e.height-4-extra, 1))
}

// wrapped fits a line of the download to the screen's width.
func (e *Events) wrapped(s string) string {
	return lipgloss.NewStyle().Width(max(e.width, 20)).Render(s)
}

// Update implements tea.Model.
func (e *Events) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := e.update(msg)
	e.layout()
	return m, cmd
}

func (e *Events) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case exportPageMsg:
		return e, e.exportAnswer(msg)
	case exportWrittenMsg:
		e.exportWritten(msg)
		return e, nil
	case paceTickMsg:
		if ok, cmd := e.pace.tick(msg); ok {
			return e, cmd
		}
		_, cmd := e.xpace.tick(msg)
		return e, cmd
	case eventsMsg:
		e.busy = false
		e.pace.stop()
		if p := e.pending; p != nil {
			e.pending = nil
			return e, e.send(*p)
		}
		e.table.SetLoading(false)
		if msg.req != e.req {
			return e, nil
		}
		e.err = msg.err
		if msg.err != nil {
			return e, nil
		}
		if msg.append {
			e.events = append(e.events, msg.page.Items...)
			e.table.AppendRows(eventRows(msg.page.Items, e.cols))
		} else {
			e.events = msg.page.Items
			e.table.SetRows(eventRows(e.events, e.cols))
		}
		e.token = msg.page.NextToken
		e.table.SetHasMore(e.token != "")
		return e, nil
	case table.NextPageMsg:
		if e.token != "" && !e.busy {
			return e, e.load(e.token)
		}
		return e, nil
	case common.LanguageChangedMsg:
		e.keys = newEventsKeys(e.c)
		e.restyle()
		e.table.SetColumns(e.columns())
		e.table.SetEmptyText(e.c.T("CTEventsEmpty"))
	case common.IdentityChangedMsg:
		return e, e.load("")
	case tea.KeyMsg:
		if e.input.Focused() {
			return e, e.updateInput(msg)
		}
		if e.prefs != nil {
			if done, save := e.prefs.update(msg); done {
				if save {
					e.cols = e.prefs.visible()
					setVisibleColumns(e.c, e.cols)
					e.table.SetColumns(e.columns())
					e.table.SetRows(eventRows(e.events, e.cols))
				}
				e.prefs = nil
			}
			return e, nil
		}
		if e.export != nil {
			return e, e.updateExport(msg)
		}
		if !e.table.Filtering() {
			switch {
			case key.Matches(msg, e.keys.Preferences):
				e.prefs = newColumnPrefs(e.c, e.cols)
				return e, nil
			case key.Matches(msg, e.keys.Download):
				return e, e.startExport()
			case key.Matches(msg, e.keys.Open):
				if r, ok := e.table.Selected(); ok {
					return e, nav.Push(NewEventDetail(e.c, r.Data.(model.Event)))
				}
				return e, nil
			case key.Matches(msg, e.keys.Attribute):
				// The value is kept, so one can try it against another attribute;
				// only a filter that applies asks again.
				e.q.attr = next(lookupAttributes(), e.q.attr)
				if e.q.value != "" {
					return e, e.load("")
				}
				return e, nil
			case key.Matches(msg, e.keys.Value):
				if e.q.attr == "" {
					e.q.attr = model.LookupEventName
				}
				return e, e.input.Focus()
			case key.Matches(msg, e.keys.Range):
				e.q.rng = next(timeRanges(), e.q.rng)
				return e, e.load("")
			case key.Matches(msg, e.keys.Clear):
				e.q = query{rng: e.q.rng}
				e.input.SetValue("")
				return e, e.load("")
			case key.Matches(msg, e.keys.Refresh):
				return e, e.load("")
			}
		}
	}
	var cmd tea.Cmd
	e.table, cmd = e.table.Update(msg)
	return e, cmd
}

// updateInput edits the lookup value: enter applies it, esc leaves it as it was.
func (e *Events) updateInput(msg tea.KeyMsg) tea.Cmd {
	switch msg.String() {
	case "enter":
		e.input.Blur()
		e.q.value = strings.TrimSpace(e.input.Value())
		return e.load("")
	case "esc":
		e.input.Blur()
		e.input.SetValue(e.q.value)
		return nil
	}
	var cmd tea.Cmd
	cmd = textkey.Update(&e.input, msg)
	return cmd
}

// filterLine shows the lookup attribute, its value and the time range.
func (e *Events) filterLine() string {
	st := e.c.Styles
	attr := st.Form.Label.Render(e.c.T("CloudTrailLookupAttributes")+": ") + st.Text.Render(attributeLabel(e.c, e.q.attr))
	val := ""
	if e.q.attr != "" {
		e.input.Width = 24
		v := e.input.View()
		if !e.input.Focused() {
			v = st.Text.Render(e.q.value)
			if e.q.value == "" {
				v = st.Muted.Render(e.c.T("CTFilterValuePlaceholder"))
			}
		}
		val = st.Muted.Render(" = ") + v
	}
	rng := st.Form.Label.Render("   "+e.c.T("CTTimeRange")+": ") + st.Text.Render(e.q.rng.label(e.c))
	return attr + val + rng
}

// View implements tea.Model.
func (e *Events) View() string {
	st := e.c.Styles
	title := st.Title.Render(e.c.T("CloudTrailEventHistory"))
	if wait := e.pace.view(); wait != "" {
		title = lipgloss.NewStyle().MaxWidth(max(e.width, 20)).Render(title + "  " + st.Muted.Render(wait))
	}
	gap := ""
	if v := e.exportView(); v != "" {
		gap = e.wrapped(v)
	}
	if e.prefs != nil {
		return lipgloss.JoinVertical(lipgloss.Left, title, e.filterLine(), gap, e.prefs.view(e.width))
	}
	if e.err != nil {
		return lipgloss.JoinVertical(lipgloss.Left, title, e.filterLine(), gap, errorPanel(e.c, e.err, e.width))
	}
	return lipgloss.JoinVertical(lipgloss.Left, title, e.filterLine(), gap, e.table.View())
}

// ShortHelp implements help.KeyMap.
func (e *Events) ShortHelp() []key.Binding {
	if e.input.Focused() {
		return []key.Binding{e.keys.Apply, e.keys.Cancel}
	}
	if e.prefs != nil {
		k := newPrefsKeys(e.c)
		return []key.Binding{k.Up, k.Down, k.Toggle, k.Save, k.Cancel}
	}
	if e.export != nil {
		return []key.Binding{e.keys.Cancel}
	}
	if e.table.Filtering() {
		return e.table.ShortHelp()
	}
	tk := table.NewKeyMap(e.c.L)
	return []key.Binding{e.keys.Open, e.keys.Attribute, e.keys.Value, e.keys.Range, e.keys.Preferences, e.keys.Download, tk.NextPage}
}

// FullHelp implements help.KeyMap.
func (e *Events) FullHelp() [][]key.Binding {
	return append(e.table.FullHelp(), []key.Binding{e.keys.Open, e.keys.Attribute, e.keys.Value, e.keys.Range, e.keys.Clear, e.keys.Refresh},
		[]key.Binding{e.keys.Preferences, e.keys.Download})
}
