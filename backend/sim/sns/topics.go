package sns

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// topic is a stored topic with its settable attributes (DisplayName, Policy…).
type topic struct {
	ref         topicRef
	attrs       map[string]string
	deletedSubs int
}

// defaultPolicy is the access policy SNS gives a new topic: the owner account may
// do everything with it.
func (s *Service) defaultPolicy(arn string) string {
	return fmt.Sprintf(`{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":%q,"Condition":{"StringEquals":{"AWS:SourceOwner":%q}}}]}`, arn, s.account)
}

const effectiveDeliveryPolicy = `{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}`

// settableAttributes are the topic attributes CreateTopic and SetTopicAttributes take.
var settableAttributes = map[string]bool{
	"DisplayName": true, "Policy": true, "DeliveryPolicy": true, "KmsMasterKeyId": true, "TracingConfig": true,
	"SignatureVersion": true, "FifoTopic": true, "ContentBasedDeduplication": true, "ArchivePolicy": true,
	"FifoThroughputScope": true, "DataProtectionPolicy": true,
}

func checkAttribute(name, value string) error {
	if !settableAttributes[name] {
		return invalidParameter("AttributeName")
	}
	switch name {
	case "DisplayName":
		if utf8.RuneCountInString(value) > 100 {
			return invalidParameter("DisplayName")
		}
	case "Policy", "DeliveryPolicy", "ArchivePolicy", "DataProtectionPolicy":
		if value != "" && !json.Valid([]byte(value)) {
			return invalidParameter("%s Error: the value is not valid JSON", name)
		}
	}
	return nil
}

// getTopic loads the topic of arn, answering in SNS's words when the ARN is malformed,
// in another region, or names no topic.
func (s *Service) getTopic(ctx context.Context, region, arn string) (*topic, error) {
	ref, ok := parseTopicArn(arn)
	if !ok || (region != "" && ref.region != region) {
		return nil, invalidParameter("TopicArn")
	}
	var attrs string
	t := &topic{ref: ref}
	err := s.db.SQL().QueryRowContext(ctx, `SELECT attributes, deleted_subs FROM sns_topics WHERE arn = ?`, arn).Scan(&attrs, &t.deletedSubs)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, topicNotFound()
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(attrs), &t.attrs); err != nil {
		return nil, err
	}
	return t, nil
}

// authorizeTopic asks IAM (with the topic's own access policy) whether the caller may
// perform action on the topic, worded as SNS words it ("SNS:Publish").
func (s *Service) authorizeTopic(c *service.Call, action string, t *topic) error {
	return c.AuthorizeRequest(service.AuthzRequest{Action: action, Resource: t.ref.arn, ResourcePolicy: t.attrs["Policy"], CapitalizePrefix: true})
}

type createTopicInput struct {
	Name                 *string
	Attributes           map[string]string
	Tags                 []Tag
	DataProtectionPolicy *string
}

type createTopicOutput struct {
	TopicArn string
}

// createTopic is idempotent: creating an existing topic returns its ARN.
func (s *Service) createTopic(c *service.Call, in *createTopicInput) (*createTopicOutput, error) {
	if in.Name == nil {
		return nil, invalidParameter("Topic Name")
	}
	if err := model.ValidateTopicName(*in.Name); err != nil {
		return nil, invalidParameter("Topic Name")
	}
	for k, v := range in.Attributes {
		if err := checkAttribute(k, v); err != nil {
			return nil, err
		}
	}
	arn := s.topicArn(c.Region, *in.Name)
	if in.Tags != nil {
		if err := checkTags(in.Tags); err != nil {
			return nil, err
		}
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "sns:CreateTopic", Resource: arn, CapitalizePrefix: true}); err != nil {
		return nil, err
	}
	if len(in.Tags) > 0 {
		// Tagging at creation is also sns:TagResource, as in AWS.
		if err := c.AuthorizeRequest(service.AuthzRequest{Action: "sns:TagResource", Resource: arn, CapitalizePrefix: true}); err != nil {
			return nil, err
		}
	}
	attrs := map[string]string{"DisplayName": "", "Policy": s.defaultPolicy(arn)}
	for k, v := range in.Attributes {
		attrs[k] = v
	}
	aj, _ := json.Marshal(attrs)
	err := s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(c.Ctx, `INSERT INTO sns_topics(arn, region, name, attributes, created) VALUES(?,?,?,?,?) ON CONFLICT(arn) DO NOTHING`,
			arn, c.Region, *in.Name, string(aj), c.Now.UnixMilli())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			// CreateTopic of an existing topic answers its ARN, unless it asks for other tags.
			if len(in.Tags) == 0 {
				return nil
			}
			have, err := s.topicTags(c.Ctx, tx, arn)
			if err != nil {
				return err
			}
			if !sameTags(have, in.Tags) {
				return invalidParameter("Tags Reason: Topic already exists with different tags")
			}
			return nil
		}
		return setTags(c.Ctx, tx, arn, in.Tags)
	})
	if err != nil {
		return nil, err
	}
	return &createTopicOutput{TopicArn: arn}, nil
}

type listTopicsInput struct {
	NextToken *string
}

type topicMember struct {
	TopicArn string
}

type listTopicsOutput struct {
	Topics    []topicMember
	NextToken *string
}

// pageSize is how many topics or subscriptions a List call returns.
const pageSize = 100

