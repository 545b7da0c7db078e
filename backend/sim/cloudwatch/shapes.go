package cloudwatch

import "time"

// Wire shapes, named and ordered as in the CloudWatch API model (MetricAlarm members
// follow the model's xmlOrder). Optional members are pointers so nil is omitted.

// Dimension is one name/value pair of a metric.
type Dimension struct {
	Name  string
	Value string
}

// DimensionFilter matches a dimension by name and, optionally, value.
type DimensionFilter struct {
	Name  string
	Value *string
}

// Metric identifies a series.
type Metric struct {
	Namespace  *string
	MetricName *string
	Dimensions []Dimension
}

// Tag is a CloudWatch resource tag.
type Tag struct {
	Key   string
	Value string
}

// MetricStat is a metric, a period and a statistic, for GetMetricData and alarms.
type MetricStat struct {
	Metric *Metric
	Period *int32
	Stat   *string
	Unit   *string
}

// MetricDataQuery is one query of GetMetricData (or of a metric-math alarm).
type MetricDataQuery struct {
	Id         string
	MetricStat *MetricStat
	Expression *string
	Label      *string
	ReturnData *bool
	Period     *int32
	AccountId  *string
}

// MetricAlarm is the DescribeAlarms shape of a metric alarm.
type MetricAlarm struct {
	AlarmName                          *string
	AlarmArn                           *string
	AlarmDescription                   *string
	AlarmConfigurationUpdatedTimestamp *time.Time
	ActionsEnabled                     *bool
	OKActions                          []string
	AlarmActions                       []string
	InsufficientDataActions            []string
	StateValue                         *string
	StateReason                        *string
	StateReasonData                    *string
	StateUpdatedTimestamp              *time.Time
	MetricName                         *string
	Namespace                          *string
	Statistic                          *string
	Dimensions                         []Dimension
	Period                             *int32
	Unit                               *string
	EvaluationPeriods                  *int32
	Threshold                          *float64
	ComparisonOperator                 *string
	ExtendedStatistic                  *string
	TreatMissingData                   *string
	EvaluateLowSampleCountPercentile   *string
	DatapointsToAlarm                  *int32
	Metrics                            []MetricDataQuery
	ThresholdMetricId                  *string
	StateTransitionedTimestamp         *time.Time
}

// Datapoint is one GetMetricStatistics bucket; only the requested statistics are set.
type Datapoint struct {
	Timestamp   *time.Time
	SampleCount *float64
	Average     *float64
	Sum         *float64
	Minimum     *float64
	Maximum     *float64
	Unit        *string
}

// MessageData is a message attached to GetMetricData results.
type MessageData struct {
	Code  *string
	Value *string
}

// MetricDataResult is one query's answer in GetMetricData.
type MetricDataResult struct {
	Id         *string
	Label      *string
	Timestamps []time.Time
	Values     []float64
	StatusCode *string
	Messages   []MessageData
}

// AlarmHistoryItem is one DescribeAlarmHistory entry.
type AlarmHistoryItem struct {
	AlarmName       *string
	AlarmType       *string
	Timestamp       *time.Time
	HistoryItemType *string
	HistorySummary  *string
	HistoryData     *string
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
