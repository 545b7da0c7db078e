package cloudtrail

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/form"
)

// stepForm is a wizard step's form whose fields come and go with the choices made,
// as the console unfolds "New" and "Existing" under an enabled option: the fields
// are kept (values survive hiding), and the form is rebuilt from the visible ones
// whenever the visible set changes, the focus staying on the same field.
type stepForm struct {
	c       *common.Common
	all     []form.Field
	visible func(v form.Values) map[string]bool // nil or true: shown
	sync    func(v form.Values)                 // keeps dependent texts up to date
	f       *form.Form
	shown   string
	w, h    int
}

// Edited tells the wizard whether the user changed the step (nav.Editor).
func (s *stepForm) Edited() bool { return s.f.Edited() }

var _ common.Component = (*stepForm)(nil)

func newStepForm(c *common.Common, visible func(form.Values) map[string]bool, fields ...form.Field) *stepForm {
	s := &stepForm{c: c, all: fields, visible: visible, w: c.Width, h: c.Height}
	s.rebuild()
	return s
}

// Values are every field's values, hidden ones included.
func (s *stepForm) Values() form.Values {
	v := form.Values{}
	for id, val := range form.New(s.c, s.all...).Values() {
		v[id] = val
	}
	return v
}

// Field returns the field with id, shown or not.
func (s *stepForm) Field(id string) form.Field {
	for _, f := range s.all {
		if f.ID() == id {
			return f
		}
	}
	return nil
}

// Shown reports whether the field id is on the form now.
func (s *stepForm) Shown(id string) bool { return s.f.Field(id) != nil }

// rebuild lays out the visible fields again when they changed; it returns the focus
// command of the field that keeps the focus.
func (s *stepForm) rebuild() tea.Cmd {
	v := s.Values()
	if s.sync != nil {
		s.sync(v)
	}
	vis := map[string]bool{}
	if s.visible != nil {
		vis = s.visible(v)
	}
	var fields []form.Field
	var ids []string
	for _, f := range s.all {
		if on, ok := vis[f.ID()]; !ok || on {
			fields = append(fields, f)
			ids = append(ids, f.ID())
		}
	}
	key := strings.Join(ids, ",")
	if s.f != nil && key == s.shown {
		s.f.SetSize(s.w, s.h) // a text that grew (the policy document) keeps the focus in view
		return nil
	}
	focused := ""
	if s.f != nil {
		focused = s.f.Focused()
	}
	s.shown = key
	s.f = form.New(s.c, fields...)
	s.f.SetSize(s.w, s.h)
	if focused != "" {
		return s.f.FocusField(focused)
	}
	return nil
}

// FocusField moves the focus to the field id (the review's Edit).
func (s *stepForm) FocusField(id string) tea.Cmd { return s.f.FocusField(id) }

// Focused is the focused field's ID.
func (s *stepForm) Focused() string { return s.f.Focused() }

// SetErrors implements the wizard's errorsSetter.
func (s *stepForm) SetErrors(errs map[string]string) tea.Cmd { return s.f.SetErrors(errs) }

// Init implements tea.Model.
func (s *stepForm) Init() tea.Cmd { return s.f.Init() }

// Update implements tea.Model.
func (s *stepForm) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := s.f.Update(msg)
	if _, ok := msg.(tea.KeyMsg); ok {
		return s, tea.Batch(cmd, s.rebuild())
	}
	return s, cmd
}

// SetSize implements common.Component.
func (s *stepForm) SetSize(w, h int) {
	s.w, s.h = w, h
	s.f.SetSize(w, h)
}

// View implements tea.Model.
func (s *stepForm) View() string { return s.f.View() }

// ShortHelp implements help.KeyMap.
func (s *stepForm) ShortHelp() []key.Binding { return s.f.ShortHelp() }

// FullHelp implements help.KeyMap.
func (s *stepForm) FullHelp() [][]key.Binding { return s.f.FullHelp() }

// adopt takes fresh's fields (built in the session's new language) in place of its
// own, carrying over every value and error, and lays them out again with the focus
// where it was: the step's texts follow a language switch without losing input.
func (s *stepForm) adopt(fresh *stepForm) tea.Cmd {
	for _, nf := range fresh.all {
		of := s.Field(nf.ID())
		if of == nil {
			continue
		}
		switch n := nf.(type) {
		case *form.TextField:
			n.SetValue(of.(*form.TextField).Value())
		case *form.CheckboxField:
			n.SetChecked(of.(*form.CheckboxField).Checked())
		case *form.ChoiceField:
			n.SetValue(of.(*form.ChoiceField).Value())
		case *form.TagsField:
			n.SetTags(of.(*form.TagsField).Tags())
		}
		nf.SetError(of.Error())
	}
	focused := s.f.Focused()
	s.all = fresh.all
	s.f, s.shown = nil, ""
	s.rebuild()
	if focused != "" {
		return s.f.FocusField(focused)
	}
	return nil
}
