package awsapi

import (
	"context"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

// SNSIn implements backend.SNS: a copy of b whose SNS client signs for region.
func (b *Backend) SNSIn(region string) backend.SNS {
	if region == "" || region == b.info.Region {
		return b
	}
	cp := *b
	cp.info.Region = region
	cp.sns = sns.New(b.sns.Options(), func(o *sns.Options) { o.Region = region })
	return &cp
}

// arnRegion sends a call about an ARN to the ARN's own region, as SNS requires.
func arnRegion(arn string) func(*sns.Options) {
	return func(o *sns.Options) {
		if p := strings.Split(arn, ":"); len(p) >= 4 && p[0] == "arn" && p[3] != "" {
			o.Region = p[3]
		}
	}
}

// ListTopics implements backend.SNS. ListTopics returns ARNs only; names are their
// last segment (GetTopic adds the display name and counts).
func (b *Backend) ListTopics(ctx context.Context, req model.PageRequest) (model.Page[model.Topic], error) {
	in := &sns.ListTopicsInput{}
	if req.Token != "" {
		in.NextToken = aws.String(req.Token)
	}
	out, err := b.sns.ListTopics(ctx, in)
	if err != nil {
		return model.Page[model.Topic]{}, wrap("sns:ListTopics", err)
	}
	page := model.Page[model.Topic]{Items: make([]model.Topic, 0, len(out.Topics)), NextToken: aws.ToString(out.NextToken)}
	for _, t := range out.Topics {
		arn := aws.ToString(t.TopicArn)
		page.Items = append(page.Items, model.Topic{Arn: arn, Name: model.TopicNameFromArn(arn)})
	}
	return page, nil
}

// GetTopic implements backend.SNS.
func (b *Backend) GetTopic(ctx context.Context, arn string) (model.Topic, error) {
	out, err := b.sns.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)}, arnRegion(arn))
	if err != nil {
		return model.Topic{}, wrap("sns:GetTopicAttributes", err)
	}
	t := model.Topic{Arn: arn, Name: model.TopicNameFromArn(arn), DisplayName: out.Attributes["DisplayName"]}
	t.SubscriptionsConfirmed, _ = strconv.Atoi(out.Attributes["SubscriptionsConfirmed"])
	t.SubscriptionsPending, _ = strconv.Atoi(out.Attributes["SubscriptionsPending"])
	return t, nil
}

// CreateTopic implements backend.SNS (a standard topic); the name is checked first.
func (b *Backend) CreateTopic(ctx context.Context, in model.NewTopic) (model.Topic, error) {
	if err := in.Validate(); err != nil {
		return model.Topic{}, err
	}
	req := &sns.CreateTopicInput{Name: aws.String(in.Name)}
	if in.DisplayName != "" {
		req.Attributes = map[string]string{"DisplayName": in.DisplayName}
	}
	out, err := b.sns.CreateTopic(ctx, req)
	if err != nil {
		return model.Topic{}, wrap("sns:CreateTopic", err)
	}
	return model.Topic{Arn: aws.ToString(out.TopicArn), Name: in.Name, DisplayName: in.DisplayName}, nil
}

// DeleteTopic implements backend.SNS.
func (b *Backend) DeleteTopic(ctx context.Context, arn string) error {
	_, err := b.sns.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(arn)}, arnRegion(arn))
	return wrap("sns:DeleteTopic", err)
}

// Subscribe implements backend.SNS; the endpoint is checked first.
func (b *Backend) Subscribe(ctx context.Context, topicArn, protocol, endpoint string) (model.Subscription, error) {
	if err := model.ValidateEndpoint(protocol, endpoint); err != nil {
		return model.Subscription{}, err
	}
	out, err := b.sns.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topicArn), Protocol: aws.String(protocol), Endpoint: aws.String(endpoint)}, arnRegion(topicArn))
	if err != nil {
		return model.Subscription{}, wrap("sns:Subscribe", err)
	}
	return model.Subscription{Arn: aws.ToString(out.SubscriptionArn), TopicArn: topicArn, Protocol: protocol, Endpoint: endpoint}, nil
}

// ListSubscriptions implements backend.SNS.
func (b *Backend) ListSubscriptions(ctx context.Context, topicArn string, req model.PageRequest) (model.Page[model.Subscription], error) {
	var token *string
	if req.Token != "" {
		token = aws.String(req.Token)
	}
	var subs []types.Subscription
	var next *string
	if topicArn == "" {
		out, err := b.sns.ListSubscriptions(ctx, &sns.ListSubscriptionsInput{NextToken: token})
		if err != nil {
			return model.Page[model.Subscription]{}, wrap("sns:ListSubscriptions", err)
		}
		subs, next = out.Subscriptions, out.NextToken
	} else {
		out, err := b.sns.ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topicArn), NextToken: token}, arnRegion(topicArn))
		if err != nil {
			return model.Page[model.Subscription]{}, wrap("sns:ListSubscriptionsByTopic", err)
		}
		subs, next = out.Subscriptions, out.NextToken
	}
	page := model.Page[model.Subscription]{Items: make([]model.Subscription, 0, len(subs)), NextToken: aws.ToString(next)}
	for _, s := range subs {
		page.Items = append(page.Items, model.Subscription{Arn: aws.ToString(s.SubscriptionArn), Owner: aws.ToString(s.Owner),
			Protocol: aws.ToString(s.Protocol), Endpoint: aws.ToString(s.Endpoint), TopicArn: aws.ToString(s.TopicArn)})
	}
	return page, nil
}

// Unsubscribe implements backend.SNS.
func (b *Backend) Unsubscribe(ctx context.Context, arn string) error {
	_, err := b.sns.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(arn)}, arnRegion(arn))
	return wrap("sns:Unsubscribe", err)
}

// Publish implements backend.SNS.
func (b *Backend) Publish(ctx context.Context, topicArn, subject, message string) (string, error) {
	in := &sns.PublishInput{TopicArn: aws.String(topicArn), Message: aws.String(message)}
	if subject != "" {
		in.Subject = aws.String(subject)
	}
	out, err := b.sns.Publish(ctx, in, arnRegion(topicArn))
	if err != nil {
		return "", wrap("sns:Publish", err)
	}
	return aws.ToString(out.MessageId), nil
}
