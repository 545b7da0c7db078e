package cloudwatch

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch/simlab"
	"github.com/labconsole/labconsole/ui/common"
)

// stateLabel is an alarm state as the console's State column words it: In alarm, OK,
// Insufficient data.
func stateLabel(c *common.Common, s model.AlarmState) string {
	switch s {
	case model.AlarmStateAlarm:
		return c.T("CWStateAlarm")
	case model.AlarmStateOK:
		return c.T("CWStateOK")
	case model.AlarmStateInsufficientData:
		return c.T("CWStateInsufficientData")
	}
	return string(s)
}

// stateStyle colours a state as the console does: red in alarm, green OK, grey when
// data is insufficient.
func stateStyle(c *common.Common, s model.AlarmState) lipgloss.Style {
	switch s {
	case model.AlarmStateAlarm:
		return c.Styles.Error.Bold(true)
	case model.AlarmStateOK:
		return c.Styles.Success
	}
	return c.Styles.Muted
}

// stateMark is a glyph beside the state so it reads without colour too.
func stateMark(s model.AlarmState) string {
	switch s {
	case model.AlarmStateAlarm:
		return "▲"
	case model.AlarmStateOK:
		return "✓"
	}
	return "-"
}

// periodText words a period in seconds: "6 hours", "5 minutes", "10 seconds".
func periodText(c *common.Common, seconds int) string {
	return simlab.Duration(c, time.Duration(seconds)*time.Second)
}

// thresholdText writes a threshold as CloudWatch does in conditions: 200, 0.5.
func thresholdText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// condition is the console's Conditions column: "EstimatedCharges > 200 for 1
// datapoints within 6 hours" (Korean: "6시간 내 1개의 데이터 포인트에 대한
// EstimatedCharges > 200").
func condition(c *common.Common, a model.Alarm) string {
	m := a.DatapointsToAlarm
	if m == 0 {
		m = a.EvaluationPeriods
	}
	return c.Tf("CWCondition", map[string]any{
		"Metric": a.Metric.MetricName, "Op": model.ComparisonSymbol(a.ComparisonOperator),
		"Threshold": thresholdText(a.Threshold), "Datapoints": m,
		"Period": periodText(c, a.Period*max(a.EvaluationPeriods, 1)),
	})
}

// actionsText is the Actions column: "Actions enabled", "Actions disabled", or the
// console's warning when no action is configured.
func actionsText(c *common.Common, a model.Alarm) string {
	if !a.ActionsEnabled {
		return c.T("CWActionsDisabled")
	}
	if len(a.AlarmActions)+len(a.OKActions)+len(a.InsufficientDataActions) == 0 {
		return c.T("CWActionsNone")
	}
	return c.T("CWActionsEnabled")
}

// statisticLabel is a statistic in the session's language: Maximum (최대).
func statisticLabel(c *common.Common, s string) string {
	switch s {
	case "Maximum":
		return c.T("CWStatMaximum")
	case "Minimum":
		return c.T("CWStatMinimum")
	case "Average":
		return c.T("CWStatAverage")
	case "Sum":
		return c.T("CWStatSum")
	case "SampleCount":
		return c.T("CWStatSampleCount")
	}
	return s
}

// comparisonLabel is a static condition as the wizard's radio words it: Greater,
// Greater/Equal, Lower/Equal, Lower.
func comparisonLabel(c *common.Common, op string) string {
	switch op {
	case model.GreaterThanThreshold:
		return c.T("CWGreater")
	case model.GreaterThanOrEqualToThreshold:
		return c.T("CWGreaterEqual")
	case model.LessThanOrEqualToThreshold:
		return c.T("CWLowerEqual")
	case model.LessThanThreshold:
		return c.T("CWLower")
	}
	return op
}

// dimensionsText writes a metric's dimensions: Currency=USD, ServiceName=AmazonEC2.
func dimensionsText(m model.Metric) string {
	parts := make([]string, len(m.Dimensions))
	for i, d := range m.Dimensions {
		parts[i] = d.Name + "=" + d.Value
	}
	return strings.Join(parts, ", ")
}

// chartWindow is the time range a chart of a period shows: 28 periods (a week of
// billing's six-hourly datapoints), at least three hours and at most two weeks.
func chartWindow(period int) time.Duration {
	w := time.Duration(period) * 28 * time.Second
	return min(max(w, 3*time.Hour), 14*24*time.Hour)
}

// regionName is the long name of the regions the lab meets, for notes such as "this
// alarm will be created in US East (N. Virginia)".
func regionName(c *common.Common, region string) string {
	switch region {
	case "us-east-1":
		return c.T("CWRegionUSEast1")
	case "ap-northeast-2":
		return c.T("CWRegionSeoul")
	}
	return region
}

// missingDataLabel words TreatMissingData as the wizard's Additional configuration
// does: "Treat missing data as missing".
func missingDataLabel(c *common.Common, v string) string {
	switch v {
	case "breaching":
		return c.T("CWMissingBreaching")
	case "notBreaching":
		return c.T("CWMissingNotBreaching")
	case "ignore":
		return c.T("CWMissingIgnore")
	}
	return c.T("CWMissingMissing")
}
