package cloudwatch

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// fireActions runs the actions of each transition's new state, when the alarm's
// actions are enabled, and records each outcome in the alarm's history. SNS topics
// get CloudWatch's alarm notification; other action types (EC2, Auto Scaling,
// Systems Manager) are recorded as failed, since nothing here could carry them out.
func (s *Service) fireActions(ctx context.Context, cs []*change) {
	type outcome struct {
		region, alarm, summary, data string
		c                            *change
	}
	var done []outcome
	for _, c := range cs {
		a := c.after
		if !a.cfg.ActionsEnabled {
			continue
		}
		var arns []string
		switch a.state {
		case stateOK:
			arns = a.cfg.OKActions
		case stateAlarm:
			arns = a.cfg.AlarmActions
		case stateInsufficient:
			arns = a.cfg.InsufficientDataActions
		}
		if len(arns) == 0 {
			continue
		}
		subject, messages := s.notification(c)
		published, _ := json.Marshal(messages)
		for _, arn := range arns {
			o := outcome{region: a.region, alarm: a.cfg.AlarmName, c: c}
			err := s.runAction(ctx, arn, subject, messages)
			if err == nil {
				o.summary = "Successfully executed action " + arn
				o.data = actionData("Succeeded", a, arn, string(published), "")
			} else {
				o.summary = "Failed to execute action " + arn
				o.data = actionData("Failed", a, arn, "", err.Error())
			}
			done = append(done, o)
		}
	}
	if len(done) == 0 {
		return
	}
	_ = s.db.Tx(ctx, func(tx *sql.Tx) error {
		for _, o := range done {
			if err := addHistory(ctx, tx, o.region, o.alarm, o.c.after.stateUpdated, "Action", o.summary, o.data); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Service) runAction(ctx context.Context, arn, subject string, messages map[string]string) error {
	if !strings.HasPrefix(arn, "arn:aws:sns:") {
		return fmt.Errorf("the simulator carries out SNS notification actions only, not %s", arn)
	}
	if s.notifier == nil {
		return fmt.Errorf("SNS is not available in this simulator")
	}
	_, err := s.notifier.PublishInternal(ctx, arn, subject, messages)
	return err
}

// actionData is the HistoryData of an Action item.
func actionData(state string, a *alarm, arn, published, errText string) string {
	doc := map[string]any{"actionState": state, "stateUpdateTimestamp": ms(a.stateUpdated), "notificationResource": arn}
	if published != "" {
		doc["publishedMessage"] = published
	}
	if errText != "" {
		doc["error"] = errText
	}
	b, _ := json.Marshal(doc)
	return string(b)
}
