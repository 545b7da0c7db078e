package backend

import (
	"context"

	"github.com/labconsole/labconsole/model"
)

// SNS is the topics part of the console (alarm actions), with the simulator's
// mailbox, where email notifications and confirmations arrive.
type SNS interface {
	// SNSIn is this SNS bound to another region (an alarm's topics must be in the
	// alarm's region). Calls that take a topic ARN use the ARN's region anyway.
	SNSIn(region string) SNS

	ListTopics(ctx context.Context, req model.PageRequest) (model.Page[model.Topic], error)
	GetTopic(ctx context.Context, arn string) (model.Topic, error)
	CreateTopic(ctx context.Context, in model.NewTopic) (model.Topic, error)
	DeleteTopic(ctx context.Context, arn string) error
	// Subscribe subscribes an email or email-json endpoint; the result's Arn is
	// "pending confirmation" until the endpoint confirms.
	Subscribe(ctx context.Context, topicArn, protocol, endpoint string) (model.Subscription, error)
	// ListSubscriptions lists a topic's subscriptions, or every subscription of the
	// region when topicArn is "".
	ListSubscriptions(ctx context.Context, topicArn string, req model.PageRequest) (model.Page[model.Subscription], error)
	Unsubscribe(ctx context.Context, arn string) error
	Publish(ctx context.Context, topicArn, subject, message string) (messageID string, err error)

	// Mailbox is the mail the simulator delivered to address, newest first. Real
	// AWS mode answers with an error: the mail is in the user's own inbox.
	Mailbox(ctx context.Context, address string) ([]model.Mail, error)
	// ConfirmFromMail confirms a subscription with the token of its confirmation
	// mail, as clicking "Confirm subscription" does (simulator only).
	ConfirmFromMail(ctx context.Context, token string) (subscriptionArn string, err error)
}
