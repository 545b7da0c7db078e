package sns

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// Publish limits.
const (
	maxMessageBytes = 256 * 1024
	maxSubjectLen   = 100
)

type messageAttributeValue struct {
	DataType    string
	StringValue *string
	BinaryValue []byte
}

type publishInput struct {
	TopicArn               *string
	TargetArn              *string
	PhoneNumber            *string
	Message                *string
	Subject                *string
	MessageStructure       *string
	MessageAttributes      map[string]messageAttributeValue
	MessageDeduplicationId *string
	MessageGroupId         *string
}

type publishOutput struct {
	MessageId      string
	SequenceNumber *string
}

// parseStructure reads a MessageStructure "json" message: an object of strings by
// protocol that must have a "default" entry.
func parseStructure(msg string) (map[string]string, error) {
	var m map[string]string
	if err := json.Unmarshal([]byte(msg), &m); err != nil {
		return nil, invalidParameter("Message Structure - JSON message body failed to parse")
	}
	if _, ok := m["default"]; !ok {
		return nil, invalidParameter("Message Structure - No default entry in JSON message body")
	}
	return m, nil
}

func (s *Service) publish(c *service.Call, in *publishInput) (*publishOutput, error) {
	arn := in.TopicArn
	if arn == nil {
		arn = in.TargetArn
	}
	if arn == nil {
		if in.PhoneNumber != nil {
			return nil, invalidParameter("PhoneNumber Reason: the simulator does not send SMS")
		}
		return nil, invalidParameter("TopicArn or TargetArn Reason: no value for required parameter")
	}
	if in.Message == nil || *in.Message == "" {
		return nil, invalidParameter("Empty message")
	}
	if len(*in.Message) > maxMessageBytes {
		return nil, invalidParameter("Message too long")
	}
	if sub := deref(in.Subject); in.Subject != nil && (sub == "" || utf8.RuneCountInString(sub) >= maxSubjectLen || strings.IndexFunc(sub, unicode.IsControl) >= 0) {
		return nil, invalidParameter("Subject")
	}
	messages := map[string]string{"default": *in.Message}
	if in.MessageStructure != nil {
		if *in.MessageStructure != "json" {
			return nil, invalidParameter("MessageStructure")
		}
		var err error
		if messages, err = parseStructure(*in.Message); err != nil {
			return nil, err
		}
	}
	t, err := s.requireTopic(c, arn, "sns:Publish")
	if err != nil {
		return nil, err
	}
	c.Record.DataEvent = true
	id, err := s.fanOut(c.Ctx, t, deref(in.Subject), messages, c.Now)
	if err != nil {
		return nil, err
	}
	return &publishOutput{MessageId: id}, nil
}

// fanOut delivers one message to every confirmed subscription of t.
func (s *Service) fanOut(ctx context.Context, t *topic, subject string, messages map[string]string, now time.Time) (string, error) {
	id := newUUID()
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT `+subscriptionColumns+` FROM sns_subscriptions WHERE topic_arn = ? AND confirmed = 1 ORDER BY arn`, t.ref.arn)
	if err != nil {
		return "", err
	}
	var subs []*subscription
	for rows.Next() {
		sub, err := scanSubscription(rows)
		if err != nil {
			rows.Close()
			return "", err
		}
		subs = append(subs, sub)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(subs) == 0 {
		return id, nil
	}
	return id, s.db.Tx(ctx, func(tx *sql.Tx) error {
		for _, sub := range subs {
			msg, ok := messages[sub.protocol]
			if !ok {
				msg = messages["default"]
			}
			if err := s.deliverNotification(ctx, tx, t, sub, id, subject, msg, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// PublishInternal publishes to a topic from inside the simulator (CloudWatch alarm
// actions): no caller to authorize, the same delivery as Publish. messages maps a
// protocol to its text and must have "default". An over-long subject is cut, as
// AWS's own notifications never fail on it.
func (s *Service) PublishInternal(ctx context.Context, topicArn, subject string, messages map[string]string) (string, error) {
	t, err := s.getTopic(ctx, "", topicArn)
	if err != nil {
		return "", err
	}
	if utf8.RuneCountInString(subject) >= maxSubjectLen {
		subject = string([]rune(subject)[:maxSubjectLen-1])
	}
	return s.fanOut(ctx, t, subject, messages, s.now())
}
