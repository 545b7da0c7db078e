package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

// CloudWatchIn implements backend.CloudWatch: a copy of b whose CloudWatch client
// signs for region.
func (b *Backend) CloudWatchIn(region string) backend.CloudWatch {
	if region == "" || region == b.info.Region {
		return b
	}
	cp := *b
	cp.info.Region = region
	cp.cloudwatch = cloudwatch.New(b.cloudwatch.Options(), func(o *cloudwatch.Options) { o.Region = region })
	return &cp
}

// cwRegion is a per-call option moving one CloudWatch call to region ("" = stay).
func cwRegion(region string) func(*cloudwatch.Options) {
	return func(o *cloudwatch.Options) {
		if region != "" {
			o.Region = region
		}
	}
}

// ListAlarms implements backend.CloudWatch: one page of metric alarms.
func (b *Backend) ListAlarms(ctx context.Context, f model.AlarmFilter, req model.PageRequest) (model.Page[model.Alarm], error) {
	in := &cloudwatch.DescribeAlarmsInput{AlarmNames: f.Names}
	if f.NamePrefix != "" {
		in.AlarmNamePrefix = aws.String(f.NamePrefix)
	}
	if f.State != "" {
		in.StateValue = types.StateValue(f.State)
	}
	if f.ActionPrefix != "" {
		in.ActionPrefix = aws.String(f.ActionPrefix)
	}
	if req.Token != "" {
		in.NextToken = aws.String(req.Token)
	}
	if req.Limit > 0 {
		in.MaxRecords = aws.Int32(int32(min(req.Limit, 100)))
	}
	out, err := b.cloudwatch.DescribeAlarms(ctx, in)
	if err != nil {
		return model.Page[model.Alarm]{}, wrap("cloudwatch:DescribeAlarms", err)
	}
	page := model.Page[model.Alarm]{Items: make([]model.Alarm, 0, len(out.MetricAlarms)), NextToken: aws.ToString(out.NextToken)}
	for _, a := range out.MetricAlarms {
		page.Items = append(page.Items, alarmFrom(a))
	}
	return page, nil
}

// GetAlarm implements backend.CloudWatch.
func (b *Backend) GetAlarm(ctx context.Context, name string) (model.Alarm, error) {
	out, err := b.cloudwatch.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{name}})
	if err != nil {
		return model.Alarm{}, wrap("cloudwatch:DescribeAlarms", err)
	}
	if len(out.MetricAlarms) == 0 {
		return model.Alarm{}, &backend.Error{Op: "cloudwatch:DescribeAlarms", Kind: backend.KindNotFound, Code: "ResourceNotFound",
			Message: "Alarm " + name + " does not exist."}
	}
	return alarmFrom(out.MetricAlarms[0]), nil
}

// PutAlarm implements backend.CloudWatch; the input is checked with CloudWatch's
// rules (actions in this region included) before the call.
func (b *Backend) PutAlarm(ctx context.Context, a model.AlarmInput) error {
	if err := a.Validate(b.info.Region); err != nil {
		return err
	}
	in := &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String(a.Name), ActionsEnabled: aws.Bool(!a.ActionsDisabled),
		OKActions: a.OKActions, AlarmActions: a.AlarmActions, InsufficientDataActions: a.InsufficientDataActions,
		Namespace: aws.String(a.Metric.Namespace), MetricName: aws.String(a.Metric.MetricName), Dimensions: dimensionsTo(a.Metric.Dimensions),
		Statistic: types.Statistic(a.Statistic), Period: aws.Int32(int32(a.Period)), EvaluationPeriods: aws.Int32(int32(a.EvaluationPeriods)),
		Threshold: aws.Float64(a.Threshold), ComparisonOperator: types.ComparisonOperator(a.ComparisonOperator),
	}
	if a.Description != "" {
		in.AlarmDescription = aws.String(a.Description)
	}
	if a.DatapointsToAlarm > 0 {
		in.DatapointsToAlarm = aws.Int32(int32(a.DatapointsToAlarm))
	}
	if a.TreatMissingData != "" {
		in.TreatMissingData = aws.String(a.TreatMissingData)
	}
	if a.Unit != "" {
		in.Unit = types.StandardUnit(a.Unit)
	}
	for _, t := range a.Tags {
		in.Tags = append(in.Tags, types.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)})
	}
	_, err := b.cloudwatch.PutMetricAlarm(ctx, in)
	return wrap("cloudwatch:PutMetricAlarm", err)
}

