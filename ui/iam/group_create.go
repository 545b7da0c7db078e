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
	"github.com/labconsole/labconsole/ui/components/form"
	"github.com/labconsole/labconsole/ui/nav"
)

// groupsChangedMsg tells the User groups list that a page above it created or
// deleted a group: the list reloads and shows what was done and the calls made.
type groupsChangedMsg struct {
	done     string
	commands []*awscli.Command
}

// CreateGroup is "Create user group" (lab step B2–B3): the group's name and the
// "Attach permissions policies" table with a live filter, on one page as in the
// console. Create makes CreateGroup then one AttachGroupPolicy per ticked policy; if
// an attachment fails the group is deleted again, so nothing is left half made.
type CreateGroup struct {
	c        *common.Common
	keys     formKeys
	form     *form.Form
	name     *form.TextField
	picker   picker
	onTable  bool
	req      int
	policies []model.Policy
	loadErr  error
	actions  action.Runner
	width    int
	height   int
}

var _ nav.Screen = (*CreateGroup)(nil)

// NewCreateGroup returns the screen; Init loads the policies.
func NewCreateGroup(c *common.Common) *CreateGroup {
	g := &CreateGroup{c: c, keys: newFormKeys(c, "IAMCreateGroup"), actions: newRunner(c)}
	g.name = form.Text("name", form.TextOptions{MaxLength: model.MaxGroupNameLen})
	g.form = form.New(c, g.name)
	g.picker = newPicker(c, policyColumns(c), false)
	g.relabel()
	return g
}

func (g *CreateGroup) relabel() {
	g.name.SetLabels(g.c.T("IAMGroupNameLabel"), "", g.c.T("IAMGroupNameConstraint"), g.c.T("IAMGroupNamePlaceholder"))
	g.picker.table.SetEmptyText(g.c.T("IAMPoliciesEmpty"))
}

// Init implements tea.Model.
func (g *CreateGroup) Init() tea.Cmd {
	g.req++
	return tea.Batch(g.form.Init(), g.picker.table.SetLoading(true), loadPolicies(g.c, g, g.req))
}

// Crumbs implements nav.Screen.
func (g *CreateGroup) Crumbs() []string { return []string{g.c.T("IAMCreateGroup")} }

// Capturing implements nav.Screen: the name input, the filter and the confirmation
// dialog take every key.
func (g *CreateGroup) Capturing() bool {
	return !g.onTable || g.picker.table.Filtering() || g.actions.Open()
}

// Edited implements nav.Editor: a name typed or a policy ticked.
func (g *CreateGroup) Edited() bool { return g.form.Edited() || len(g.picker.selected) > 0 }

// SetSize implements common.Component.
func (g *CreateGroup) SetSize(w, h int) {
	g.width, g.height = w, h
	g.actions.SetSize(w, h)
	g.layout()
}

// Values for tests and the lab check: the typed name and ticked policy ARNs.
func (g *CreateGroup) Values() (string, []string) { return g.name.Value(), g.picker.Selected() }

