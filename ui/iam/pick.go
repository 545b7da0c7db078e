package iam

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// pickScreen is a page that ticks rows of a table and applies them to one user:
// "Add permissions > Attach policies directly" (lab step C10) and "Add user to
// groups". Each ticked row is one call; if one fails, the earlier ones are undone.
type pickScreen struct {
	c       *common.Common
	keys    formKeys
	user    string
	kind    pickKind
	picker  picker
	build   func(*common.Common) []table.Row
	loadErr error
	req     int
	actions action.Runner
	width   int
	height  int
}

// pickKind is what a pickScreen picks.
type pickKind int

const (
	pickPolicies pickKind = iota
	pickGroups
)

var _ nav.Screen = (*pickScreen)(nil)

// NewAttachUserPolicies is "Add permissions" with "Attach policies directly".
func NewAttachUserPolicies(c *common.Common, user string) nav.Screen {
	return newPickScreen(c, user, pickPolicies)
}

// NewAddUserToGroups is "Add user to groups".
func NewAddUserToGroups(c *common.Common, user string) nav.Screen {
	return newPickScreen(c, user, pickGroups)
}

func newPickScreen(c *common.Common, user string, kind pickKind) *pickScreen {
	p := &pickScreen{c: c, user: user, kind: kind, actions: newRunner(c)}
	p.keys = newFormKeys(c, p.submitID())
	p.picker = newPicker(c, p.columns(), false)
	return p
}

func (p *pickScreen) submitID() string {
	if p.kind == pickGroups {
		return "IAMAddUserToGroups"
	}
	return "IAMAddPermissions"
}

func (p *pickScreen) columns() []table.Column {
	if p.kind == pickGroups {
		return []table.Column{
			{ID: "name", Title: p.c.T("IAMColGroupName"), Width: 30, Sortable: true},
			{ID: "policies", Title: p.c.T("IAMColAttachedPolicies"), MinWidth: 20},
		}
	}
	return policyColumns(p.c)
}

// pickListMsg answers the screen's listing.
type pickListMsg struct {
	owner *pickScreen
	req   int
	build func(*common.Common) []table.Row
	err   error
}

// Init implements tea.Model.
func (p *pickScreen) Init() tea.Cmd {
	p.req++
	req, b, ctx, kind := p.req, p.c.Backend, p.c.Ctx, p.kind
	return tea.Batch(p.picker.table.SetLoading(true), func() tea.Msg {
		if kind == pickPolicies {
			ps, err := listAllPolicies(ctx, b)
			return pickListMsg{owner: p, req: req, err: err, build: func(c *common.Common) []table.Row { return policyRows(c, ps) }}
		}
		page, err := b.ListGroups(ctx, model.PageRequest{})
		if err != nil {
			return pickListMsg{owner: p, req: req, err: err}
		}
		groups := page.Items
		facts := fanOut(groups, factsConcurrency, func(g model.Group) groupFacts { return loadGroupFacts(ctx, b, g.GroupName) })
		return pickListMsg{owner: p, req: req, build: func(c *common.Common) []table.Row {
			rows := make([]table.Row, len(groups))
			for i, g := range groups {
				pol := joinOr(c, facts[i].policies, "IAMNone")
				rows[i] = table.Row{ID: g.GroupName, Cells: []string{g.GroupName, pol}, SortKeys: []string{strings.ToLower(g.GroupName), pol}}
			}
			return rows
		}}
	})
}

// Crumbs implements nav.Screen.
func (p *pickScreen) Crumbs() []string { return []string{p.c.T(p.submitID())} }

// Capturing implements nav.Screen.
func (p *pickScreen) Capturing() bool { return p.picker.table.Filtering() || p.actions.Open() }

// SetSize implements common.Component.
func (p *pickScreen) SetSize(w, h int) {
	p.width, p.height = w, h
	p.actions.SetSize(w, h)
	p.layout()
}

func (p *pickScreen) layout() {
	p.picker.table.SetSize(p.width, max(p.height-4-len(p.below()), 3))
}

// commands are the calls Apply makes.
func (p *pickScreen) commands() []*awscli.Command {
	var cmds []*awscli.Command
	for _, id := range p.picker.Selected() {
		if p.kind == pickGroups {
			cmds = append(cmds, awscli.New("iam", "add-user-to-group").With("--group-name", id).With("--user-name", p.user))
		} else {
			cmds = append(cmds, awscli.New("iam", "attach-user-policy").With("--user-name", p.user).With("--policy-arn", id))
		}
	}
	return cmds
}