func pageToken(v string) *string {
	return ptr(base64.RawURLEncoding.EncodeToString([]byte(v)))
}

func parsePageToken(tok *string) (string, error) {
	if tok == nil {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(*tok)
	if err != nil || len(b) == 0 {
		return "", invalidParameter("NextToken")
	}
	return string(b), nil
}

func (s *Service) listTopics(c *service.Call, in *listTopicsInput) (*listTopicsOutput, error) {
	after, err := parsePageToken(in.NextToken)
	if err != nil {
		return nil, err
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "sns:ListTopics", Resource: s.topicArn(c.Region, "*"), CapitalizePrefix: true}); err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT arn FROM sns_topics WHERE region = ? AND arn > ? ORDER BY arn LIMIT ?`, c.Region, after, pageSize+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &listTopicsOutput{Topics: []topicMember{}}
	for rows.Next() {
		var arn string
		if err := rows.Scan(&arn); err != nil {
			return nil, err
		}
		if len(out.Topics) == pageSize {
			out.NextToken = pageToken(out.Topics[pageSize-1].TopicArn)
			break
		}
		out.Topics = append(out.Topics, topicMember{TopicArn: arn})
	}
	return out, rows.Err()
}

type topicArnInput struct {
	TopicArn *string
}

type attributesOutput struct {
	Attributes map[string]string
}

func (s *Service) getTopicAttributes(c *service.Call, in *topicArnInput) (*attributesOutput, error) {
	t, err := s.requireTopic(c, in.TopicArn, "sns:GetTopicAttributes")
	if err != nil {
		return nil, err
	}
	confirmed, pending, err := s.countSubscriptions(c.Ctx, t.ref.arn)
	if err != nil {
		return nil, err
	}
	attrs := map[string]string{
		"Owner": s.account, "TopicArn": t.ref.arn, "EffectiveDeliveryPolicy": effectiveDeliveryPolicy,
		"SubscriptionsConfirmed": strconv.Itoa(confirmed), "SubscriptionsPending": strconv.Itoa(pending),
		"SubscriptionsDeleted": strconv.Itoa(t.deletedSubs),
	}
	for k, v := range t.attrs {
		attrs[k] = v
	}
	return &attributesOutput{Attributes: attrs}, nil
}

// requireTopic validates a TopicArn member, authorizes action on the topic and loads it.
func (s *Service) requireTopic(c *service.Call, arn *string, action string) (*topic, error) {
	if arn == nil {
		return nil, invalidParameter("TopicArn")
	}
	t, err := s.getTopic(c.Ctx, c.Region, *arn)
	if err != nil {
		ref, ok := parseTopicArn(*arn)
		if ok && ref.region == c.Region {
			// A missing topic is still an authorization question first, as in AWS.
			if aerr := c.AuthorizeRequest(service.AuthzRequest{Action: action, Resource: *arn, CapitalizePrefix: true}); aerr != nil {
				return nil, aerr
			}
		} else {
			c.SkipAuthorization()
		}
		return nil, err
	}
	if err := s.authorizeTopic(c, action, t); err != nil {
		return nil, err
	}
	return t, nil
}

func (s *Service) countSubscriptions(ctx context.Context, arn string) (confirmed, pending int, err error) {
	err = s.db.SQL().QueryRowContext(ctx, `SELECT coalesce(sum(confirmed), 0), coalesce(sum(1 - confirmed), 0) FROM sns_subscriptions WHERE topic_arn = ?`, arn).Scan(&confirmed, &pending)
	return confirmed, pending, err
}

type setTopicAttributesInput struct {
	TopicArn       *string
	AttributeName  *string
	AttributeValue *string
}

type emptyOutput struct{}

func (s *Service) setTopicAttributes(c *service.Call, in *setTopicAttributesInput) (*emptyOutput, error) {
	if in.AttributeName == nil {
		return nil, invalidParameter("AttributeName")
	}
	if err := checkAttribute(*in.AttributeName, deref(in.AttributeValue)); err != nil {
		return nil, err
	}
	t, err := s.requireTopic(c, in.TopicArn, "sns:SetTopicAttributes")
	if err != nil {
		return nil, err
	}
	t.attrs[*in.AttributeName] = deref(in.AttributeValue)
	if *in.AttributeName == "Policy" && t.attrs["Policy"] == "" {
		t.attrs["Policy"] = s.defaultPolicy(t.ref.arn)
	}
	aj, _ := json.Marshal(t.attrs)
	_, err = s.db.SQL().ExecContext(c.Ctx, `UPDATE sns_topics SET attributes = ? WHERE arn = ?`, string(aj), t.ref.arn)
	return &emptyOutput{}, err
}

// deleteTopic is idempotent and deletes the topic's subscriptions with it.
func (s *Service) deleteTopic(c *service.Call, in *topicArnInput) (*emptyOutput, error) {
	t, err := s.requireTopic(c, in.TopicArn, "sns:DeleteTopic")
	var pe *protocol.Error
	if errors.As(err, &pe) && pe.Code == "NotFound" {
		return &emptyOutput{}, nil
	}
	if err != nil {
		return nil, err
	}
	_, err = s.db.SQL().ExecContext(c.Ctx, `DELETE FROM sns_topics WHERE arn = ?`, t.ref.arn)
	return &emptyOutput{}, err
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
