package cloudwatch_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/labconsole/labconsole/backend/sim"
)

func alarmInput(name string) *cloudwatch.PutMetricAlarmInput {
	return &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String(name), Namespace: aws.String("Lab"), MetricName: aws.String("CPU"),
		Statistic: cwtypes.StatisticAverage, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(1),
		Threshold: aws.Float64(80), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold,
	}
}

func TestPutMetricAlarmValidation(t *testing.T) {
	s := newSim(t, sim.Options{})
	cw, _ := clients(s, "")
	ctx := context.Background()
	cases := []struct {
		name   string
		change func(*cloudwatch.PutMetricAlarmInput)
		code   string
		msg    string
	}{
		{"name too long", func(in *cloudwatch.PutMetricAlarmInput) { in.AlarmName = aws.String(strings.Repeat("a", 256)) }, "ValidationError",
			"1 validation error detected: Value '" + strings.Repeat("a", 256) + "' at 'alarmName' failed to satisfy constraint: Member must have length less than or equal to 255"},
		{"control character", func(in *cloudwatch.PutMetricAlarmInput) { in.AlarmName = aws.String("a\tb") }, "ValidationError",
			"The alarm name must contain only UTF-8 characters, and can't contain ASCII control characters"},
		{"description too long", func(in *cloudwatch.PutMetricAlarmInput) { in.AlarmDescription = aws.String(strings.Repeat("d", 1025)) }, "ValidationError",
			"1 validation error detected: Value '" + strings.Repeat("d", 1025) + "' at 'alarmDescription' failed to satisfy constraint: Member must have length less than or equal to 1024"},
		{"period", func(in *cloudwatch.PutMetricAlarmInput) { in.Period = aws.Int32(90) }, "ValidationError", "Period must be 10, 30 or a multiple of 60"},
		{"evaluation periods", func(in *cloudwatch.PutMetricAlarmInput) { in.EvaluationPeriods = aws.Int32(0) }, "ValidationError",
			"1 validation error detected: Value '0' at 'evaluationPeriods' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"M > N", func(in *cloudwatch.PutMetricAlarmInput) { in.DatapointsToAlarm = aws.Int32(2) }, "ValidationError",
			"DatapointsToAlarm must be less than or equal to EvaluationPeriods"},
		{"window", func(in *cloudwatch.PutMetricAlarmInput) { in.EvaluationPeriods = aws.Int32(1441) }, "ValidationError",
			"Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400)"},
		{"operator", func(in *cloudwatch.PutMetricAlarmInput) { in.ComparisonOperator = "Bigger" }, "ValidationError",
			"1 validation error detected: Value 'Bigger' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold, LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold, GreaterThanUpperThreshold]"},
		{"treat missing", func(in *cloudwatch.PutMetricAlarmInput) { in.TreatMissingData = aws.String("zero") }, "ValidationError",
			"Option zero is not supported. Supported options for parameter TreatMissingData are: missing, ignore, breaching and notBreaching."},
		{"action arn", func(in *cloudwatch.PutMetricAlarmInput) { in.AlarmActions = []string{"my-topic"} }, "ValidationError", "Invalid arn syntax: my-topic"},
		{"action region", func(in *cloudwatch.PutMetricAlarmInput) {
			in.AlarmActions = []string{"arn:aws:sns:us-east-1:123456789012:t"}
		}, "ValidationError",
			"Invalid region us-east-1 specified. Only ap-northeast-2 is supported."},
		{"too many actions", func(in *cloudwatch.PutMetricAlarmInput) {
			in.OKActions = []string{"arn:aws:sns:ap-northeast-2:1:a", "arn:aws:sns:ap-northeast-2:1:b", "arn:aws:sns:ap-northeast-2:1:c", "arn:aws:sns:ap-northeast-2:1:d", "arn:aws:sns:ap-northeast-2:1:e", "arn:aws:sns:ap-northeast-2:1:f"}
		}, "ValidationError", ""},
		{"no threshold", func(in *cloudwatch.PutMetricAlarmInput) { in.Threshold = nil }, "ValidationError", ""},
		{"expression", func(in *cloudwatch.PutMetricAlarmInput) {
			in.Namespace, in.MetricName, in.Statistic, in.Period = nil, nil, "", nil
			in.Metrics = []cwtypes.MetricDataQuery{{Id: aws.String("e1"), Expression: aws.String("m1*2")}}
		}, "ValidationError", "The simulator does not evaluate metric math or Metrics Insights expressions (Metrics.member.1.Expression); use a MetricStat query."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := alarmInput("v")
			tc.change(in)
			_, err := cw.PutMetricAlarm(ctx, in)
			apiErr(t, err, tc.code, tc.msg)
		})
	}
	out, err := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
	if err != nil || len(out.MetricAlarms) != 0 {
		t.Fatalf("failed puts must not create alarms: %v %v", out, err)
	}
}

