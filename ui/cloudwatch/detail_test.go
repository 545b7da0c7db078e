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
)

func labAlarm(t *testing.T, c *common.Common) {
	t.Helper()
	err := c.Backend.PutAlarm(context.Background(), model.AlarmInput{Name: "lab-myalarm", Metric: labMetric(), Statistic: "Maximum",
		Period: 21600, EvaluationPeriods: 1, DatapointsToAlarm: 1, Threshold: 200, ComparisonOperator: model.GreaterThanThreshold})
	if err != nil {
		t.Fatal(err)
	}
}

func TestAlarmDetail(t *testing.T) {
	c, s := newLab(t, locales.English)
	billingOn(t, c, s, 12*time.Hour)
	labAlarm(t, c)
	d := NewAlarmDetail(c, c.Backend.Info().Region, "lab-myalarm")
	d.SetSize(98, 25)
	for _, m := range expand(d.Init()) {
		run(t, d, m)
	}
	view := d.View()
	for _, want := range []string{"lab-myalarm", "Insufficient data", "200 ┤", "── EstimatedCharges", "┄┄ > 200", "1 Details", "Currency=USD", "Simulated time 2026-11-22 21:30:00"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	if n := len(d.chart.Points()); n != 2 {
		t.Errorf("12 hours of billing are 2 datapoints, chart has %d", n)
	}
	press(t, d, "f")
	if d.Alarm().State != model.AlarmStateOK || !strings.Contains(d.View(), "✓ OK") {
		t.Errorf("after a fast-forward the alarm evaluates OK:\n%s", d.View())
	}
	press(t, d, "3")
	if !strings.Contains(d.View(), "Alarm updated from INSUFFICIENT_DATA to OK") {
		t.Errorf("history tab:\n%s", d.View())
	}
	press(t, d, "tab", "tab")
	if !strings.Contains(d.View(), "This alarm has no actions") {
		t.Errorf("actions tab:\n%s", d.View())
	}
	press(t, d, "d")
	nav := press(t, d, "enter")
	if len(nav) != 1 || typeName(nav[0]) != "nav.PopMsg" {
		t.Fatalf("a delete goes back to the list, nav = %v\n%s", nav, d.View())
	}
	if _, err := c.Backend.GetAlarm(context.Background(), "lab-myalarm"); backend.KindOf(err) != backend.KindNotFound {
		t.Errorf("the alarm is still there: %v", err)
	}
}

func TestAlarmDetailOfAMissingAlarm(t *testing.T) {
	c, _ := newLab(t, locales.Korean)
	d := NewAlarmDetail(c, c.Backend.Info().Region, "gone")
	d.SetSize(98, 25)
	for _, m := range expand(d.Init()) {
		run(t, d, m)
	}
	if !strings.Contains(d.View(), "gone") || !strings.Contains(d.View(), "오류") {
		t.Errorf("a missing alarm shows AWS's error:\n%s", d.View())
	}
}
