package sns

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// protocols SNS knows; the simulator delivers to the email ones only.
var protocols = map[string]bool{"http": true, "https": true, "email": true, "email-json": true, "sms": true, "sqs": true,
	"application": true, "lambda": true, "firehose": true}

// Subscribe answers this instead of an ARN until the endpoint confirms.
const pendingResponse = "pending confirmation"

// subscription is a stored subscription.
type subscription struct {
	arn, topicArn, region, protocol, endpoint, token string
	confirmed                                        bool
	tokenExpires, created                            time.Time
	attrs                                            map[string]string
}

type subscribeInput struct {
	TopicArn              *string
	Protocol              *string
	Endpoint              *string
	Attributes            map[string]string
	ReturnSubscriptionArn *bool
}

type subscribeOutput struct {
	SubscriptionArn string
}

func (s *Service) subscribe(c *service.Call, in *subscribeInput) (*subscribeOutput, error) {
	if in.Protocol == nil {
		return nil, invalidParameter("Protocol")
	}
	proto := *in.Protocol
	if !protocols[proto] {
		return nil, invalidParameter("Amazon SNS does not support this protocol string: %s", proto)
	}
	if proto != "email" && proto != "email-json" {
		return nil, invalidParameter("Endpoint Reason: the simulator delivers only to email and email-json endpoints, not %s", proto)
	}
	if err := model.ValidateEmail(deref(in.Endpoint)); err != nil {
		return nil, invalidParameter("Email address")
	}
	t, err := s.requireTopic(c, in.TopicArn, "sns:Subscribe")
	if err != nil {
		return nil, err
	}
	endpoint := *in.Endpoint
	existing, err := s.findSubscription(c.Ctx, `topic_arn = ? AND protocol = ? AND endpoint = ?`, t.ref.arn, proto, endpoint)
	if err != nil {
		return nil, err
	}
	returnArn := in.ReturnSubscriptionArn != nil && *in.ReturnSubscriptionArn
	if existing != nil && existing.confirmed {
		return &subscribeOutput{SubscriptionArn: existing.arn}, nil
	}
	sub := existing
	if sub == nil {
		sub = &subscription{arn: t.ref.arn + ":" + newUUID(), topicArn: t.ref.arn, region: t.ref.region, protocol: proto,
			endpoint: endpoint, created: c.Now, attrs: in.Attributes}
	}
	// Every Subscribe of a pending endpoint sends a fresh confirmation.
	sub.token, sub.tokenExpires = newToken(), c.Now.Add(tokenValidity)
	err = s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		if err := saveSubscription(c.Ctx, tx, sub); err != nil {
			return err
		}
		return s.deliverConfirmation(c.Ctx, tx, t, sub, c.Now)
	})
	if err != nil {
		return nil, err
	}
	if returnArn {
		return &subscribeOutput{SubscriptionArn: sub.arn}, nil
	}
	return &subscribeOutput{SubscriptionArn: pendingResponse}, nil
}

func saveSubscription(ctx context.Context, tx *sql.Tx, sub *subscription) error {
	attrs := sub.attrs
	if attrs == nil {
		attrs = map[string]string{}
	}
	aj, _ := json.Marshal(attrs)
	_, err := tx.ExecContext(ctx, `INSERT INTO sns_subscriptions(arn, topic_arn, region, protocol, endpoint, confirmed, token, token_expires, created, attributes)
		VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(arn) DO UPDATE SET confirmed = excluded.confirmed, token = excluded.token,
		token_expires = excluded.token_expires, attributes = excluded.attributes`,
		sub.arn, sub.topicArn, sub.region, sub.protocol, sub.endpoint, sub.confirmed, sub.token, sub.tokenExpires.UnixMilli(), sub.created.UnixMilli(), string(aj))
	return err
}

const subscriptionColumns = `arn, topic_arn, region, protocol, endpoint, confirmed, token, token_expires, created, attributes`

func scanSubscription(sc interface{ Scan(...any) error }) (*subscription, error) {
	sub := &subscription{}
	var te, cr int64
	var attrs string
	if err := sc.Scan(&sub.arn, &sub.topicArn, &sub.region, &sub.protocol, &sub.endpoint, &sub.confirmed, &sub.token, &te, &cr, &attrs); err != nil {
		return nil, err
	}
	sub.tokenExpires, sub.created = time.UnixMilli(te).UTC(), time.UnixMilli(cr).UTC()
	_ = json.Unmarshal([]byte(attrs), &sub.attrs)
	return sub, nil
}

