package iam

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/components/form"
	"github.com/labconsole/labconsole/ui/components/wizard"
	"github.com/labconsole/labconsole/ui/nav"
)

// AddUsers is the console's Add users wizard (lab steps B5–B11): 1 user details,
// 2 permissions, 3 tags, 4 review, then the success page with the sign-in URL and
// the credentials .csv.
type AddUsers struct {
	c       *common.Common
	wiz     wizard.Model
	details *form.Form
	perms   *permsStep
	tags    *form.Form
	review  *textBody
	confirm *dialog.Model // real AWS: "Create user?" with the CLI equivalent
	req     int
	done    *successPage
	width   int
	height  int
}

var _ nav.Screen = (*AddUsers)(nil)

const addUsersWizardID = "iam-add-users"

// addUserConfirmTag marks the real-AWS confirmation dialog of one AddUsers.
type addUserConfirmTag struct{ a *AddUsers }

// addUserDoneMsg answers the create calls of request req.
type addUserDoneMsg struct {
	owner *AddUsers
	req   int
	res   addUserResult
	step  int
	err   error
	plan  newUserPlan
}

// NewAddUsers returns the wizard on its first step.
func NewAddUsers(c *common.Common) *AddUsers {
	a := &AddUsers{c: c}
	a.details = detailsForm(c)
	a.perms = newPermsStep(c)
	a.tags = tagsForm(c)
	a.review = newTextBody(c, a.reviewLines)
	steps := []wizard.Step{
		{Title: c.T("IAMStepDetails"), Body: a.details, Validate: func() map[string]string { return validateDetails(a.c, a.details) }},
		{Title: c.T("IAMStepPermissions"), Body: a.perms},
		{Title: c.T("IAMStepTags"), Body: a.tags, Validate: func() map[string]string { return validateTags(a.c, a.tags) }},
		{Title: c.T("IAMStepReview"), Body: a.review},
	}
	a.wiz = wizard.New(c, steps, wizard.Options{ID: addUsersWizardID, SubmitLabel: c.T("IAMCreateUser"), ConfirmCancel: true})
	return a
}

func (a *AddUsers) retitle() {
	a.wiz.SetTitles([]string{a.c.T("IAMStepDetails"), a.c.T("IAMStepPermissions"), a.c.T("IAMStepTags"), a.c.T("IAMStepReview")})
	a.wiz.SetSubmitLabel(a.c.T("IAMCreateUser"))
	relabelDetails(a.c, a.details)
	relabelTags(a.c, a.tags, "")
}

// Init implements tea.Model.
func (a *AddUsers) Init() tea.Cmd { return a.wiz.Init() }

// Crumbs implements nav.Screen.
func (a *AddUsers) Crumbs() []string { return []string{a.c.T("IAMAddUsers")} }

// Capturing implements nav.Screen: the wizard's forms take text (esc is its Cancel);
// the success page only while its path prompt is open.
func (a *AddUsers) Capturing() bool {
	if a.done != nil {
		return a.done.Capturing()
	}
	return true
}

// Edited implements nav.Editor: the wizard was edited and the user is not created.
func (a *AddUsers) Edited() bool { return a.done == nil && a.wiz.Edited() }

// Step is the wizard's current step, for tests.
func (a *AddUsers) Step() int { return a.wiz.Current() }

// Done reports whether the user was created, for tests.
func (a *AddUsers) Done() bool { return a.done != nil }

// SetSize implements common.Component.
func (a *AddUsers) SetSize(w, h int) {
	a.width, a.height = w, h
	a.wiz.SetSize(w, h)
	if a.confirm != nil {
		a.confirm.SetSize(w, h)
	}
	if a.done != nil {
		a.done.SetSize(w, h)
	}
}

// plan gathers the steps' values.
func (a *AddUsers) plan() newUserPlan {
	v := a.details.Values()
	p := newUserPlan{
		name:          strings.TrimSpace(v.String(fName)),
		accessKey:     v.Bool(fAccessKey),
		console:       v.Bool(fConsole),
		autoPassword:  v.String(fPwType) == pwAuto,
		password:      v.String(fPassword),
		resetRequired: v.Bool(fReset),
		perms:         a.perms.Choice(),
		tags:          modelTags(a.tags.Values().Tags(fTags)),
	}
	if !p.console {
		p.autoPassword, p.password, p.resetRequired = false, "", false
	}
	return p
}

