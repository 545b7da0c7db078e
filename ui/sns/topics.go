package sns

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/form"
	"github.com/labconsole/labconsole/ui/components/pager"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// Topics is SNS > Topics: name, type and ARN, paged with SNS's token. enter lists a
// topic's subscriptions; c creates a standard topic; d deletes one after the
// console's typed "delete me".
type Topics struct {
	c      *common.Common
	keys   listKeys
	table  table.Model
	runner action.Runner
	pager  *pager.Pager[model.Topic]
	width  int
	height int
}

var _ nav.Screen = (*Topics)(nil)

// NewTopics returns the Topics list of the console's region; Init loads it.
func NewTopics(c *common.Common) *Topics {
	t := &Topics{c: c, keys: newListKeys(c, "SNSCreateTopic", "SNSKeyDeleteTopic"), runner: action.New(c), pager: pager.New[model.Topic](c)}
	t.table = table.New(c, t.columns())
	t.table.SetID(fmt.Sprintf("sns-topics-%p", t))
	t.table.SetEmptyText(c.T("SNSTopicsEmpty"))
	return t
}

func (t *Topics) columns() []table.Column {
	return []table.Column{
		{ID: "name", Title: t.c.T("SNSColName"), MinWidth: 20, Sortable: true},
		{ID: "type", Title: t.c.T("SNSColType"), Width: 10, Sortable: true},
		{ID: "arn", Title: "ARN", MinWidth: 30},
	}
}

// topicsChangedMsg tells the Topics list that a screen above it changed a topic.
type topicsChangedMsg struct{}

// topicsAfter tags the list's delete.
type topicsAfter struct{ t *Topics }

func (t *Topics) load() tea.Cmd {
	return t.pager.Load(&t.table, func(ctx context.Context, b backend.Backend, token string) (model.Page[model.Topic], error) {
		return b.ListTopics(ctx, model.PageRequest{Token: token})
	})
}

// Init implements tea.Model.
func (t *Topics) Init() tea.Cmd { return t.load() }

// Crumbs implements nav.Screen.
func (t *Topics) Crumbs() []string { return []string{"SNS", t.c.T("SNSTopics")} }

// Capturing implements nav.Screen.
func (t *Topics) Capturing() bool { return t.table.Filtering() || t.runner.Open() }

// SetSize implements common.Component.
func (t *Topics) SetSize(w, h int) {
	t.width, t.height = w, h
	t.runner.SetSize(w, h)
	t.layout()
}

func (t *Topics) layout() {
	status := t.runner.View(t.width)
	below := 0
	if status != "" {
		below = lipgloss.Height(status)
	}
	t.table.SetSize(t.width, max(t.height-2-below, 3))
}

// Update implements tea.Model.
func (t *Topics) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer t.layout()
	handled, rcmd, done := t.runner.Update(msg)
	if handled {
		if done != nil && done.Err == nil {
			return t, tea.Batch(rcmd, t.load())
		}
		return t, rcmd
	}
	if cmd, ok := t.pager.Update(msg, &t.table, t.rowsOf); ok {
		return t, tea.Batch(rcmd, cmd)
	}
	switch msg := msg.(type) {
	case topicsChangedMsg:
		return t, tea.Batch(rcmd, t.load())
	case common.LanguageChangedMsg:
		t.keys = newListKeys(t.c, "SNSCreateTopic", "SNSKeyDeleteTopic")
		t.table.SetColumns(t.columns())
		t.table.SetEmptyText(t.c.T("SNSTopicsEmpty"))
		t.table.SetRows(t.rows())
	case common.IdentityChangedMsg:
		t.runner.Clear()
		return t, tea.Batch(rcmd, t.load())
	case tea.KeyMsg:
		if !t.table.Filtering() {
			switch {
			case key.Matches(msg, t.keys.Refresh):
				return t, t.load()
			case key.Matches(msg, t.keys.Create):
				return t, nav.Push(NewCreateTopic(t.c))
			case key.Matches(msg, t.keys.Open):
				if r, ok := t.table.Selected(); ok {
					return t, nav.Push(NewSubscriptions(t.c, r.ID))
				}
				return t, nil
			case key.Matches(msg, t.keys.Delete):
				if r, ok := t.table.Selected(); ok {
					return t, t.runner.Start(deleteTopic(t.c, r.ID, topicsAfter{t}))
				}
				return t, nil
			case key.Matches(msg, t.keys.Mailbox):
				return t, nav.Push(NewMailbox(t.c, ""))
			}
		}
	}
	var cmd tea.Cmd
	t.table, cmd = t.table.Update(msg)
	return t, tea.Batch(rcmd, cmd)
}

func (t *Topics) rows() []table.Row { return t.rowsOf(t.pager.Items) }

func (t *Topics) rowsOf(topics []model.Topic) []table.Row {
	rows := make([]table.Row, len(topics))
	for i, tp := range topics {
		rows[i] = table.Row{ID: tp.Arn, Cells: []string{tp.Name, topicType(t.c, tp.Name), tp.Arn}, Data: tp}
	}
	return rows
}