func (g *CreateGroup) formView() string {
	g.form.SetSize(g.width, 8)
	lines := strings.Split(g.form.View(), "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// commands are the AWS CLI calls Create will make, as typed so far.
func (g *CreateGroup) commands() []*awscli.Command {
	name := g.name.Value()
	cmds := []*awscli.Command{awscli.New("iam", "create-group").With("--group-name", name)}
	for _, arn := range g.picker.Selected() {
		cmds = append(cmds, awscli.New("iam", "attach-group-policy").With("--group-name", name).With("--policy-arn", arn))
	}
	return cmds
}

// below is everything under the table: the CLI preview, the result and the buttons.
func (g *CreateGroup) below() []string {
	cmds := g.commands()
	const shown = 3
	lines := cliLines(g.c, cmds[:min(len(cmds), shown)], g.width)
	if len(cmds) > shown {
		lines = append(lines, g.c.Styles.Muted.Render(g.c.Tf("IAMMoreCommands", map[string]any{"Count": len(cmds) - shown})))
	}
	if status := g.actions.View(g.width); status != "" {
		lines = append(lines, strings.Split(status, "\n")...)
	}
	b := g.c.Styles.Button
	buttons := b.Key.Render("[esc]") + " " + b.Normal.Render(g.c.T("WizardCancel")) + "   " +
		b.Key.Render("[ctrl+s]") + " " + b.Primary.Render(g.c.T("IAMCreateGroup"))
	return append(lines, buttons)
}

// layout sizes the table to what the other blocks leave.
func (g *CreateGroup) layout() {
	formLines := strings.Count(g.formView(), "\n") + 1
	h := g.height - formLines - 6 - len(g.below())
	g.picker.table.SetSize(g.width, max(h, 3))
}

// Update implements tea.Model.
func (g *CreateGroup) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if handled, cmd, done := g.actions.Update(msg); handled {
		if done != nil {
			return g, tea.Batch(cmd, g.finished(done))
		}
		g.layout()
		return g, cmd
	}
	switch msg := msg.(type) {
	case policiesMsg:
		if msg.owner == any(g) && msg.req == g.req {
			g.picker.table.SetLoading(false)
			g.policies, g.loadErr = msg.policies, msg.err
			g.picker.SetRows(policyRows(g.c, msg.policies))
		}
		return g, nil
	case common.LanguageChangedMsg:
		g.keys = newFormKeys(g.c, "IAMCreateGroup")
		g.relabel()
		g.picker.SetColumns(policyColumns(g.c))
		g.picker.SetRows(policyRows(g.c, g.policies))
		g.form.Update(msg)
		g.picker.Update(msg)
		g.layout()
		return g, nil
	case tea.KeyMsg:
		return g, g.key(msg)
	}
	var cmds []tea.Cmd
	_, cmd := g.form.Update(msg)
	cmds = append(cmds, cmd, g.picker.Update(msg))
	return g, tea.Batch(cmds...)
}

func (g *CreateGroup) key(msg tea.KeyMsg) tea.Cmd {
	if g.actions.Running() {
		return nil
	}
	filtering := g.picker.table.Filtering()
	switch {
	case key.Matches(msg, g.keys.Submit):
		return g.submit()
	case !filtering && key.Matches(msg, g.keys.Cancel):
		return nav.Pop()
	case !filtering && (key.Matches(msg, g.keys.Focus) || msg.String() == "shift+tab"):
		g.onTable = !g.onTable
		if g.onTable {
			g.form.SetErrors(nil)
			return nil
		}
		return g.form.FocusField("name")
	}
	if g.onTable {
		cmd := g.picker.Update(msg)
		g.layout()
		return cmd
	}
	_, cmd := g.form.Update(msg)
	g.layout()
	return cmd
}

// submit validates the name with IAM's rules and starts the calls.
func (g *CreateGroup) submit() tea.Cmd {
	name := g.name.Value()
	if err := (model.NewGroup{GroupName: name}).Validate(); err != nil {
		var fes model.Errors
		errors.As(err, &fes)
		msg := common.ErrorText(g.c, err)
		if fe := fes.For("GroupName"); fe != nil {
			msg = g.c.Tf(fe.ID, fe.Data)
		}
		g.onTable = false
		cmd := g.form.SetErrors(map[string]string{"name": msg})
		g.layout()
		return cmd
	}
	g.form.SetErrors(nil)
	cmd := g.actions.Start(createGroupAction(g.c, name, g.picker.Selected(), g.commands()))
	g.layout()
	return cmd
}

// createGroupAction makes the group and attaches the policies, deleting the group
// again when an attachment fails.
func createGroupAction(c *common.Common, name string, arns []string, cmds []*awscli.Command) *action.Action {
	return &action.Action{
		Title:        c.Tf("IAMCreateGroupConfirm", map[string]any{"Name": name}),
		ConfirmLabel: c.T("IAMCreateGroup"),
		Done:         action.Text(c.Tf("IAMGroupCreated", map[string]any{"Name": name})),
		Commands:     cmds,
		Run: action.Call(func(ctx context.Context, b backend.Backend) error {
			if _, err := b.CreateGroup(ctx, model.NewGroup{GroupName: name}); err != nil {
				return err
			}
			var attached []string
			for _, arn := range arns {
				if err := b.AttachGroupPolicy(ctx, name, arn); err != nil {
					var undo []error
					for _, a := range attached {
						undo = append(undo, b.DetachGroupPolicy(ctx, name, a))
					}
					undo = append(undo, b.DeleteGroup(ctx, name))
					return rolledBack(err, errors.Join(undo...))
				}
				attached = append(attached, arn)
			}
			return nil
		}),
	}
}

// finished follows a create: back to the list on success; on failure AWS's error
// stays on the page, and under the name when CreateGroup itself refused it.
func (g *CreateGroup) finished(done *action.DoneMsg) tea.Cmd {
	if done.Err == nil {
		changed := groupsChangedMsg{done: done.Act.DoneText(done.Result), commands: done.Act.Commands}
		return tea.Sequence(nav.Pop(), func() tea.Msg { return changed })
	}
	var be *backend.Error
	if errors.As(done.Err, &be) && be.Op == "iam:CreateGroup" && be.Kind != backend.KindReadOnly {
		g.form.SetError("name", be.Message)
	}
	g.layout()
	return nil
}

// View implements tea.Model.
func (g *CreateGroup) View() string {
	st := g.c.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render(g.c.T("IAMCreateGroupTitle")) + "\n\n")
	b.WriteString(st.Subtitle.Render(g.c.T("IAMNameTheGroup")) + "\n")
	b.WriteString(g.formView() + "\n\n")
	section := g.c.T("IAMAttachPolicies") + " - " + g.c.T("FormOptional")
	if n := len(g.picker.Selected()); n > 0 {
		section += " " + g.c.Tf("IAMSelectedCount", map[string]any{"Count": n})
	}
	b.WriteString(st.Subtitle.Render(section) + "\n")
	if g.loadErr != nil {
		b.WriteString(action.ErrorPanelWith(g.c, g.loadErr, g.width, errorText))
	} else {
		b.WriteString(g.picker.table.View())
	}
	b.WriteString("\n\n" + strings.Join(g.below(), "\n"))
	return g.actions.Overlay(cells.ClipLines(b.String(), g.width, g.height))
}

// ShortHelp implements help.KeyMap.
func (g *CreateGroup) ShortHelp() []key.Binding {
	if g.actions.Open() {
		return g.actions.ShortHelp()
	}
	if g.onTable {
		return append(g.picker.ShortHelp(), g.keys.Focus, g.keys.Submit)
	}
	return []key.Binding{g.keys.Focus, g.keys.Submit, g.keys.Cancel}
}

// FullHelp implements help.KeyMap.
func (g *CreateGroup) FullHelp() [][]key.Binding { return [][]key.Binding{g.ShortHelp()} }