// Update implements tea.Model.
func (a *AddUsers) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if a.done != nil {
		cmd := a.done.Update(msg)
		return a, cmd
	}
	switch msg := msg.(type) {
	case wizard.SubmitMsg:
		if msg.WizardID != addUsersWizardID {
			return a, nil
		}
		if a.c.Backend.Info().Mode == backend.ModeAWS {
			return a, a.askConfirm()
		}
		return a, a.start()
	case wizard.CancelMsg:
		if msg.WizardID == addUsersWizardID {
			return a, nav.Pop()
		}
		return a, nil
	case dialog.ConfirmedMsg:
		if t, ok := msg.Tag.(addUserConfirmTag); ok && t.a == a {
			a.confirm = nil
			return a, a.start()
		}
	case dialog.CanceledMsg:
		if t, ok := msg.Tag.(addUserConfirmTag); ok && t.a == a {
			a.confirm = nil
			return a, nil
		}
	case permsListMsg: // the wizard hands messages only to the step shown
		_, cmd := a.perms.Update(msg)
		return a, cmd
	case addUserDoneMsg:
		if msg.owner != a || msg.req != a.req {
			return a, nil
		}
		return a, a.finished(msg)
	case common.LanguageChangedMsg:
		a.retitle()
	case tea.KeyMsg:
		if a.confirm != nil {
			d, cmd := a.confirm.Update(msg)
			a.confirm = &d
			return a, cmd
		}
	}
	var cmd tea.Cmd
	a.wiz, cmd = a.wiz.Update(msg)
	return a, cmd
}

func (a *AddUsers) askConfirm() tea.Cmd {
	p := a.plan()
	body := a.c.Tf("IAMCreateUserConfirmBody", map[string]any{"Name": p.name})
	body += "\n\n" + strings.Join(plainCLI(a.c, p.commands()), "\n")
	d := dialog.New(a.c, dialog.Options{Tag: addUserConfirmTag{a}, Title: a.c.T("IAMCreateUserConfirm"), Body: body,
		ConfirmLabel: a.c.T("IAMCreateUser"), Width: 84})
	d.SetSize(a.width, a.height)
	a.confirm = &d
	return d.Init()
}

// start makes the calls in a command; the wizard shows its spinner meanwhile.
func (a *AddUsers) start() tea.Cmd {
	a.req++
	req, b, ctx, p := a.req, a.c.Backend, a.c.Ctx, a.plan()
	a.wiz.SetSubmitError("")
	return tea.Batch(a.wiz.SetSubmitting(true), func() tea.Msg {
		res, step, err := createUser(ctx, b, p)
		return addUserDoneMsg{owner: a, req: req, res: res, step: step, err: err, plan: p}
	})
}

// finished shows the success page, or AWS's error on the step it concerns (and under
// the field, when a field was refused).
func (a *AddUsers) finished(msg addUserDoneMsg) tea.Cmd {
	a.wiz.SetSubmitting(false)
	if msg.err == nil {
		a.done = newSuccessPage(a.c, msg.res, msg.plan.commands())
		a.done.SetSize(a.width, a.height)
		return tea.Batch(a.done.Init(), func() tea.Msg { return usersChangedMsg{} })
	}
	cmd := a.wiz.GoTo(msg.step)
	a.wiz.SetSubmitError(errorText(a.c, msg.err))
	var be *backend.Error
	if errors.As(msg.err, &be) && be.Kind != backend.KindReadOnly {
		switch be.Op {
		case "iam:CreateUser":
			if msg.step == stepDetails {
				a.details.SetError(fName, be.Message)
			} else {
				a.tags.SetError(fTags, be.Message)
			}
		case "iam:CreateLoginProfile":
			a.details.SetError(fPassword, be.Message)
		}
	}
	return cmd
}

// View implements tea.Model.
func (a *AddUsers) View() string {
	if a.done != nil {
		return a.done.View()
	}
	view := a.wiz.View()
	if a.confirm != nil {
		view = a.confirm.Overlay(view)
	}
	return view
}

// ShortHelp implements help.KeyMap.
func (a *AddUsers) ShortHelp() []key.Binding {
	switch {
	case a.done != nil:
		return a.done.ShortHelp()
	case a.confirm != nil:
		return a.confirm.ShortHelp()
	}
	return a.wiz.ShortHelp()
}

// FullHelp implements help.KeyMap.
func (a *AddUsers) FullHelp() [][]key.Binding {
	switch {
	case a.done != nil:
		return [][]key.Binding{a.done.ShortHelp()}
	case a.confirm != nil:
		return a.confirm.FullHelp()
	}
	return a.wiz.FullHelp()
}

// plainCLI is the commands as "$ aws …" lines under the translated label.
func plainCLI(c *common.Common, cmds []*awscli.Command) []string {
	lines := []string{c.T("AWSCLIEquivalent")}
	for _, cmd := range cmds {
		lines = append(lines, "$ "+cmd.String(c.Backend.Info()))
	}
	return lines
}
