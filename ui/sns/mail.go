package sns

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/nav"
)

// MailView is one mail of the mailbox, as a mail client shows it: From, To, Subject,
// the date and the body. A subscription confirmation has the "Confirm subscription"
// link, which c (or enter) follows, as clicking it in the mail does.
type MailView struct {
	c      *common.Common
	keys   mailKeys
	mail   model.Mail
	runner action.Runner
	yoff   int
	width  int
	height int
}

var _ nav.Screen = (*MailView)(nil)

// NewMailView returns the page of mail.
func NewMailView(c *common.Common, mail model.Mail) *MailView {
	v := &MailView{c: c, keys: newMailKeys(c), mail: mail, runner: action.New(c)}
	v.keys.Confirm.SetEnabled(v.confirmable())
	return v
}

// confirmAfter tags the page's confirmation.
type confirmAfter struct{ v *MailView }

func (v *MailView) confirmable() bool {
	return v.mail.Kind == "SubscriptionConfirmation" && v.mail.Token != ""
}

// Init implements tea.Model.
func (v *MailView) Init() tea.Cmd { return nil }

// Crumbs implements nav.Screen.
func (v *MailView) Crumbs() []string { return []string{v.mail.Subject} }

// Capturing implements nav.Screen.
func (v *MailView) Capturing() bool { return v.runner.Open() }

// SetSize implements common.Component.
func (v *MailView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.runner.SetSize(w, h)
}

// Confirmed reports whether the subscription was confirmed from this page, for tests.
func (v *MailView) Confirmed() bool {
	d := v.runner.Last()
	return d != nil && d.Err == nil
}

// Update implements tea.Model.
func (v *MailView) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	handled, rcmd, done := v.runner.Update(msg)
	if handled {
		if done != nil && done.Err == nil {
			if a, ok := done.Act.After.(confirmAfter); ok && a.v == v {
				v.keys.Confirm.SetEnabled(false) // the link has done its work
				return v, tea.Batch(rcmd, func() tea.Msg { return mailboxChangedMsg{} })
			}
		}
		return v, rcmd
	}
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		v.keys = newMailKeys(v.c)
		v.keys.Confirm.SetEnabled(v.confirmable() && !v.Confirmed())
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, v.keys.Confirm):
			return v, tea.Batch(rcmd, v.runner.Start(v.confirm()))
		case key.Matches(msg, v.keys.Up):
			v.yoff = max(v.yoff-1, 0)
		case key.Matches(msg, v.keys.Down):
			v.yoff = min(v.yoff+1, max(len(v.lines())-v.height, 0))
		}
	}
	return v, rcmd
}

// confirm follows the mail's "Confirm subscription" link.
func (v *MailView) confirm() *action.Action {
	c, mail := v.c, v.mail
	return &action.Action{
		Done: func(res any) string {
			arn, _ := res.(string)
			return c.Tf("MailboxConfirmed", map[string]any{"Arn": arn})
		},
		Commands: []*awscli.Command{awscli.New("sns", "confirm-subscription").With("--topic-arn", mail.TopicArn).With("--token", mail.Token)},
		Run: func(ctx context.Context, b backend.Backend) (any, error) {
			return b.ConfirmFromMail(ctx, mail.Token)
		},
		After: confirmAfter{v},
	}
}

// lines are the mail's header and body, wrapped to the page.
func (v *MailView) lines() []string {
	st := v.c.Styles
	w := max(v.width, 20)
	field := func(labelID, value string) string {
		return st.Muted.Render(cells.Fit(v.c.T(labelID), 10, lipgloss.Left)) + st.Text.Render(value)
	}
	out := []string{
		st.Title.Render(v.mail.Subject),
		field("SNSColFrom", v.mail.From),
		field("SNSMailTo", v.mail.Address),
		field("SNSColReceived", stamp(v.mail.Received)+" UTC"),
		st.Faint.Render(strings.Repeat("─", w)),
	}
	for _, l := range cells.WrapWords(v.mail.Body, w) {
		out = append(out, st.Text.Render(l))
	}
	return out
}

// View implements tea.Model.
func (v *MailView) View() string {
	st := v.c.Styles
	var foot []string
	if v.confirmable() && !v.Confirmed() {
		foot = append(foot, st.Button.Key.Render("[c]")+" "+st.Button.Primary.Render(v.c.T("MailboxConfirm")))
	}
	if s := v.runner.View(v.width); s != "" {
		foot = append(foot, s)
	}
	footer := strings.Join(foot, "\n")
	h := v.height
	if footer != "" {
		h -= strings.Count(footer, "\n") + 2
	}
	lines, _ := cells.Scroll(v.lines(), v.yoff, max(h, 3))
	view := strings.Join(lines, "\n")
	if footer != "" {
		view += "\n\n" + footer
	}
	return v.runner.Overlay(view)
}

// ShortHelp implements help.KeyMap.
func (v *MailView) ShortHelp() []key.Binding {
	if v.runner.Open() {
		return nil
	}
	return []key.Binding{v.keys.Confirm, v.keys.Up, v.keys.Down}
}

// FullHelp implements help.KeyMap.
func (v *MailView) FullHelp() [][]key.Binding { return [][]key.Binding{v.ShortHelp()} }
