package cloudtrail

import (
	"crypto/rand"
	"encoding/hex"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/form"
	"github.com/labconsole/labconsole/ui/components/wizard"
	"github.com/labconsole/labconsole/ui/nav"
)

const createWizardID = "cloudtrail-create-trail"

// CreateTrail is the console's Create trail wizard in its three steps: 1 Choose trail
// attributes, 2 Choose log events, 3 Review and create. Create runs
// Backend.CreateTrail, which makes the bucket and its policy, the trail, the event
// selectors and starts logging, as the console does; AWS's error is shown on failure.
type CreateTrail struct {
	c       *common.Common
	wiz     wizard.Model
	attrs   *stepForm
	events  *stepForm
	review  *review
	suffix  string // the 8 random characters of the suggested bucket name
	account string
	req     int
	// roleDefault is the role name last suggested from the trail name; the
	// suggestion follows the name until the user edits it.
	roleDefault  string
	choices      model.TrailChoices
	choicesAsked bool
}

var _ nav.Screen = (*CreateTrail)(nil)

// NewCreateTrail returns the wizard; Init asks the account for the suggested bucket
// name aws-cloudtrail-logs-<account>-<8 random hex characters>.
func NewCreateTrail(c *common.Common) *CreateTrail {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return newCreateTrail(c, hex.EncodeToString(b[:]))
}

func newCreateTrail(c *common.Common, suffix string) *CreateTrail {
	w := &CreateTrail{c: c, attrs: attributesForm(c), events: eventsForm(c), review: newReview(c), suffix: suffix}
	w.attrs.sync = w.syncAttributes
	w.attrs.rebuild()
	w.wiz = wizard.New(c, []wizard.Step{
		{Title: c.T("CloudTrailChooseAttributes"), Body: w.attrs, Validate: func() map[string]string { return validateAttributes(c, w.attrs.Values()) }},
		{Title: c.T("CloudTrailChooseLogEvents"), Body: w.events, Validate: func() map[string]string { return validateEvents(c, w.events.Values()) }},
		{Title: c.T("CloudTrailReviewAndCreate"), Body: w.review, Enter: func() tea.Cmd {
			w.review.set(w.input(), w.account)
			return nil
		}},
	}, wizard.Options{ID: createWizardID, SubmitLabel: c.T("CloudTrailCreateTrail"), ConfirmCancel: true})
	return w
}

func (w *CreateTrail) input() model.NewTrail { return newTrail(w.attrs.Values(), w.events.Values()) }

// accountMsg answers the wizard's identity load.
type accountMsg struct {
	req     int
	account string
}

// syncAttributes keeps step 1's suggestions up to date: the role name follows the
// trail name until edited, and the policy document shows the role's statements.
func (w *CreateTrail) syncAttributes(v form.Values) {
	if f, ok := w.attrs.Field(fRoleName).(*form.TextField); ok {
		if def := model.DefaultTrailRoleName(v.String(fName)); f.Value() == w.roleDefault && def != w.roleDefault {
			f.SetValue(def)
			w.roleDefault = def
		}
	}
	if f, ok := w.attrs.Field(fPolicyDoc).(*form.CheckboxField); ok {
		desc := ""
		if f.Checked() {
			group := v.String(fGroupName)
			if v.String(fGroupMode) == modeExisting {
				group = picked(v, fGroupPick, fGroupTyped)
			}
			acct := w.account
			if acct == "" {
				acct = "<account>"
			}
			desc = model.TrailLogsRolePolicy(w.c.Backend.Info().Region, acct, group)
		}
		f.SetLabels(w.c.T("CTXPolicyDocument"), w.c.T("CTXShowPolicy"), desc)
	}
}

// createdMsg answers the Create trail call.
type createdMsg struct {
	trail model.Trail
	err   error
}

// setChoices offers the account's aliases, topics, log groups and roles in the
// existing-resource selects of attrs, the first preselected as in the console.
func (w *CreateTrail) setChoices(ch model.TrailChoices, attrs *stepForm) {
	w.choices = ch
	for id, names := range map[string][]string{fKMSPick: ch.KMSAliases, fSNSPick: ch.Topics, fGroupPick: ch.LogGroups, fRolePick: ch.Roles} {
		if f, ok := attrs.Field(id).(*form.ChoiceField); ok {
			f.SetOptions(pickOptions(w.c, names, typedLabel[id]))
			if len(names) > 0 && f.Value() == typed {
				f.SetValue(names[0])
			}
		}
	}
}

// typedLabel names the "Enter …" option of each existing-resource select.
var typedLabel = map[string]string{fKMSPick: "CTXKMSTyped", fSNSPick: "CTXSNSTyped", fGroupPick: "CTXLogGroupTyped", fRolePick: "CTXRoleTyped"}

// Init implements tea.Model.
func (w *CreateTrail) Init() tea.Cmd {
	w.req++
	req, b, ctx := w.req, w.c.Backend, w.c.Ctx
	return tea.Batch(w.wiz.Init(), func() tea.Msg {
		id, _ := b.CallerIdentity(ctx) // without it the user types the bucket name
		return accountMsg{req: req, account: id.Account}
	})
}

