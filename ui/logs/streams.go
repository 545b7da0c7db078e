package logs

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/pager"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// Streams is one log group's Log streams tab: the streams with their last event
// time, newest first as the console lists them, paged with DescribeLogStreams'
// token. enter reads a stream's events; a is the console's "Search all log streams".
type Streams struct {
	c        *common.Common
	keys     streamsKeys
	group    string
	table    table.Model
	pager    *pager.Pager[model.LogStream]
	pageSize int
	width    int
	height   int
}

var _ nav.Screen = (*Streams)(nil)

// NewStreams returns the streams of group; Init loads them.
func NewStreams(c *common.Common, group string) *Streams {
	s := &Streams{c: c, keys: newStreamsKeys(c), group: group, pager: pager.New[model.LogStream](c), pageSize: 50}
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

func (s *Streams) load() tea.Cmd {
	group, size := s.group, s.pageSize
	return s.pager.Load(&s.table, func(ctx context.Context, b backend.Backend, token string) (model.Page[model.LogStream], error) {
		return b.ListLogStreams(ctx, group, model.PageRequest{Token: token, Limit: size})
	})
}

// Init implements tea.Model.
func (s *Streams) Init() tea.Cmd { return s.load() }

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
	if cmd, ok := s.pager.Update(msg, &s.table, s.rowsOf); ok {
		return s, cmd
	}
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		s.keys = newStreamsKeys(s.c)
		s.table.SetColumns(s.columns())
		s.table.SetEmptyText(s.c.T("LGStreamsEmpty"))
		s.table.SetRows(s.rowsOf(s.pager.Items))
	case common.IdentityChangedMsg:
		return s, s.load()
	case tea.KeyMsg:
		if !s.table.Filtering() {
			switch {
			case key.Matches(msg, s.keys.Refresh):
				return s, s.load()
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
	title := st.Title.Render(s.c.Tf("LGStreamsCount", map[string]any{"Count": len(s.pager.Items)}))
	sub := fit(st.Muted.Render(s.group), s.width)
	if s.pager.Err != nil {
		return strings.Join([]string{title, sub, "", errorPanel(s.c, s.pager.Err, s.width)}, "\n")
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
	if s.pager.HasMore() {
		out = append(out, tk.NextPage)
	}
	return append(out, k.Refresh)
}

// FullHelp implements help.KeyMap.
func (s *Streams) FullHelp() [][]key.Binding {
	k := s.keys
	return append(s.table.FullHelp(), []key.Binding{k.Open, k.SearchAll, k.Refresh})
}
