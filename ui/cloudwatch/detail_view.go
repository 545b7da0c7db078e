package cloudwatch

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch/simlab"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/cells"
)

// View implements tea.Model.
func (d *AlarmDetail) View() string {
	st := d.c.Styles
	title := st.Title.Render(d.name)
	switch {
	case !d.loaded:
		return title + "\n\n" + st.Muted.Render(d.c.T("Loading"))
	case d.err != nil:
		return title + "\n\n" + action.ErrorPanel(d.c, d.err, d.width)
	}
	s := d.alarm.State
	title += "  " + stateStyle(d.c, s).Render(stateMark(s)+" "+stateLabel(d.c, s))
	chartView, statusView := d.chartView(), d.statusView()
	bodyH := d.bodyHeight(chartView, statusView)
	lines, _ := cells.Scroll(d.tabLines(), d.yoff, bodyH)
	parts := []string{title, "", chartView, d.tabBar(), cells.FitLines(strings.Join(lines, "\n"), d.width, bodyH)}
	if statusView != "" {
		parts = append(parts, statusView)
	}
	return d.runner.Overlay(strings.Join(parts, "\n"))
}

// chartView is the chart, or AWS's error when the series could not be read.
func (d *AlarmDetail) chartView() string {
	if d.seriesE != nil {
		return action.ErrorPanel(d.c, d.seriesE, d.width)
	}
	return d.chart.View()
}

// statusView is the charges prompt, the outcome of the last change and, in
// simulator mode, the lab's clock line.
func (d *AlarmDetail) statusView() string {
	var status []string
	if d.prompt != nil {
		status = append(status, d.prompt.View())
	}
	if v := d.runner.View(d.width); v != "" {
		status = append(status, v)
	}
	if simlab.Available(d.c) {
		status = append(status, d.clockLine())
	}
	return strings.Join(status, "\n")
}

// bodyHeight is what the title, the chart, the tab bar and the status leave the tab.
func (d *AlarmDetail) bodyHeight(chartView, statusView string) int {
	used := 2 + lipgloss.Height(chartView) + 2
	if statusView != "" {
		used += lipgloss.Height(statusView)
	}
	return max(d.height-used, 3)
}

// scroll moves the tab's first line by delta, within its lines.
func (d *AlarmDetail) scroll(delta int) {
	h := d.bodyHeight(d.chartView(), d.statusView())
	d.yoff = min(max(d.yoff+delta, 0), max(len(d.tabLines())-h, 0))
}

// tabBar is "Details │ Actions │ History" with the tab shown marked, and a rule.
func (d *AlarmDetail) tabBar() string {
	st := d.c.Styles
	names := []string{d.c.T("CWTabDetails"), d.c.T("CWTabActions"), d.c.T("CWHistory")}
	parts := make([]string, len(names))
	for i, n := range names {
		label := strconv.Itoa(i+1) + " " + n
		if i == d.tab {
			parts[i] = st.Menu.ItemSelected.Render("▸ " + label)
		} else {
			parts[i] = st.Muted.Render("  " + label)
		}
	}
	return strings.Join(parts, st.Faint.Render("  │")) + "\n" + st.Faint.Render(strings.Repeat("─", max(d.width, 1)))
}

// tabLines are the lines of the tab shown.
func (d *AlarmDetail) tabLines() []string {
	switch d.tab {
	case tabActions:
		return d.actionLines()
	case tabHistory:
		return d.historyLines()
	}
	return d.detailLines()
}

// field is "label   value" with the labels of one tab aligned.
func (d *AlarmDetail) fields(rows [][2]string) []string {
	st := d.c.Styles
	w := 0
	for _, r := range rows {
		w = max(w, lipgloss.Width(r[0]))
	}
	var out []string
	for _, r := range rows {
		label := cells.Fit(r[0], w+2, lipgloss.Left)
		for i, l := range cells.WrapWords(r[1], max(d.width-w-2, 10)) {
			if i > 0 {
				label = strings.Repeat(" ", w+2)
			}
			out = append(out, st.Subtitle.Render(label)+st.Text.Render(l))
		}
	}
	return out
}