// DeleteAlarms implements backend.CloudWatch.
func (b *Backend) DeleteAlarms(ctx context.Context, names ...string) error {
	_, err := b.cloudwatch.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: names})
	return wrap("cloudwatch:DeleteAlarms", err)
}

// AlarmHistory implements backend.CloudWatch: newest first.
func (b *Backend) AlarmHistory(ctx context.Context, name string, req model.PageRequest) (model.Page[model.AlarmHistoryItem], error) {
	in := &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String(name)}
	if req.Token != "" {
		in.NextToken = aws.String(req.Token)
	}
	if req.Limit > 0 {
		in.MaxRecords = aws.Int32(int32(min(req.Limit, 100)))
	}
	out, err := b.cloudwatch.DescribeAlarmHistory(ctx, in)
	if err != nil {
		return model.Page[model.AlarmHistoryItem]{}, wrap("cloudwatch:DescribeAlarmHistory", err)
	}
	page := model.Page[model.AlarmHistoryItem]{NextToken: aws.ToString(out.NextToken)}
	for _, h := range out.AlarmHistoryItems {
		page.Items = append(page.Items, model.AlarmHistoryItem{AlarmName: aws.ToString(h.AlarmName), Timestamp: aws.ToTime(h.Timestamp),
			Type: string(h.HistoryItemType), Summary: aws.ToString(h.HistorySummary), Data: aws.ToString(h.HistoryData)})
	}
	return page, nil
}

// SetAlarmActionsEnabled implements backend.CloudWatch.
func (b *Backend) SetAlarmActionsEnabled(ctx context.Context, enabled bool, names ...string) error {
	if enabled {
		_, err := b.cloudwatch.EnableAlarmActions(ctx, &cloudwatch.EnableAlarmActionsInput{AlarmNames: names})
		return wrap("cloudwatch:EnableAlarmActions", err)
	}
	_, err := b.cloudwatch.DisableAlarmActions(ctx, &cloudwatch.DisableAlarmActionsInput{AlarmNames: names})
	return wrap("cloudwatch:DisableAlarmActions", err)
}

// SetAlarmState implements backend.CloudWatch.
func (b *Backend) SetAlarmState(ctx context.Context, name string, state model.AlarmState, reason string) error {
	_, err := b.cloudwatch.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String(name), StateValue: types.StateValue(state), StateReason: aws.String(reason)})
	return wrap("cloudwatch:SetAlarmState", err)
}

func alarmFrom(a types.MetricAlarm) model.Alarm {
	return model.Alarm{
		Name: aws.ToString(a.AlarmName), Arn: aws.ToString(a.AlarmArn), Description: aws.ToString(a.AlarmDescription),
		State: model.AlarmState(a.StateValue), StateReason: aws.ToString(a.StateReason), StateReasonData: aws.ToString(a.StateReasonData),
		StateUpdated: aws.ToTime(a.StateUpdatedTimestamp), ConfigUpdated: aws.ToTime(a.AlarmConfigurationUpdatedTimestamp),
		ActionsEnabled: aws.ToBool(a.ActionsEnabled), OKActions: a.OKActions, AlarmActions: a.AlarmActions, InsufficientDataActions: a.InsufficientDataActions,
		Metric:    model.Metric{Namespace: aws.ToString(a.Namespace), MetricName: aws.ToString(a.MetricName), Dimensions: dimensionsFrom(a.Dimensions)},
		Statistic: string(a.Statistic), Period: int(aws.ToInt32(a.Period)), EvaluationPeriods: int(aws.ToInt32(a.EvaluationPeriods)),
		DatapointsToAlarm: int(aws.ToInt32(a.DatapointsToAlarm)), Threshold: aws.ToFloat64(a.Threshold),
		ComparisonOperator: string(a.ComparisonOperator), TreatMissingData: aws.ToString(a.TreatMissingData), Unit: string(a.Unit),
	}
}

func dimensionsTo(ds []model.Dimension) []types.Dimension {
	out := make([]types.Dimension, len(ds))
	for i, d := range ds {
		out[i] = types.Dimension{Name: aws.String(d.Name), Value: aws.String(d.Value)}
	}
	return out
}

func dimensionsFrom(ds []types.Dimension) []model.Dimension {
	out := make([]model.Dimension, len(ds))
	for i, d := range ds {
		out[i] = model.Dimension{Name: aws.ToString(d.Name), Value: aws.ToString(d.Value)}
	}
	return out
}