func TestDescribeDeleteAndStates(t *testing.T) {
	ctx := context.Background()
	s := newSim(t, sim.Options{})
	cw, sn := clients(s, "")
	for i := range 7 {
		in := alarmInput(fmt.Sprintf("alarm-%d", i))
		if i%2 == 0 {
			in.AlarmActions = []string{"arn:aws:sns:ap-northeast-2:123456789012:ops"}
		}
		if _, err := cw.PutMetricAlarm(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	var names []string
	var token *string
	for pages := 0; ; pages++ {
		out, err := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{MaxRecords: aws.Int32(3), NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range out.MetricAlarms {
			names = append(names, aws.ToString(a.AlarmName))
		}
		if token = out.NextToken; token == nil {
			break
		}
		if pages > 5 {
			t.Fatal("paging does not end")
		}
	}
	if len(names) != 7 || names[0] != "alarm-0" || names[6] != "alarm-6" {
		t.Fatalf("paged names = %v", names)
	}
	out, err := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{ActionPrefix: aws.String("arn:aws:sns:ap-northeast-2:123456789012:ops")})
	if err != nil || len(out.MetricAlarms) != 4 {
		t.Fatalf("ActionPrefix: %d %v", len(out.MetricAlarms), err)
	}
	_, err = cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{NextToken: aws.String("!!")})
	apiErr(t, err, "InvalidNextToken", "")

	// SetAlarmState fires the state's actions; the topic is missing, so history says so.
	if _, err := cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("alarm-0"), StateValue: cwtypes.StateValueAlarm, StateReason: aws.String("testing")}); err != nil {
		t.Fatal(err)
	}
	if a := describe(t, cw, "alarm-0"); a.StateValue != cwtypes.StateValueAlarm || aws.ToString(a.StateReason) != "testing" {
		t.Fatalf("after SetAlarmState: %s %s", a.StateValue, aws.ToString(a.StateReason))
	}
	hist, err := cw.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String("alarm-0"), HistoryItemType: cwtypes.HistoryItemTypeAction})
	if err != nil || len(hist.AlarmHistoryItems) != 1 || !strings.HasPrefix(aws.ToString(hist.AlarmHistoryItems[0].HistorySummary), "Failed to execute action") {
		t.Fatalf("action history = %+v %v", hist, err)
	}
	_, err = cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("alarm-0"), StateValue: cwtypes.StateValueOk, StateReason: aws.String("r"), StateReasonData: aws.String("{bad")})
	apiErr(t, err, "InvalidFormat", "")

	// With the topic in place and actions disabled, nothing is published.
	if _, err := sn.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("ops")}); err != nil {
		t.Fatal(err)
	}
	if _, err := cw.DisableAlarmActions(ctx, &cloudwatch.DisableAlarmActionsInput{AlarmNames: []string{"alarm-2", "ghost"}}); err != nil {
		t.Fatal(err)
	}
	if a := describe(t, cw, "alarm-2"); aws.ToBool(a.ActionsEnabled) {
		t.Fatal("actions still enabled")
	}
	if _, err := cw.EnableAlarmActions(ctx, &cloudwatch.EnableAlarmActionsInput{AlarmNames: []string{"alarm-2"}}); err != nil {
		t.Fatal(err)
	}

	_, err = cw.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{"alarm-1", "ghost"}})
	apiErr(t, err, "ResourceNotFound", "1 alarms do not exist: [ghost]")
	if _, err := cw.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{"alarm-1", "alarm-3"}}); err != nil {
		t.Fatal(err)
	}
	out, _ = cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
	if len(out.MetricAlarms) != 5 {
		t.Fatalf("after delete: %d alarms", len(out.MetricAlarms))
	}

	arn := aws.String("arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:alarm-4")
	if _, err := cw.TagResource(ctx, &cloudwatch.TagResourceInput{ResourceARN: arn, Tags: []cwtypes.Tag{{Key: aws.String("Name"), Value: aws.String("lab")}}}); err != nil {
		t.Fatal(err)
	}
	tags, err := cw.ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: arn})
	if err != nil || len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Value) != "lab" {
		t.Fatalf("tags = %+v %v", tags, err)
	}
	if _, err := cw.UntagResource(ctx, &cloudwatch.UntagResourceInput{ResourceARN: arn, TagKeys: []string{"Name"}}); err != nil {
		t.Fatal(err)
	}
	_, err = cw.ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: aws.String("arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:ghost")})
	apiErr(t, err, "ResourceNotFoundException", "")

	forMetric, err := cw.DescribeAlarmsForMetric(ctx, &cloudwatch.DescribeAlarmsForMetricInput{Namespace: aws.String("Lab"), MetricName: aws.String("CPU")})
	if err != nil || len(forMetric.MetricAlarms) != 5 {
		t.Fatalf("DescribeAlarmsForMetric = %d %v", len(forMetric.MetricAlarms), err)
	}
}