func (d *AlarmDetail) detailLines() []string {
	a, c := d.alarm, d.c
	m := a.DatapointsToAlarm
	if m == 0 {
		m = a.EvaluationPeriods
	}
	missing := a.TreatMissingData
	if missing == "" {
		missing = "missing"
	}
	desc := a.Description
	if desc == "" {
		desc = "-"
	}
	rows := [][2]string{
		{c.T("CWAlarmName"), a.Name},
		{c.T("CWDescriptionLabel"), desc},
		{c.T("CWColState"), stateLabel(c, a.State)},
		{c.T("CWStateReason"), a.StateReason},
		{c.T("CWColConditions"), condition(c, a)},
		{c.T("CWColLastUpdate"), simlab.Stamp(a.StateUpdated)},
		{c.T("CWNamespace"), a.Metric.Namespace},
		{c.T("CWMetricName"), a.Metric.MetricName},
		{c.T("CWDimensions"), dimensionsText(a.Metric)},
		{c.T("CWStatistic"), statisticLabel(c, a.Statistic)},
		{c.T("CWPeriod"), periodText(c, a.Period)},
		{c.T("CWDatapointsToAlarm"), c.Tf("CWOutOf", map[string]any{"M": m, "N": a.EvaluationPeriods})},
		{c.T("CWMissingData"), missingDataLabel(c, missing)},
		{c.T("CWColActions"), actionsText(c, a)},
		{"ARN", a.Arn},
	}
	return d.fields(rows)
}

func (d *AlarmDetail) actionLines() []string {
	a, c := d.alarm, d.c
	var rows [][2]string
	add := func(state model.AlarmState, arns []string) {
		for _, arn := range arns {
			rows = append(rows, [2]string{stateLabel(c, state), c.Tf("CWSendToTopic", map[string]any{"Topic": model.TopicNameFromArn(arn)}) + "  " + arn})
		}
	}
	add(model.AlarmStateAlarm, a.AlarmActions)
	add(model.AlarmStateOK, a.OKActions)
	add(model.AlarmStateInsufficientData, a.InsufficientDataActions)
	if len(rows) == 0 {
		return []string{d.c.Styles.Muted.Render(c.T("CWNoActions"))}
	}
	lines := []string{d.c.Styles.Subtitle.Render(c.T("CWAlarmStateTrigger"))}
	return append(lines, d.fields(rows)...)
}

func (d *AlarmDetail) historyLines() []string {
	st := d.c.Styles
	if d.histErr != nil {
		return strings.Split(action.ErrorPanel(d.c, d.histErr, d.width), "\n")
	}
	if len(d.history) == 0 {
		return []string{st.Muted.Render(d.c.T("CWHistoryEmpty"))}
	}
	lines := []string{st.Table.Header.Render(cells.Fit(d.c.T("CWColDate"), 21, lipgloss.Left) + cells.Fit(d.c.T("CWColType"), 21, lipgloss.Left) + d.c.T("CWColDescription"))}
	for _, h := range d.history {
		lines = append(lines, cells.Fit(simlab.Stamp(h.Timestamp), 21, lipgloss.Left)+cells.Fit(historyType(d.c, h.Type), 21, lipgloss.Left)+h.Summary)
	}
	return lines
}

// historyType words a history item's type as the console's History tab does.
func historyType(c interface{ T(string) string }, t string) string {
	switch t {
	case "StateUpdate":
		return c.T("CWHistoryStateUpdate")
	case "ConfigurationUpdate":
		return c.T("CWHistoryConfigUpdate")
	case "Action":
		return c.T("CWHistoryAction")
	}
	return t
}

// clockLine shows the simulated time and the keys that move the lab along.
func (d *AlarmDetail) clockLine() string {
	st := d.c.Styles
	line := st.Muted.Render(d.c.T("CWSimulatedTime")+" ") + st.Text.Render(simlab.Stamp(d.now)+" UTC")
	hint := d.c.Tf("CWClockHint", map[string]any{"Duration": periodText(d.c, max(d.alarm.Period, 60))})
	return cells.Fit(line+st.Muted.Render("  ·  "+hint), d.width, lipgloss.Left)
}

// ShortHelp implements help.KeyMap.
func (d *AlarmDetail) ShortHelp() []key.Binding {
	switch {
	case d.runner.Open():
		return nil
	case d.prompt != nil:
		return d.prompt.ShortHelp()
	}
	k := d.keys
	return []key.Binding{k.NextTab, k.Up, k.Down, k.Delete, k.FastForward, k.Spend, k.Mailbox, k.Refresh}
}

// FullHelp implements help.KeyMap.
func (d *AlarmDetail) FullHelp() [][]key.Binding {
	k := d.keys
	return [][]key.Binding{{k.NextTab, k.PrevTab, k.Up, k.Down}, {k.Delete, k.Refresh}, {k.FastForward, k.Spend, k.Mailbox}}
}
