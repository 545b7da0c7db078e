package cloudwatch

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/components/wizard"
	"github.com/labconsole/labconsole/ui/nav"
)

const createWizardID = "cw-create-alarm"

// CreateAlarm is the console's Create alarm wizard (lab steps A3–A9): 1 metric and
// conditions, 2 actions, 3 name and description, 4 preview and create. Each step
// checks its fields with AWS's rules before Next; the name's uniqueness is asked of
// CloudWatch on Next from step 3. Create makes the calls in order and leaves nothing
// half-made when one fails (createAlarm); AWS's error shows on the step it concerns.
type CreateAlarm struct {
	c        *common.Common
	fromList bool
	wiz      wizard.Model
	metric   *metricStep
	actions  *actionsStep
	name     *nameStep
	preview  *previewStep
	account  string
	req      int
	checkReq int
	checking bool
	confirm  *dialog.Model
	width    int
	height   int
}

var _ nav.Screen = (*CreateAlarm)(nil)

// createIdentityMsg answers the wizard's identity load (the account of a new topic's
// ARN in the preview).
type createIdentityMsg struct {
	a       *CreateAlarm
	account string
}

// nameCheckMsg answers whether the name typed in step 3 is in use.
type nameCheckMsg struct {
	a     *CreateAlarm
	req   int
	name  string
	taken bool
	err   error
}

// createDoneMsg answers the create calls of request req.
type createDoneMsg struct {
	a    *CreateAlarm
	req  int
	plan alarmPlan
	res  createResult
	step int
	err  error
}

// createConfirmTag marks the real-AWS confirmation of one wizard.
type createConfirmTag struct{ a *CreateAlarm }

// NewCreateAlarm returns the wizard on its first step. fromList says whether the
// Alarms list is below it (it then takes the result); otherwise the list is opened
// after the create.
func NewCreateAlarm(c *common.Common, fromList bool) *CreateAlarm {
	a := &CreateAlarm{c: c, fromList: fromList}
	a.metric = newMetricStep(c)
	a.actions = newActionsStep(c)
	a.name = newNameStep(c)
	a.preview = newPreviewStep(c, a.plan)
	steps := []wizard.Step{
		{Title: c.T("CWStepMetric"), Body: a.metric, Validate: a.metric.validate},
		{Title: c.T("CWStepActions"), Body: a.actions, Validate: a.actions.validate, Enter: a.enterActions},
		{Title: c.T("CWStepName"), Body: a.name, Validate: a.name.validate},
		{Title: c.T("CWStepPreview"), Body: a.preview, Enter: func() tea.Cmd { a.preview.yoff = 0; return nil }},
	}
	a.wiz = wizard.New(c, steps, wizard.Options{ID: createWizardID, SubmitLabel: c.T("CWCreateAlarm"), ConfirmCancel: true})
	return a
}

// enterActions loads the topics of the region the alarm will live in.
func (a *CreateAlarm) enterActions() tea.Cmd {
	region := a.c.Backend.Info().Region
	if m := a.metric.Metric(); m != nil {
		region = alarmRegion(a.c.Backend.Info(), *m)
	}
	return a.actions.enter(region)
}

func (a *CreateAlarm) retitle() {
	c := a.c
	a.wiz.SetTitles([]string{c.T("CWStepMetric"), c.T("CWStepActions"), c.T("CWStepName"), c.T("CWStepPreview")})
	a.wiz.SetSubmitLabel(c.T("CWCreateAlarm"))
}

// plan gathers the steps' values.
func (a *CreateAlarm) plan() alarmPlan {
	p := alarmPlan{account: a.account, region: a.c.Backend.Info().Region}
	if m := a.metric.Metric(); m != nil {
		p.metric = *m
		p.region = alarmRegion(a.c.Backend.Info(), *m)
	}
	v := a.metric.form.Values()
	p.statistic, p.period = a.metric.values()
	p.comparison = v.String(fComparison)
	p.threshold, _ = model.ParseThreshold(v.String(fThreshold))
	a.actions.fill(&p)
	p.name, p.description = a.name.name(), a.name.description()
	return p
}

