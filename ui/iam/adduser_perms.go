package iam

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/table"
)

// Permission options of "Set permissions", in the console's order.
const (
	permGroup  = iota // Add user to group
	permCopy          // Copy permissions from existing user
	permAttach        // Attach existing policies directly
)

var permOptionIDs = []string{"IAMPermAddToGroup", "IAMPermCopy", "IAMPermAttach"}
var permDescIDs = []string{"IAMPermAddToGroupDesc", "IAMPermCopyDesc", "IAMPermAttachDesc"}

// permsStep is step 2 of Add users: the three ways to give the new user permissions,
// each with its table (groups with their policies, users, policies). Tab moves
// between the options and the table; space ticks.
type permsStep struct {
	c        *common.Common
	mode     int
	onTable  bool
	pickers  [3]picker
	errs     [3]error
	loaded   [3]bool
	req      int
	keys     permsKeys
	width    int
	height   int
	builders [3]func(*common.Common) []table.Row
}

type permsKeys struct {
	Up, Down, Focus key.Binding
}

func newPermsKeys(c *common.Common) permsKeys {
	return permsKeys{
		Up:    bind(c, "↑/↓", "KeyChoose", "up", "k"),
		Down:  bind(c, "↑/↓", "KeyChoose", "down", "j"),
		Focus: bind(c, "tab", "IAMKeySwitchSection", "tab", "shift+tab"),
	}
}

var _ common.Component = (*permsStep)(nil)

func newPermsStep(c *common.Common) *permsStep {
	p := &permsStep{c: c, keys: newPermsKeys(c)}
	p.pickers[permGroup] = newPicker(c, p.groupColumns(), false)
	p.pickers[permCopy] = newPicker(c, p.userColumns(), true)
	p.pickers[permAttach] = newPicker(c, policyColumns(c), false)
	p.relabel()
	return p
}

func (p *permsStep) groupColumns() []table.Column {
	return []table.Column{
		{ID: "name", Title: p.c.T("IAMColGroup"), Width: 28, Sortable: true},
		{ID: "policies", Title: p.c.T("IAMColAttachedPolicies"), MinWidth: 20},
	}
}

func (p *permsStep) userColumns() []table.Column {
	return []table.Column{
		{ID: "name", Title: p.c.T("IAMColUserName"), Width: 24, Sortable: true},
		{ID: "groups", Title: p.c.T("IAMColGroups"), MinWidth: 20},
	}
}

func (p *permsStep) relabel() {
	p.keys = newPermsKeys(p.c)
	p.pickers[permGroup].table.SetEmptyText(p.c.T("IAMGroupsEmpty"))
	p.pickers[permCopy].table.SetEmptyText(p.c.T("IAMUsersEmpty"))
	p.pickers[permAttach].table.SetEmptyText(p.c.T("IAMPoliciesEmpty"))
}

// permsListMsg answers one of the step's three listings.
type permsListMsg struct {
	owner *permsStep
	req   int
	mode  int
	rows  func(c *common.Common) []table.Row // built on arrival, in the language then
	err   error
}

// Init loads the three tables at once: the user flips between options and expects
// each table to be there.
func (p *permsStep) Init() tea.Cmd {
	p.req++
	req, b, ctx := p.req, p.c.Backend, p.c.Ctx
	var cmds []tea.Cmd
	for i := range p.pickers {
		cmds = append(cmds, p.pickers[i].table.SetLoading(true))
	}
	cmds = append(cmds,
		func() tea.Msg { return p.loadGroups(ctx, b, req) },
		func() tea.Msg { return p.loadUsers(ctx, b, req) },
		func() tea.Msg {
			ps, err := listAllPolicies(ctx, b)
			return permsListMsg{owner: p, req: req, mode: permAttach, err: err,
				rows: func(c *common.Common) []table.Row { return policyRows(c, ps) }}
		})
	return tea.Batch(cmds...)
}

func (p *permsStep) loadGroups(ctx context.Context, b backend.Backend, req int) tea.Msg {
	var groups []model.Group
	token := ""
	for range maxPolicyPages {
		page, err := b.ListGroups(ctx, model.PageRequest{Token: token})
		if err != nil {
			return permsListMsg{owner: p, req: req, mode: permGroup, err: err}
		}
		groups = append(groups, page.Items...)
		if token = page.NextToken; token == "" {
			break
		}
	}
	facts := fanOut(groups, factsConcurrency, func(g model.Group) groupFacts { return loadGroupFacts(ctx, b, g.GroupName) })
	return permsListMsg{owner: p, req: req, mode: permGroup, rows: func(c *common.Common) []table.Row {
		rows := make([]table.Row, len(groups))
		for i, g := range groups {
			pol := "-"
			if facts[i].policiesErr == nil {
				pol = joinOr(c, facts[i].policies, "IAMNone")
			}
			rows[i] = table.Row{ID: g.GroupName, Cells: []string{g.GroupName, pol}, Data: g, SortKeys: []string{strings.ToLower(g.GroupName), pol}}
		}
		return rows
	}}
}

