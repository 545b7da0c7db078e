package awsapi_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim/logs"
	"github.com/labconsole/labconsole/model"
)

// TestBillingAlarmThroughBackend is lab Part A as the console drives it: every step
// through backend.Backend, the simulator-only ones through the signed control API.
func TestBillingAlarmThroughBackend(t *testing.T) {
	ctx := context.Background()
	s, b := newSim(t, "")
	prefs, err := b.BillingPreferences(ctx)
	if err != nil || prefs.ReceiveBillingAlerts || !prefs.Known {
		t.Fatalf("fresh account preferences = %+v %v", prefs, err)
	}
	if prefs, err = b.SetReceiveBillingAlerts(ctx, true); err != nil || !prefs.ReceiveBillingAlerts || prefs.EnabledAt == nil {
		t.Fatalf("enable = %+v %v", prefs, err)
	}
	if _, err := b.SetReceiveBillingAlerts(ctx, false); backend.KindOf(err) != backend.KindValidation {
		t.Fatalf("turning alerts off must be refused: %v", err)
	}
	if _, _, err := s.Advance(ctx, 6*time.Hour); err != nil {
		t.Fatal(err)
	}
	groups, err := b.BillingMetrics(ctx)
	if err != nil || len(groups) != 2 || groups[0].Name != model.BillingGroupByService || len(groups[0].Metrics) != 7 || len(groups[1].Metrics) != 1 {
		t.Fatalf("billing metrics = %+v %v", groups, err)
	}
	series, err := b.MetricStatistics(ctx, model.StatisticsRequest{Metric: model.TotalChargesMetric(), Stat: "Maximum", Period: 21600,
		Start: s.Clock().Now().Add(-14 * 24 * time.Hour), End: s.Clock().Now()})
	if err != nil || len(series.Points) != 1 || series.Label != "EstimatedCharges" {
		t.Fatalf("series = %+v %v", series, err)
	}

	if _, err := b.CreateTopic(ctx, model.NewTopic{Name: "bad name"}); err == nil {
		t.Fatal("bad topic name accepted")
	}
	topic, err := b.CreateTopic(ctx, model.NewTopic{Name: "lab-billing"})
	if err != nil {
		t.Fatal(err)
	}
	var fe *model.FieldError
	if _, err := b.Subscribe(ctx, topic.Arn, "email", "nobody"); !errors.As(err, &fe) || fe.ID != "ValidateEmail" {
		t.Fatalf("bad email: %v", err)
	}
	sub, err := b.Subscribe(ctx, topic.Arn, "email", "henry@suwon.ac.kr")
	if err != nil || !sub.Pending() {
		t.Fatalf("Subscribe = %+v %v", sub, err)
	}
	mails, err := b.Mailbox(ctx, "henry@suwon.ac.kr")
	if err != nil || len(mails) != 1 || mails[0].Token == "" || !strings.Contains(mails[0].ConfirmURL, "Token="+mails[0].Token) {
		t.Fatalf("mailbox = %+v %v", mails, err)
	}
	if arn, err := b.ConfirmFromMail(ctx, mails[0].Token); err != nil || !strings.HasPrefix(arn, topic.Arn) {
		t.Fatalf("confirm = %q %v", arn, err)
	}
	if got, err := b.GetTopic(ctx, topic.Arn); err != nil || got.SubscriptionsConfirmed != 1 {
		t.Fatalf("topic = %+v %v", got, err)
	}

	in := model.AlarmInput{Name: "lab-myalarm", Metric: model.TotalChargesMetric(), Statistic: "Maximum", Period: 21600, EvaluationPeriods: 1,
		DatapointsToAlarm: 1, Threshold: 200, ComparisonOperator: model.GreaterThanThreshold, AlarmActions: []string{topic.Arn}}
	bad := in
	bad.Description = strings.Repeat("x", 1025)
	if err := b.PutAlarm(ctx, bad); err == nil {
		t.Fatal("long description accepted")
	}
	if err := b.PutAlarm(ctx, in); err != nil {
		t.Fatal(err)
	}
	a, err := b.GetAlarm(ctx, "lab-myalarm")
	if err != nil || a.State != model.AlarmStateInsufficientData || a.ThresholdText() != "200" || model.ComparisonSymbol(a.ComparisonOperator) != ">" {
		t.Fatalf("alarm = %+v %v", a, err)
	}
	if _, _, err := s.Advance(ctx, 6*time.Hour); err != nil {
		t.Fatal(err)
	}
	if a, _ = b.GetAlarm(ctx, "lab-myalarm"); a.State != model.AlarmStateOK {
		t.Fatalf("after 6h: %s %s", a.State, a.StateReason)
	}
	if err := b.AddLabSpend(ctx, 250); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Advance(ctx, 6*time.Hour); err != nil {
		t.Fatal(err)
	}
	page, err := b.ListAlarms(ctx, model.AlarmFilter{State: model.AlarmStateAlarm}, model.PageRequest{})
	if err != nil || len(page.Items) != 1 || page.Items[0].Name != "lab-myalarm" {
		t.Fatalf("alarms in ALARM = %+v %v", page, err)
	}
	mails, _ = b.Mailbox(ctx, "henry@suwon.ac.kr")
	if len(mails) != 2 || !strings.HasPrefix(mails[0].Subject, `ALARM: "lab-myalarm"`) {
		t.Fatalf("notification = %+v", mails)
	}
	hist, err := b.AlarmHistory(ctx, "lab-myalarm", model.PageRequest{Limit: 2})
	if err != nil || len(hist.Items) != 2 || hist.NextToken == "" || hist.Items[1].Summary != "Alarm updated from OK to ALARM" {
		t.Fatalf("history = %+v %v", hist, err)
	}
	if err := b.DeleteAlarms(ctx, "lab-myalarm"); err != nil {
		t.Fatal(err)
	}
}

