package sns

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/form"
	"github.com/labconsole/labconsole/ui/nav"
)

// formScreen is a one-page form that makes one change: Create topic, Create
// subscription. ctrl+s validates with AWS's rules and runs the action; on success
// the screen goes back and tells the list below to reload (changed).
type formScreen struct {
	c        *common.Common
	keys     formKeys
	titleID  string
	submitID string
	form     *form.Form
	runner   action.Runner
	// validate returns field errors (field ID → translated message).
	validate func() map[string]string
	// build makes the action from the form's values.
	build func() *action.Action
	// relabel retranslates the fields after a language change.
	relabel func()
	// preview is the AWS CLI equivalent of what ctrl+s would do now.
	preview func(width int) []string
	changed tea.Msg
	// load and loaded, when set, fetch what the form offers (the topics to subscribe
	// to): load runs at Init, loaded takes the answer and reports whether it was its.
	load   func() tea.Cmd
	loaded func(tea.Msg) bool
	width  int
	height int
}

// formAfter tags a form screen's action.
type formAfter struct{ s *formScreen }

func (s *formScreen) Init() tea.Cmd {
	if s.load != nil {
		return tea.Batch(s.form.Init(), s.load())
	}
	return s.form.Init()
}

func (s *formScreen) Crumbs() []string { return []string{s.c.T(s.titleID)} }

// Capturing is always true: the form takes text, and esc is its Cancel.
func (s *formScreen) Capturing() bool { return true }

func (s *formScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.runner.SetSize(w, h)
	s.form.SetSize(w, max(h-s.footerHeight()-2, 4))
}

func (s *formScreen) footerHeight() int {
	return strings.Count(s.footer(), "\n") + 1
}

func (s *formScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	handled, rcmd, done := s.runner.Update(msg)
	if handled {
		if done != nil && done.Err == nil {
			changed := s.changed
			return s, tea.Batch(rcmd, tea.Sequence(nav.Pop(), func() tea.Msg { return changed }))
		}
		s.SetSize(s.width, s.height)
		return s, rcmd
	}
	if s.loaded != nil && s.loaded(msg) {
		s.SetSize(s.width, s.height)
		return s, rcmd
	}
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		s.keys = newFormKeys(s.c, s.submitID)
		s.relabel()
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.keys.Cancel):
			return s, nav.Pop()
		case key.Matches(msg, s.keys.Submit):
			if s.runner.Running() {
				return s, nil
			}
			errs := s.validate()
			cmd := s.form.SetErrors(errs)
			if len(errs) > 0 {
				return s, cmd
			}
			return s, tea.Batch(cmd, s.runner.Start(s.build()))
		}
	}
	_, cmd := s.form.Update(msg)
	s.SetSize(s.width, s.height)
	return s, tea.Batch(rcmd, cmd)
}

// footer is the AWS CLI equivalent, then the outcome of the last try, then the
// buttons.
func (s *formScreen) footer() string {
	st := s.c.Styles
	lines := s.preview(s.width)
	if v := s.runner.View(s.width); v != "" {
		lines = append(lines, strings.Split(v, "\n")...)
	}
	buttons := st.Button.Key.Render("[esc]") + " " + st.Button.Normal.Render(s.c.T("WizardCancel")) + "   " +
		st.Button.Key.Render("[ctrl+s]") + " " + st.Button.Primary.Render(s.c.T(s.submitID))
	return strings.Join(append(lines, buttons), "\n")
}

func (s *formScreen) View() string {
	st := s.c.Styles
	body := st.Title.Render(s.c.T(s.titleID)) + "\n\n" + s.form.View() + "\n" + s.footer()
	return s.runner.Overlay(cells.FitLines(body, s.width, s.height))
}

func (s *formScreen) ShortHelp() []key.Binding {
	if s.runner.Open() {
		return nil
	}
	return append(s.form.ShortHelp(), s.keys.Submit, s.keys.Cancel)
}

func (s *formScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
