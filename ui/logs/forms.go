package logs

import (
	"context"
	"strconv"
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

// formScreen is a one-page form that makes one change: Create log group, Edit
// retention setting. ctrl+s validates with AWS's rules and runs the action (asked
// first on a real account, with the AWS CLI equivalent); on success the screen goes
// back and tells the list to reload; AWS's refusal shows translated under the field
// and in a panel, and the form stays.
type formScreen struct {
	c        *common.Common
	keys     formKeys
	titleID  string
	submitID string
	crumbs   func() []string
	form     *form.Form
	runner   action.Runner
	// validate returns field errors (field ID → translated message).
	validate func() map[string]string
	// commands are the AWS CLI equivalents of what ctrl+s would do now.
	commands func() []*awscli.Command
	// build makes the action from the form's values.
	build func() *action.Action
	// relabel retranslates the fields after a language change.
	relabel func()
	// field is where a refusal of the call is shown ("" for none).
	field  string
	width  int
	height int
}

func (s *formScreen) Init() tea.Cmd { return s.form.Init() }

func (s *formScreen) Crumbs() []string { return s.crumbs() }

// Capturing is always true: the form takes text, and esc is its Cancel.
func (s *formScreen) Capturing() bool { return true }

func (s *formScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.runner.SetSize(w, h)
	s.form.SetSize(w, max(h-s.footerHeight()-2, 4))
}

func (s *formScreen) footerHeight() int { return strings.Count(s.footer(), "\n") + 1 }

// Err is the refusal of the last try, nil when none.
func (s *formScreen) Err() error {
	if l := s.runner.Last(); l != nil {
		return l.Err
	}
	return nil
}

func (s *formScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	handled, rcmd, done := s.runner.Update(msg)
	if handled {
		if done != nil && done.Err == nil {
			return s, tea.Batch(rcmd, tea.Sequence(nav.Pop(), func() tea.Msg { return groupsChangedMsg{} }))
		}
		if done != nil && s.field != "" && atField(done.Err) {
			s.form.SetError(s.field, errorText(s.c, done.Err))
		}
		s.SetSize(s.width, s.height)
		return s, rcmd
	}
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		s.keys = newFormKeys(s.c, s.submitID)
		s.relabel()
		if s.field != "" && atField(s.Err()) {
			s.form.SetError(s.field, errorText(s.c, s.Err()))
		}
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.keys.Cancel):
			return s, nav.Pop()
		case key.Matches(msg, s.keys.Submit):
			if s.runner.Running() || s.runner.Open() {
				return s, nil
			}
			s.runner.Clear()
			errs := s.validate()
			cmd := s.form.SetErrors(errs)
			if len(errs) > 0 {
				s.SetSize(s.width, s.height)
				return s, cmd
			}
			return s, tea.Batch(cmd, s.runner.Start(s.build()))
		}
	}
	_, cmd := s.form.Update(msg)
	s.SetSize(s.width, s.height)
	return s, tea.Batch(rcmd, cmd)
}

