package cloudwatch

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/uitest"
)

// newWizard is the Create alarm wizard on a simulator with billing data, initialised.
func newWizard(t *testing.T, lang locales.Lang) (*CreateAlarm, *common.Common) {
	t.Helper()
	c, s := newLab(t, lang)
	c.Clock = s.Clock().Now
	billingOn(t, c, s, 18*time.Hour)
	w := NewCreateAlarm(c, true)
	w.SetSize(98, 25)
	for _, m := range expand(w.Init()) {
		run(t, w, m)
	}
	return w, c
}

// toConditions browses to Billing > Total Estimated Charge > USD and selects it.
func toConditions(t *testing.T, w *CreateAlarm) {
	t.Helper()
	press(t, w, "enter", "down", "enter", "space", "enter")
	if w.metric.Metric() == nil {
		t.Fatalf("no metric selected:\n%s", w.View())
	}
}

// toName fills steps 1 and 2 with the lab's values (threshold 200, a new topic with
// one email) and stops on step 3.
func toName(t *testing.T, w *CreateAlarm) {
	t.Helper()
	toConditions(t, w)
	press(t, w, "tab", "tab", "tab", "tab", "200", "ctrl+n")
	press(t, w, "tab", "down", "tab", "tab", "student@example.com", "ctrl+n")
	if w.Step() != stepName {
		t.Fatalf("on step %d, want the name step:\n%s", w.Step(), w.View())
	}
}

func TestWizardValidation(t *testing.T) {
	cases := []struct {
		name     string
		lang     locales.Lang
		keys     func(t *testing.T, w *CreateAlarm)
		wantStep int
		want     string
	}{
		{"Next needs a metric", locales.English, func(t *testing.T, w *CreateAlarm) { press(t, w, "ctrl+n") },
			stepMetric, "Select a metric"},
		{"the threshold must be a number", locales.English, func(t *testing.T, w *CreateAlarm) {
			toConditions(t, w)
			press(t, w, "tab", "tab", "tab", "tab", "lots", "ctrl+n")
		}, stepMetric, "Must be a number"},
		{"the threshold must be a number, in Korean", locales.Korean, func(t *testing.T, w *CreateAlarm) {
			toConditions(t, w)
			press(t, w, "tab", "tab", "tab", "tab", "ctrl+n")
		}, stepMetric, "숫자여야 함"},
		{"a new topic needs a valid email", locales.English, func(t *testing.T, w *CreateAlarm) {
			toConditions(t, w)
			press(t, w, "tab", "tab", "tab", "tab", "200", "ctrl+n")
			press(t, w, "tab", "down", "tab", "tab", "student@", "ctrl+n")
		}, stepActions, `"student@" is not a valid email address`},
		{"a new topic needs an email", locales.English, func(t *testing.T, w *CreateAlarm) {
			toConditions(t, w)
			press(t, w, "tab", "tab", "tab", "tab", "200", "ctrl+n")
			press(t, w, "tab", "down", "ctrl+n")
		}, stepActions, "Enter at least one email address."},
		{"an existing topic must be chosen", locales.English, func(t *testing.T, w *CreateAlarm) {
			toConditions(t, w)
			press(t, w, "tab", "tab", "tab", "tab", "200", "ctrl+n", "ctrl+n")
		}, stepActions, "Choose an SNS topic"},
		{"a topic ARN must be in the alarm's region", locales.English, func(t *testing.T, w *CreateAlarm) {
			toConditions(t, w)
			press(t, w, "tab", "tab", "tab", "tab", "200", "ctrl+n")
			press(t, w, "tab", "down", "down", "tab", "arn:aws:sns:eu-west-1:123456789012:t", "ctrl+n")
		}, stepActions, "Alarm actions must be in the alarm's Region (ap-northeast-2)."},
		{"the alarm name is required", locales.English, func(t *testing.T, w *CreateAlarm) {
			toName(t, w)
			press(t, w, "ctrl+n")
		}, stepName, "This field is required."},
		{"the description is at most 1024 characters", locales.English, func(t *testing.T, w *CreateAlarm) {
			toName(t, w)
			press(t, w, "lab-myalarm", "tab", strings.Repeat("x", 1025), "ctrl+n")
		}, stepName, "The description can be at most 1024 characters."},
		{"the alarm name must be unique", locales.English, func(t *testing.T, w *CreateAlarm) {
			if err := w.c.Backend.PutAlarm(context.Background(), model.AlarmInput{Name: "lab-myalarm", Metric: labMetric(), Statistic: "Maximum",
				Period: 21600, EvaluationPeriods: 1, Threshold: 5, ComparisonOperator: model.GreaterThanThreshold}); err != nil {
				t.Fatal(err)
			}
			toName(t, w)
			press(t, w, "lab-myalarm", "ctrl+n")
		}, stepName, "An alarm named lab-myalarm already exists in this Region."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w, _ := newWizard(t, tc.lang)
			tc.keys(t, w)
			if w.Step() != tc.wantStep {
				t.Errorf("on step %d, want %d", w.Step(), tc.wantStep)
			}
			if view := w.View(); !strings.Contains(view, tc.want) {
				t.Errorf("view lacks %q:\n%s", tc.want, view)
			}
		})
	}
}

