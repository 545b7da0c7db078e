package sns_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend/sim"
)

type rt struct{ s *sim.Sim }

func (r rt) Do(req *http.Request) (*http.Response, error) { return r.s.RoundTripper().RoundTrip(req) }

func newSim(t *testing.T) (*sim.Sim, *sns.Client) {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c := s.AdminCredentials()
	return s, sns.NewFromConfig(config(s, c.AccessKeyID, c.SecretAccessKey))
}

func config(s *sim.Sim, id, secret string) aws.Config {
	return aws.Config{Region: s.Region(), Credentials: credentials.NewStaticCredentialsProvider(id, secret, ""),
		HTTPClient: rt{s}, BaseEndpoint: aws.String("http://sim.labconsole.internal")}
}

func apiErr(t *testing.T, err error, code, msg string) {
	t.Helper()
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != code || (msg != "" && api.ErrorMessage() != msg) {
		t.Fatalf("err = %v, want %s: %s", err, code, msg)
	}
}

func TestTopicsAndValidation(t *testing.T) {
	ctx := context.Background()
	_, c := newSim(t)
	_, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("bad name")})
	apiErr(t, err, "InvalidParameter", "Invalid parameter: Topic Name")
	a, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alerts"), Attributes: map[string]string{"DisplayName": "Lab alerts"}})
	if err != nil || aws.ToString(a.TopicArn) != "arn:aws:sns:ap-northeast-2:123456789012:alerts" {
		t.Fatalf("CreateTopic = %v %v", aws.ToString(a.TopicArn), err)
	}
	b, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alerts")})
	if err != nil || aws.ToString(b.TopicArn) != aws.ToString(a.TopicArn) {
		t.Fatalf("CreateTopic is idempotent: %v %v", b, err)
	}
	_, err = c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: a.TopicArn, Protocol: aws.String("email"), Endpoint: aws.String("not-an-address")})
	apiErr(t, err, "InvalidParameter", "Invalid parameter: Email address")
	_, err = c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: a.TopicArn, Protocol: aws.String("carrier-pigeon"), Endpoint: aws.String("x")})
	apiErr(t, err, "InvalidParameter", "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon")
	_, err = c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String("arn:aws:sns:ap-northeast-2:123456789012:ghost"), Protocol: aws.String("email"), Endpoint: aws.String("a@example.com")})
	apiErr(t, err, "NotFound", "Topic does not exist")
	attrs, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: a.TopicArn})
	if err != nil || attrs.Attributes["DisplayName"] != "Lab alerts" || attrs.Attributes["Owner"] != "123456789012" || !json.Valid([]byte(attrs.Attributes["Policy"])) {
		t.Fatalf("attributes = %v %v", attrs, err)
	}
	if _, err := c.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: a.TopicArn, AttributeName: aws.String("Colour"), AttributeValue: aws.String("red")}); err == nil {
		t.Fatal("unknown attribute accepted")
	}
	list, err := c.ListTopics(ctx, &sns.ListTopicsInput{})
	if err != nil || len(list.Topics) != 1 {
		t.Fatalf("ListTopics = %v %v", list, err)
	}
	if _, err := c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: a.TopicArn}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: a.TopicArn}); err != nil {
		t.Fatalf("DeleteTopic is idempotent: %v", err)
	}
}