func (p *permsStep) loadUsers(ctx context.Context, b backend.Backend, req int) tea.Msg {
	var users []model.User
	token := ""
	for range maxPolicyPages {
		page, err := b.ListUsers(ctx, model.PageRequest{Token: token})
		if err != nil {
			return permsListMsg{owner: p, req: req, mode: permCopy, err: err}
		}
		users = append(users, page.Items...)
		if token = page.NextToken; token == "" {
			break
		}
	}
	groups := fanOut(users, factsConcurrency, func(u model.User) []string {
		gs, err := b.ListGroupsForUser(ctx, u.UserName)
		if err != nil {
			return nil
		}
		names := make([]string, len(gs))
		for i, g := range gs {
			names[i] = g.GroupName
		}
		return names
	})
	return permsListMsg{owner: p, req: req, mode: permCopy, rows: func(c *common.Common) []table.Row {
		rows := make([]table.Row, len(users))
		for i, u := range users {
			g := joinOr(c, groups[i], "IAMNone")
			rows[i] = table.Row{ID: u.UserName, Cells: []string{u.UserName, g}, Data: u, SortKeys: []string{strings.ToLower(u.UserName), g}}
		}
		return rows
	}}
}

// choice is what the step decided: the option and the ticked IDs (group names, one
// user name, or policy ARNs) with their display names.
type permsChoice struct {
	mode  int
	ids   []string
	names []string
}

func (p *permsStep) Choice() permsChoice {
	ch := permsChoice{mode: p.mode}
	for _, r := range p.pickers[p.mode].SelectedRows() {
		ch.ids = append(ch.ids, r.ID)
		ch.names = append(ch.names, r.Cells[0])
	}
	return ch
}

func (p *permsStep) SetSize(w, h int) {
	p.width, p.height = w, h
	th := max(h-len(permOptionIDs)-3, 3)
	for i := range p.pickers {
		p.pickers[i].table.SetSize(w, th)
	}
}

// Capturing reports whether a table's filter takes the keys.
func (p *permsStep) Capturing() bool { return p.pickers[p.mode].table.Filtering() }

func (p *permsStep) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case permsListMsg:
		if msg.owner != p || msg.req != p.req {
			return p, nil
		}
		pk := &p.pickers[msg.mode]
		pk.table.SetLoading(false)
		p.errs[msg.mode], p.loaded[msg.mode] = msg.err, true
		if msg.err == nil {
			p.setRows(msg.mode, msg.rows)
		}
		return p, nil
	case common.LanguageChangedMsg:
		p.relabel()
		p.pickers[permGroup].SetColumns(p.groupColumns())
		p.pickers[permCopy].SetColumns(p.userColumns())
		p.pickers[permAttach].SetColumns(policyColumns(p.c))
		for i, b := range p.builders {
			p.setRows(i, b)
		}
		var cmds []tea.Cmd
		for i := range p.pickers {
			cmds = append(cmds, p.pickers[i].Update(msg))
		}
		return p, tea.Batch(cmds...)
	case tea.KeyMsg:
		if !p.Capturing() {
			switch {
			case key.Matches(msg, p.keys.Focus):
				p.onTable = !p.onTable
				return p, nil
			case !p.onTable && key.Matches(msg, p.keys.Up):
				p.mode = max(p.mode-1, 0)
				return p, nil
			case !p.onTable && key.Matches(msg, p.keys.Down):
				p.mode = min(p.mode+1, len(permOptionIDs)-1)
				return p, nil
			}
		}
		if p.onTable {
			return p, p.pickers[p.mode].Update(msg)
		}
		return p, nil
	}
	var cmds []tea.Cmd
	for i := range p.pickers {
		cmds = append(cmds, p.pickers[i].Update(msg))
	}
	return p, tea.Batch(cmds...)
}

// setRows fills a table and keeps how its rows are built, so a language change
// rebuilds them with translated cells ("None").
func (p *permsStep) setRows(mode int, build func(*common.Common) []table.Row) {
	p.builders[mode] = build
	if build != nil {
		p.pickers[mode].SetRows(build(p.c))
	}
}

func (p *permsStep) View() string {
	st := p.c.Styles
	var lines []string
	for i, id := range permOptionIDs {
		mark, style := "( )", st.Form.Option
		if i == p.mode {
			mark = "(*)"
			if !p.onTable {
				style = st.Form.OptionFocused
			}
		}
		lines = append(lines, st.Form.Control.Render(mark)+" "+style.Render(p.c.T(id)))
	}
	lines = append(lines, "")
	lines = append(lines, st.Muted.Render(cells.Clip(p.c.T(permDescIDs[p.mode]), p.width)), "")
	if err := p.errs[p.mode]; err != nil {
		lines = append(lines, action.ErrorPanelWith(p.c, err, p.width, errorText))
	} else {
		lines = append(lines, p.pickers[p.mode].table.View())
	}
	return cells.ClipLines(strings.Join(lines, "\n"), p.width, p.height)
}

func (p *permsStep) ShortHelp() []key.Binding {
	if p.onTable {
		return append(p.pickers[p.mode].ShortHelp(), p.keys.Focus)
	}
	return []key.Binding{p.keys.Down, p.keys.Focus}
}

func (p *permsStep) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
