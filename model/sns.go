package model

import (
	"regexp"
	"strings"
	"time"
)

// Topic is an SNS topic as the Topics list and the alarm wizard's topic picker show it.
type Topic struct {
	Arn                    string
	Name                   string
	DisplayName            string
	SubscriptionsConfirmed int
	SubscriptionsPending   int
}

// TopicNameFromArn is the last segment of a topic ARN.
func TopicNameFromArn(arn string) string {
	if i := strings.LastIndexByte(arn, ':'); i >= 0 {
		return arn[i+1:]
	}
	return arn
}

// NewTopic is the input of CreateTopic.
type NewTopic struct {
	Name        string
	DisplayName string
}

// Validate applies SNS's topic name rules before the call.
func (n NewTopic) Validate() error { return ValidateTopicName(n.Name) }

// PendingConfirmation is the SubscriptionArn SNS lists for an unconfirmed
// subscription; Subscribe itself answers "pending confirmation".
const PendingConfirmation = "PendingConfirmation"

// Subscription is one endpoint subscribed to a topic.
type Subscription struct {
	Arn      string // PendingConfirmation until confirmed
	TopicArn string
	Protocol string // email, email-json
	Endpoint string
	Owner    string
}

// Pending reports whether the endpoint has not confirmed yet.
func (s Subscription) Pending() bool {
	return s.Arn == PendingConfirmation || s.Arn == "pending confirmation"
}

// Mail is one message in a simulated mailbox: what SNS would have emailed.
type Mail struct {
	ID       string
	Address  string
	Received time.Time
	From     string
	Subject  string
	Body     string
	// Kind is "SubscriptionConfirmation" or "Notification".
	Kind            string
	TopicArn        string
	SubscriptionArn string
	// Token is the confirmation token of a SubscriptionConfirmation mail; ConfirmURL
	// the "Confirm subscription" link it carries.
	Token      string
	ConfirmURL string
}

// SNS limits and patterns from the API model and the developer guide.
var (
	topicNamePattern     = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
	fifoTopicNamePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,251}\.fifo$`)
	// emailPattern is deliberately loose (AWS accepts most RFC 5322 addresses) but
	// needs a local part, an @ and a dotted domain without spaces.
	emailPattern = regexp.MustCompile(`^[^@\s"(),:;<>\[\\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$`)
)

// MaxTopicNameLen is the longest topic name.
const MaxTopicNameLen = 256

// ValidateTopicName: 1–256 ASCII letters, digits, hyphens and underscores; a FIFO
// topic's name ends in ".fifo".
func ValidateTopicName(name string) error {
	if topicNamePattern.MatchString(name) || fifoTopicNamePattern.MatchString(name) {
		return nil
	}
	id := "ValidateTopicNameChars"
	if name == "" {
		id = "ValidateRequired"
	} else if len(name) > MaxTopicNameLen {
		id = "ValidateTopicNameLength"
	}
	return &FieldError{Field: "Name", ID: id, Data: map[string]any{"Max": MaxTopicNameLen}, AWS: "Invalid parameter: Topic Name"}
}

// MaxEmailLen is the longest address SNS accepts for an email endpoint.
const MaxEmailLen = 254

// ValidateEmail checks an email or email-json endpoint as SNS does.
func ValidateEmail(addr string) error {
	if len(addr) > MaxEmailLen || !emailPattern.MatchString(addr) {
		id := "ValidateEmail"
		if addr == "" {
			id = "ValidateRequired"
		}
		return &FieldError{Field: "Endpoint", ID: id, AWS: "Invalid parameter: Email address"}
	}
	return nil
}

// ValidateEndpoint checks an endpoint for the subscription protocols the console
// offers (email, email-json).
func ValidateEndpoint(protocol, endpoint string) error {
	switch protocol {
	case "email", "email-json":
		return ValidateEmail(endpoint)
	case "":
		return &FieldError{Field: "Protocol", ID: "ValidateRequired", AWS: "Invalid parameter: Protocol"}
	}
	return nil
}
