package iam

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// GroupDetail is a user group's page: its summary and the Users and Permissions tabs,
// with Delete.
type GroupDetail struct {
	c       *common.Common
	keys    detailKeys
	name    string
	tab     int // 0 users, 1 permissions
	users   table.Model
	perms   table.Model
	actions action.Runner
	req     int
	loaded  bool
	detail  groupDetail
	err     error
	width   int
	height  int
}

var _ nav.Screen = (*GroupDetail)(nil)

// groupDetail is what the page shows, loaded in one command.
type groupDetail struct {
	group    model.Group
	members  []model.User
	attached []model.AttachedPolicy
	inline   []string
	permsErr error
}

type groupDetailMsg struct {
	req    int
	detail groupDetail
	err    error
}

// NewGroupDetail returns the page of the group name; Init loads it.
func NewGroupDetail(c *common.Common, name string) *GroupDetail {
	g := &GroupDetail{c: c, keys: newDetailKeys(c), name: name, actions: newRunner(c)}
	g.users = table.New(c, g.userColumns())
	g.perms = table.New(c, g.permColumns())
	g.relabel()
	return g
}

func (g *GroupDetail) userColumns() []table.Column {
	return []table.Column{
		{ID: "name", Title: g.c.T("IAMColUserName"), Width: 28, Sortable: true},
		{ID: "created", Title: g.c.T("IAMColCreated"), Width: 22, Sortable: true},
		{ID: "arn", Title: g.c.T("IAMColARN")},
	}
}

func (g *GroupDetail) permColumns() []table.Column {
	return []table.Column{
		{ID: "name", Title: g.c.T("IAMColPolicyName"), MinWidth: 30, Sortable: true},
		{ID: "type", Title: g.c.T("IAMColType"), Width: 20, Sortable: true},
	}
}

func (g *GroupDetail) relabel() {
	g.keys = newDetailKeys(g.c)
	g.keys.Add.SetEnabled(false)
	g.keys.Remove.SetEnabled(false)
	g.keys.Edit.SetEnabled(false)
	g.keys.Password.SetEnabled(false)
	g.keys.CreateKey.SetEnabled(false)
	g.keys.KeyStatus.SetEnabled(false)
	g.users.SetEmptyText(g.c.T("IAMGroupNoUsers"))
	g.perms.SetEmptyText(g.c.T("IAMNoPolicies"))
}

func (g *GroupDetail) load() tea.Cmd {
	g.req++
	req, b, ctx, name := g.req, g.c.Backend, g.c.Ctx, g.name
	return func() tea.Msg {
		var d groupDetail
		var err error
		d.group, d.members, err = b.GetGroup(ctx, name)
		if err != nil {
			return groupDetailMsg{req: req, err: err}
		}
		d.attached, d.permsErr = b.ListAttachedGroupPolicies(ctx, name)
		if d.permsErr == nil {
			d.inline, d.permsErr = b.ListGroupPolicies(ctx, name)
		}
		return groupDetailMsg{req: req, detail: d}
	}
}

// Init implements tea.Model.
func (g *GroupDetail) Init() tea.Cmd { return g.load() }

// Crumbs implements nav.Screen.
func (g *GroupDetail) Crumbs() []string { return []string{g.name} }

// Capturing implements nav.Screen.
func (g *GroupDetail) Capturing() bool {
	return g.users.Filtering() || g.perms.Filtering() || g.actions.Open()
}

// SetSize implements common.Component.
func (g *GroupDetail) SetSize(w, h int) {
	g.width, g.height = w, h
	g.actions.SetSize(w, h)
	g.resize()
}

func (g *GroupDetail) resize() {
	status := 0
	if v := g.actions.View(g.width); v != "" {
		status = strings.Count(v, "\n") + 2
	}
	th := max(g.height-9-status, 3) // title, summary (3), tabs and blank lines
	g.users.SetSize(g.width, th)
	g.perms.SetSize(g.width, th)
}

func (g *GroupDetail) fill() {
	urows := make([]table.Row, len(g.detail.members))
	for i, u := range g.detail.members {
		urows[i] = table.Row{ID: u.UserName, Cells: []string{u.UserName, stamp(u.CreateDate), u.Arn}, Data: u,
			SortKeys: []string{strings.ToLower(u.UserName), sortStamp(u.CreateDate), u.Arn}}
	}
	g.users.SetRows(urows)
	var prows []table.Row
	for _, p := range g.detail.attached {
		typ := policyType(g.c, p.PolicyArn)
		prows = append(prows, table.Row{ID: p.PolicyArn, Cells: []string{p.PolicyName, typ}, SortKeys: []string{strings.ToLower(p.PolicyName), typ}})
	}
	for _, n := range g.detail.inline {
		typ := g.c.T("IAMPolicyInline")
		prows = append(prows, table.Row{ID: "inline:" + n, Cells: []string{n, typ}, SortKeys: []string{strings.ToLower(n), typ}})
	}
	g.perms.SetRows(prows)
}

