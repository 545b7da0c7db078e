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
	"github.com/labconsole/labconsole/ui/components/pager"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// Subscriptions is SNS > Subscriptions, of the whole region or of one topic (opened
// from Topics): ID, endpoint, status (Confirmed / Pending confirmation), protocol and
// topic. c subscribes an email endpoint, d unsubscribes, m opens the mailbox of the
// selected endpoint.
type Subscriptions struct {
	c        *common.Common
	keys     listKeys
	topicArn string // "" lists every subscription of the region
	table    table.Model
	runner   action.Runner
	pager    *pager.Pager[model.Subscription]
	width    int
	height   int
}

var _ nav.Screen = (*Subscriptions)(nil)

// NewSubscriptions returns the subscriptions of topicArn ("" for all); Init loads them.
func NewSubscriptions(c *common.Common, topicArn string) *Subscriptions {
	s := &Subscriptions{c: c, keys: newListKeys(c, "SNSCreateSubscription", "SNSKeyUnsubscribe"), topicArn: topicArn, runner: action.New(c), pager: pager.New[model.Subscription](c)}
	s.table = table.New(c, s.columns())
	s.table.SetID(fmt.Sprintf("sns-subscriptions-%p", s))
	s.table.SetEmptyText(c.T("SNSSubscriptionsEmpty"))
	return s
}

func (s *Subscriptions) columns() []table.Column {
	return []table.Column{
		{ID: "id", Title: s.c.T("SNSColID"), Width: 22},
		{ID: "endpoint", Title: s.c.T("SNSColEndpoint"), MinWidth: 20, Sortable: true},
		{ID: "status", Title: s.c.T("SNSColStatus"), Width: 20, Sortable: true},
		{ID: "protocol", Title: s.c.T("SNSColProtocol"), Width: 10},
		{ID: "topic", Title: s.c.T("SNSColTopic"), MinWidth: 12, Sortable: true},
	}
}

// subscriptionsChangedMsg tells the list that a screen above it subscribed.
type subscriptionsChangedMsg struct{}

func (s *Subscriptions) load() tea.Cmd {
	topic := s.topicArn
	return s.pager.Load(&s.table, func(ctx context.Context, b backend.Backend, token string) (model.Page[model.Subscription], error) {
		return b.ListSubscriptions(ctx, topic, model.PageRequest{Token: token})
	})
}

// Init implements tea.Model.
func (s *Subscriptions) Init() tea.Cmd { return s.load() }

// Crumbs implements nav.Screen.
func (s *Subscriptions) Crumbs() []string {
	if s.topicArn != "" {
		return []string{model.TopicNameFromArn(s.topicArn), s.c.T("SNSSubscriptions")}
	}
	return []string{"SNS", s.c.T("SNSSubscriptions")}
}

// Capturing implements nav.Screen.
func (s *Subscriptions) Capturing() bool { return s.table.Filtering() || s.runner.Open() }

// SetSize implements common.Component.
func (s *Subscriptions) SetSize(w, h int) {
	s.width, s.height = w, h
	s.runner.SetSize(w, h)
	s.layout()
}

func (s *Subscriptions) layout() {
	below := 0
	if v := s.runner.View(s.width); v != "" {
		below = lipgloss.Height(v)
	}
	s.table.SetSize(s.width, max(s.height-2-below, 3))
}

// Update implements tea.Model.
func (s *Subscriptions) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer s.layout()
	handled, rcmd, done := s.runner.Update(msg)
	if handled {
		if done != nil && done.Err == nil {
			return s, tea.Batch(rcmd, s.load())
		}
		return s, rcmd
	}
	if cmd, ok := s.pager.Update(msg, &s.table, s.rowsOf); ok {
		return s, tea.Batch(rcmd, cmd)
	}
	switch msg := msg.(type) {
	case subscriptionsChangedMsg, mailboxChangedMsg:
		return s, tea.Batch(rcmd, s.load())
	case common.LanguageChangedMsg:
		s.keys = newListKeys(s.c, "SNSCreateSubscription", "SNSKeyUnsubscribe")
		s.table.SetColumns(s.columns())
		s.table.SetEmptyText(s.c.T("SNSSubscriptionsEmpty"))
		s.table.SetRows(s.rows())
	case common.IdentityChangedMsg:
		s.runner.Clear()
		return s, tea.Batch(rcmd, s.load())
	case tea.KeyMsg:
		if !s.table.Filtering() {
			if cmd, ok := s.handleKey(msg); ok {
				return s, cmd
			}
		}
	}
	var cmd tea.Cmd
	s.table, cmd = s.table.Update(msg)
	return s, tea.Batch(rcmd, cmd)
}

