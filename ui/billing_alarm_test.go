package ui_test

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/theme"
)

// The lab's values (part A of the walkthrough).
const (
	labAlarm = "lab-myalarm"
	labEmail = "student@example.com"
	labTopic = "Default_CloudWatch_Alarms_Topic"
)

// newLabSession is newSession with the session's clock on the simulator's, as the
// console runs: the simulator's base time is pinned, and fast-forwards move both, so
// charts and "Simulated time" follow the lab.
func newLabSession(t *testing.T, lang locales.Lang) (*ui.Model, *common.Common, *sim.Sim) {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	b := awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := &common.Common{Ctx: context.Background(), Clock: s.Clock().Now, Renderer: r, Styles: theme.DefaultStyles(r, theme.Default()), L: locales.New(lang), Backend: b}
	return ui.New(c), c, s
}

// billingData turns billing alerts on and fast-forwards by, so EstimatedCharges has
// datapoints (one every 6 simulated hours).
func billingData(by time.Duration) func(t *testing.T, c *common.Common, s *sim.Sim) {
	return func(t *testing.T, c *common.Common, s *sim.Sim) {
		t.Helper()
		ctx := context.Background()
		if _, err := c.Backend.SetReceiveBillingAlerts(ctx, true); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Advance(ctx, by); err != nil {
			t.Fatal(err)
		}
	}
}

// labAlarmReady makes lab steps A2–A9's alarm and topic through the backend.
func labAlarmReady(t *testing.T, c *common.Common, _ *sim.Sim) {
	t.Helper()
	ctx := context.Background()
	topic, err := c.Backend.CreateTopic(ctx, model.NewTopic{Name: labTopic})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Backend.Subscribe(ctx, topic.Arn, "email", labEmail); err != nil {
		t.Fatal(err)
	}
	err = c.Backend.PutAlarm(ctx, model.AlarmInput{Name: labAlarm, Metric: model.TotalChargesMetric(), Statistic: "Maximum", Period: 21600,
		EvaluationPeriods: 1, DatapointsToAlarm: 1, Threshold: 200, ComparisonOperator: model.GreaterThanThreshold, TreatMissingData: "missing",
		AlarmActions: []string{topic.Arn}})
	if err != nil {
		t.Fatal(err)
	}
}

func downs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "down"
	}
	return out
}

func both(fns ...func(t *testing.T, c *common.Common, s *sim.Sim)) func(t *testing.T, c *common.Common, s *sim.Sim) {
	return func(t *testing.T, c *common.Common, s *sim.Sim) {
		for _, f := range fns {
			f(t, c, s)
		}
	}
}

// Key sequences from the console home.
var (
	toBilling     = wait("Receive Billing Alerts", "결제 알림 받기", "enter")
	toCloudWatch  = wait("Getting started with CloudWatch", "CloudWatch 시작하기", "down", "enter")
	toAlarms      = []step{toCloudWatch, wait("Alarms (", "경보 (", "enter")}
	toCreateAlarm = []step{toCloudWatch, wait("▸ Billing", "▸ 결제", "down", "enter")}
	wizardMetric  = join(toCreateAlarm, []step{
		wait("Metrics (8)", "지표 (8)", "enter"),
		wait("Metrics (1)", "지표 (1)", "down", "enter"),
		wait("[x]", "[x]", "space"),
		wait("Namespace AWS/Billing", "네임스페이스 AWS/Billing", "enter"),
		wait("┄┄ > 200", "┄┄ > 200", "tab", "tab", "tab", "tab", "200"),
	})
	wizardActions = append(wizardMetric,
		wait("Alarm state trigger", "경보 상태 트리거", "ctrl+n"),
		wait(labEmail, labEmail, "tab", "down", "tab", "tab", labEmail))
	wizardName    = append(wizardActions, wait("Alarm name", "경보 이름", "ctrl+n"), wait(labAlarm, labAlarm, labAlarm))
	wizardPreview = append(wizardName, wait("Step 1: Metric and conditions", "1단계: 지표 및 조건", "ctrl+n"))
)

// billingAlarmScreens are the golden screens of lab part A, each replayed by key
// presses from the console home on a fresh simulator.
func billingAlarmScreens() []struct {
	name  string
	setup func(t *testing.T, c *common.Common, s *sim.Sim)
	steps []step
} {
	return []struct {
		name  string
		setup func(t *testing.T, c *common.Common, s *sim.Sim)
		steps []step
	}{
		{"billing_preferences", nil, []step{toBilling}},
		{"alarms_list", labAlarmReady, join(toAlarms, []step{wait(labAlarm, labAlarm)})},
		{"wizard_1_browse", billingData(18 * time.Hour), join(toCreateAlarm, []step{wait("Metrics (8)", "지표 (8)", "enter")})},
		{"wizard_1_metric_chart", billingData(18 * time.Hour), wizardMetric},
		{"wizard_2_actions", billingData(18 * time.Hour), wizardActions},
		{"wizard_3_name", billingData(18 * time.Hour), wizardName},
		{"wizard_4_preview", billingData(18 * time.Hour), wizardPreview},
		{"wizard_4_preview_cli", billingData(18 * time.Hour), append(wizardPreview, wait("put-metric-alarm", "put-metric-alarm", downs(25)...))},
		{"alarm_detail", both(billingData(18*time.Hour), labAlarmReady, billingData(6*time.Hour)),
			join(toAlarms, []step{wait(labAlarm, labAlarm), wait("History", "기록", "enter")})},
		{"mailbox_confirmation", labAlarmReady, []step{toCloudWatch,
			wait("Subscription Confirmation", "Subscription Confirmation", "down", "down", "down", "down", "enter")}},
	}
}

