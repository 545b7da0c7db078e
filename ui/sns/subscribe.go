package sns

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/form"
	"github.com/labconsole/labconsole/ui/nav"
)

// Field IDs of the Create subscription form.
const (
	fTopic    = "topic"
	fProtocol = "protocol"
	fEndpoint = "endpoint"
)

// subscribeTopicsMsg answers the form's topic list.
type subscribeTopicsMsg struct {
	owner  *formScreen
	topics []model.Topic
	err    error
}

// NewSubscribe is SNS > Subscriptions > Create subscription for the protocols the
// lab needs, Email and Email-JSON: the topic (topicArn preselected when opened from
// a topic), the protocol and the address, checked with SNS's rules. SNS mails the
// address a confirmation; the subscription stays "Pending confirmation" until it is
// confirmed from the mailbox.
func NewSubscribe(c *common.Common, topicArn string) nav.Screen {
	f := form.New(c,
		form.Select(fTopic, form.ChoiceOptions{Rows: 4}),
		form.Select(fProtocol, form.ChoiceOptions{Value: "email", Rows: 2, Options: []form.Option{{Value: "email"}, {Value: "email-json"}}}),
		form.Text(fEndpoint, form.TextOptions{MaxLength: model.MaxEmailLen}),
	)
	relabel := func() {
		f.Field(fTopic).(*form.ChoiceField).SetLabels(c.T("SNSTopicArn"), "", "")
		p := f.Field(fProtocol).(*form.ChoiceField)
		p.SetLabels(c.T("SNSColProtocol"), "", "")
		p.SetOptions([]form.Option{{Value: "email", Label: c.T("SNSProtocolEmail")}, {Value: "email-json", Label: c.T("SNSProtocolEmailJSON")}})
		f.Field(fEndpoint).(*form.TextField).SetLabels(c.T("SNSColEndpoint"), c.T("SNSEndpointDesc"), "", "name@example.com")
	}
	relabel()
	values := func() (topic, protocol, endpoint string) {
		v := f.Values()
		return v.String(fTopic), v.String(fProtocol), strings.TrimSpace(v.String(fEndpoint))
	}
	command := func() *awscli.Command {
		topic, protocol, endpoint := values()
		return awscli.New("sns", "subscribe").With("--topic-arn", topic).With("--protocol", protocol).With("--notification-endpoint", endpoint)
	}
	s := &formScreen{c: c, keys: newFormKeys(c, "SNSCreateSubscription"), titleID: "SNSCreateSubscription", submitID: "SNSCreateSubscription",
		form: f, runner: action.New(c), relabel: relabel, changed: subscriptionsChangedMsg{}}
	s.load = func() tea.Cmd {
		b, ctx := c.Backend, c.Ctx
		return func() tea.Msg {
			page, err := b.ListTopics(ctx, model.PageRequest{})
			return subscribeTopicsMsg{owner: s, topics: page.Items, err: err}
		}
	}
	s.loaded = func(msg tea.Msg) bool {
		m, ok := msg.(subscribeTopicsMsg)
		if !ok || m.owner != s {
			return false
		}
		opts := make([]form.Option, len(m.topics))
		for i, t := range m.topics {
			opts[i] = form.Option{Value: t.Arn, Label: t.Name}
		}
		sel := f.Field(fTopic).(*form.ChoiceField)
		sel.SetOptions(opts)
		sel.SetValue(topicArn)
		if m.err != nil {
			f.SetError(fTopic, common.ErrorText(c, m.err))
		}
		return true
	}
	s.validate = func() map[string]string {
		topic, protocol, endpoint := values()
		errs := map[string]string{}
		if topic == "" {
			errs[fTopic] = c.T("ValidateRequired")
		}
		if err := model.ValidateEndpoint(protocol, endpoint); err != nil {
			errs[fEndpoint] = common.ErrorText(c, err)
		}
		return errs
	}
	s.preview = func(width int) []string {
		return action.CLILines(c, []*awscli.Command{command()}, "", nil, width)
	}
	s.build = func() *action.Action {
		topic, protocol, endpoint := values()
		return &action.Action{
			Done:     func(any) string { return c.Tf("SNSSubscribed", map[string]any{"Endpoint": endpoint}) },
			Commands: []*awscli.Command{command()},
			Run: func(ctx context.Context, b backend.Backend) (any, error) {
				return b.Subscribe(ctx, topic, protocol, endpoint)
			},
			After: formAfter{s},
		}
	}
	return s
}
