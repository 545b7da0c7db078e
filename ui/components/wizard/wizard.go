// Package wizard is the frame of the console's multi-step wizards, as in the AWS
// console: a list of steps at the left ("Step 1 / Specify metric and conditions"),
// the current step's content, and Cancel / Previous / Next buttons, the last step's
// Next being the caller's submit label ("Create alarm"). A step can validate before
// Next; its errors block the move and show. The wizard reports the outcome upward as
// SubmitMsg or CancelMsg; the screen makes the backend call and reports back with
// SetSubmitting and SetSubmitError.
package wizard

import (
	"sort"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/components/spinner"
)

// Step is one page of a wizard.
type Step struct {
	Title string           // translated, e.g. "Specify metric and conditions"
	Body  common.Component // the step's content, e.g. a *form.Form
	// Validate returns field errors (field ID → translated message) that block
	// moving on; nil or empty lets the user go on. A body with a
	// SetErrors(map[string]string) tea.Cmd method (form.Form) shows them in place.
	Validate func() map[string]string
	// Enter runs each time the step is shown, e.g. to build a preview from the
	// earlier steps' values.
	Enter func() tea.Cmd
}

// Options configure a wizard.
type Options struct {
	ID            string // names the wizard in SubmitMsg and CancelMsg
	SubmitLabel   string // translated label of the last step's button, e.g. "Create alarm"
	ConfirmCancel bool   // esc asks "Leave page?" before cancelling
}

// SubmitMsg reports that the user pressed the submit button and every step is valid.
type SubmitMsg struct{ WizardID string }

// CancelMsg reports that the user left the wizard.
type CancelMsg struct{ WizardID string }

// leaveTag marks the wizard's own leave dialog in dialog messages.
type leaveTag struct{ id string }

// errorsSetter is a body that shows field errors itself (form.Form).
type errorsSetter interface {
	SetErrors(map[string]string) tea.Cmd
}

// Model is a wizard. It is a value; the parent keeps the one Update returns and
// forwards every message to it (dialog and spinner messages included).
type Model struct {
	c       *common.Common
	keys    KeyMap
	opts    Options
	steps   []Step
	current int
	entered []bool
	keyed   []bool // a key reached the step's body (Edited, for bodies that cannot say)

	errs       map[string]string // the current step's blocking errors
	submitting bool
	spin       spinner.Model
	submitErr  string
	leaving    *dialog.Model

	width, height int
}

// New returns a wizard over steps, on the first step.
func New(c *common.Common, steps []Step, opts Options) Model {
	m := Model{c: c, keys: NewKeyMap(c.L), opts: opts, steps: steps, entered: make([]bool, len(steps)), keyed: make([]bool, len(steps)),
		spin: spinner.New(c), width: c.Width, height: c.Height}
	m.syncKeys()
	return m
}

// Init shows the first step.
func (m Model) Init() tea.Cmd { return m.enter() }

// Current is the index of the step shown.
func (m Model) Current() int { return m.current }

// Errors are the current step's blocking errors.
func (m Model) Errors() map[string]string { return m.errs }

// Submitting reports whether the submit call is running.
func (m Model) Submitting() bool { return m.submitting }

// Confirming reports whether the "Leave page?" dialog is open.
func (m Model) Confirming() bool { return m.leaving != nil }

// SetTitles retitles the steps, e.g. after a language change.
func (m *Model) SetTitles(titles []string) {
	for i := range m.steps {
		if i < len(titles) {
			m.steps[i].Title = titles[i]
		}
	}
}

// SetSubmitLabel replaces the last step's button label.
func (m *Model) SetSubmitLabel(label string) { m.opts.SubmitLabel = label }

// SetSubmitting shows a spinner in place of the buttons while the submit call runs
// and ignores the wizard's keys; it returns the spinner's tick.
func (m *Model) SetSubmitting(on bool) tea.Cmd {
	m.submitting = on
	m.syncKeys()
	if on {
		m.submitErr = ""
		return m.spin.Start()
	}
	m.spin.Stop()
	return nil
}

// SetSubmitError shows AWS's error (translated by the caller) above the buttons
// after a failed submit; "" clears it.
func (m *Model) SetSubmitError(msg string) {
	m.submitErr = msg
	m.SetSize(m.width, m.height) // the panel takes lines from the body
}

// GoTo shows step i (e.g. an "Edit" link on the preview step) without validating:
// only steps up to the current one can be reached this way.
func (m *Model) GoTo(i int) tea.Cmd {
	if i < 0 || i > m.current || m.submitting {
		return nil
	}
	m.current = i
	m.setErrors(nil)
	m.syncKeys()
	return m.enter()
}

// SetSize sets the wizard's size; every step's body is sized to the content area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	bw, bh := m.bodySize()
	for _, s := range m.steps {
		if s.Body != nil {
			s.Body.SetSize(bw, bh)
		}
	}
	if m.leaving != nil {
		m.leaving.SetSize(m.width, m.height)
	}
}

// Relocalize rebuilds the wizard's own texts; Update calls it on
// common.LanguageChangedMsg (the caller retitles with SetTitles).
func (m *Model) Relocalize() {
	m.keys = NewKeyMap(m.c.L)
	m.syncKeys()
	if m.leaving != nil {
		m.leaving.SetOptions(m.leaveOptions())
	}
}

// editor is a step body that knows whether the user changed it (form.Form).
type editor interface{ Edited() bool }

// Edited reports whether leaving the wizard would lose what the user did: they went
// past the first step, or a step's body was edited (a body that cannot tell counts
// any key it got).
func (m Model) Edited() bool {
	if m.current > 0 {
		return true
	}
	for i, s := range m.steps {
		if e, ok := s.Body.(editor); ok {
			if e.Edited() {
				return true
			}
		} else if m.keyed[i] {
			return true
		}
	}
	return false
}