// TestBillingAlarmGoldenScreens compares each screen of lab part A at 100×30 with its
// golden file, in English and in Korean.
func TestBillingAlarmGoldenScreens(t *testing.T) {
	for _, sc := range billingAlarmScreens() {
		for _, lang := range []locales.Lang{locales.English, locales.Korean} {
			t.Run(sc.name+"_"+string(lang), func(t *testing.T) {
				m, c, s := newLabSession(t, lang)
				if sc.setup != nil {
					sc.setup(t, c, s)
				}
				tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
				drive(t, tm, lang, sc.steps)
				view := finish(t, tm).View()
				assertFits(t, view, 100, 30)
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// TestLabPartA drives all of lab part A by key presses, in English and in Korean:
// turn on billing alerts, create lab-myalarm with a new topic and an email endpoint,
// confirm the subscription in the mailbox, fast-forward until the alarm is OK, book
// 250 USD and fast-forward until it is In alarm, and read the notification. Then it
// checks the account through the backend.
func TestLabPartA(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			m, c, _ := newLabSession(t, lang)
			steps := []step{
				// A1: Billing preferences, then Manage billing alerts.
				toBilling,
				wait("Preferences saved", "기본 설정을 저장했습니다", "space", "ctrl+s"),
				wait("Alarms (0)", "경보 (0)", "m"),
				// Billing data comes every 6 simulated hours: fast-forward to the first.
				wait("2026-11-22 15:30:00 UTC.", "2026-11-22 15:30:00 UTC입니다", "f"),
				// A2–A9: the wizard.
				wait("▸ Billing", "▸ 결제", "c"),
				wait("Metrics (8)", "지표 (8)", "enter"),
				wait("Metrics (1)", "지표 (1)", "down", "enter"),
				wait("[x]", "[x]", "space"),
				wait("Namespace AWS/Billing", "네임스페이스 AWS/Billing", "enter"),
				wait("┄┄ > 200", "┄┄ > 200", "tab", "tab", "tab", "tab", "200"),
				wait("Alarm state trigger", "경보 상태 트리거", "ctrl+n"),
				wait(labEmail, labEmail, "tab", "down", "tab", "tab", labEmail),
				wait("Alarm name", "경보 이름", "ctrl+n"),
				wait("Step 1: Metric and conditions", "1단계: 지표 및 조건", labAlarm, "ctrl+n"),
				// A10: the list, then the subscription confirmation in the mailbox.
				wait("Successfully created alarm lab-myalarm.", "경보 lab-myalarm을(를) 생성했습니다.", "ctrl+n"),
				wait("Subscription Confirmation", "Subscription Confirmation", "m"),
				wait("[c] Confirm subscription", "[c] 구독 확인", "enter"),
				wait("Subscription confirmed", "구독이 확인되었습니다", "c"),
				wait("Alarms (1)", "경보 (1)", "esc", "esc"),
				// The next datapoint: OK. Then 250 USD of charges and the next: In alarm.
				wait("2026-11-22 21:30:00 UTC.", "2026-11-22 21:30:00 UTC입니다", "f"),
				wait("Added 250 USD", "250 USD를 추가했습니다", "$", "enter"),
				wait("In alarm", "경보 중", "f"),
				wait(`ALARM: "lab-myalarm"`, `ALARM: "lab-myalarm"`, "m"),
			}
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
			drive(t, tm, lang, steps)
			finish(t, tm)
			checkPartA(t, c.Backend)
		})
	}
}

// checkPartA checks what lab part A leaves in the account.
func checkPartA(t *testing.T, b backend.Backend) {
	t.Helper()
	ctx := context.Background()
	prefs, err := b.BillingPreferences(ctx)
	if err != nil || !prefs.ReceiveBillingAlerts {
		t.Errorf("billing preferences = %+v, %v", prefs, err)
	}
	a, err := b.GetAlarm(ctx, labAlarm)
	if err != nil {
		t.Fatal(err)
	}
	topicArn := "arn:aws:sns:ap-northeast-2:123456789012:" + labTopic
	if a.State != model.AlarmStateAlarm || a.Threshold != 200 || a.ComparisonOperator != model.GreaterThanThreshold ||
		a.Statistic != "Maximum" || a.Period != 21600 || len(a.AlarmActions) != 1 || a.AlarmActions[0] != topicArn ||
		a.Metric.Namespace != model.BillingNamespace || a.Metric.DimensionValue("Currency") != "USD" {
		t.Errorf("alarm = %+v", a)
	}
	hist, err := b.AlarmHistory(ctx, labAlarm, model.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var summaries []string
	for _, h := range hist.Items {
		summaries = append(summaries, h.Summary)
	}
	joined := strings.Join(summaries, "\n")
	for _, want := range []string{"Alarm updated from INSUFFICIENT_DATA to OK", "Alarm updated from OK to ALARM"} {
		if !strings.Contains(joined, want) {
			t.Errorf("history lacks %q:\n%s", want, joined)
		}
	}
	subs, err := b.ListSubscriptions(ctx, topicArn, model.PageRequest{})
	if err != nil || len(subs.Items) != 1 || subs.Items[0].Pending() || subs.Items[0].Endpoint != labEmail {
		t.Errorf("subscriptions = %+v, %v", subs.Items, err)
	}
	mails, err := b.Mailbox(ctx, labEmail)
	if err != nil {
		t.Fatal(err)
	}
	alarmMails := 0
	for _, m := range mails {
		if m.Kind == "Notification" && strings.HasPrefix(m.Subject, `ALARM: "lab-myalarm"`) {
			alarmMails++
		}
	}
	if alarmMails != 1 {
		t.Errorf("%d alarm notifications in the mailbox, want 1: %+v", alarmMails, mails)
	}
}
