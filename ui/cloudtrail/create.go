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
	attrs   *form.Form
	events  *form.Form
	review  *review
	suffix  string // the 8 random characters of the suggested bucket name
	account string
	req     int
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

// createdMsg answers the Create trail call.
type createdMsg struct {
	trail model.Trail
	err   error
}

// Init implements tea.Model.
func (w *CreateTrail) Init() tea.Cmd {
	w.req++
	req, b, ctx := w.req, w.c.Backend, w.c.Ctx
	return tea.Batch(w.wiz.Init(), func() tea.Msg {
		id, _ := b.CallerIdentity(ctx) // without it the user types the bucket name
		return accountMsg{req: req, account: id.Account}
	})
}

// Crumbs implements nav.Screen.
func (w *CreateTrail) Crumbs() []string { return []string{w.c.T("CloudTrailCreateTrail")} }

// Capturing implements nav.Screen: the forms take text on every step but the review.
func (w *CreateTrail) Capturing() bool { return w.wiz.Current() < 2 || w.wiz.Confirming() }

// SetSize implements common.Component.
func (w *CreateTrail) SetSize(width, height int) { w.wiz.SetSize(width, height) }

// Step is the wizard's current step, for tests.
func (w *CreateTrail) Step() int { return w.wiz.Current() }

// Update implements tea.Model.
func (w *CreateTrail) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case accountMsg:
		if msg.req == w.req && msg.account != "" {
			w.account = msg.account
			if f, ok := w.attrs.Field(fBucket).(*form.TextField); ok && f.Value() == "" {
				f.SetValue(model.DefaultTrailBucketName(msg.account, w.suffix))
			}
		}
		return w, nil
	case editStepMsg:
		return w, w.wiz.GoTo(msg.step)
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
	}
	var cmd tea.Cmd
	w.wiz, cmd = w.wiz.Update(msg)
	return w, cmd
}

// View implements tea.Model.
func (w *CreateTrail) View() string { return w.wiz.View() }

// ShortHelp implements help.KeyMap.
func (w *CreateTrail) ShortHelp() []key.Binding { return w.wiz.ShortHelp() }

// FullHelp implements help.KeyMap.
func (w *CreateTrail) FullHelp() [][]key.Binding { return w.wiz.FullHelp() }