func (s *Subscriptions) handleKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, s.keys.Refresh):
		return s.load(), true
	case key.Matches(msg, s.keys.Create):
		return nav.Push(NewSubscribe(s.c, s.topicArn)), true
	case key.Matches(msg, s.keys.Delete):
		if r, ok := s.table.Selected(); ok {
			return s.runner.Start(unsubscribe(s.c, r.Data.(model.Subscription))), true
		}
		return nil, true
	case key.Matches(msg, s.keys.Mailbox), key.Matches(msg, s.keys.Open):
		addr := ""
		if r, ok := s.table.Selected(); ok {
			addr = r.Data.(model.Subscription).Endpoint
		}
		return nav.Push(NewMailbox(s.c, addr)), true
	}
	return nil, false
}

func (s *Subscriptions) rows() []table.Row { return s.rowsOf(s.pager.Items) }

func (s *Subscriptions) rowsOf(subs []model.Subscription) []table.Row {
	rows := make([]table.Row, len(subs))
	for i, sub := range subs {
		id := sub.Arn
		if sub.Pending() {
			id = sub.TopicArn + "|" + sub.Endpoint // pending subscriptions share one "ARN"
		}
		rows[i] = table.Row{ID: id, Data: sub, Cells: []string{subscriptionID(s.c, sub), sub.Endpoint,
			subscriptionStatus(s.c, sub), sub.Protocol, model.TopicNameFromArn(sub.TopicArn)}}
	}
	return rows
}

// unsubscribe deletes a subscription after confirmation. SNS refuses a pending one
// (it expires after three days), and the panel shows its answer.
func unsubscribe(c *common.Common, sub model.Subscription) *action.Action {
	return &action.Action{
		Title:        c.T("SNSUnsubscribeTitle"),
		Body:         c.Tf("SNSUnsubscribeBody", map[string]any{"Endpoint": sub.Endpoint, "Topic": model.TopicNameFromArn(sub.TopicArn)}),
		ConfirmLabel: c.T("CWDelete"),
		Danger:       true,
		Ask:          true,
		Done:         func(any) string { return c.Tf("SNSUnsubscribed", map[string]any{"Endpoint": sub.Endpoint}) },
		Commands:     []*awscli.Command{awscli.New("sns", "unsubscribe").With("--subscription-arn", sub.Arn)},
		Run:          func(ctx context.Context, b backend.Backend) (any, error) { return nil, b.Unsubscribe(ctx, sub.Arn) },
	}
}

// View implements tea.Model.
func (s *Subscriptions) View() string {
	st := s.c.Styles
	title := st.Title.Render(s.c.Tf("SNSSubscriptionsCount", map[string]any{"Count": len(s.pager.Items)}))
	if s.pager.Err != nil {
		return title + "\n\n" + action.ErrorPanel(s.c, s.pager.Err, s.width)
	}
	parts := []string{title, "", s.table.View()}
	if v := s.runner.View(s.width); v != "" {
		parts = append(parts, v)
	}
	return s.runner.Overlay(strings.Join(parts, "\n"))
}

// ShortHelp implements help.KeyMap.
func (s *Subscriptions) ShortHelp() []key.Binding {
	if s.runner.Open() {
		return nil
	}
	if s.table.Filtering() {
		return s.table.ShortHelp()
	}
	k := s.keys
	return []key.Binding{k.Create, k.Delete, k.Mailbox, table.NewKeyMap(s.c.L).Filter, k.Refresh}
}

// FullHelp implements help.KeyMap.
func (s *Subscriptions) FullHelp() [][]key.Binding {
	k := s.keys
	return append(s.table.FullHelp(), []key.Binding{k.Create, k.Delete, k.Mailbox, k.Refresh})
}