func TestDescriptionCounter(t *testing.T) {
	w, _ := newWizard(t, locales.English)
	toName(t, w)
	press(t, w, "tab", "monthly bill")
	if !strings.Contains(w.View(), "Up to 1024 characters (12/1024)") {
		t.Errorf("counter:\n%s", w.View())
	}
}

func TestWizardNavigation(t *testing.T) {
	w, _ := newWizard(t, locales.English)
	toName(t, w)
	press(t, w, "ctrl+p")
	if w.Step() != stepActions || !strings.Contains(w.View(), "student@example.com") {
		t.Fatalf("ctrl+p must go back with the values kept:\n%s", w.View())
	}
	press(t, w, "ctrl+p", "ctrl+e")
	if w.Step() != stepMetric || w.metric.Metric() != nil || !strings.Contains(w.View(), "[x]  USD") {
		t.Fatalf("ctrl+e must reopen the metric browser where it was:\n%s", w.View())
	}
	press(t, w, "backspace", "backspace")
	if !strings.Contains(w.View(), "Browse") {
		t.Fatalf("backspace goes up to the namespaces:\n%s", w.View())
	}
	press(t, w, "enter", "down", "enter", "space", "enter") // untick: enter takes the row under the cursor
	if m := w.metric.Metric(); m == nil || m.DimensionValue("Currency") != "USD" {
		t.Fatalf("metric %+v", m)
	}
	nav := press(t, w, "esc")
	if len(nav) != 0 || !w.wiz.Confirming() {
		t.Fatalf("esc must ask Leave page? first (nav %v)", nav)
	}
	nav = press(t, w, "enter")
	if len(nav) != 1 || typeName(nav[0]) != "nav.PopMsg" {
		t.Fatalf("leaving must pop, got %v", nav)
	}
}

func TestChartFollowsTheThreshold(t *testing.T) {
	w, _ := newWizard(t, locales.English)
	toConditions(t, w)
	if pts := w.metric.chart.Points(); len(pts) != 3 {
		t.Fatalf("18 hours of billing are 3 datapoints, chart has %d", len(pts))
	}
	press(t, w, "tab", "tab", "tab", "tab", "0.5")
	if v, ok := w.metric.chart.Threshold(); !ok || v != 0.5 {
		t.Errorf("threshold %v %v, want 0.5", v, ok)
	}
	press(t, w, "x")
	if _, ok := w.metric.chart.Threshold(); ok {
		t.Error("a threshold that is not a number draws no line")
	}
}

func TestCreateMakesTopicSubscriptionAndAlarm(t *testing.T) {
	w, c := newWizard(t, locales.English)
	toName(t, w)
	press(t, w, "lab-myalarm", "ctrl+n")
	if !strings.Contains(strings.Join(w.preview.lines(), "\n"), "put-metric-alarm --alarm-name lab-myalarm") {
		t.Fatalf("preview lacks the CLI:\n%s", strings.Join(w.preview.lines(), "\n"))
	}
	nav := press(t, w, "ctrl+n")
	if len(nav) != 1 || typeName(nav[0]) != "nav.PopMsg" {
		t.Fatalf("create must go back to the list, nav = %v\n%s", nav, w.View())
	}
	ctx := context.Background()
	a, err := c.Backend.GetAlarm(ctx, "lab-myalarm")
	if err != nil || a.State != model.AlarmStateInsufficientData && a.State != model.AlarmStateOK || len(a.AlarmActions) != 1 {
		t.Fatalf("alarm = %+v, %v", a, err)
	}
	subs, err := c.Backend.ListSubscriptions(ctx, a.AlarmActions[0], model.PageRequest{})
	if err != nil || len(subs.Items) != 1 || !subs.Items[0].Pending() {
		t.Fatalf("subscriptions = %+v, %v", subs.Items, err)
	}
}