// TestAlarmEvaluation covers M out of N and the missing-data treatments.
func TestAlarmEvaluation(t *testing.T) {
	ctx := context.Background()
	s := newSim(t, sim.Options{})
	cw, _ := clients(s, "")
	now := s.Clock().Now().Truncate(time.Minute)
	var data []cwtypes.MetricDatum
	for i, v := range []float64{95, 10, 97} { // newest last: 3, 2, 1 minutes ago
		data = append(data, cwtypes.MetricDatum{MetricName: aws.String("CPU"), Value: aws.Float64(v), Timestamp: aws.Time(now.Add(time.Duration(i-3) * time.Minute))})
	}
	if _, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("Lab"), MetricData: data}); err != nil {
		t.Fatal(err)
	}
	twoOfThree := alarmInput("two-of-three")
	twoOfThree.EvaluationPeriods, twoOfThree.DatapointsToAlarm = aws.Int32(3), aws.Int32(2)
	missing := alarmInput("missing")
	missing.MetricName = aws.String("Nothing")
	breaching := alarmInput("breaching")
	breaching.MetricName, breaching.TreatMissingData = aws.String("Nothing"), aws.String("breaching")
	ignore := alarmInput("ignore")
	ignore.MetricName, ignore.TreatMissingData = aws.String("Nothing"), aws.String("ignore")
	for _, in := range []*cloudwatch.PutMetricAlarmInput{twoOfThree, missing, breaching, ignore} {
		if _, err := cw.PutMetricAlarm(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		state  cwtypes.StateValue
		reason string
	}{
		"two-of-three": {cwtypes.StateValueAlarm, "Threshold Crossed: 2 out of the last 3 datapoints ["},
		"missing":      {cwtypes.StateValueInsufficientData, "Unchecked: Initial alarm creation"},
		"breaching":    {cwtypes.StateValueAlarm, "Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [Breaching]."},
		"ignore":       {cwtypes.StateValueInsufficientData, "Unchecked: Initial alarm creation"},
	}
	for name, w := range want {
		a := describe(t, cw, name)
		if a.StateValue != w.state || !strings.HasPrefix(aws.ToString(a.StateReason), w.reason) {
			t.Errorf("%s: %s %q, want %s %q", name, a.StateValue, aws.ToString(a.StateReason), w.state, w.reason)
		}
	}
	if r := aws.ToString(describe(t, cw, "two-of-three").StateReason); !strings.HasSuffix(r, "were greater than the threshold (80.0) (minimum 2 datapoints for OK -> ALARM transition).") {
		t.Errorf("M of N reason %q", r)
	}
}