// Init implements tea.Model.
func (a *CreateAlarm) Init() tea.Cmd {
	b, ctx := a.c.Backend, a.c.Ctx
	return tea.Batch(a.wiz.Init(), func() tea.Msg {
		id, err := b.CallerIdentity(ctx)
		if err != nil {
			return createIdentityMsg{a: a}
		}
		return createIdentityMsg{a: a, account: id.Account}
	})
}

// Crumbs implements nav.Screen.
func (a *CreateAlarm) Crumbs() []string { return []string{a.c.T("CWCreateAlarm")} }

// Capturing implements nav.Screen: the steps take text, and esc is the wizard's.
func (a *CreateAlarm) Capturing() bool { return true }

// Edited implements nav.Editor.
func (a *CreateAlarm) Edited() bool { return a.wiz.Edited() }

// Step is the wizard's current step, for tests.
func (a *CreateAlarm) Step() int { return a.wiz.Current() }

// SetSize implements common.Component.
func (a *CreateAlarm) SetSize(w, h int) {
	a.width, a.height = w, h
	a.wiz.SetSize(w, h)
	if a.confirm != nil {
		a.confirm.SetSize(w, h)
	}
}

// Update implements tea.Model.
func (a *CreateAlarm) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case createIdentityMsg:
		if msg.a == a {
			a.account = msg.account
		}
		return a, nil
	case seriesMsg, metricChosenMsg, browserNamespacesMsg, browserMetricsMsg:
		_, cmd := a.metric.Update(msg) // whichever step is shown, they are step 1's
		return a, cmd
	case topicsMsg:
		_, cmd := a.actions.Update(msg)
		return a, cmd
	case nameCheckMsg:
		return a, a.checked(msg)
	case wizard.SubmitMsg:
		if msg.WizardID != createWizardID {
			return a, nil
		}
		if a.c.Backend.Info().Mode == backend.ModeAWS {
			return a, a.askConfirm()
		}
		return a, a.start()
	case wizard.CancelMsg:
		if msg.WizardID == createWizardID {
			return a, nav.Pop()
		}
		return a, nil
	case dialog.ConfirmedMsg:
		if t, ok := msg.Tag.(createConfirmTag); ok && t.a == a {
			a.confirm = nil
			return a, a.start()
		}
	case dialog.CanceledMsg:
		if t, ok := msg.Tag.(createConfirmTag); ok && t.a == a {
			a.confirm = nil
			return a, nil
		}
	case createDoneMsg:
		if msg.a != a || msg.req != a.req {
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
		if a.wiz.Current() == stepName && msg.Type == tea.KeyCtrlN && !a.wiz.Submitting() && !a.wiz.Confirming() {
			if a.checking {
				return a, nil
			}
			if a.name.needsCheck() {
				return a, a.checkName()
			}
		}
	}
	var cmd tea.Cmd
	a.wiz, cmd = a.wiz.Update(msg)
	return a, cmd
}

// checkName asks CloudWatch whether the name typed is in use in the alarm's region;
// the answer replays Next.
func (a *CreateAlarm) checkName() tea.Cmd {
	a.checkReq++
	a.checking = true
	p := a.plan()
	req, b, ctx := a.checkReq, a.c.Backend, a.c.Ctx
	return func() tea.Msg {
		_, err := b.CloudWatchIn(p.region).GetAlarm(ctx, p.name)
		msg := nameCheckMsg{a: a, req: req, name: p.name, taken: err == nil}
		if err != nil && backend.KindOf(err) != backend.KindNotFound {
			msg.err = err
		}
		return msg
	}
}

// checked records the uniqueness answer and presses Next again, which now validates
// with it.
func (a *CreateAlarm) checked(msg nameCheckMsg) tea.Cmd {
	if msg.a != a || msg.req != a.checkReq {
		return nil
	}
	a.checking = false
	if msg.err != nil {
		a.name.form.SetError(fName, common.ErrorText(a.c, msg.err))
		return nil
	}
	a.name.checkedName(msg.name, msg.taken)
	var cmd tea.Cmd
	a.wiz, cmd = a.wiz.Update(tea.KeyMsg{Type: tea.KeyCtrlN})
	return cmd
}

