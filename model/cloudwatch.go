package model

import (
	"strconv"
	"time"
)

// AlarmState is a CloudWatch alarm's state (StateValue).
type AlarmState string

// The three states of a metric alarm.
const (
	AlarmStateOK               AlarmState = "OK"
	AlarmStateAlarm            AlarmState = "ALARM"
	AlarmStateInsufficientData AlarmState = "INSUFFICIENT_DATA"
)

// The comparison operators of a static-threshold alarm (the console's Greater >,
// Greater/Equal >=, Lower/Equal <=, Lower <).
const (
	GreaterThanThreshold          = "GreaterThanThreshold"
	GreaterThanOrEqualToThreshold = "GreaterThanOrEqualToThreshold"
	LessThanThreshold             = "LessThanThreshold"
	LessThanOrEqualToThreshold    = "LessThanOrEqualToThreshold"
)

// Statistics CloudWatch computes for a period.
var Statistics = []string{"SampleCount", "Average", "Sum", "Minimum", "Maximum"}

// TreatMissingDataValues are the ways an alarm can treat missing datapoints;
// "missing" is the default.
var TreatMissingDataValues = []string{"breaching", "notBreaching", "ignore", "missing"}

// ComparisonSymbol is the operator as the console's condition column shows it
// ("EstimatedCharges > 200 for 1 datapoints within 6 hours").
func ComparisonSymbol(op string) string {
	switch op {
	case GreaterThanThreshold:
		return ">"
	case GreaterThanOrEqualToThreshold:
		return ">="
	case LessThanThreshold:
		return "<"
	case LessThanOrEqualToThreshold:
		return "<="
	}
	return op
}

// Dimension is one name/value pair that identifies a metric (Currency=USD).
type Dimension struct {
	Name  string
	Value string
}

// Metric identifies one time series.
type Metric struct {
	Namespace  string
	MetricName string
	Dimensions []Dimension
}

// Datapoint is one aggregated value of a series at the start of its period.
type Datapoint struct {
	Timestamp time.Time
	Value     float64
}

// MetricSeries is one statistic of a metric over time, oldest first, for the chart.
type MetricSeries struct {
	Metric Metric
	Stat   string
	Period int
	Label  string
	Points []Datapoint
}

// StatisticsRequest asks for one statistic of a metric between Start and End.
type StatisticsRequest struct {
	Metric Metric
	Stat   string // "Maximum"
	Period int    // seconds
	Start  time.Time
	End    time.Time
}

// MetricFilter narrows ListMetrics; empty fields match everything.
type MetricFilter struct {
	Namespace  string
	MetricName string
	Dimensions []Dimension // a Value of "" matches any value of that dimension
}

// Alarm is a metric alarm as the Alarms list and the alarm details show it.
type Alarm struct {
	Name                    string
	Arn                     string
	Description             string
	State                   AlarmState
	StateReason             string
	StateReasonData         string
	StateUpdated            time.Time
	ConfigUpdated           time.Time
	ActionsEnabled          bool
	OKActions               []string
	AlarmActions            []string
	InsufficientDataActions []string
	Metric                  Metric
	Statistic               string
	Period                  int
	EvaluationPeriods       int
	DatapointsToAlarm       int
	Threshold               float64
	ComparisonOperator      string
	TreatMissingData        string
	Unit                    string
}

// ThresholdText is the threshold as CloudWatch prints it in conditions ("200").
func (a Alarm) ThresholdText() string {
	return strconv.FormatFloat(a.Threshold, 'f', -1, 64)
}

// AlarmFilter narrows DescribeAlarms; empty fields match every alarm.
type AlarmFilter struct {
	Names        []string
	NamePrefix   string
	State        AlarmState
	ActionPrefix string
}

// AlarmHistoryItem is one entry of an alarm's history tab.
type AlarmHistoryItem struct {
	AlarmName string
	Timestamp time.Time
	Type      string // ConfigurationUpdate, StateUpdate, Action
	Summary   string
	Data      string // JSON
}
