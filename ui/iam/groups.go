package iam

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// Groups is IAM > User groups: name, members, attached policies and creation time,
// with Create group, delete and a detail page.
type Groups struct {
	c         *common.Common
	keys      groupsKeys
	table     table.Model
	actions   action.Runner
	req       int
	nextToken string
	groups    []model.Group
	facts     map[string]groupFacts
	err       error
	width     int
	height    int
}

var _ nav.Screen = (*Groups)(nil)

// NewGroups returns the User groups screen; Init loads the first page.
func NewGroups(c *common.Common) *Groups {
	g := &Groups{c: c, keys: newGroupsKeys(c), actions: newRunner(c), facts: map[string]groupFacts{}}
	g.table = table.New(c, g.columns())
	g.table.SetEmptyText(c.T("IAMGroupsEmpty"))
	return g
}

func (g *Groups) columns() []table.Column {
	return []table.Column{
		{ID: "name", Title: g.c.T("IAMColGroupName"), Width: 28, Sortable: true},
		{ID: "users", Title: g.c.T("IAMColUsers"), Width: 8, Align: lipgloss.Right, Sortable: true},
		{ID: "perms", Title: g.c.T("IAMColPermissions"), MinWidth: 20},
		{ID: "created", Title: g.c.T("IAMColCreated"), Width: 20, Sortable: true},
	}
}

// groupsMsg is a page of groups for load number req; groupFactsMsg the derived
// columns of that page.
type groupsMsg struct {
	req    int
	page   model.Page[model.Group]
	err    error
	append bool
}

type groupFactsMsg struct {
	req   int
	facts map[string]groupFacts
}

func (g *Groups) load(token string) tea.Cmd {
	if token == "" {
		g.req++
	}
	req, b, ctx := g.req, g.c.Backend, g.c.Ctx
	return tea.Batch(g.table.SetLoading(true), func() tea.Msg {
		page, err := b.ListGroups(ctx, model.PageRequest{Token: token})
		return groupsMsg{req: req, page: page, err: err, append: token != ""}
	})
}

func (g *Groups) loadFacts(groups []model.Group) tea.Cmd {
	req, b, ctx := g.req, g.c.Backend, g.c.Ctx
	return func() tea.Msg {
		facts := fanOut(groups, factsConcurrency, func(gr model.Group) groupFacts { return loadGroupFacts(ctx, b, gr.GroupName) })
		out := make(map[string]groupFacts, len(groups))
		for i, gr := range groups {
			out[gr.GroupName] = facts[i]
		}
		return groupFactsMsg{req: req, facts: out}
	}
}

// Init implements tea.Model.
func (g *Groups) Init() tea.Cmd { return g.load("") }

// Crumbs implements nav.Screen.
func (g *Groups) Crumbs() []string { return []string{g.c.T("IAMGroupsTitle")} }

// Capturing implements nav.Screen: the filter and a typed confirmation take text,
// and esc must close the dialog rather than leave the screen.
func (g *Groups) Capturing() bool { return g.table.Filtering() || g.actions.Open() }

// SetSize implements common.Component.
func (g *Groups) SetSize(w, h int) {
	g.width, g.height = w, h
	g.actions.SetSize(w, h)
	g.resize()
}

func (g *Groups) resize() {
	status := 0
	if v := g.actions.View(g.width); v != "" {
		status = strings.Count(v, "\n") + 2
	}
	g.table.SetSize(g.width, max(g.height-2-status, 3))
}

func (g *Groups) rows() []table.Row {
	rows := make([]table.Row, len(g.groups))
	for i, gr := range g.groups {
		users, perms, count := "", "", -1
		if f, ok := g.facts[gr.GroupName]; ok {
			users, perms = "-", "-"
			if f.membersErr == nil {
				users, count = fmt.Sprint(f.members), f.members
			}
			if f.policiesErr == nil {
				perms = joinOr(g.c, f.policies, "IAMNotDefined")
			}
		}
		rows[i] = table.Row{
			ID:       gr.GroupName,
			Cells:    []string{gr.GroupName, users, perms, stamp(gr.CreateDate)},
			Data:     gr,
			SortKeys: []string{strings.ToLower(gr.GroupName), fmt.Sprintf("%08d", count+1), perms, sortStamp(gr.CreateDate)},
		}
	}
	return rows
}