// TestBillingRegions: billing metrics are stored in us-east-1 and, unless
// BillingUSEast1Only, shown in every region.
func TestBillingRegions(t *testing.T) {
	ctx := context.Background()
	for _, strict := range []bool{false, true} {
		s := newSim(t, sim.Options{BillingUSEast1Only: strict})
		if _, err := s.Billing().SetReceiveBillingAlerts(ctx, true); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Advance(ctx, 6*time.Hour); err != nil {
			t.Fatal(err)
		}
		for region, want := range map[string]int{"us-east-1": 8, "ap-northeast-2": map[bool]int{false: 8, true: 0}[strict]} {
			cw, _ := clients(s, region)
			out, err := cw.ListMetrics(ctx, &cloudwatch.ListMetricsInput{Namespace: aws.String("AWS/Billing")})
			if err != nil || len(out.Metrics) != want {
				t.Errorf("strict=%v %s: %d metrics (%v), want %d", strict, region, len(out.Metrics), err, want)
			}
		}
	}
}

// TestUserWithoutPolicyIsDenied: CloudWatch's denial arrives as AccessDenied in CBOR.
func TestUserWithoutPolicyIsDenied(t *testing.T) {
	ctx := context.Background()
	s := newSim(t, sim.Options{})
	if _, err := iam.NewFromConfig(cfg(s, "")).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("nobody")}); err != nil {
		t.Fatal(err)
	}
	creds, err := s.IAM().AddAccessKey(ctx, "nobody", s.Clock().Now())
	if err != nil {
		t.Fatal(err)
	}
	c := cfg(s, "")
	c.Credentials = aws.NewCredentialsCache(staticCreds{creds.AccessKeyID, creds.SecretAccessKey})
	_, err = cloudwatch.NewFromConfig(c).PutMetricAlarm(ctx, alarmInput("x"))
	apiErr(t, err, "AccessDenied", "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: cloudwatch:PutMetricAlarm on resource: arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:x because no identity-based policy allows the cloudwatch:PutMetricAlarm action")
}

type staticCreds struct{ id, secret string }

func (c staticCreds) Retrieve(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: c.id, SecretAccessKey: c.secret}, nil
}

// TestStatePersists: alarms, their states and metric data survive a restart (they
// are cached in memory but written through to the account's database).
func TestStatePersists(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s1 := newSim(t, sim.Options{DataDir: dir})
	cw, _ := clients(s1, "")
	if _, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("Lab"),
		MetricData: []cwtypes.MetricDatum{{MetricName: aws.String("CPU"), Value: aws.Float64(99)}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := cw.PutMetricAlarm(ctx, alarmInput("cpu")); err != nil {
		t.Fatal(err)
	}
	if err := s1.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	if a := describe(t, cw, "cpu"); a.StateValue != cwtypes.StateValueAlarm {
		t.Fatalf("before restart: %s %s", a.StateValue, aws.ToString(a.StateReason))
	}
	s1.Close()
	s2 := newSim(t, sim.Options{DataDir: dir})
	cw2, _ := clients(s2, "")
	a := describe(t, cw2, "cpu")
	if a.StateValue != cwtypes.StateValueAlarm || !strings.HasPrefix(aws.ToString(a.StateReason), "Threshold Crossed") {
		t.Fatalf("after restart: %s %s", a.StateValue, aws.ToString(a.StateReason))
	}
	m, err := cw2.ListMetrics(ctx, &cloudwatch.ListMetricsInput{Namespace: aws.String("Lab")})
	if err != nil || len(m.Metrics) != 1 {
		t.Fatalf("metrics after restart: %+v %v", m, err)
	}
	if err := s2.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	out, err := cw2.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
	if err != nil || len(out.MetricAlarms) != 0 {
		t.Fatalf("after reset: %d alarms, %v", len(out.MetricAlarms), err)
	}
}