// TestRealAWSModeExplainsSimulatorOnlyFeatures drives the real-AWS code path (the
// default credential chain, AWS_ENDPOINT_URL pointing at a simulator) where billing
// preferences, the spend knob and the mailbox have no API.
func TestRealAWSModeExplainsSimulatorOnlyFeatures(t *testing.T) {
	ctx := context.Background()
	s, _ := newSim(t, "")
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	creds := s.AdminCredentials()
	for k, v := range map[string]string{"AWS_ENDPOINT_URL": srv.URL, "AWS_ACCESS_KEY_ID": creds.AccessKeyID, "AWS_SECRET_ACCESS_KEY": creds.SecretAccessKey,
		"AWS_REGION": "ap-northeast-2", "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_PROFILE": "", "AWS_CA_BUNDLE": ""} {
		t.Setenv(k, v)
	}
	b, err := awsapi.NewAWS(ctx, awsapi.AWSOptions{})
	if err != nil {
		t.Fatal(err)
	}
	prefs, err := b.BillingPreferences(ctx)
	if err != nil || prefs.Known {
		t.Fatalf("no billing metrics yet: %+v %v", prefs, err)
	}
	_, err = b.SetReceiveBillingAlerts(ctx, true)
	var be *backend.Error
	if !errors.As(err, &be) || be.Code != "BillingPreferencesNotSettableByAPI" || !strings.Contains(be.Message, "Billing preferences > Alert preferences") {
		t.Fatalf("SetReceiveBillingAlerts on AWS: %v", err)
	}
	if _, err := b.Mailbox(ctx, "a@example.com"); !errors.As(err, &be) || be.Code != "SimulatorOnly" {
		t.Fatalf("Mailbox on AWS: %v", err)
	}
	if err := b.AddLabSpend(ctx, 1); !errors.As(err, &be) || be.Code != "SimulatorOnly" {
		t.Fatalf("AddLabSpend on AWS: %v", err)
	}
	// Once the account publishes billing metrics, alerts are known to be on; they
	// are read from us-east-1 whatever the backend's region.
	if _, err := s.Billing().SetReceiveBillingAlerts(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Advance(ctx, 6*time.Hour); err != nil {
		t.Fatal(err)
	}
	if prefs, err = b.BillingPreferences(ctx); err != nil || !prefs.Known || !prefs.ReceiveBillingAlerts {
		t.Fatalf("with billing metrics: %+v %v", prefs, err)
	}
	if cw := b.CloudWatchIn("us-east-1"); cw == backend.CloudWatch(b) {
		t.Fatal("CloudWatchIn must return a region-bound copy")
	}
}

func TestLogsThroughBackend(t *testing.T) {
	ctx := context.Background()
	s, b := newSim(t, "")
	if err := b.CreateLogGroup(ctx, "bad name"); err == nil {
		t.Fatal("bad group name accepted")
	}
	if err := b.CreateLogGroup(ctx, "/lab/trail"); err != nil {
		t.Fatal(err)
	}
	if err := b.SetLogRetention(ctx, "/lab/trail", 90); err != nil {
		t.Fatal(err)
	}
	if err := s.Logs().EnsureLogStream(ctx, "/lab/trail", "s1"); err != nil {
		t.Fatal(err)
	}
	groups, err := b.ListLogGroups(ctx, "/lab", model.PageRequest{})
	if err != nil || len(groups.Items) != 1 || groups.Items[0].RetentionInDays != 90 || groups.Items[0].Arn != "arn:aws:logs:ap-northeast-2:123456789012:log-group:/lab/trail" {
		t.Fatalf("groups = %+v %v", groups, err)
	}
	streams, err := b.ListLogStreams(ctx, "/lab/trail", model.PageRequest{})
	if err != nil || len(streams.Items) != 1 {
		t.Fatalf("streams = %+v %v", streams, err)
	}
	now := s.Clock().Now()
	var evs []logs.InputEvent
	for i := range 5 {
		evs = append(evs, logs.InputEvent{Timestamp: now.Add(time.Duration(i) * time.Second), Message: fmt.Sprintf(`{"eventName":"Event%d"}`, i)})
	}
	if err := s.Logs().PutLogEventsInternal(ctx, "/lab/trail", "s1", evs); err != nil {
		t.Fatal(err)
	}
	var read []string
	req := model.PageRequest{Limit: 2}
	for pages := 0; pages < 10; pages++ {
		page, err := b.LogEvents(ctx, model.LogEventsRequest{Group: "/lab/trail", Stream: "s1"}, req)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Items {
			read = append(read, e.Message)
		}
		if page.NextToken == "" {
			break
		}
		req.Token = page.NextToken
	}
	if len(read) != 5 || read[4] != `{"eventName":"Event4"}` {
		t.Fatalf("LogEvents paged = %v", read)
	}
	found, err := b.FilterLogEvents(ctx, model.LogFilter{Group: "/lab/trail", Pattern: `{ $.eventName = "Event3" }`}, model.PageRequest{})
	if err != nil || len(found.Items) != 1 || found.Items[0].LogStreamName != "s1" || found.Items[0].EventID == "" {
		t.Fatalf("FilterLogEvents = %+v %v", found, err)
	}
	if err := b.DeleteLogGroup(ctx, "/lab/trail"); err != nil {
		t.Fatal(err)
	}
}