// Update implements tea.Model.
func (g *Groups) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if handled, cmd, done := g.actions.Update(msg); handled {
		g.resize()
		if done != nil && done.Err == nil {
			return g, tea.Batch(cmd, g.load(""))
		}
		return g, cmd
	}
	switch msg := msg.(type) {
	case groupsMsg:
		if msg.req != g.req {
			return g, nil
		}
		g.table.SetLoading(false)
		g.err = msg.err
		if msg.err != nil {
			return g, nil
		}
		if msg.append {
			g.groups = append(g.groups, msg.page.Items...)
		} else {
			g.groups = msg.page.Items
			g.facts = map[string]groupFacts{}
		}
		g.nextToken = msg.page.NextToken
		g.table.SetHasMore(g.nextToken != "")
		g.table.SetRows(g.rows())
		return g, g.loadFacts(msg.page.Items)
	case groupFactsMsg:
		if msg.req == g.req {
			for k, v := range msg.facts {
				g.facts[k] = v
			}
			g.table.SetRows(g.rows())
		}
		return g, nil
	case groupsChangedMsg:
		g.actions.Show(&action.Action{Done: action.Text(msg.done), Commands: msg.commands})
		g.resize()
		return g, g.load("")
	case table.NextPageMsg:
		if g.nextToken != "" {
			return g, g.load(g.nextToken)
		}
		return g, nil
	case common.LanguageChangedMsg:
		g.keys = newGroupsKeys(g.c)
		g.table.SetColumns(g.columns())
		g.table.SetEmptyText(g.c.T("IAMGroupsEmpty"))
		g.table.SetRows(g.rows())
	case common.IdentityChangedMsg:
		g.actions.Clear()
		g.resize()
		return g, g.load("")
	case tea.KeyMsg:
		if !g.table.Filtering() {
			if cmd, ok := g.handleKey(msg); ok {
				return g, cmd
			}
		}
	}
	var cmd tea.Cmd
	g.table, cmd = g.table.Update(msg)
	return g, cmd
}

func (g *Groups) handleKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, g.keys.Refresh):
		return g.load(""), true
	case key.Matches(msg, g.keys.Create):
		return nav.Push(NewCreateGroup(g.c)), true
	case key.Matches(msg, g.keys.Open):
		if r, ok := g.table.Selected(); ok {
			return nav.Push(NewGroupDetail(g.c, r.ID)), true
		}
		return nil, true
	case key.Matches(msg, g.keys.Delete):
		if r, ok := g.table.Selected(); ok {
			return g.actions.Start(deleteGroupAction(g.c, r.ID)), true
		}
		return nil, true
	}
	return nil, false
}

// deleteGroupAction is the console's "Delete" of a user group: typed confirmation,
// then DeleteGroup. A group with members or policies answers DeleteConflict, which
// errorText explains.
func deleteGroupAction(c *common.Common, name string) *action.Action {
	return &action.Action{
		Title:         c.Tf("IAMDeleteGroupTitle", map[string]any{"Name": name}),
		Body:          c.T("IAMDeleteGroupBody"),
		ConfirmLabel:  c.T("IAMDelete"),
		Danger:        true,
		TypeToConfirm: name,
		Done:          action.Text(c.Tf("IAMGroupDeleted", map[string]any{"Name": name})),
		Commands:      []*awscli.Command{awscli.New("iam", "delete-group").With("--group-name", name)},
		Run: action.Call(func(ctx context.Context, b backend.Backend) error {
			return b.DeleteGroup(ctx, name)
		}),
		After: name,
	}
}

// View implements tea.Model.
func (g *Groups) View() string {
	title := g.c.Styles.Title.Render(g.c.Tf("IAMGroupsCount", map[string]any{"Count": len(g.groups)}))
	if g.err != nil {
		return title + "\n\n" + action.ErrorPanelWith(g.c, g.err, g.width, errorText)
	}
	view := title + "\n\n" + g.table.View()
	if status := g.actions.View(g.width); status != "" {
		view += "\n\n" + status
	}
	return g.actions.Overlay(cells.ClipLines(view, g.width, g.height))
}

// ShortHelp implements help.KeyMap.
func (g *Groups) ShortHelp() []key.Binding {
	if g.actions.Open() {
		return g.actions.ShortHelp()
	}
	if g.table.Filtering() {
		return g.table.ShortHelp()
	}
	return []key.Binding{g.keys.Open, g.keys.Create, g.keys.Delete, g.keys.Refresh, table.NewKeyMap(g.c.L).Filter}
}

// FullHelp implements help.KeyMap.
func (g *Groups) FullHelp() [][]key.Binding {
	return append(g.table.FullHelp(), []key.Binding{g.keys.Open, g.keys.Create, g.keys.Delete, g.keys.Refresh})
}