// choicesMsg answers the load of the account's keys, topics, log groups and roles.
type choicesMsg struct {
	req     int
	choices model.TrailChoices
}

// loadChoices lists what the "Existing" options offer, once, when SSE-KMS, SNS or
// CloudWatch Logs is first enabled: the lab's trail, with all three off, makes no
// such calls (a lab-user would be denied them, and the denials would fill Event
// history).
func (w *CreateTrail) loadChoices() tea.Cmd {
	if w.choicesAsked || w.wiz.Current() != 0 {
		return nil
	}
	if v := w.attrs.Values(); !v.Bool(fKMS) && !v.Bool(fSNS) && !v.Bool(fCWL) {
		return nil
	}
	w.choicesAsked = true
	req, b, ctx := w.req, w.c.Backend, w.c.Ctx
	return func() tea.Msg {
		choices, _ := b.TrailChoices(ctx) // without them the user types names or ARNs
		return choicesMsg{req: req, choices: choices}
	}
}

// Crumbs implements nav.Screen.
func (w *CreateTrail) Crumbs() []string { return []string{w.c.T("CloudTrailCreateTrail")} }

// Capturing implements nav.Screen: the forms take text on every step but the review.
func (w *CreateTrail) Capturing() bool { return w.wiz.Current() < 2 || w.wiz.Confirming() }

// Edited implements nav.Editor.
func (w *CreateTrail) Edited() bool { return w.wiz.Edited() }

// SetSize implements common.Component.
func (w *CreateTrail) SetSize(width, height int) { w.wiz.SetSize(width, height) }

// Step is the wizard's current step, for tests.
func (w *CreateTrail) Step() int { return w.wiz.Current() }

// Update implements tea.Model.
func (w *CreateTrail) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case accountMsg:
		if msg.req != w.req {
			return w, nil
		}
		if msg.account != "" {
			w.account = msg.account
			for id, name := range map[string]string{fBucket: model.DefaultTrailBucketName(msg.account, w.suffix),
				fSNSName: model.DefaultTrailTopicName(msg.account, w.suffix), fGroupName: model.DefaultTrailLogGroupName(msg.account, w.suffix)} {
				if f, ok := w.attrs.Field(id).(*form.TextField); ok && f.Value() == "" {
					f.SetValue(name)
				}
			}
		}
		return w, w.attrs.rebuild()
	case choicesMsg:
		if msg.req == w.req {
			w.setChoices(msg.choices, w.attrs)
		}
		return w, w.attrs.rebuild()
	case editStepMsg:
		body := w.attrs
		if msg.step == 1 {
			body = w.events
		}
		cmd := w.wiz.GoTo(msg.step)
		return w, tea.Batch(cmd, body.FocusField(msg.field))
	case wizard.SubmitMsg:
		if msg.WizardID != createWizardID {
			return w, nil
		}
		in, b, ctx := w.input(), w.c.Backend, w.c.Ctx
		return w, tea.Batch(w.wiz.SetSubmitting(true), func() tea.Msg {
			t, err := b.CreateTrail(ctx, in)
			return createdMsg{trail: t, err: err}
		})
	case createdMsg:
		w.wiz.SetSubmitting(false)
		if msg.err != nil {
			w.wiz.SetSubmitError(common.ErrorText(w.c, msg.err))
			return w, nil
		}
		arn := msg.trail.ARN
		return w, tea.Sequence(nav.Pop(), func() tea.Msg { return trailsChangedMsg{} }, nav.Push(NewTrailDetail(w.c, arn)))
	case wizard.CancelMsg:
		if msg.WizardID == createWizardID {
			return w, nav.Pop()
		}
		return w, nil
	case common.LanguageChangedMsg:
		w.wiz.SetTitles([]string{w.c.T("CloudTrailChooseAttributes"), w.c.T("CloudTrailChooseLogEvents"), w.c.T("CloudTrailReviewAndCreate")})
		w.wiz.SetSubmitLabel(w.c.T("CloudTrailCreateTrail"))
		fresh := attributesForm(w.c)
		w.setChoices(w.choices, fresh) // the "Enter …" options in the new language
		cmds := []tea.Cmd{w.attrs.adopt(fresh), w.events.adopt(eventsForm(w.c))}
		var cmd tea.Cmd
		w.wiz, cmd = w.wiz.Update(msg)
		return w, tea.Batch(append(cmds, cmd)...)
	}
	var cmd tea.Cmd
	w.wiz, cmd = w.wiz.Update(msg)
	if _, ok := msg.(tea.KeyMsg); ok {
		cmd = tea.Batch(cmd, w.loadChoices())
	}
	return w, cmd
}

// View implements tea.Model.
func (w *CreateTrail) View() string { return w.wiz.View() }

// ShortHelp implements help.KeyMap.
func (w *CreateTrail) ShortHelp() []key.Binding { return w.wiz.ShortHelp() }

// FullHelp implements help.KeyMap.
func (w *CreateTrail) FullHelp() [][]key.Binding { return w.wiz.FullHelp() }
