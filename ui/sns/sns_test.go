package sns

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch/cwtest"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/nav"
)

// open sizes s and runs its Init and what it produces.
func open(t *testing.T, s nav.Screen) {
	t.Helper()
	s.SetSize(98, 25)
	for _, msg := range cwtest.Expand(s.Init()) {
		cwtest.Run(t, s, msg)
	}
}

// pushed is the screen of the one PushMsg in msgs.
func pushed(t *testing.T, msgs []tea.Msg) nav.Screen {
	t.Helper()
	if len(msgs) != 1 {
		t.Fatalf("want one push, got %v", msgs)
	}
	p, ok := msgs[0].(nav.PushMsg)
	if !ok {
		t.Fatalf("want a push, got %T", msgs[0])
	}
	return p.Screen
}

func topicWithEmail(t *testing.T, c *common.Common, name, email string) model.Topic {
	t.Helper()
	ctx := context.Background()
	topic, err := c.Backend.CreateTopic(ctx, model.NewTopic{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if email != "" {
		if _, err := c.Backend.Subscribe(ctx, topic.Arn, "email", email); err != nil {
			t.Fatal(err)
		}
	}
	return topic
}

func TestMailboxConfirmsTheSubscription(t *testing.T) {
	for lang, confirmed := range map[locales.Lang]string{locales.English: "Subscription confirmed", locales.Korean: "구독이 확인되었습니다"} {
		t.Run(string(lang), func(t *testing.T) {
			c, _ := cwtest.NewLab(t, lang)
			topic := topicWithEmail(t, c, "lab-topic", "student@example.com")
			m := NewMailbox(c, "")
			open(t, m)
			if m.Address() != "student@example.com" || !strings.Contains(m.View(), "AWS Notification - Subscription Confirmation") {
				t.Fatalf("the mailbox opens on the subscribed address with its confirmation:\n%s", m.View())
			}
			mail := pushed(t, cwtest.Press(t, m, "enter"))
			open(t, mail)
			if !strings.Contains(mail.View(), "You have chosen to subscribe to the topic") {
				t.Fatalf("the mail's body:\n%s", mail.View())
			}
			cwtest.Press(t, mail, "c")
			if !mail.(*MailView).Confirmed() || !strings.Contains(mail.View(), confirmed) || !strings.Contains(mail.View(), "aws sns confirm-subscription") {
				t.Fatalf("after c:\n%s", mail.View())
			}
			subs, err := c.Backend.ListSubscriptions(context.Background(), topic.Arn, model.PageRequest{})
			if err != nil || len(subs.Items) != 1 || subs.Items[0].Pending() {
				t.Errorf("subscription = %+v %v", subs.Items, err)
			}
		})
	}
}

func TestMailboxAddress(t *testing.T) {
	c, _ := cwtest.NewLab(t, locales.English)
	m := NewMailbox(c, "")
	open(t, m)
	if !strings.Contains(m.View(), "No email endpoint is subscribed yet") {
		t.Fatalf("no endpoint:\n%s", m.View())
	}
	cwtest.Press(t, m, "a")
	if !m.Capturing() {
		t.Fatal("a must open the address input")
	}
	cwtest.Press(t, m, "not-an-address", "enter")
	if !strings.Contains(m.View(), "Enter a valid email address") {
		t.Errorf("a bad address must be refused:\n%s", m.View())
	}
	cwtest.Press(t, m, "ctrl+u")
	for range 20 {
		cwtest.Press(t, m, "backspace")
	}
	cwtest.Press(t, m, "other@example.com", "enter")
	if m.Capturing() || m.Address() != "other@example.com" || !strings.Contains(m.View(), "No mail yet") {
		t.Errorf("after a good address:\n%s", m.View())
	}
}

// awsMode is a backend that says it is a real account.
type awsMode struct{ backend.Backend }

func (a awsMode) Info() backend.Info {
	i := a.Backend.Info()
	i.Mode = backend.ModeAWS
	return i
}

func TestMailboxIsSimulatorOnly(t *testing.T) {
	c, _ := cwtest.NewLab(t, locales.Korean)
	c.Backend = awsMode{c.Backend}
	m := NewMailbox(c, "")
	open(t, m)
	if !strings.Contains(m.View(), "메일함은 시뮬레이터 전용입니다") {
		t.Errorf("real AWS mode must say the mailbox is simulator-only:\n%s", m.View())
	}
}

func TestCreateTopicValidatesAndCreates(t *testing.T) {
	c, _ := cwtest.NewLab(t, locales.English)
	list := NewTopics(c)
	open(t, list)
	form := pushed(t, cwtest.Press(t, list, "c"))
	open(t, form)
	cwtest.Press(t, form, "bad name", "ctrl+s")
	if !strings.Contains(form.View(), "Topic names can contain only letters") {
		t.Fatalf("a bad name must be refused:\n%s", form.View())
	}
	for range 8 {
		cwtest.Press(t, form, "backspace")
	}
	cwtest.Press(t, form, "lab-topic")
	if !strings.Contains(form.View(), "aws sns create-topic --name lab-topic") {
		t.Errorf("the CLI equivalent follows the form:\n%s", form.View())
	}
	msgs := cwtest.Press(t, form, "ctrl+s")
	if len(msgs) != 1 || cwtest.TypeName(msgs[0]) != "nav.PopMsg" {
		t.Fatalf("a create goes back: %v\n%s", msgs, form.View())
	}
	cwtest.Run(t, list, topicsChangedMsg{})
	if !strings.Contains(list.View(), "Topics (1)") || !strings.Contains(list.View(), "lab-topic") {
		t.Errorf("the list reloads:\n%s", list.View())
	}
	cwtest.Press(t, list, "d")
	if !strings.Contains(list.View(), "delete me") {
		t.Fatalf("deleting a topic asks for delete me:\n%s", list.View())
	}
	cwtest.Press(t, list, "enter")
	if !list.runner.Open() {
		t.Fatal("enter without the text must not delete")
	}
	cwtest.Press(t, list, "delete me", "enter")
	if !strings.Contains(list.View(), "Topics (0)") {
		t.Errorf("after the delete:\n%s", list.View())
	}
}

func TestSubscribeValidatesTheEmail(t *testing.T) {
	c, _ := cwtest.NewLab(t, locales.English)
	topic := topicWithEmail(t, c, "lab-topic", "")
	subs := NewSubscriptions(c, topic.Arn)
	open(t, subs)
	form := pushed(t, cwtest.Press(t, subs, "c"))
	open(t, form)
	cwtest.Press(t, form, "tab", "tab", "student@", "ctrl+s")
	if !strings.Contains(form.View(), "Enter a valid email address") {
		t.Fatalf("a bad email must be refused:\n%s", form.View())
	}
	cwtest.Press(t, form, "example.com", "ctrl+s")
	cwtest.Run(t, subs, subscriptionsChangedMsg{})
	if !strings.Contains(subs.View(), "Pending confirmation") || !strings.Contains(subs.View(), "student@example.com") {
		t.Errorf("the new subscription is pending:\n%s", subs.View())
	}
}
