package awsapi

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"

	"github.com/labconsole/labconsole/model"
)

func logsToken(req model.PageRequest) *string {
	if req.Token == "" {
		return nil
	}
	return aws.String(req.Token)
}

func logsLimit(req model.PageRequest, max int) *int32 {
	if req.Limit <= 0 {
		return nil
	}
	return aws.Int32(int32(min(req.Limit, max)))
}

func logsTime(v *int64) time.Time {
	if v == nil {
		return time.Time{}
	}
	return time.UnixMilli(*v).UTC()
}

func logsTimePtr(v *int64) *time.Time {
	if v == nil {
		return nil
	}
	t := logsTime(v)
	return &t
}

func logsMillis(t *time.Time) *int64 {
	if t == nil {
		return nil
	}
	return aws.Int64(t.UnixMilli())
}

// ListLogGroups implements backend.Logs.
func (b *Backend) ListLogGroups(ctx context.Context, prefix string, req model.PageRequest) (model.Page[model.LogGroup], error) {
	in := &cloudwatchlogs.DescribeLogGroupsInput{NextToken: logsToken(req), Limit: logsLimit(req, 50)}
	if prefix != "" {
		in.LogGroupNamePrefix = aws.String(prefix)
	}
	out, err := b.logs.DescribeLogGroups(ctx, in)
	if err != nil {
		return model.Page[model.LogGroup]{}, wrap("logs:DescribeLogGroups", err)
	}
	page := model.Page[model.LogGroup]{Items: make([]model.LogGroup, 0, len(out.LogGroups)), NextToken: aws.ToString(out.NextToken)}
	for _, g := range out.LogGroups {
		arn := aws.ToString(g.LogGroupArn)
		if arn == "" {
			arn = aws.ToString(g.Arn)
		}
		page.Items = append(page.Items, model.LogGroup{Name: aws.ToString(g.LogGroupName), Arn: arn, Created: logsTime(g.CreationTime),
			RetentionInDays: int(aws.ToInt32(g.RetentionInDays)), StoredBytes: aws.ToInt64(g.StoredBytes)})
	}
	return page, nil
}

// CreateLogGroup implements backend.Logs; the name is checked first.
func (b *Backend) CreateLogGroup(ctx context.Context, name string) error {
	if err := model.ValidateLogGroupName(name); err != nil {
		return err
	}
	_, err := b.logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(name)})
	return wrap("logs:CreateLogGroup", err)
}

// DeleteLogGroup implements backend.Logs.
func (b *Backend) DeleteLogGroup(ctx context.Context, name string) error {
	_, err := b.logs.DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(name)})
	return wrap("logs:DeleteLogGroup", err)
}

// SetLogRetention implements backend.Logs.
func (b *Backend) SetLogRetention(ctx context.Context, group string, days int) error {
	if days == 0 {
		_, err := b.logs.DeleteRetentionPolicy(ctx, &cloudwatchlogs.DeleteRetentionPolicyInput{LogGroupName: aws.String(group)})
		return wrap("logs:DeleteRetentionPolicy", err)
	}
	if err := model.ValidateRetentionDays(days); err != nil {
		return err
	}
	_, err := b.logs.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{LogGroupName: aws.String(group), RetentionInDays: aws.Int32(int32(days))})
	return wrap("logs:PutRetentionPolicy", err)
}

// ListLogStreams implements backend.Logs: most recent activity first, as the
// console lists them.
func (b *Backend) ListLogStreams(ctx context.Context, group string, req model.PageRequest) (model.Page[model.LogStream], error) {
	out, err := b.logs.DescribeLogStreams(ctx, &cloudwatchlogs.DescribeLogStreamsInput{LogGroupName: aws.String(group),
		OrderBy: types.OrderByLastEventTime, Descending: aws.Bool(true), NextToken: logsToken(req), Limit: logsLimit(req, 50)})
	if err != nil {
		return model.Page[model.LogStream]{}, wrap("logs:DescribeLogStreams", err)
	}
	page := model.Page[model.LogStream]{Items: make([]model.LogStream, 0, len(out.LogStreams)), NextToken: aws.ToString(out.NextToken)}
	for _, s := range out.LogStreams {
		page.Items = append(page.Items, model.LogStream{Name: aws.ToString(s.LogStreamName), Arn: aws.ToString(s.Arn), Created: logsTime(s.CreationTime),
			FirstEvent: logsTimePtr(s.FirstEventTimestamp), LastEvent: logsTimePtr(s.LastEventTimestamp), LastIngestion: logsTimePtr(s.LastIngestionTime),
			LogGroupName: group, StoredBytesEst: aws.ToInt64(s.StoredBytes)})
	}
	return page, nil
}

// LogEvents implements backend.Logs. The page ends (NextToken "") when the stream's
// forward token stops moving.
func (b *Backend) LogEvents(ctx context.Context, in model.LogEventsRequest, req model.PageRequest) (model.Page[model.LogEvent], error) {
	q := &cloudwatchlogs.GetLogEventsInput{LogGroupName: aws.String(in.Group), LogStreamName: aws.String(in.Stream),
		StartTime: logsMillis(in.Start), EndTime: logsMillis(in.End), NextToken: logsToken(req), Limit: logsLimit(req, 10000), StartFromHead: aws.Bool(!in.FromTail)}
	out, err := b.logs.GetLogEvents(ctx, q)
	if err != nil {
		return model.Page[model.LogEvent]{}, wrap("logs:GetLogEvents", err)
	}
	page := model.Page[model.LogEvent]{Items: make([]model.LogEvent, 0, len(out.Events))}
	for _, e := range out.Events {
		page.Items = append(page.Items, model.LogEvent{Timestamp: logsTime(e.Timestamp), Ingested: logsTime(e.IngestionTime), Message: aws.ToString(e.Message), LogStreamName: in.Stream})
	}
	next := out.NextForwardToken
	if in.FromTail {
		next = out.NextBackwardToken
	}
	if len(out.Events) > 0 && aws.ToString(next) != req.Token {
		page.NextToken = aws.ToString(next)
	}
	return page, nil
}

// FilterLogEvents implements backend.Logs.
func (b *Backend) FilterLogEvents(ctx context.Context, f model.LogFilter, req model.PageRequest) (model.Page[model.LogEvent], error) {
	in := &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String(f.Group), LogStreamNames: f.Streams, StartTime: logsMillis(f.Start),
		EndTime: logsMillis(f.End), NextToken: logsToken(req), Limit: logsLimit(req, 10000)}
	if f.StreamPrefix != "" {
		in.LogStreamNamePrefix = aws.String(f.StreamPrefix)
	}
	if f.Pattern != "" {
		in.FilterPattern = aws.String(f.Pattern)
	}
	out, err := b.logs.FilterLogEvents(ctx, in)
	if err != nil {
		return model.Page[model.LogEvent]{}, wrap("logs:FilterLogEvents", err)
	}
	page := model.Page[model.LogEvent]{Items: make([]model.LogEvent, 0, len(out.Events)), NextToken: aws.ToString(out.NextToken)}
	for _, e := range out.Events {
		page.Items = append(page.Items, model.LogEvent{Timestamp: logsTime(e.Timestamp), Ingested: logsTime(e.IngestionTime), Message: aws.ToString(e.Message),
			LogStreamName: aws.ToString(e.LogStreamName), EventID: aws.ToString(e.EventId)})
	}
	return page, nil
}