// failingPut is a backend whose PutMetricAlarm fails, as AWS may after the topic was
// made.
type failingPut struct{ backend.Backend }

func (f failingPut) CloudWatchIn(string) backend.CloudWatch { return f }

func (f failingPut) PutAlarm(context.Context, model.AlarmInput) error {
	return &backend.Error{Op: "cloudwatch:PutMetricAlarm", Kind: backend.KindLimitExceeded, Code: "LimitExceeded",
		Message: "The quota for alarms for this customer has already been reached."}
}

func TestCreateRollsBackTheNewTopic(t *testing.T) {
	w, c := newWizard(t, locales.English)
	real := c.Backend
	toName(t, w)
	press(t, w, "lab-myalarm", "ctrl+n")
	c.Backend = failingPut{real}
	nav := press(t, w, "ctrl+n")
	c.Backend = real
	if len(nav) != 0 {
		t.Fatalf("a failed create must stay in the wizard, nav = %v", nav)
	}
	view := w.View()
	for _, want := range []string{"LimitExceeded: The quota for alarms", "nothing was created"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	if w.Step() != stepPreview {
		t.Errorf("on step %d, want the preview", w.Step())
	}
	topics, err := real.ListTopics(context.Background(), model.PageRequest{})
	if err != nil || len(topics.Items) != 0 {
		t.Errorf("the wizard's topic must be deleted again: %+v %v", topics.Items, err)
	}
}

func TestAlarmRegion(t *testing.T) {
	billing, cpu := model.TotalChargesMetric(), model.Metric{Namespace: "AWS/EC2", MetricName: "CPUUtilization"}
	sim := backend.Info{Mode: backend.ModeSimulator, Region: "ap-northeast-2"}
	aws := backend.Info{Mode: backend.ModeAWS, Region: "ap-northeast-2"}
	for _, tc := range []struct {
		info backend.Info
		m    model.Metric
		want string
	}{{sim, billing, "ap-northeast-2"}, {aws, billing, "us-east-1"}, {aws, cpu, "ap-northeast-2"}} {
		if got := alarmRegion(tc.info, tc.m); got != tc.want {
			t.Errorf("alarmRegion(%v, %s) = %s, want %s", tc.info.Mode, tc.m.Namespace, got, tc.want)
		}
	}
	p := alarmPlan{region: "us-east-1", metric: billing, statistic: "Maximum", period: 21600, comparison: model.GreaterThanThreshold,
		threshold: 200, trigger: model.AlarmStateAlarm, topicMode: topicNew, newTopic: "t", emails: []string{"a@example.com"}, name: "n", account: "123456789012"}
	var lines []string
	for _, cmd := range p.commands() {
		lines = append(lines, cmd.String(aws))
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{"aws sns create-topic --name t --region ap-northeast-2", "--topic-arn arn:aws:sns:us-east-1:123456789012:t",
		"--alarm-actions arn:aws:sns:us-east-1:123456789012:t"} {
		if !strings.Contains(got, want) {
			t.Errorf("commands lack %q:\n%s", want, got)
		}
	}
}

func TestWizardFollowsALanguageSwitch(t *testing.T) {
	w, c := newWizard(t, locales.English)
	toConditions(t, w)
	run(t, w, uitest.SetLang(c, locales.Korean))
	view := w.View()
	for _, want := range []string{"지표 및 조건 지정", "이 경보는 6시간 내", "네임스페이스 AWS/Billing", "작업 구성"} {
		if !strings.Contains(view, want) {
			t.Errorf("after the switch the wizard lacks %q:\n%s", want, view)
		}
	}
}