// footer is the AWS CLI equivalent, then the call under way or its refusal, then the
// buttons.
func (s *formScreen) footer() string {
	st := s.c.Styles
	lines := action.CLILines(s.c, s.commands(), "", nil, s.width)
	switch {
	case s.runner.Running():
		lines = append(lines, s.runner.View(s.width))
	case s.Err() != nil && (s.field == "" || !atField(s.Err())):
		lines = append(lines, errorPanel(s.c, s.Err(), s.width))
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

// Field IDs of the forms.
const (
	fName      = "name"
	fRetention = "retention"
)

// retentionCommand is the CLI equivalent of setting days on group.
func retentionCommand(group string, days int) *awscli.Command {
	if days == 0 {
		return awscli.New("logs", "delete-retention-policy").With("--log-group-name", group)
	}
	return awscli.New("logs", "put-retention-policy").With("--log-group-name", group).With("--retention-in-days", strconv.Itoa(days))
}

func chosenDays(f *form.Form) int {
	d, _ := strconv.Atoi(f.Values().String(fRetention))
	return d
}

// newCreateGroup is Log groups > Create log group: the group's name, checked with
// CloudWatch Logs' rules (1–512 of letters, digits and . - _ / #) before the call,
// and its retention setting.
func newCreateGroup(c *common.Common) *formScreen {
	retention := form.Select(fRetention, form.ChoiceOptions{Options: retentionOptions(c), Value: "0", Rows: 6})
	f := form.New(c, form.Text(fName, form.TextOptions{MaxLength: model.MaxLogGroupNameLen}), retention)
	relabel := func() {
		f.Field(fName).(*form.TextField).SetLabels(c.T("LGGroupName"), c.T("LGGroupNameDesc"), c.T("LGGroupNameConstraint"), "/aws/cloudtrail/lab-events")
		retention.SetLabels(c.T("LGRetentionSetting"), c.T("LGRetentionDesc"), "")
		retention.SetOptions(retentionOptions(c))
	}
	relabel()
	name := func() string { return f.Values().String(fName) }
	commands := func() []*awscli.Command {
		cmds := []*awscli.Command{awscli.New("logs", "create-log-group").With("--log-group-name", name())}
		if d := chosenDays(f); d > 0 {
			cmds = append(cmds, retentionCommand(name(), d))
		}
		return cmds
	}
	s := &formScreen{c: c, keys: newFormKeys(c, "LGCreateGroup"), titleID: "LGCreateGroup", submitID: "LGCreateGroup",
		crumbs: func() []string { return []string{c.T("LGCreateGroup")} }, form: f, runner: action.New(c), relabel: relabel,
		commands: commands, field: fName}
	s.validate = func() map[string]string {
		errs := map[string]string{}
		if err := model.ValidateLogGroupName(name()); err != nil {
			errs[fName] = common.ErrorText(c, err) + " (InvalidParameterException)" // what AWS would answer
		}
		return errs
	}
	s.build = func() *action.Action {
		n, days := name(), chosenDays(f)
		return &action.Action{
			Title:        c.Tf("LGCreateConfirm", map[string]any{"Name": n}),
			ConfirmLabel: c.T("LGCreateGroup"),
			Done:         func(any) string { return c.Tf("LGCreated", map[string]any{"Name": n}) },
			Commands:     commands(),
			Run: func(ctx context.Context, b backend.Backend) (any, error) {
				if err := b.CreateLogGroup(ctx, n); err != nil {
					return nil, err
				}
				if days > 0 {
					return nil, b.SetLogRetention(ctx, n, days)
				}
				return nil, nil
			},
		}
	}
	return s
}

// newRetention is Actions > Edit retention setting of one group: "Never expire" or
// one of the periods PutRetentionPolicy accepts.
func newRetention(c *common.Common, g model.LogGroup) *formScreen {
	retention := form.Select(fRetention, form.ChoiceOptions{Options: retentionOptions(c), Value: strconv.Itoa(g.RetentionInDays), Rows: 8})
	f := form.New(c, retention)
	relabel := func() {
		retention.SetLabels(c.T("LGRetentionSetting"), c.Tf("LGRetentionOf", map[string]any{"Name": g.Name}), "")
		retention.SetOptions(retentionOptions(c))
	}
	relabel()
	commands := func() []*awscli.Command { return []*awscli.Command{retentionCommand(g.Name, chosenDays(f))} }
	s := &formScreen{c: c, keys: newFormKeys(c, "LGSaveRetention"), titleID: "LGEditRetention", submitID: "LGSaveRetention",
		crumbs: func() []string { return []string{g.Name, c.T("LGEditRetention")} }, form: f, runner: action.New(c), relabel: relabel, commands: commands, field: fRetention}
	s.validate = func() map[string]string {
		errs := map[string]string{}
		if d := chosenDays(f); d != 0 {
			if err := model.ValidateRetentionDays(d); err != nil {
				errs[fRetention] = common.ErrorText(c, err)
			}
		}
		return errs
	}
	s.build = func() *action.Action {
		days := chosenDays(f)
		return &action.Action{
			Title:        c.Tf("LGRetentionConfirm", map[string]any{"Name": g.Name, "Retention": retentionText(c, days)}),
			ConfirmLabel: c.T("LGSaveRetention"),
			Done:         func(any) string { return c.Tf("LGRetentionSaved", map[string]any{"Name": g.Name}) },
			Commands:     commands(),
			Run: func(ctx context.Context, b backend.Backend) (any, error) {
				return nil, b.SetLogRetention(ctx, g.Name, days)
			},
		}
	}
	return s
}
