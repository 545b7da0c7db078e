package model

import (
	"errors"
	"strings"
	"testing"
)

func fieldID(err error) string {
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe.ID
	}
	var fes Errors
	if errors.As(err, &fes) && len(fes) > 0 {
		return fes[0].ID
	}
	return ""
}

func TestAlarmRules(t *testing.T) {
	ok := AlarmInput{Name: "lab-myalarm", Metric: TotalChargesMetric(), Statistic: "Maximum", Period: 21600, EvaluationPeriods: 1,
		Threshold: 200, ComparisonOperator: GreaterThanThreshold, AlarmActions: []string{"arn:aws:sns:us-east-1:123456789012:billing"}}
	if err := ok.Validate("us-east-1"); err != nil {
		t.Fatalf("the lab's alarm must be valid: %v", err)
	}
	cases := map[string]struct {
		change func(*AlarmInput)
		id     string
	}{
		"empty name":     {func(a *AlarmInput) { a.Name = "" }, "ValidateRequired"},
		"long name":      {func(a *AlarmInput) { a.Name = strings.Repeat("가", 256) }, "ValidateAlarmNameLength"},
		"newline":        {func(a *AlarmInput) { a.Name = "a\nb" }, "ValidateAlarmNameChars"},
		"description":    {func(a *AlarmInput) { a.Description = strings.Repeat("x", 1025) }, "ValidateAlarmDescriptionLength"},
		"period":         {func(a *AlarmInput) { a.Period = 45 }, "ValidatePeriod"},
		"M > N":          {func(a *AlarmInput) { a.DatapointsToAlarm = 2 }, "ValidateDatapointsToAlarm"},
		"window":         {func(a *AlarmInput) { a.EvaluationPeriods = 29 }, "ValidateAlarmWindow"},
		"statistic":      {func(a *AlarmInput) { a.Statistic = "p99" }, "ValidateStatistic"},
		"operator":       {func(a *AlarmInput) { a.ComparisonOperator = ">" }, "ValidateComparisonOperator"},
		"missing data":   {func(a *AlarmInput) { a.TreatMissingData = "zero" }, "ValidateTreatMissingData"},
		"action syntax":  {func(a *AlarmInput) { a.AlarmActions = []string{"topic"} }, "ValidateAlarmActionArn"},
		"action region":  {func(a *AlarmInput) { a.AlarmActions = []string{"arn:aws:sns:ap-northeast-2:1:t"} }, "ValidateAlarmActionRegion"},
		"no metric name": {func(a *AlarmInput) { a.Metric.MetricName = "" }, "ValidateRequired"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			a := ok
			tc.change(&a)
			if got := fieldID(a.Validate("us-east-1")); got != tc.id {
				t.Fatalf("ID = %q, want %q", got, tc.id)
			}
		})
	}
	// A 1024-character description in Korean is still allowed: limits count characters.
	a := ok
	a.Description = strings.Repeat("경", 1024)
	if err := a.Validate(""); err != nil {
		t.Fatal(err)
	}
}

func TestParseThreshold(t *testing.T) {
	for in, want := range map[string]float64{"200": 200, " 10.5 ": 10.5, "1e3": 1000, "-3": -3} {
		if got, err := ParseThreshold(in); err != nil || got != want {
			t.Errorf("ParseThreshold(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "abc", "NaN", "Inf", "200 USD"} {
		if _, err := ParseThreshold(in); fieldID(err) != "ValidateThresholdNumber" {
			t.Errorf("ParseThreshold(%q) = %v, want ValidateThresholdNumber", in, err)
		}
	}
}

func TestSNSRules(t *testing.T) {
	for name, want := range map[string]string{"lab-topic": "", "a_b": "", "x.fifo": "", "bad name": "ValidateTopicNameChars",
		"": "ValidateRequired", strings.Repeat("t", 257): "ValidateTopicNameLength", "a.b": "ValidateTopicNameChars"} {
		if got := fieldID(ValidateTopicName(name)); got != want {
			t.Errorf("ValidateTopicName(%q) = %q, want %q", name, got, want)
		}
	}
	for addr, want := range map[string]string{"henry@suwon.ac.kr": "", "first.last+tag@example.co.kr": "", "": "ValidateRequired",
		"henry": "ValidateEmail", "a@b": "ValidateEmail", "a b@example.com": "ValidateEmail", "a@-bad.com": "ValidateEmail"} {
		if got := fieldID(ValidateEmail(addr)); got != want {
			t.Errorf("ValidateEmail(%q) = %q, want %q", addr, got, want)
		}
	}
	var fe *FieldError
	if err := ValidateEmail("x"); !errors.As(err, &fe) || fe.AWS != "Invalid parameter: Email address" {
		t.Fatalf("AWS message: %v", err)
	}
}

func TestLogsRules(t *testing.T) {
	if err := ValidateLogGroupName("/aws/cloudtrail/lab-events-trail"); err != nil {
		t.Fatal(err)
	}
	if got := fieldID(ValidateLogGroupName("a b")); got != "ValidateLogGroupNameChars" {
		t.Fatal(got)
	}
	if got := fieldID(ValidateLogStreamName("a:b")); got != "ValidateLogStreamNameChars" {
		t.Fatal(got)
	}
	var fe *FieldError
	if err := ValidateRetentionDays(4); !errors.As(err, &fe) || !strings.HasSuffix(fe.AWS, "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]") {
		t.Fatalf("retention: %v", err)
	}
}

func TestGroupBillingMetrics(t *testing.T) {
	svc := func(s string) Metric {
		return Metric{Namespace: BillingNamespace, MetricName: EstimatedCharges, Dimensions: []Dimension{{"ServiceName", s}, {"Currency", "USD"}}}
	}
	groups := GroupBillingMetrics([]Metric{TotalChargesMetric(), svc("AmazonS3"), svc("AmazonEC2"), {Namespace: "Other"}})
	if len(groups) != 2 || groups[0].Name != BillingGroupByService || len(groups[0].Metrics) != 2 || groups[1].Name != BillingGroupTotal || len(groups[1].Metrics) != 1 {
		t.Fatalf("groups = %+v", groups)
	}
}