func (p *pickScreen) below() []string {
	cmds := p.commands()
	const shown = 3
	lines := cliLines(p.c, cmds[:min(len(cmds), shown)], p.width)
	if len(cmds) > shown {
		lines = append(lines, p.c.Styles.Muted.Render(p.c.Tf("IAMMoreCommands", map[string]any{"Count": len(cmds) - shown})))
	}
	if status := p.actions.View(p.width); status != "" {
		lines = append(lines, strings.Split(status, "\n")...)
	}
	b := p.c.Styles.Button
	return append(lines, b.Key.Render("[esc]")+" "+b.Normal.Render(p.c.T("WizardCancel"))+"   "+
		b.Key.Render("[ctrl+s]")+" "+b.Primary.Render(p.c.T(p.submitID())))
}

// Update implements tea.Model.
func (p *pickScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if handled, cmd, done := p.actions.Update(msg); handled {
		p.layout()
		if done != nil && done.Err == nil {
			changed := userChangedMsg{user: p.user, done: done.Act.DoneText(done.Result), commands: done.Act.Commands}
			return p, tea.Batch(cmd, tea.Sequence(nav.Pop(), func() tea.Msg { return changed }))
		}
		return p, cmd
	}
	switch msg := msg.(type) {
	case pickListMsg:
		if msg.owner == p && msg.req == p.req {
			p.picker.table.SetLoading(false)
			p.loadErr, p.build = msg.err, msg.build
			if msg.build != nil {
				p.picker.SetRows(msg.build(p.c))
			}
		}
		return p, nil
	case common.LanguageChangedMsg:
		p.keys = newFormKeys(p.c, p.submitID())
		p.picker.SetColumns(p.columns())
		if p.build != nil {
			p.picker.SetRows(p.build(p.c))
		}
	case tea.KeyMsg:
		if !p.picker.table.Filtering() && key.Matches(msg, p.keys.Submit) {
			if len(p.picker.Selected()) == 0 || p.actions.Running() {
				return p, nil
			}
			return p, p.actions.Start(p.apply())
		}
		cmd := p.picker.Update(msg)
		p.layout()
		return p, cmd
	}
	return p, p.picker.Update(msg)
}

// apply is one call per ticked row, undone in reverse if a later one fails.
func (p *pickScreen) apply() *action.Action {
	ids, user, kind := p.picker.Selected(), p.user, p.kind
	var names []string
	for _, r := range p.picker.SelectedRows() {
		names = append(names, r.Cells[0])
	}
	do, undo := backend.Backend.AttachUserPolicy, backend.Backend.DetachUserPolicy
	if kind == pickGroups {
		do = func(b backend.Backend, ctx context.Context, user, group string) error {
			return b.AddUserToGroup(ctx, group, user)
		}
		undo = func(b backend.Backend, ctx context.Context, user, group string) error {
			return b.RemoveUserFromGroup(ctx, group, user)
		}
	}
	return &action.Action{
		Title:        p.c.Tf("IAMApplyTitle", map[string]any{"User": user}),
		ConfirmLabel: p.c.T(p.submitID()),
		Done:         action.Text(p.c.Tf("IAMAdded", map[string]any{"Names": strings.Join(names, ", "), "User": user})),
		Commands:     p.commands(),
		Run: action.Call(func(ctx context.Context, b backend.Backend) error {
			for i, id := range ids {
				if err := do(b, ctx, user, id); err != nil {
					var errs []error
					for j := i - 1; j >= 0; j-- {
						errs = append(errs, undo(b, ctx, user, ids[j]))
					}
					return rolledBack(err, errors.Join(errs...))
				}
			}
			return nil
		}),
	}
}

// View implements tea.Model.
func (p *pickScreen) View() string {
	st := p.c.Styles
	desc := p.c.T("IAMPermAttachDesc")
	if p.kind == pickGroups {
		desc = p.c.T("IAMPermAddToGroupDesc")
	}
	var b strings.Builder
	b.WriteString(st.Title.Render(p.c.Tf("IAMPickTitle", map[string]any{"Action": p.c.T(p.submitID()), "User": p.user})) + "\n")
	b.WriteString(st.Muted.Render(cells.Clip(desc, p.width)) + "\n\n")
	if p.loadErr != nil {
		b.WriteString(action.ErrorPanelWith(p.c, p.loadErr, p.width, errorText))
	} else {
		b.WriteString(p.picker.table.View())
	}
	b.WriteString("\n\n" + strings.Join(p.below(), "\n"))
	return p.actions.Overlay(cells.ClipLines(b.String(), p.width, p.height))
}

// ShortHelp implements help.KeyMap.
func (p *pickScreen) ShortHelp() []key.Binding {
	if p.actions.Open() {
		return p.actions.ShortHelp()
	}
	return append(p.picker.ShortHelp(), p.keys.Submit)
}

// FullHelp implements help.KeyMap.
func (p *pickScreen) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