func TestSubscribeConfirmPublish(t *testing.T) {
	ctx := context.Background()
	s, c := newSim(t)
	topic, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("lab")})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"email", "email-json"} {
		if _, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String(p), Endpoint: aws.String(p + "@example.com")}); err != nil {
			t.Fatal(err)
		}
	}
	subs, err := c.ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: topic.TopicArn})
	if err != nil || len(subs.Subscriptions) != 2 || aws.ToString(subs.Subscriptions[0].SubscriptionArn) != "PendingConfirmation" {
		t.Fatalf("pending subscriptions = %+v %v", subs, err)
	}
	// email-json gets SNS's SubscriptionConfirmation document; confirm with the API.
	mails, _ := s.SNS().Mailbox(ctx, "email-json@example.com")
	var doc map[string]string
	if len(mails) != 1 || json.Unmarshal([]byte(mails[0].Body), &doc) != nil || doc["Type"] != "SubscriptionConfirmation" ||
		!strings.HasPrefix(doc["Message"], "You have chosen to subscribe to the topic arn:aws:sns:ap-northeast-2:123456789012:lab.\nTo confirm") {
		t.Fatalf("email-json confirmation = %+v", mails)
	}
	_, err = c.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: topic.TopicArn, Token: aws.String("nope")})
	apiErr(t, err, "InvalidParameter", "Invalid parameter: Token")
	conf, err := c.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: topic.TopicArn, Token: aws.String(doc["Token"])})
	if err != nil || !strings.HasPrefix(aws.ToString(conf.SubscriptionArn), aws.ToString(topic.TopicArn)+":") {
		t.Fatalf("ConfirmSubscription = %v %v", conf, err)
	}
	// Only the confirmed endpoint receives the message.
	pub, err := c.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Subject: aws.String("Hi"),
		MessageStructure: aws.String("json"), Message: aws.String(`{"default":"plain","email-json":"for json"}`)})
	if err != nil || aws.ToString(pub.MessageId) == "" {
		t.Fatalf("Publish = %v %v", pub, err)
	}
	mails, _ = s.SNS().Mailbox(ctx, "email-json@example.com")
	if len(mails) != 2 || json.Unmarshal([]byte(mails[0].Body), &doc) != nil || doc["Type"] != "Notification" || doc["Message"] != "for json" ||
		doc["Subject"] != "Hi" || doc["MessageId"] != aws.ToString(pub.MessageId) {
		t.Fatalf("notification = %+v", mails[0])
	}
	if mails, _ := s.SNS().Mailbox(ctx, "email@example.com"); len(mails) != 1 {
		t.Fatalf("the unconfirmed endpoint got %d mails", len(mails))
	}
	_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("")})
	apiErr(t, err, "InvalidParameter", "Invalid parameter: Empty message")
	_, err = c.Publish(ctx, &sns.PublishInput{Message: aws.String("x")})
	apiErr(t, err, "InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter")

	attrs, _ := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: topic.TopicArn})
	if attrs.Attributes["SubscriptionsConfirmed"] != "1" || attrs.Attributes["SubscriptionsPending"] != "1" {
		t.Fatalf("counts = %v", attrs.Attributes)
	}
	if _, err := c.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: conf.SubscriptionArn}); err != nil {
		t.Fatal(err)
	}
	_, err = c.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: conf.SubscriptionArn})
	apiErr(t, err, "NotFound", "Subscription does not exist")
	all, err := c.ListSubscriptions(ctx, &sns.ListSubscriptionsInput{})
	if err != nil || len(all.Subscriptions) != 1 {
		t.Fatalf("ListSubscriptions = %+v %v", all, err)
	}
}

func TestAuthorizationError(t *testing.T) {
	ctx := context.Background()
	s, c := newSim(t)
	topic, _ := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("lab")})
	admin := s.AdminCredentials()
	if _, err := iam.NewFromConfig(config(s, admin.AccessKeyID, admin.SecretAccessKey)).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("nobody")}); err != nil {
		t.Fatal(err)
	}
	creds, err := s.IAM().AddAccessKey(ctx, "nobody", s.Clock().Now())
	if err != nil {
		t.Fatal(err)
	}
	_, err = sns.NewFromConfig(config(s, creds.AccessKeyID, creds.SecretAccessKey)).Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("x")})
	apiErr(t, err, "AuthorizationError", "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: SNS:Publish on resource: arn:aws:sns:ap-northeast-2:123456789012:lab because no identity-based policy allows the SNS:Publish action")
}