func (g *GroupDetail) active() *table.Model {
	if g.tab == 0 {
		return &g.users
	}
	return &g.perms
}

// Update implements tea.Model.
func (g *GroupDetail) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if handled, cmd, done := g.actions.Update(msg); handled {
		g.resize()
		if done != nil && done.Err == nil {
			changed := groupsChangedMsg{done: done.Act.DoneText(done.Result), commands: done.Act.Commands}
			return g, tea.Sequence(cmd, nav.Pop(), func() tea.Msg { return changed })
		}
		return g, cmd
	}
	switch msg := msg.(type) {
	case groupDetailMsg:
		if msg.req == g.req {
			g.loaded, g.err, g.detail = true, msg.err, msg.detail
			g.fill()
		}
		return g, nil
	case common.LanguageChangedMsg:
		g.relabel()
		g.users.SetColumns(g.userColumns())
		g.perms.SetColumns(g.permColumns())
		g.fill()
	case common.IdentityChangedMsg:
		g.actions.Clear()
		return g, g.load()
	case tea.KeyMsg:
		if !g.active().Filtering() {
			switch {
			case key.Matches(msg, g.keys.NextTab), key.Matches(msg, g.keys.PrevTab):
				g.tab = 1 - g.tab
				return g, nil
			case key.Matches(msg, g.keys.Refresh):
				return g, g.load()
			case key.Matches(msg, g.keys.Delete):
				return g, g.actions.Start(deleteGroupAction(g.c, g.name))
			}
		}
		t, cmd := g.active().Update(msg)
		*g.active() = t
		return g, cmd
	}
	var c1, c2 tea.Cmd
	g.users, c1 = g.users.Update(msg)
	g.perms, c2 = g.perms.Update(msg)
	return g, tea.Batch(c1, c2)
}

// View implements tea.Model.
func (g *GroupDetail) View() string {
	st := g.c.Styles
	title := st.Title.Render(g.name)
	switch {
	case g.err != nil:
		return title + "\n\n" + action.ErrorPanelWith(g.c, g.err, g.width, errorText)
	case !g.loaded:
		return title + "\n\n" + st.Muted.Render(g.c.T("Loading"))
	}
	d := g.detail
	var b strings.Builder
	b.WriteString(title + "\n\n")
	b.WriteString(summary(g.c, []field{
		{g.c.T("IAMUserGroupName"), d.group.GroupName},
		{g.c.T("IAMColCreated"), stamp(d.group.CreateDate)},
		{g.c.T("IAMColARN"), d.group.Arn},
	}, g.width) + "\n\n")
	tabs := []string{
		g.c.Tf("IAMTabUsers", map[string]any{"Count": len(d.members)}),
		g.c.Tf("IAMTabPermissionsCount", map[string]any{"Count": len(d.attached) + len(d.inline)}),
	}
	b.WriteString(tabBar(g.c, tabs, g.tab, g.width) + "\n\n")
	if g.tab == 1 && d.permsErr != nil {
		b.WriteString(action.ErrorPanelWith(g.c, d.permsErr, g.width, errorText))
	} else {
		b.WriteString(g.active().View())
	}
	if status := g.actions.View(g.width); status != "" {
		b.WriteString("\n\n" + status)
	}
	return g.actions.Overlay(cells.ClipLines(b.String(), g.width, g.height))
}

// ShortHelp implements help.KeyMap.
func (g *GroupDetail) ShortHelp() []key.Binding {
	if g.actions.Open() {
		return g.actions.ShortHelp()
	}
	return []key.Binding{g.keys.NextTab, g.keys.Delete, g.keys.Refresh, table.NewKeyMap(g.c.L).Filter}
}

// FullHelp implements help.KeyMap.
func (g *GroupDetail) FullHelp() [][]key.Binding {
	return append(g.active().FullHelp(), []key.Binding{g.keys.NextTab, g.keys.PrevTab, g.keys.Delete, g.keys.Refresh})
}