// deleteMe is what the console has typed before a topic is deleted, in every
// language.
const deleteMe = "delete me"

// deleteTopic deletes a topic and, as SNS does, its subscriptions, once the console's
// "delete me" is typed.
func deleteTopic(c *common.Common, arn string, after any) *action.Action {
	name := model.TopicNameFromArn(arn)
	return &action.Action{
		Title:         c.Tf("SNSDeleteTopicTitle", map[string]any{"Name": name}),
		Body:          c.T("SNSDeleteTopicBody"),
		ConfirmLabel:  c.T("CWDelete"),
		Danger:        true,
		TypeToConfirm: deleteMe,
		Done:          func(any) string { return c.Tf("SNSTopicDeleted", map[string]any{"Name": name}) },
		Commands:      []*awscli.Command{awscli.New("sns", "delete-topic").With("--topic-arn", arn)},
		Run:           func(ctx context.Context, b backend.Backend) (any, error) { return nil, b.DeleteTopic(ctx, arn) },
		After:         after,
	}
}

// View implements tea.Model.
func (t *Topics) View() string {
	st := t.c.Styles
	title := st.Title.Render(t.c.Tf("SNSTopicsCount", map[string]any{"Count": len(t.pager.Items)}))
	if t.pager.Err != nil {
		return title + "\n\n" + action.ErrorPanel(t.c, t.pager.Err, t.width)
	}
	parts := []string{title, "", t.table.View()}
	if s := t.runner.View(t.width); s != "" {
		parts = append(parts, s)
	}
	return t.runner.Overlay(strings.Join(parts, "\n"))
}

// ShortHelp implements help.KeyMap.
func (t *Topics) ShortHelp() []key.Binding {
	if t.runner.Open() {
		return nil
	}
	if t.table.Filtering() {
		return t.table.ShortHelp()
	}
	k := t.keys
	return []key.Binding{k.Open, k.Create, k.Delete, table.NewKeyMap(t.c.L).Filter, k.Mailbox, k.Refresh}
}

// FullHelp implements help.KeyMap.
func (t *Topics) FullHelp() [][]key.Binding {
	k := t.keys
	return append(t.table.FullHelp(), []key.Binding{k.Open, k.Create, k.Delete, k.Mailbox, k.Refresh})
}

// Field IDs of the Create topic form.
const (
	fTopicName    = "name"
	fDisplayName  = "display"
	maxDisplayLen = 100
)

// NewCreateTopic is SNS > Topics > Create topic: a standard topic's name and
// optional display name (the "From" of its mail).
func NewCreateTopic(c *common.Common) nav.Screen {
	f := form.New(c,
		form.Text(fTopicName, form.TextOptions{MaxLength: model.MaxTopicNameLen}),
		form.Text(fDisplayName, form.TextOptions{MaxLength: maxDisplayLen, Optional: true}),
	)
	relabel := func() {
		f.Field(fTopicName).(*form.TextField).SetLabels(c.T("SNSTopicName"), c.T("SNSTopicStandardNote"), c.T("SNSTopicNameConstraint"), "MyTopic")
		f.Field(fDisplayName).(*form.TextField).SetLabels(c.T("SNSDisplayName"), c.T("SNSDisplayNameDesc"), "", "")
	}
	relabel()
	command := func() *awscli.Command {
		v := f.Values()
		cmd := awscli.New("sns", "create-topic").With("--name", strings.TrimSpace(v.String(fTopicName)))
		if d := v.String(fDisplayName); d != "" {
			cmd.With("--attributes", "DisplayName="+d)
		}
		return cmd
	}
	s := &formScreen{c: c, keys: newFormKeys(c, "SNSCreateTopic"), titleID: "SNSCreateTopic", submitID: "SNSCreateTopic",
		form: f, runner: action.New(c), relabel: relabel, changed: topicsChangedMsg{}}
	s.validate = func() map[string]string {
		errs := map[string]string{}
		if err := model.ValidateTopicName(strings.TrimSpace(f.Values().String(fTopicName))); err != nil {
			errs[fTopicName] = common.ErrorText(c, err)
		}
		return errs
	}
	s.preview = func(width int) []string {
		return action.CLILines(c, []*awscli.Command{command()}, "", nil, width)
	}
	s.build = func() *action.Action {
		v := f.Values()
		in := model.NewTopic{Name: strings.TrimSpace(v.String(fTopicName)), DisplayName: v.String(fDisplayName)}
		return &action.Action{
			Done:     func(any) string { return c.Tf("SNSTopicCreated", map[string]any{"Name": in.Name}) },
			Commands: []*awscli.Command{command()},
			Run: func(ctx context.Context, b backend.Backend) (any, error) {
				return b.CreateTopic(ctx, in)
			},
			After: formAfter{s},
		}
	}
	return s
}
