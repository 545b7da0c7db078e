package cloudwatch_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/labconsole/labconsole/backend/sim"
)

func describe(t *testing.T, cw *cloudwatch.Client, name string) cwtypes.MetricAlarm {
	t.Helper()
	out, err := cw.DescribeAlarms(context.Background(), &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{name}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.MetricAlarms) != 1 {
		t.Fatalf("DescribeAlarms(%s) = %d alarms", name, len(out.MetricAlarms))
	}
	return out.MetricAlarms[0]
}

// TestBillingAlarmLab replays Part A of the lab end to end through the real SDK
// clients (CloudWatch over rpc-v2-cbor, SNS over awsQuery): billing alerts on, a
// datapoint after six hours, an email-subscribed topic confirmed from the mailbox,
// the lab-myalarm billing alarm going INSUFFICIENT_DATA → OK → (spend 250) → ALARM,
// and the alarm email in the mailbox.
func TestBillingAlarmLab(t *testing.T) {
	ctx := context.Background()
	s := newSim(t, sim.Options{})
	cw, sn := clients(s, "")

	if _, err := s.Billing().SetReceiveBillingAlerts(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Advance(ctx, 6*time.Hour); err != nil {
		t.Fatal(err)
	}
	metrics, err := cw.ListMetrics(ctx, &cloudwatch.ListMetricsInput{Namespace: aws.String("AWS/Billing")})
	if err != nil {
		t.Fatal(err)
	}
	if len(metrics.Metrics) != 8 {
		t.Fatalf("billing metrics = %d, want 8 (7 by service, 1 total)", len(metrics.Metrics))
	}
	usd := []cwtypes.Dimension{{Name: aws.String("Currency"), Value: aws.String("USD")}}
	stats, err := cw.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{
		Namespace: aws.String("AWS/Billing"), MetricName: aws.String("EstimatedCharges"), Dimensions: usd,
		StartTime: aws.Time(t0.Add(-24 * time.Hour)), EndTime: aws.Time(s.Clock().Now()), Period: aws.Int32(21600),
		Statistics: []cwtypes.Statistic{cwtypes.StatisticMaximum},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(stats.Datapoints) != 1 || !aws.ToTime(stats.Datapoints[0].Timestamp).Equal(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)) {
		t.Fatalf("EstimatedCharges datapoints = %+v", stats.Datapoints)
	}

	topic, err := sn.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("lab-billing-alarm")})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := sn.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("email"), Endpoint: aws.String("student@example.com")})
	if err != nil || aws.ToString(sub.SubscriptionArn) != "pending confirmation" {
		t.Fatalf("Subscribe = %v, %v", aws.ToString(sub.SubscriptionArn), err)
	}
	mails, err := s.SNS().Mailbox(ctx, "Student@Example.com")
	if err != nil || len(mails) != 1 || mails[0].Subject != "AWS Notification - Subscription Confirmation" || mails[0].Token == "" ||
		!strings.Contains(mails[0].Body, "Confirm subscription: https://sns.ap-northeast-2.amazonaws.com/confirmation.html?TopicArn="+aws.ToString(topic.TopicArn)) {
		t.Fatalf("confirmation mail = %+v, %v", mails, err)
	}
	subArn, err := s.SNS().ConfirmToken(ctx, mails[0].Token)
	if err != nil || !strings.HasPrefix(subArn, aws.ToString(topic.TopicArn)+":") {
		t.Fatalf("confirm = %q, %v", subArn, err)
	}

	_, err = cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String("lab-myalarm"), Namespace: aws.String("AWS/Billing"), MetricName: aws.String("EstimatedCharges"),
		Dimensions: usd, Statistic: cwtypes.StatisticMaximum, Period: aws.Int32(21600), EvaluationPeriods: aws.Int32(1),
		DatapointsToAlarm: aws.Int32(1), Threshold: aws.Float64(200), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold,
		TreatMissingData: aws.String("missing"), AlarmActions: []string{aws.ToString(topic.TopicArn)},
	})
	if err != nil {
		t.Fatal(err)
	}
	a := describe(t, cw, "lab-myalarm")
	if a.StateValue != cwtypes.StateValueInsufficientData || aws.ToString(a.StateReason) != "Unchecked: Initial alarm creation" ||
		aws.ToString(a.AlarmArn) != "arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:lab-myalarm" || !aws.ToBool(a.ActionsEnabled) {
		t.Fatalf("new alarm = %s %q %s", a.StateValue, aws.ToString(a.StateReason), aws.ToString(a.AlarmArn))
	}

	if _, _, err := s.Advance(ctx, 6*time.Hour); err != nil {
		t.Fatal(err)
	}
	a = describe(t, cw, "lab-myalarm")
	if a.StateValue != cwtypes.StateValueOk || !strings.HasPrefix(aws.ToString(a.StateReason), "Threshold Crossed: 1 out of the last 1 datapoints [") ||
		!strings.HasSuffix(aws.ToString(a.StateReason), "(01/03/26 18:00:00)] was not greater than the threshold (200.0) (minimum 1 datapoint for ALARM -> OK transition).") {
		t.Fatalf("after 6h: %s %q", a.StateValue, aws.ToString(a.StateReason))
	}
	var data map[string]any
	if err := json.Unmarshal([]byte(aws.ToString(a.StateReasonData)), &data); err != nil || data["statistic"] != "Maximum" || data["period"] != 21600.0 {
		t.Fatalf("StateReasonData = %s (%v)", aws.ToString(a.StateReasonData), err)
	}

	if err := s.Billing().Spend(ctx, 250, ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Advance(ctx, 6*time.Hour); err != nil {
		t.Fatal(err)
	}
	a = describe(t, cw, "lab-myalarm")
	if a.StateValue != cwtypes.StateValueAlarm || !strings.Contains(aws.ToString(a.StateReason), "(02/03/26 00:00:00)] was greater than the threshold (200.0) (minimum 1 datapoint for OK -> ALARM transition).") {
		t.Fatalf("after spending: %s %q", a.StateValue, aws.ToString(a.StateReason))
	}
	mails, _ = s.SNS().Mailbox(ctx, "student@example.com")
	if len(mails) != 2 || mails[0].Subject != `ALARM: "lab-myalarm" in Asia Pacific (Seoul)` ||
		!strings.HasPrefix(mails[0].Body, `You are receiving this email because your Amazon CloudWatch Alarm "lab-myalarm" in the Asia Pacific (Seoul) region has entered the ALARM state`) ||
		!strings.Contains(mails[0].Body, "- State Change:               OK -> ALARM\n") {
		t.Fatalf("alarm mail: %d mails, first %q\n%s", len(mails), mails[0].Subject, mails[0].Body)
	}

	hist, err := cw.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String("lab-myalarm")})
	if err != nil {
		t.Fatal(err)
	}
	var summaries []string
	for _, h := range hist.AlarmHistoryItems {
		summaries = append(summaries, aws.ToString(h.HistorySummary))
	}
	want := []string{"Successfully executed action " + aws.ToString(topic.TopicArn), "Alarm updated from OK to ALARM",
		"Alarm updated from INSUFFICIENT_DATA to OK", `Alarm "lab-myalarm" created`}
	if strings.Join(summaries, "|") != strings.Join(want, "|") {
		t.Fatalf("history:\n%s\nwant\n%s", strings.Join(summaries, "\n"), strings.Join(want, "\n"))
	}
}