func (m Model) last() bool { return m.current == len(m.steps)-1 }

// Update routes keys to the leave dialog when open, else to the wizard's buttons,
// else to the current step's body.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if len(m.steps) == 0 {
		return m, nil
	}
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		m.Relocalize()
		return m, m.updateBodies(msg)
	case dialog.ConfirmedMsg:
		if t, ok := msg.Tag.(leaveTag); ok && t.id == m.opts.ID {
			m.leaving = nil
			return m, m.emit(CancelMsg{WizardID: m.opts.ID})
		}
	case dialog.CanceledMsg:
		if t, ok := msg.Tag.(leaveTag); ok && t.id == m.opts.ID {
			m.leaving = nil
			return m, nil
		}
	case tea.KeyMsg:
		if m.leaving != nil {
			d, cmd := m.leaving.Update(msg)
			m.leaving = &d
			return m, cmd
		}
		if m.submitting {
			return m, nil
		}
		switch {
		case key.Matches(msg, m.keys.Next):
			return m, m.next()
		case key.Matches(msg, m.keys.Prev):
			m.current--
			m.setErrors(nil)
			m.syncKeys()
			return m, m.enter()
		case key.Matches(msg, m.keys.Cancel):
			if !m.opts.ConfirmCancel {
				return m, m.emit(CancelMsg{WizardID: m.opts.ID})
			}
			d := dialog.New(m.c, m.leaveOptions())
			d.SetSize(m.width, m.height)
			m.leaving = &d
			return m, d.Init()
		}
	}
	var cmds []tea.Cmd
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg)
	cmds = append(cmds, cmd)
	if m.leaving != nil {
		d, cmd := m.leaving.Update(msg)
		m.leaving = &d
		cmds = append(cmds, cmd)
	}
	if body := m.steps[m.current].Body; body != nil {
		if _, ok := msg.(tea.KeyMsg); ok {
			m.keyed[m.current] = true
		}
		b, cmd := body.Update(msg)
		if bc, ok := b.(common.Component); ok {
			m.steps[m.current].Body = bc
		}
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// next validates the current step and moves on, or submits on the last step.
func (m *Model) next() tea.Cmd {
	s := m.steps[m.current]
	var errs map[string]string
	if s.Validate != nil {
		errs = s.Validate()
	}
	var cmd tea.Cmd
	if es, ok := s.Body.(errorsSetter); ok {
		cmd = es.SetErrors(errs)
	}
	m.setErrors(errs)
	if len(errs) > 0 {
		return cmd
	}
	if m.last() {
		return tea.Batch(cmd, m.emit(SubmitMsg{WizardID: m.opts.ID}))
	}
	m.current++
	m.syncKeys()
	return tea.Batch(cmd, m.enter())
}

// enter runs the shown step's Enter hook, and its body's Init the first time.
func (m *Model) enter() tea.Cmd {
	if len(m.steps) == 0 {
		return nil
	}
	var cmds []tea.Cmd
	s := m.steps[m.current]
	if !m.entered[m.current] && s.Body != nil {
		m.entered[m.current] = true
		cmds = append(cmds, s.Body.Init())
	}
	if s.Enter != nil {
		cmds = append(cmds, s.Enter())
	}
	return tea.Batch(cmds...)
}

// updateBodies hands msg to every step's body (a language change concerns all).
func (m *Model) updateBodies(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for i, s := range m.steps {
		if s.Body == nil {
			continue
		}
		b, cmd := s.Body.Update(msg)
		if bc, ok := b.(common.Component); ok {
			m.steps[i].Body = bc
		}
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// setErrors records the step's blocking errors; the summary's height changes, so the
// bodies are resized.
func (m *Model) setErrors(errs map[string]string) {
	if len(errs) == 0 {
		errs = nil
	}
	m.errs = errs
	m.SetSize(m.width, m.height)
}

func (m Model) emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

func (m Model) leaveOptions() dialog.Options {
	return dialog.Options{
		Tag:          leaveTag{id: m.opts.ID},
		Title:        m.c.T("WizardLeaveTitle"),
		Body:         m.c.T("WizardLeaveBody"),
		ConfirmLabel: m.c.T("WizardLeave"),
		CancelLabel:  m.c.T("WizardCancel"),
		Width:        56,
	}
}

// sortedErrors lists errs' messages in field-ID order, for bodies that cannot show
// them in place.
func sortedErrors(errs map[string]string) []string {
	ids := make([]string, 0, len(errs))
	for id := range errs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, errs[id])
	}
	return out
}

// ShortHelp implements help.KeyMap: the leave dialog's keys while it is open, else
// the body's keys and the wizard's.
func (m Model) ShortHelp() []key.Binding {
	if m.leaving != nil {
		return m.leaving.ShortHelp()
	}
	if len(m.steps) == 0 {
		return nil
	}
	var out []key.Binding
	if b := m.steps[m.current].Body; b != nil {
		out = append(out, b.ShortHelp()...)
	}
	return append(out, m.keys.Prev, m.keys.Next, m.keys.Cancel)
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	if m.leaving != nil {
		return m.leaving.FullHelp()
	}
	if len(m.steps) == 0 {
		return nil
	}
	var out [][]key.Binding
	if b := m.steps[m.current].Body; b != nil {
		out = append(out, b.FullHelp()...)
	}
	return append(out, []key.Binding{m.keys.Prev, m.keys.Next, m.keys.Cancel})
}
