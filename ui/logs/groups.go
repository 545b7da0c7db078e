package logs

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/pager"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/components/textkey"
	"github.com/labconsole/labconsole/ui/nav"
)

// Groups is CloudWatch > Log groups: name, retention, stored bytes and creation
// time, paged with DescribeLogGroups' token. / searches by prefix (CloudWatch Logs
// filters, so it finds groups not loaded yet); enter lists a group's streams; c
// creates a group, e edits its retention, d deletes it after a confirmation.
type Groups struct {
	c         *common.Common
	keys      groupsKeys
	table     table.Model
	runner    action.Runner
	input     textinput.Model
	searching bool   // the prefix search has focus
	prefix    string // the prefix searched for
	pager     *pager.Pager[model.LogGroup]
	pageSize  int
	width     int
	height    int
}

var _ nav.Screen = (*Groups)(nil)

// NewGroups returns the Log groups list of the console's region; Init loads it.
func NewGroups(c *common.Common) *Groups {
	g := &Groups{c: c, keys: newGroupsKeys(c), runner: action.New(c), pager: pager.New[model.LogGroup](c), pageSize: 50}
	g.table = table.New(c, g.columns())
	g.table.SetID(fmt.Sprintf("logs-groups-%p", g))
	g.table.SetEmptyText(c.T("LGGroupsEmpty"))
	g.input = newInput(c, c.T("LGSearchPlaceholder"))
	return g
}

// newInput is a text input styled from the session (bubbles' defaults use the global
// renderer) with clipboard paste off: it would read the server's clipboard over SSH.
func newInput(c *common.Common, placeholder string) textinput.Model {
	st := c.Styles.Form
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = placeholder
	in.PromptStyle, in.TextStyle, in.PlaceholderStyle = st.PromptFocused, st.Input, st.Placeholder
	in.Cursor.Style, in.Cursor.TextStyle = st.Cursor, st.Input
	in.KeyMap.Paste.SetEnabled(false)
	return in
}

func (g *Groups) columns() []table.Column {
	return []table.Column{
		{ID: "name", Title: g.c.T("LGColGroup"), MinWidth: 24, Sortable: true},
		{ID: "retention", Title: g.c.T("LGColRetention"), Width: 14, Sortable: true},
		{ID: "bytes", Title: g.c.T("LGColStoredBytes"), Width: 13, Align: lipgloss.Right, Sortable: true},
		{ID: "created", Title: g.c.T("LGColCreated"), Width: 25, Sortable: true},
	}
}

// groupsChangedMsg tells the Log groups list that a screen above it changed a group.
type groupsChangedMsg struct{}

func (g *Groups) load() tea.Cmd {
	prefix, size := g.prefix, g.pageSize
	return g.pager.Load(&g.table, func(ctx context.Context, b backend.Backend, token string) (model.Page[model.LogGroup], error) {
		return b.ListLogGroups(ctx, prefix, model.PageRequest{Token: token, Limit: size})
	})
}

// Init implements tea.Model.
func (g *Groups) Init() tea.Cmd { return g.load() }

// Crumbs implements nav.Screen.
func (g *Groups) Crumbs() []string { return []string{g.c.T("LogsLogGroups")} }

// Capturing implements nav.Screen: the prefix search and the dialog take text.
func (g *Groups) Capturing() bool { return g.searching || g.table.Filtering() || g.runner.Open() }

// Prefix is the applied prefix search.
func (g *Groups) Prefix() string { return g.prefix }

// SetSize implements common.Component.
func (g *Groups) SetSize(w, h int) {
	g.width, g.height = w, h
	g.runner.SetSize(w, h)
	g.input.Width = max(w-4, 10)
	g.layout()
}

func (g *Groups) layout() {
	below := 0
	if s := g.runner.View(g.width); s != "" {
		below = lipgloss.Height(s)
	}
	g.table.SetSize(g.width, max(g.height-2-below, 3))
}

// Update implements tea.Model.
func (g *Groups) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer g.layout()
	handled, rcmd, done := g.runner.Update(msg)
	if handled {
		if done != nil && done.Err == nil {
			return g, tea.Batch(rcmd, g.load())
		}
		return g, rcmd
	}
	if cmd, ok := g.pager.Update(msg, &g.table, g.rowsOf); ok {
		g.table.SetEmptyText(g.emptyText())
		return g, tea.Batch(rcmd, cmd)
	}
	switch msg := msg.(type) {
	case groupsChangedMsg:
		return g, tea.Batch(rcmd, g.load())
	case common.LanguageChangedMsg:
		g.keys = newGroupsKeys(g.c)
		g.table.SetColumns(g.columns())
		g.table.SetEmptyText(g.emptyText())
		g.table.SetRows(g.rows())
		g.input.Placeholder = g.c.T("LGSearchPlaceholder")
	case common.IdentityChangedMsg:
		g.runner.Clear()
		return g, tea.Batch(rcmd, g.load())
	case tea.KeyMsg:
		if g.searching {
			return g, tea.Batch(rcmd, g.searchKey(msg))
		}
		if !g.table.Filtering() {
			if cmd, ok := g.key(msg); ok {
				return g, tea.Batch(rcmd, cmd)
			}
		}
	}
	var cmd tea.Cmd
	g.table, cmd = g.table.Update(msg)
	if g.searching {
		cmd = tea.Batch(cmd, textkey.Update(&g.input, msg)) // cursor blink
	}
	return g, tea.Batch(rcmd, cmd)
}

