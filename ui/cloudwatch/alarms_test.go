package cloudwatch

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/theme"
	"github.com/labconsole/labconsole/ui/uitest"
)

func alarm(name string, state model.AlarmState) model.Alarm {
	return model.Alarm{Name: name, State: state, StateUpdated: labNow(), ActionsEnabled: true, AlarmActions: []string{"arn:aws:sns:ap-northeast-2:123456789012:t"},
		Metric: model.TotalChargesMetric(), Statistic: "Maximum", Period: 21600, EvaluationPeriods: 1, DatapointsToAlarm: 1,
		Threshold: 200, ComparisonOperator: model.GreaterThanThreshold, StateReason: "Unchecked: Initial alarm creation"}
}

func TestAlarmsUpdate(t *testing.T) {
	page := func(alarms ...model.Alarm) model.Page[model.Alarm] { return model.Page[model.Alarm]{Items: alarms} }
	cases := []struct {
		name      string
		lang      locales.Lang
		msgs      func(a *Alarms) []any
		wantIn    []string
		wantNotIn []string
	}{
		{"the lab's alarm as the console words it", locales.English, func(a *Alarms) []any {
			return []any{alarmsMsg{owner: a, req: a.req, page: page(alarm("lab-myalarm", model.AlarmStateInsufficientData))}}
		}, []string{"Alarms (1)", "lab-myalarm", "Insufficient data", "2026-11-22 09:30:00", "EstimatedCharges > 200 for 1 datapoints within 6 hours", "Actions enabled"}, nil},
		{"in Korean, as the handout", locales.Korean, func(a *Alarms) []any {
			return []any{alarmsMsg{owner: a, req: a.req, page: page(alarm("lab-myalarm", model.AlarmStateInsufficientData))}}
		}, []string{"경보 (1)", "데이터 부족", "6시간 내 1개의 데이터 포인트에 대한 EstimatedCharges > 200", "작업이 활성화됨"}, nil},
		{"a stale answer is dropped", locales.English, func(a *Alarms) []any {
			return []any{alarmsMsg{owner: a, req: a.req, page: page(alarm("fresh", model.AlarmStateOK))},
				alarmsMsg{owner: a, req: a.req - 1, page: page(alarm("stale", model.AlarmStateOK))}}
		}, []string{"fresh"}, []string{"stale"}},
		{"another list's answer is dropped", locales.English, func(a *Alarms) []any {
			return []any{alarmsMsg{owner: &Alarms{}, req: a.req, page: page(alarm("other", model.AlarmStateOK))}}
		}, nil, []string{"other"}},
		{"a denial shows the permissions panel", locales.English, func(a *Alarms) []any {
			return []any{alarmsMsg{owner: a, req: a.req, err: &backend.Error{Kind: backend.KindAccessDenied, Code: "AccessDenied",
				Message: "User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: cloudwatch:DescribeAlarms on resource: arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:*"}}}
		}, []string{"Insufficient permissions", "cloudwatch:DescribeAlarms"}, nil},
		{"no actions is a warning", locales.English, func(a *Alarms) []any {
			al := alarm("quiet", model.AlarmStateOK)
			al.AlarmActions = nil
			return []any{alarmsMsg{owner: a, req: a.req, page: page(al)}}
		}, []string{"No actions"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newLab(t, tc.lang)
			a := NewAlarms(c)
			a.Init()
			a.SetSize(120, 24)
			for _, msg := range tc.msgs(a) {
				a.Update(msg)
			}
			view := a.View()
			for _, w := range tc.wantIn {
				if !strings.Contains(view, w) {
					t.Errorf("view lacks %q:\n%s", w, view)
				}
			}
			for _, w := range tc.wantNotIn {
				if strings.Contains(view, w) {
					t.Errorf("view has %q:\n%s", w, view)
				}
			}
		})
	}
}

func TestStateFilterCycles(t *testing.T) {
	c, _ := newLab(t, locales.English)
	a := NewAlarms(c)
	a.SetSize(100, 24)
	want := []model.AlarmState{model.AlarmStateAlarm, model.AlarmStateOK, model.AlarmStateInsufficientData, ""}
	for _, w := range want {
		press(t, a, "t")
		if a.state != w {
			t.Fatalf("state filter %q, want %q", a.state, w)
		}
	}
	press(t, a, "t")
	if !strings.Contains(a.View(), "State: In alarm") {
		t.Errorf("the filter is not shown:\n%s", a.View())
	}
}

