package sns

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"
)

// Mail is one message in a simulated mailbox, as the control API serves it.
type Mail struct {
	ID              string    `json:"id"`
	Address         string    `json:"address"`
	Received        time.Time `json:"received"`
	From            string    `json:"from"`
	Subject         string    `json:"subject"`
	Body            string    `json:"body"`
	Kind            string    `json:"kind"` // SubscriptionConfirmation or Notification
	TopicArn        string    `json:"topicArn"`
	SubscriptionArn string    `json:"subscriptionArn"`
	Token           string    `json:"token,omitempty"`
	ConfirmURL      string    `json:"confirmUrl,omitempty"`
}

const (
	kindConfirmation = "SubscriptionConfirmation"
	kindNotification = "Notification"
	noReply          = "no-reply@sns.amazonaws.com"
	// defaultSubject is the subject of notifications published without one.
	defaultSubject = "AWS Notification Message"
)

// sender is the From line: the topic's display name, or "AWS Notifications".
func sender(t *topic) string {
	name := t.attrs["DisplayName"]
	if name == "" {
		name = "AWS Notifications"
	}
	return fmt.Sprintf("%s <%s>", name, noReply)
}

func confirmURL(t *topic, sub *subscription) string {
	return fmt.Sprintf("https://sns.%s.amazonaws.com/confirmation.html?TopicArn=%s&Token=%s&Endpoint=%s", t.ref.region, t.ref.arn, sub.token, sub.endpoint)
}

func unsubscribeURL(region, subArn, endpoint string) string {
	return fmt.Sprintf("https://sns.%s.amazonaws.com/unsubscribe.html?SubscriptionArn=%s&Endpoint=%s", region, subArn, endpoint)
}

func signingCertURL(region string) string {
	return fmt.Sprintf("https://sns.%s.amazonaws.com/SimpleNotificationService-simulated.pem", region)
}

// signature stands in for SNS's RSA signature: the simulator has no AWS key, so it
// signs nothing a client could verify, but the field is there with a stable value.
func signature(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

func isoMillis(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// jsonDoc marshals v without HTML escaping and with two-space indents, as SNS's
// email-json messages are laid out.
func jsonDoc(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
	return buf.String()
}

// deliverConfirmation mails the subscription confirmation to an email or
// email-json endpoint.
func (s *Service) deliverConfirmation(ctx context.Context, tx *sql.Tx, t *topic, sub *subscription, now time.Time) error {
	m := Mail{ID: newUUID(), Address: sub.endpoint, Received: now, From: sender(t), Subject: "AWS Notification - Subscription Confirmation",
		Kind: kindConfirmation, TopicArn: t.ref.arn, SubscriptionArn: sub.arn, Token: sub.token}
	if sub.protocol == "email-json" {
		subscribeURL := fmt.Sprintf("https://sns.%s.amazonaws.com/?Action=ConfirmSubscription&TopicArn=%s&Token=%s", t.ref.region, t.ref.arn, sub.token)
		ts := isoMillis(now)
		text := fmt.Sprintf("You have chosen to subscribe to the topic %s.\nTo confirm the subscription, visit the SubscribeURL included in this message.", t.ref.arn)
		m.Body = jsonDoc(struct {
			Type             string
			MessageId        string
			Token            string
			TopicArn         string
			Message          string
			SubscribeURL     string
			Timestamp        string
			SignatureVersion string
			Signature        string
			SigningCertURL   string
		}{kindConfirmation, m.ID, sub.token, t.ref.arn, text, subscribeURL, ts, "1", signature(m.ID, sub.token, ts), signingCertURL(t.ref.region)})
		m.ConfirmURL = subscribeURL
	} else {
		m.ConfirmURL = confirmURL(t, sub)
		m.Body = fmt.Sprintf("You have chosen to subscribe to the topic: \n%s\n\n"+
			"To confirm this subscription, click or visit the link below (If this was in error no action is necessary): \n"+
			"Confirm subscription: %s\n\n"+
			"Please do not reply directly to this email. If you wish to remove yourself from receiving all future SNS subscription confirmation requests please send an email to sns-opt-out\n",
			t.ref.arn, m.ConfirmURL)
	}
	return insertMail(ctx, tx, m)
}

// deliverNotification mails one published message to a confirmed email or
// email-json subscription. message is the text for this protocol.
func (s *Service) deliverNotification(ctx context.Context, tx *sql.Tx, t *topic, sub *subscription, id, subject, message string, now time.Time) error {
	m := Mail{ID: id, Address: sub.endpoint, Received: now, From: sender(t), Subject: subject, Kind: kindNotification,
		TopicArn: t.ref.arn, SubscriptionArn: sub.arn}
	if m.Subject == "" {
		m.Subject = defaultSubject
	}
	unsub := unsubscribeURL(t.ref.region, sub.arn, sub.endpoint)
	if sub.protocol == "email-json" {
		ts := isoMillis(now)
		doc := struct {
			Type             string
			MessageId        string
			TopicArn         string
			Subject          string `json:",omitempty"`
			Message          string
			Timestamp        string
			SignatureVersion string
			Signature        string
			SigningCertURL   string
			UnsubscribeURL   string
		}{kindNotification, id, t.ref.arn, subject, message, ts, "1", signature(id, message, ts), signingCertURL(t.ref.region),
			fmt.Sprintf("https://sns.%s.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=%s", t.ref.region, sub.arn)}
		m.Body = jsonDoc(doc)
	} else {
		m.Body = message + "\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n" +
			unsub + "\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support\n"
	}
	return insertMail(ctx, tx, m)
}

func insertMail(ctx context.Context, tx *sql.Tx, m Mail) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sns_mailbox(mail_id, address, received, sender, subject, body, kind, topic_arn, subscription_arn, token)
		VALUES(?,?,?,?,?,?,?,?,?,?)`, m.ID, m.Address, m.Received.UnixMilli(), m.From, m.Subject, m.Body, m.Kind, m.TopicArn, m.SubscriptionArn, m.Token)
	return err
}

// Mailbox returns the mail delivered to address (case-insensitive), newest first.
func (s *Service) Mailbox(ctx context.Context, address string) ([]Mail, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT mail_id, address, received, sender, subject, body, kind, topic_arn, subscription_arn, token
		FROM sns_mailbox WHERE address = ? ORDER BY id DESC`, address)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Mail{}
	for rows.Next() {
		var m Mail
		var received int64
		if err := rows.Scan(&m.ID, &m.Address, &received, &m.From, &m.Subject, &m.Body, &m.Kind, &m.TopicArn, &m.SubscriptionArn, &m.Token); err != nil {
			return nil, err
		}
		m.Received = time.UnixMilli(received).UTC()
		if m.Token != "" {
			if ref, ok := parseTopicArn(m.TopicArn); ok {
				m.ConfirmURL = fmt.Sprintf("https://sns.%s.amazonaws.com/confirmation.html?TopicArn=%s&Token=%s&Endpoint=%s", ref.region, m.TopicArn, m.Token, m.Address)
			}
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
