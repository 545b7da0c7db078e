// Package sns is the simulated Amazon Simple Notification Service (awsQuery,
// 2010-03-31): topics, email and email-json subscriptions, and Publish. Email
// never leaves the simulator: it lands in a simulated mailbox per address, kept in
// the account's database, where the console and the control API read it and where
// a student "clicks" the confirmation link.
package sns

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

var spec = &protocol.Spec{
	SigningName:  "sns",
	APIVersion:   "2010-03-31",
	XMLNamespace: "http://sns.amazonaws.com/doc/2010-03-31/",
}

// Service is one account's SNS.
type Service struct {
	db      *store.DB
	account string
	now     func() time.Time
	ops     service.Ops
}

// New opens SNS's state in db, creating its tables on first use. now is the
// simulated clock, for deliveries made in process (alarm notifications).
func New(ctx context.Context, db *store.DB, account string, now func() time.Time) (*Service, error) {
	if err := db.Migrate(ctx, "sns", migrations); err != nil {
		return nil, err
	}
	s := &Service{db: db, account: account, now: now}
	s.ops = service.Ops{
		"CreateTopic":               service.Op(s.createTopic),
		"ListTopics":                service.Op(s.listTopics),
		"GetTopicAttributes":        service.Op(s.getTopicAttributes),
		"SetTopicAttributes":        service.Op(s.setTopicAttributes),
		"DeleteTopic":               service.Op(s.deleteTopic),
		"Subscribe":                 service.Op(s.subscribe),
		"ConfirmSubscription":       service.Op(s.confirmSubscription),
		"ListSubscriptions":         service.Op(s.listSubscriptions),
		"ListSubscriptionsByTopic":  service.Op(s.listSubscriptionsByTopic),
		"GetSubscriptionAttributes": service.Op(s.getSubscriptionAttributes),
		"Unsubscribe":               service.Op(s.unsubscribe),
		"Publish":                   service.Op(s.publish),
		"TagResource":               service.Op(s.tagResource),
		"UntagResource":             service.Op(s.untagResource),
		"ListTagsForResource":       service.Op(s.listTagsForResource),
	}
	for op, h := range s.ops {
		s.ops[op] = withSpec(h)
	}
	return s, nil
}

// withSpec puts SNS's Spec on the call before it runs: the router's authorizer words
// SNS denials as AuthorizationError by the call's Spec, which the router itself
// does not set.
func withSpec(h service.Handler) service.Handler {
	return func(c *service.Call) (any, error) {
		if c.Spec == nil {
			c.Spec = spec
		}
		return h(c)
	}
}

// Spec implements service.Service.
func (s *Service) Spec() *protocol.Spec { return spec }

// Handler implements service.Service.
func (s *Service) Handler(op string) (service.Handler, bool) { return s.ops.Handler(op) }

var migrations = []string{`
CREATE TABLE sns_topics (
	arn          TEXT PRIMARY KEY,
	region       TEXT NOT NULL,
	name         TEXT NOT NULL,
	attributes   TEXT NOT NULL,
	created      INTEGER NOT NULL,
	deleted_subs INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sns_subscriptions (
	arn       TEXT PRIMARY KEY,
	topic_arn TEXT NOT NULL REFERENCES sns_topics(arn) ON DELETE CASCADE,
	region    TEXT NOT NULL,
	protocol  TEXT NOT NULL,
	endpoint  TEXT NOT NULL,
	confirmed INTEGER NOT NULL,
	token     TEXT NOT NULL,
	token_expires INTEGER NOT NULL,
	created   INTEGER NOT NULL,
	attributes TEXT NOT NULL
);
CREATE INDEX sns_subscriptions_topic ON sns_subscriptions(topic_arn);
CREATE INDEX sns_subscriptions_token ON sns_subscriptions(token);
CREATE TABLE sns_mailbox (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	mail_id   TEXT NOT NULL,
	address   TEXT NOT NULL COLLATE NOCASE,
	received  INTEGER NOT NULL,
	sender    TEXT NOT NULL,
	subject   TEXT NOT NULL,
	body      TEXT NOT NULL,
	kind      TEXT NOT NULL,
	topic_arn TEXT NOT NULL,
	subscription_arn TEXT NOT NULL,
	token     TEXT NOT NULL
);
CREATE INDEX sns_mailbox_address ON sns_mailbox(address, id)`, `
CREATE TABLE sns_tags (
	arn   TEXT NOT NULL REFERENCES sns_topics(arn) ON DELETE CASCADE,
	ord   INTEGER NOT NULL,
	key   TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (arn, key)
)`,
}

// Timings of email subscriptions: a confirmation token is valid for two days, and
// an unconfirmed subscription is deleted after three.
const (
	tokenValidity   = 48 * time.Hour
	pendingLifetime = 72 * time.Hour
)

// Tick deletes subscriptions left unconfirmed for three days, as SNS does.
func (s *Service) Tick(ctx context.Context, now time.Time) error {
	_, err := s.db.SQL().ExecContext(ctx, `DELETE FROM sns_subscriptions WHERE confirmed = 0 AND created < ?`, now.Add(-pendingLifetime).UnixMilli())
	return err
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// newToken is a confirmation token: long and hex, like SNS's.
func newToken() string {
	var b [64]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// topicRef is a parsed topic ARN.
type topicRef struct {
	arn, region, account, name string
}

func parseTopicArn(arn string) (topicRef, bool) {
	p := strings.Split(arn, ":")
	if len(p) != 6 || p[0] != "arn" || p[1] == "" || p[2] != "sns" || p[3] == "" || p[4] == "" || p[5] == "" {
		return topicRef{}, false
	}
	return topicRef{arn: arn, region: p[3], account: p[4], name: p[5]}, true
}

func (s *Service) topicArn(region, name string) string {
	return fmt.Sprintf("arn:aws:sns:%s:%s:%s", region, s.account, name)
}

// Errors in SNS's words (awsQuery codes).
func invalidParameter(format string, args ...any) *protocol.Error {
	return protocol.Errorf(400, "InvalidParameter", "Invalid parameter: "+format, args...)
}

func topicNotFound() *protocol.Error {
	return protocol.NewError(404, "NotFound", "Topic does not exist")
}

func subscriptionNotFound() *protocol.Error {
	return protocol.NewError(404, "NotFound", "Subscription does not exist")
}
