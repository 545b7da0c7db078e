package awsapi

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/labconsole/labconsole/model"
)

// mail and mailbox mirror sns.Mail and sns.MailboxContents of the simulator.
type mail struct {
	ID              string    `json:"id"`
	Address         string    `json:"address"`
	Received        time.Time `json:"received"`
	From            string    `json:"from"`
	Subject         string    `json:"subject"`
	Body            string    `json:"body"`
	Kind            string    `json:"kind"`
	TopicArn        string    `json:"topicArn"`
	SubscriptionArn string    `json:"subscriptionArn"`
	Token           string    `json:"token"`
	ConfirmURL      string    `json:"confirmUrl"`
}

type mailbox struct {
	Address  string `json:"address"`
	Messages []mail `json:"messages"`
}

const noMailbox = "The mailbox is part of the simulator. On AWS, SNS sends real email: open it in your own mail client (from no-reply@sns.amazonaws.com)."

// Mailbox implements backend.SNS (simulator only).
func (b *Backend) Mailbox(ctx context.Context, address string) ([]model.Mail, error) {
	if b.sim == nil {
		return nil, simOnly("sns:Mailbox", "SimulatorOnly", noMailbox)
	}
	if err := model.ValidateEmail(address); err != nil {
		return nil, err
	}
	var box mailbox
	if err := b.signedControl(ctx, "sns:Mailbox", http.MethodGet, "/_sim/mailbox?"+url.Values{"address": {address}}.Encode(), nil, &box); err != nil {
		return nil, err
	}
	out := make([]model.Mail, len(box.Messages))
	for i, m := range box.Messages {
		out[i] = model.Mail(m)
	}
	return out, nil
}

// ConfirmFromMail implements backend.SNS (simulator only).
func (b *Backend) ConfirmFromMail(ctx context.Context, token string) (string, error) {
	if b.sim == nil {
		return "", simOnly("sns:ConfirmSubscription", "SimulatorOnly", noMailbox)
	}
	var out struct {
		SubscriptionArn string `json:"subscriptionArn"`
	}
	if err := b.signedControl(ctx, "sns:ConfirmSubscription", http.MethodPost, "/_sim/mailbox/confirm", map[string]string{"token": token}, &out); err != nil {
		return "", err
	}
	return out.SubscriptionArn, nil
}
