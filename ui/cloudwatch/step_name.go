package cloudwatch

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/form"
)

// Field IDs of step 3.
const (
	fName        = "name"
	fDescription = "description"
	// maxDescriptionTyped lets a description run past CloudWatch's 1024 characters so
	// the counter and the error can say so, as the console's does, within a bound.
	maxDescriptionTyped = 2 * model.MaxAlarmDescriptionLen
)

// nameStep is step 3, "Add name and description" (lab step A8): the alarm name,
// required and unique in the Region, and an optional description under its
// "Up to 1024 characters (0/1024)" counter.
type nameStep struct {
	c    *common.Common
	form *form.Form
	// taken is the name the last uniqueness check found in use, checked the name
	// it answered for; the check is a backend call the screen makes on Next.
	taken   string
	checked string
}

func newNameStep(c *common.Common) *nameStep {
	s := &nameStep{c: c, form: form.New(c,
		form.Text(fName, form.TextOptions{MaxLength: model.MaxAlarmNameLen}),
		form.Text(fDescription, form.TextOptions{MaxLength: maxDescriptionTyped, Optional: true}),
	)}
	s.relabel()
	return s
}

// relabel translates the fields and updates the description's counter.
func (s *nameStep) relabel() {
	c := s.c
	s.form.Field(fName).(*form.TextField).SetLabels(c.T("CWAlarmName"), "", c.T("CWAlarmNameConstraint"), "")
	n := utf8.RuneCountInString(s.form.Values().String(fDescription))
	s.form.Field(fDescription).(*form.TextField).SetLabels(c.T("CWDescriptionLabel"), "",
		c.Tf("CWDescriptionCount", map[string]any{"Count": n}), c.T("CWDescriptionLabel"))
}

// name is the alarm name typed, without surrounding spaces.
func (s *nameStep) name() string { return strings.TrimSpace(s.form.Values().String(fName)) }

// description is the description typed.
func (s *nameStep) description() string { return s.form.Values().String(fDescription) }

// needsCheck reports whether Next must first ask CloudWatch whether the name is in
// use: the rules pass and this name was not checked yet.
func (s *nameStep) needsCheck() bool {
	return len(s.rules()) == 0 && s.checked != s.name()
}

// checkedName records the answer of a uniqueness check.
func (s *nameStep) checkedName(name string, taken bool) {
	s.checked = name
	s.taken = ""
	if taken {
		s.taken = name
	}
}

// rules are CloudWatch's rules for the two fields.
func (s *nameStep) rules() map[string]string {
	errs := map[string]string{}
	if err := model.ValidateAlarmName(s.name()); err != nil {
		errs[fName] = common.ErrorText(s.c, err)
	}
	if err := model.ValidateAlarmDescription(s.description()); err != nil {
		errs[fDescription] = common.ErrorText(s.c, err)
	}
	return errs
}

// validate is the rules and, once checked, the uniqueness of the name.
func (s *nameStep) validate() map[string]string {
	errs := s.rules()
	if errs[fName] == "" && s.taken != "" && s.taken == s.name() {
		errs[fName] = s.c.Tf("CWAlarmNameTaken", map[string]any{"Name": s.taken})
	}
	return errs
}

func (s *nameStep) Init() tea.Cmd                            { return s.form.Init() }
func (s *nameStep) SetSize(w, h int)                         { s.form.SetSize(w, h) }
func (s *nameStep) View() string                             { return s.form.View() }
func (s *nameStep) SetErrors(errs map[string]string) tea.Cmd { return s.form.SetErrors(errs) }

func (s *nameStep) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := s.form.Update(msg)
	s.relabel()
	return s, cmd
}

func (s *nameStep) ShortHelp() []key.Binding  { return s.form.ShortHelp() }
func (s *nameStep) FullHelp() [][]key.Binding { return s.form.FullHelp() }