// findSubscription returns the subscription matching where, nil when none does.
func (s *Service) findSubscription(ctx context.Context, where string, args ...any) (*subscription, error) {
	sub, err := scanSubscription(s.db.SQL().QueryRowContext(ctx, `SELECT `+subscriptionColumns+` FROM sns_subscriptions WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return sub, err
}

type confirmSubscriptionInput struct {
	TopicArn                  *string
	Token                     *string
	AuthenticateOnUnsubscribe *string
}

type confirmSubscriptionOutput struct {
	SubscriptionArn string
}

func (s *Service) confirmSubscription(c *service.Call, in *confirmSubscriptionInput) (*confirmSubscriptionOutput, error) {
	if in.Token == nil || *in.Token == "" {
		return nil, invalidParameter("Token")
	}
	t, err := s.requireTopic(c, in.TopicArn, "sns:ConfirmSubscription")
	if err != nil {
		return nil, err
	}
	arn, err := s.confirm(c.Ctx, t.ref.arn, *in.Token, c.Now)
	if err != nil {
		return nil, err
	}
	return &confirmSubscriptionOutput{SubscriptionArn: arn}, nil
}

// confirm confirms the subscription of topicArn ("" = any topic) holding token.
func (s *Service) confirm(ctx context.Context, topicArn, token string, now time.Time) (string, error) {
	sub, err := s.findSubscription(ctx, `token = ?`, token)
	if err != nil {
		return "", err
	}
	if sub == nil || (topicArn != "" && sub.topicArn != topicArn) {
		return "", invalidParameter("Token")
	}
	if sub.confirmed {
		return sub.arn, nil
	}
	if now.After(sub.tokenExpires) {
		return "", invalidParameter("Token Reason: the confirmation token has expired")
	}
	sub.confirmed = true
	return sub.arn, s.db.Tx(ctx, func(tx *sql.Tx) error { return saveSubscription(ctx, tx, sub) })
}

// ConfirmToken confirms a subscription as clicking "Confirm subscription" in the
// email does: no AWS credentials, just the token. It returns the subscription ARN.
func (s *Service) ConfirmToken(ctx context.Context, token string) (string, error) {
	return s.confirm(ctx, "", token, s.now())
}

type listSubscriptionsInput struct {
	NextToken *string
}

type subscriptionMember struct {
	SubscriptionArn string
	Owner           string
	Protocol        string
	Endpoint        string
	TopicArn        string
}

type listSubscriptionsOutput struct {
	Subscriptions []subscriptionMember
	NextToken     *string
}

func (s *Service) listSubscriptions(c *service.Call, in *listSubscriptionsInput) (*listSubscriptionsOutput, error) {
	after, err := parsePageToken(in.NextToken)
	if err != nil {
		return nil, err
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "sns:ListSubscriptions", Resource: s.topicArn(c.Region, "*"), CapitalizePrefix: true}); err != nil {
		return nil, err
	}
	return s.pageSubscriptions(c.Ctx, `region = ?`, c.Region, after)
}

type listSubscriptionsByTopicInput struct {
	TopicArn  *string
	NextToken *string
}

func (s *Service) listSubscriptionsByTopic(c *service.Call, in *listSubscriptionsByTopicInput) (*listSubscriptionsOutput, error) {
	after, err := parsePageToken(in.NextToken)
	if err != nil {
		return nil, err
	}
	t, err := s.requireTopic(c, in.TopicArn, "sns:ListSubscriptionsByTopic")
	if err != nil {
		return nil, err
	}
	return s.pageSubscriptions(c.Ctx, `topic_arn = ?`, t.ref.arn, after)
}

// pageSubscriptions lists subscriptions by ARN; pending ones show as
// "PendingConfirmation", as in the console and the CLI.
func (s *Service) pageSubscriptions(ctx context.Context, where, arg, after string) (*listSubscriptionsOutput, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT `+subscriptionColumns+` FROM sns_subscriptions WHERE `+where+` AND arn > ? ORDER BY arn LIMIT ?`, arg, after, pageSize+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &listSubscriptionsOutput{Subscriptions: []subscriptionMember{}}
	var last string
	for rows.Next() {
		sub, err := scanSubscription(rows)
		if err != nil {
			return nil, err
		}
		if len(out.Subscriptions) == pageSize {
			out.NextToken = pageToken(last)
			break
		}
		last = sub.arn
		arn := sub.arn
		if !sub.confirmed {
			arn = model.PendingConfirmation
		}
		out.Subscriptions = append(out.Subscriptions, subscriptionMember{SubscriptionArn: arn, Owner: s.account, Protocol: sub.protocol, Endpoint: sub.endpoint, TopicArn: sub.topicArn})
	}
	return out, rows.Err()
}

type subscriptionArnInput struct {
	SubscriptionArn *string
}

// requireSubscription validates a SubscriptionArn and loads it.
func (s *Service) requireSubscription(c *service.Call, arn *string, action string) (*subscription, error) {
	if arn == nil || strings.Count(*arn, ":") != 6 || !strings.HasPrefix(*arn, "arn:aws:sns:") {
		return nil, invalidParameter("SubscriptionArn")
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: action, Resource: *arn, CapitalizePrefix: true}); err != nil {
		return nil, err
	}
	sub, err := s.findSubscription(c.Ctx, `arn = ?`, *arn)
	if err != nil {
		return nil, err
	}
	if sub == nil {
		return nil, subscriptionNotFound()
	}
	return sub, nil
}

func (s *Service) getSubscriptionAttributes(c *service.Call, in *subscriptionArnInput) (*attributesOutput, error) {
	sub, err := s.requireSubscription(c, in.SubscriptionArn, "sns:GetSubscriptionAttributes")
	if err != nil {
		return nil, err
	}
	attrs := map[string]string{"SubscriptionArn": sub.arn, "TopicArn": sub.topicArn, "Owner": s.account, "Protocol": sub.protocol,
		"Endpoint": sub.endpoint, "PendingConfirmation": boolString(!sub.confirmed), "ConfirmationWasAuthenticated": "false",
		"RawMessageDelivery": "false", "SubscriptionPrincipal": s.account}
	for k, v := range sub.attrs {
		attrs[k] = v
	}
	return &attributesOutput{Attributes: attrs}, nil
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func (s *Service) unsubscribe(c *service.Call, in *subscriptionArnInput) (*emptyOutput, error) {
	sub, err := s.requireSubscription(c, in.SubscriptionArn, "sns:Unsubscribe")
	if err != nil {
		return nil, err
	}
	err = s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(c.Ctx, `DELETE FROM sns_subscriptions WHERE arn = ?`, sub.arn); err != nil {
			return err
		}
		_, err := tx.ExecContext(c.Ctx, `UPDATE sns_topics SET deleted_subs = deleted_subs + 1 WHERE arn = ?`, sub.topicArn)
		return err
	})
	return &emptyOutput{}, err
}
