package logs

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// Streams is one log group's Log streams tab: the streams with their last event
// time, newest first as the console lists them, paged with DescribeLogStreams'
// token. enter reads a stream's events; a is the console's "Search all log streams".
type Streams struct {
	c         *common.Common
	keys      streamsKeys
	group     string
	table     table.Model
	req       int
	streams   []model.LogStream
	nextToken string
	pageSize  int
	err       error
	width     int
	height    int
}

var _ nav.Screen = (*Streams)(nil)

// NewStreams returns the streams of group; Init loads them.
func NewStreams(c *common.Common, group string) *Streams {
	s := &Streams{c: c, keys: newStreamsKeys(c), group: group, pageSize: 50}
	s.table = table.New(c, s.columns())
	s.table.SetID(fmt.Sprintf("logs-streams-%p", s))
	s.table.SetEmptyText(c.T("LGStreamsEmpty"))
	return s
}

func (s *Streams) columns() []table.Column {
	return []table.Column{
		{ID: "name", Title: s.c.T("LGColStream"), MinWidth: 24, Sortable: true},
		{ID: "last", Title: s.c.T("LGColLastEvent"), Width: 25, Sortable: true},
	}
}

type streamsMsg struct {
	owner  *Streams
	req    int
	page   model.Page[model.LogStream]
	err    error
	append bool
}

func (s *Streams) load(token string) tea.Cmd {
	if token == "" {
		s.req++
	}
	req, b, ctx, group, size := s.req, s.c.Backend, s.c.Ctx, s.group, s.pageSize
	spin := s.table.SetLoading(true)
	return tea.Batch(spin, func() tea.Msg {
		page, err := b.ListLogStreams(ctx, group, model.PageRequest{Token: token, Limit: size})
		return streamsMsg{owner: s, req: req, page: page, err: err, append: token != ""}
	})
}

// Init implements tea.Model.
func (s *Streams) Init() tea.Cmd { return s.load("") }

// Crumbs implements nav.Screen.
func (s *Streams) Crumbs() []string { return []string{s.group} }

// Capturing implements nav.Screen.
func (s *Streams) Capturing() bool { return s.table.Filtering() }

// SetSize implements common.Component.
func (s *Streams) SetSize(w, h int) {
	s.width, s.height = w, h
	s.table.SetSize(w, max(h-2, 3))
}

// Update implements tea.Model.
func (s *Streams) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case streamsMsg:
		if msg.owner != s || msg.req != s.req {
			return s, nil
		}
		s.table.SetLoading(false)
		s.err = msg.err
		if msg.err == nil {
			rows := s.rowsOf(msg.page.Items)
			if msg.append {
				s.streams = append(s.streams, msg.page.Items...)
				s.table.AppendRows(rows)
			} else {
				s.streams = msg.page.Items
				s.table.SetRows(rows)
			}
			s.nextToken = msg.page.NextToken
			s.table.SetHasMore(s.nextToken != "")
		}
		return s, nil
	case table.NextPageMsg:
		if msg.TableID == s.table.ID() && s.nextToken != "" && !s.table.Loading() {
			return s, s.load(s.nextToken)
		}
		return s, nil
	case common.LanguageChangedMsg:
		s.keys = newStreamsKeys(s.c)
		s.table.SetColumns(s.columns())
		s.table.SetEmptyText(s.c.T("LGStreamsEmpty"))
		s.table.SetRows(s.rowsOf(s.streams))
	case common.IdentityChangedMsg:
		return s, s.load("")
	case tea.KeyMsg:
		if !s.table.Filtering() {
			switch {
			case key.Matches(msg, s.keys.Refresh):
				return s, s.load("")
			case key.Matches(msg, s.keys.SearchAll):
				return s, nav.Push(NewEvents(s.c, s.group, ""))
			case key.Matches(msg, s.keys.Open):
				if r, ok := s.table.Selected(); ok {
					return s, nav.Push(NewEvents(s.c, s.group, r.ID))
				}
				return s, nil
			}
		}
	}
	var cmd tea.Cmd
	s.table, cmd = s.table.Update(msg)
	return s, cmd
}

func (s *Streams) rowsOf(streams []model.LogStream) []table.Row {
	rows := make([]table.Row, len(streams))
	for i, st := range streams {
		last, key := "-", ""
		if st.LastEvent != nil {
			last, key = dateText(*st.LastEvent), sortStamp(*st.LastEvent)
		}
		rows[i] = table.Row{ID: st.Name, Data: st, Cells: []string{clean(st.Name, false), last}, SortKeys: []string{st.Name, key}}
	}
	return rows
}

// View implements tea.Model.
func (s *Streams) View() string {
	st := s.c.Styles
	title := st.Title.Render(s.c.Tf("LGStreamsCount", map[string]any{"Count": len(s.streams)}))
	sub := fit(st.Muted.Render(s.group), s.width)
	if s.err != nil {
		return strings.Join([]string{title, sub, "", errorPanel(s.c, s.err, s.width)}, "\n")
	}
	return strings.Join([]string{title, sub, s.table.View()}, "\n")
}

// ShortHelp implements help.KeyMap.
func (s *Streams) ShortHelp() []key.Binding {
	if s.table.Filtering() {
		return s.table.ShortHelp()
	}
	k, tk := s.keys, table.NewKeyMap(s.c.L)
	out := []key.Binding{k.Open, k.SearchAll, tk.Filter}
	if s.nextToken != "" {
		out = append(out, tk.NextPage)
	}
	return append(out, k.Refresh)
}

// FullHelp implements help.KeyMap.
func (s *Streams) FullHelp() [][]key.Binding {
	k := s.keys
	return append(s.table.FullHelp(), []key.Binding{k.Open, k.SearchAll, k.Refresh})
}