// key handles the list's own keys; ok is false for keys left to the table.
func (g *Groups) key(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, g.keys.Refresh):
		g.runner.Clear()
		return g.load(), true
	case key.Matches(msg, g.keys.Search):
		g.searching = true
		g.input.SetValue(g.prefix)
		g.input.CursorEnd()
		return g.input.Focus(), true
	case key.Matches(msg, g.keys.Create):
		return nav.Push(newCreateGroup(g.c)), true
	}
	sel, ok := g.table.Selected()
	if !ok {
		return nil, key.Matches(msg, g.keys.Open) || key.Matches(msg, g.keys.Delete) || key.Matches(msg, g.keys.Retention)
	}
	grp := sel.Data.(model.LogGroup)
	switch {
	case key.Matches(msg, g.keys.Open):
		return nav.Push(NewStreams(g.c, grp.Name)), true
	case key.Matches(msg, g.keys.Delete):
		return g.runner.Start(deleteGroup(g.c, grp.Name)), true
	case key.Matches(msg, g.keys.Retention):
		return nav.Push(newRetention(g.c, grp)), true
	}
	return nil, false
}

// searchKey handles keys while the prefix search has focus: enter lists the groups
// whose names start with the text, esc leaves the applied search as it was.
func (g *Groups) searchKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, g.keys.Apply):
		g.searching = false
		g.input.Blur()
		g.prefix = strings.TrimSpace(g.input.Value())
		g.input.SetValue(g.prefix)
		return g.load()
	case key.Matches(msg, g.keys.Cancel):
		g.searching = false
		g.input.Blur()
		g.input.SetValue(g.prefix)
		return nil
	}
	return textkey.Update(&g.input, msg)
}

func (g *Groups) emptyText() string {
	if g.prefix != "" {
		return g.c.Tf("LGNoPrefixMatch", map[string]any{"Prefix": g.prefix})
	}
	return g.c.T("LGGroupsEmpty")
}

func (g *Groups) rows() []table.Row { return g.rowsOf(g.pager.Items) }

func (g *Groups) rowsOf(groups []model.LogGroup) []table.Row {
	rows := make([]table.Row, len(groups))
	for i, grp := range groups {
		days := grp.RetentionInDays
		if days == 0 {
			days = 1 << 20 // never expire keeps longest
		}
		rows[i] = table.Row{ID: grp.Name, Data: grp,
			Cells:    []string{grp.Name, retentionText(g.c, grp.RetentionInDays), bytesText(grp.StoredBytes), dateText(grp.Created)},
			SortKeys: []string{grp.Name, fmt.Sprintf("%08d", days), fmt.Sprintf("%020d", grp.StoredBytes), sortStamp(grp.Created)}}
	}
	return rows
}

// deleteGroup deletes a log group and its streams and events, once confirmed, as
// the console's Delete log group(s) dialog does.
func deleteGroup(c *common.Common, name string) *action.Action {
	return &action.Action{
		Title:        c.Tf("LGDeleteTitle", map[string]any{"Name": name}),
		Body:         c.T("LGDeleteBody"),
		ConfirmLabel: c.T("CWDelete"),
		Danger:       true,
		Ask:          true,
		Done:         func(any) string { return c.Tf("LGDeleted", map[string]any{"Name": name}) },
		Commands:     []*awscli.Command{awscli.New("logs", "delete-log-group").With("--log-group-name", name)},
		Run:          func(ctx context.Context, b backend.Backend) (any, error) { return nil, b.DeleteLogGroup(ctx, name) },
	}
}

// View implements tea.Model.
func (g *Groups) View() string {
	st := g.c.Styles
	title := fit(st.Title.Render(g.c.Tf("LGGroupsCount", map[string]any{"Count": len(g.pager.Items)})), g.width)
	search := g.input.View()
	if g.pager.Err != nil {
		return title + "\n" + search + "\n" + errorPanel(g.c, g.pager.Err, g.width)
	}
	parts := []string{title, search, g.table.View()}
	if s := g.runner.View(g.width); s != "" {
		parts = append(parts, s)
	}
	return g.runner.Overlay(strings.Join(parts, "\n"))
}

// ShortHelp implements help.KeyMap.
func (g *Groups) ShortHelp() []key.Binding {
	switch {
	case g.runner.Open():
		return nil
	case g.searching:
		return []key.Binding{g.keys.Apply, g.keys.Cancel}
	case g.table.Filtering():
		return g.table.ShortHelp()
	}
	k := g.keys
	out := []key.Binding{k.Open, k.Search, k.Create, k.Retention, k.Delete}
	if g.pager.HasMore() {
		out = append(out, table.NewKeyMap(g.c.L).NextPage)
	}
	return append(out, k.Refresh)
}

// FullHelp implements help.KeyMap.
func (g *Groups) FullHelp() [][]key.Binding {
	if g.searching || g.runner.Open() {
		return [][]key.Binding{g.ShortHelp()}
	}
	k := g.keys
	return append(tableKeys(g.c), []key.Binding{k.Open, k.Search, k.Create, k.Retention, k.Delete, k.Refresh})
}
