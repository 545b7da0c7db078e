package iam

import (
	"context"
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

// EditTags is the Tags tab's "Manage tags": the tag editor prefilled; Save removes
// the keys that are gone (UntagUser) and sets the new and changed ones (TagUser).
type EditTags struct {
	c       *common.Common
	keys    formKeys
	user    string
	before  []model.Tag
	form    *form.Form
	actions action.Runner
	width   int
	height  int
}

var _ nav.Screen = (*EditTags)(nil)

// NewEditTags returns the editor for user's tags.
func NewEditTags(c *common.Common, user string, tags []model.Tag) *EditTags {
	rows := make([]form.Tag, len(tags))
	for i, t := range tags {
		rows[i] = form.Tag{Key: t.Key, Value: t.Value}
	}
	if len(rows) == 0 { // start typing at once, as the console's empty editor offers a row
		rows = []form.Tag{{}}
	}
	e := &EditTags{c: c, keys: newFormKeys(c, "IAMKeySave"), user: user, before: tags, actions: newRunner(c)}
	e.form = form.New(c, form.Tags(fTags, form.TagsOptions{Tags: rows, Max: model.MaxTags,
		KeyMaxLength: model.MaxTagKeyLen, ValueMaxLength: model.MaxTagValueLen}))
	relabelTags(c, e.form, c.T("IAMTagsTitle"))
	return e
}

// Init implements tea.Model.
func (e *EditTags) Init() tea.Cmd { return e.form.Init() }

// Crumbs implements nav.Screen.
func (e *EditTags) Crumbs() []string { return []string{e.c.T("IAMEditTagsTitle")} }

// Capturing implements nav.Screen: the editor takes text; esc cancels.
func (e *EditTags) Capturing() bool { return true }

// SetSize implements common.Component.
func (e *EditTags) SetSize(w, h int) {
	e.width, e.height = w, h
	e.actions.SetSize(w, h)
	e.layout()
}

// foot is the CLI preview of Save, the result and the buttons.
func (e *EditTags) foot() []string {
	foot := cliLines(e.c, e.save().Commands, e.width)
	if status := e.actions.View(e.width); status != "" {
		foot = append(foot, strings.Split(status, "\n")...)
	}
	b := e.c.Styles.Button
	return append(foot, b.Key.Render("[esc]")+" "+b.Normal.Render(e.c.T("WizardCancel"))+"   "+
		b.Key.Render("[ctrl+s]")+" "+b.Primary.Render(e.c.T("IAMSave")))
}

func (e *EditTags) layout() { e.form.SetSize(e.width, max(e.height-3-len(e.foot()), 3)) }

// diff is what Save sends: keys to remove and tags to set.
func tagDiff(before, after []model.Tag) (removed []string, set []model.Tag) {
	now := map[string]string{}
	for _, t := range after {
		now[t.Key] = t.Value
	}
	old := map[string]string{}
	for _, t := range before {
		old[t.Key] = t.Value
		if _, ok := now[t.Key]; !ok {
			removed = append(removed, t.Key)
		}
	}
	for _, t := range after {
		if v, ok := old[t.Key]; !ok || v != t.Value {
			set = append(set, t)
		}
	}
	return removed, set
}

func (e *EditTags) save() *action.Action {
	after := modelTags(e.form.Values().Tags(fTags))
	removed, set := tagDiff(e.before, after)
	user := e.user
	var cmds []*awscli.Command
	if len(removed) > 0 {
		cmd := awscli.New("iam", "untag-user").With("--user-name", user).With("--tag-keys", removed[0])
		for _, k := range removed[1:] {
			cmd.Args = append(cmd.Args, awscli.Arg{Name: awscli.Quote(k), Flag: true})
		}
		cmds = append(cmds, cmd)
	}
	if len(set) > 0 {
		cmds = append(cmds, withTags(awscli.New("iam", "tag-user").With("--user-name", user), set))
	}
	return &action.Action{
		Title:        e.c.Tf("IAMSaveTagsTitle", map[string]any{"User": user}),
		ConfirmLabel: e.c.T("IAMSave"),
		Done:         action.Text(e.c.T("IAMTagsSaved")),
		Commands:     cmds,
		Run: action.Call(func(ctx context.Context, b backend.Backend) error {
			if len(removed) > 0 {
				if err := b.UntagUser(ctx, user, removed); err != nil {
					return err
				}
			}
			if len(set) > 0 {
				return b.TagUser(ctx, user, set)
			}
			return nil
		}),
	}
}

// Update implements tea.Model.
func (e *EditTags) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if handled, cmd, done := e.actions.Update(msg); handled {
		e.layout()
		if done != nil && done.Err == nil {
			changed := userChangedMsg{user: e.user, done: done.Act.DoneText(done.Result), commands: done.Act.Commands}
			return e, tea.Batch(cmd, tea.Sequence(nav.Pop(), func() tea.Msg { return changed }))
		}
		return e, cmd
	}
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		e.keys = newFormKeys(e.c, "IAMKeySave")
		relabelTags(e.c, e.form, e.c.T("IAMTagsTitle"))
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, e.keys.Cancel):
			return e, nav.Pop()
		case key.Matches(msg, e.keys.Submit):
			errs := validateTags(e.c, e.form)
			cmd := e.form.SetErrors(errs)
			if len(errs) > 0 || e.actions.Running() {
				return e, cmd
			}
			a := e.save()
			if len(a.Commands) == 0 { // nothing changed
				return e, nav.Pop()
			}
			return e, e.actions.Start(a)
		}
	}
	_, cmd := e.form.Update(msg)
	e.layout()
	return e, cmd
}

// View implements tea.Model.
func (e *EditTags) View() string {
	st := e.c.Styles
	foot := e.foot()
	view := st.Title.Render(e.c.Tf("IAMEditTagsFor", map[string]any{"User": e.user})) + "\n\n" + e.form.View() + "\n" + strings.Join(foot, "\n")
	return e.actions.Overlay(cells.ClipLines(view, e.width, e.height))
}

// ShortHelp implements help.KeyMap.
func (e *EditTags) ShortHelp() []key.Binding {
	if e.actions.Open() {
		return e.actions.ShortHelp()
	}
	return append(e.form.ShortHelp(), e.keys.Submit, e.keys.Cancel)
}

// FullHelp implements help.KeyMap.
func (e *EditTags) FullHelp() [][]key.Binding { return [][]key.Binding{e.ShortHelp()} }