func (a *CreateAlarm) askConfirm() tea.Cmd {
	p := a.plan()
	body := a.c.Tf("CWCreateConfirmBody", map[string]any{"Name": p.name, "Region": p.region})
	body += "\n\n" + strings.Join(action.CLILines(a.c, p.commands(), p.region, nil, 0), "\n")
	d := dialog.New(a.c, dialog.Options{Tag: createConfirmTag{a}, Title: a.c.T("CWCreateConfirmTitle"), Body: body,
		ConfirmLabel: a.c.T("CWCreateAlarm"), Width: 84})
	d.SetSize(a.width, a.height)
	a.confirm = &d
	return d.Init()
}

// start makes the calls in a command; the wizard shows its spinner meanwhile.
func (a *CreateAlarm) start() tea.Cmd {
	a.req++
	req, b, ctx, p := a.req, a.c.Backend, a.c.Ctx, a.plan()
	a.wiz.SetSubmitError("")
	return tea.Batch(a.wiz.SetSubmitting(true), func() tea.Msg {
		res, step, err := createAlarm(ctx, b, p)
		return createDoneMsg{a: a, req: req, plan: p, res: res, step: step, err: err}
	})
}

// finished goes to the Alarms list, which shows the new alarm and what to do next;
// or shows AWS's error on the step it concerns, and under the field it names.
func (a *CreateAlarm) finished(msg createDoneMsg) tea.Cmd {
	a.wiz.SetSubmitting(false)
	if msg.err == nil {
		created := alarmCreatedMsg{name: msg.plan.name, region: msg.plan.region, topicArn: msg.res.topicArn}
		if msg.plan.topicMode == topicNew {
			created.emails = msg.plan.emails
		}
		if a.fromList {
			return tea.Sequence(nav.Pop(), func() tea.Msg { return created })
		}
		list := NewAlarms(a.c)
		list.created, list.region, list.underHome = &created, created.region, true
		return tea.Sequence(nav.Pop(), nav.Push(list))
	}
	cmd := a.wiz.GoTo(msg.step)
	a.wiz.SetSubmitError(a.errorText(msg.err))
	var fe *model.FieldError
	if errors.As(msg.err, &fe) {
		switch fe.ID {
		case "CWAlarmNameTaken":
			a.name.checkedName(msg.plan.name, true)
			a.name.form.SetError(fName, common.ErrorText(a.c, fe))
		case "CWTopicExists":
			a.actions.form.SetError(fNewTopic, common.ErrorText(a.c, fe))
		}
	}
	return cmd
}

// errorText is AWS's error and, after a rollback, what became of the new topic.
func (a *CreateAlarm) errorText(err error) string {
	text := common.ErrorText(a.c, err)
	var rb *rollbackError
	if errors.As(err, &rb) {
		if rb.undo == nil {
			text += " " + a.c.T("CWRolledBack")
		} else {
			text += " " + a.c.Tf("CWRollbackFailed", map[string]any{"Message": common.ErrorText(a.c, rb.undo)})
		}
	}
	return text
}

// View implements tea.Model.
func (a *CreateAlarm) View() string {
	view := a.wiz.View()
	if a.confirm != nil {
		view = a.confirm.Overlay(view)
	}
	return view
}

// ShortHelp implements help.KeyMap.
func (a *CreateAlarm) ShortHelp() []key.Binding {
	if a.confirm != nil {
		return a.confirm.ShortHelp()
	}
	return a.wiz.ShortHelp()
}

// FullHelp implements help.KeyMap.
func (a *CreateAlarm) FullHelp() [][]key.Binding {
	if a.confirm != nil {
		return a.confirm.FullHelp()
	}
	return a.wiz.FullHelp()
}