// TestStatesAreColoured checks the State cells get their colour in a colour terminal
// while every line keeps its width and text.
func TestStatesAreColoured(t *testing.T) {
	for _, lang := range locales.Langs {
		c := uitest.Common(lang)
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(termenv.TrueColor)
		c.Styles = theme.DefaultStyles(r, theme.Default())
		lab, _ := newLab(t, lang)
		c.Backend = lab.Backend
		a := NewAlarms(c)
		a.SetSize(100, 20)
		a.Update(alarmsMsg{owner: a, req: a.req, page: model.Page[model.Alarm]{Items: []model.Alarm{
			alarm("a-alarm", model.AlarmStateAlarm), alarm("b-ok", model.AlarmStateOK), alarm("c-none", model.AlarmStateInsufficientData)}}})
		tv := a.table.View()
		coloured := a.colourStates(tv)
		if coloured == tv {
			t.Fatalf("%s: no state was coloured:\n%s", lang, tv)
		}
		plain, lines := strings.Split(ansi.Strip(tv), "\n"), strings.Split(coloured, "\n")
		for i, l := range lines {
			if ansi.Strip(l) != plain[i] || lipgloss.Width(l) != 100 {
				t.Errorf("%s line %d changed: %q (%d cells), want %q", lang, i, ansi.Strip(l), lipgloss.Width(l), plain[i])
			}
		}
		red := stateStyle(c, model.AlarmStateAlarm).Render(stateLabel(c, model.AlarmStateAlarm))
		if !strings.Contains(coloured, red) {
			t.Errorf("%s: the In alarm cell is not red", lang)
		}
	}
}

func TestDeleteAsksAndReloads(t *testing.T) {
	c, _ := newLab(t, locales.English)
	ctx := context.Background()
	if err := c.Backend.PutAlarm(ctx, model.AlarmInput{Name: "doomed", Metric: labMetric(), Statistic: "Maximum", Period: 21600,
		EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: model.GreaterThanThreshold}); err != nil {
		t.Fatal(err)
	}
	a := NewAlarms(c)
	a.SetSize(100, 24)
	for _, m := range expand(a.Init()) {
		run(t, a, m)
	}
	press(t, a, "d")
	if !a.runner.Open() || !strings.Contains(a.View(), "Delete alarm?") || !strings.Contains(a.View(), "delete-alarms --alarm-names doomed") {
		t.Fatalf("d must ask first, with the CLI:\n%s", a.View())
	}
	press(t, a, "enter")
	if _, err := c.Backend.GetAlarm(ctx, "doomed"); backend.KindOf(err) != backend.KindNotFound {
		t.Fatalf("the alarm is still there: %v", err)
	}
	if !strings.Contains(a.View(), "Alarms (0)") || !strings.Contains(a.View(), "Deleted alarm doomed.") {
		t.Errorf("after the delete:\n%s", a.View())
	}
}

func TestFastForwardAndSpendMoveTheLab(t *testing.T) {
	c, s := newLab(t, locales.English)
	c.Clock = s.Clock().Now
	a := NewAlarms(c)
	a.SetSize(100, 30)
	press(t, a, "f")
	if got := s.Clock().Now(); !got.Equal(labNow().Add(6 * time.Hour)) {
		t.Fatalf("clock at %s after f, want +6h", got)
	}
	if !strings.Contains(a.View(), "Clock fast-forwarded by 6 hours to 2026-11-22 15:30:00 UTC.") || !strings.Contains(a.View(), "labconsole sim advance 6h") {
		t.Errorf("fast-forward outcome:\n%s", a.View())
	}
	press(t, a, "$")
	if !a.Capturing() {
		t.Fatal("the charges prompt must capture typing")
	}
	press(t, a, "backspace", "backspace", "backspace", "abc", "enter")
	if !strings.Contains(a.View(), "Enter a positive amount") {
		t.Errorf("a bad amount must be refused:\n%s", a.View())
	}
	press(t, a, "backspace", "backspace", "backspace", "250", "enter")
	if a.prompt != nil || !strings.Contains(a.View(), "Added 250 USD") {
		t.Errorf("after 250:\n%s", a.View())
	}
}
