package backend

import (
	"context"

	"github.com/labconsole/labconsole/model"
)

// CloudWatch is the alarms and metrics part of the console.
type CloudWatch interface {
	// CloudWatchIn is this CloudWatch bound to another region: billing metrics,
	// and so billing alarms, live in us-east-1 on AWS, and the console switches
	// region for them.
	CloudWatchIn(region string) CloudWatch

	// ListMetrics lists one page of metrics matching filter.
	ListMetrics(ctx context.Context, filter model.MetricFilter, req model.PageRequest) (model.Page[model.Metric], error)
	// ListNamespaces lists the namespaces that have metrics (the Browse tab's tiles).
	ListNamespaces(ctx context.Context) ([]string, error)
	// BillingMetrics lists AWS/Billing metrics (always from us-east-1) grouped as the
	// console shows them: "By Service" and "Total Estimated Charge".
	BillingMetrics(ctx context.Context) ([]model.BillingMetricGroup, error)
	// MetricStatistics is one statistic of a metric over time, for the chart.
	MetricStatistics(ctx context.Context, req model.StatisticsRequest) (model.MetricSeries, error)

	ListAlarms(ctx context.Context, filter model.AlarmFilter, req model.PageRequest) (model.Page[model.Alarm], error)
	GetAlarm(ctx context.Context, name string) (model.Alarm, error)
	// PutAlarm creates or replaces an alarm; input is validated with CloudWatch's
	// rules first.
	PutAlarm(ctx context.Context, in model.AlarmInput) error
	DeleteAlarms(ctx context.Context, names ...string) error
	AlarmHistory(ctx context.Context, name string, req model.PageRequest) (model.Page[model.AlarmHistoryItem], error)
	SetAlarmActionsEnabled(ctx context.Context, enabled bool, names ...string) error
	// SetAlarmState sets an alarm's state until its next evaluation, firing its
	// actions (how the console tests a notification).
	SetAlarmState(ctx context.Context, name string, state model.AlarmState, reason string) error
}
