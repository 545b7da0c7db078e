package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"

	"github.com/labconsole/labconsole/model"
)

// LookupEvents implements backend.CloudTrail: one page of Event history. Each event
// carries its record parsed for the details view; a record that does not parse is
// still listed (Raw keeps it), since Event history must show what CloudTrail has.
// Calls are paced to CloudTrail's 2 per second per account (pacing.go); one that
// must wait says so through WithLookupWait.
func (b *Backend) LookupEvents(ctx context.Context, q model.EventQuery) (model.Page[model.Event], error) {
	in := &cloudtrail.LookupEventsInput{}
	if q.Attribute != "" {
		in.LookupAttributes = []types.LookupAttribute{{AttributeKey: types.LookupAttributeKey(q.Attribute), AttributeValue: aws.String(q.Value)}}
	}
	if !q.Start.IsZero() {
		in.StartTime = aws.Time(q.Start)
	}
	if !q.End.IsZero() {
		in.EndTime = aws.Time(q.End)
	}
	if q.Page.Limit > 0 {
		in.MaxResults = aws.Int32(int32(min(q.Page.Limit, 50)))
	}
	if q.Page.Token != "" {
		in.NextToken = aws.String(q.Page.Token)
	}
	if b.lookups != nil {
		if err := b.lookups.wait(ctx); err != nil {
			return model.Page[model.Event]{}, wrap("cloudtrail:LookupEvents", err)
		}
	}
	out, err := b.cloudtrail.LookupEvents(ctx, in)
	if err != nil {
		return model.Page[model.Event]{}, wrap("cloudtrail:LookupEvents", err)
	}
	page := model.Page[model.Event]{Items: make([]model.Event, 0, len(out.Events)), NextToken: aws.ToString(out.NextToken)}
	for _, e := range out.Events {
		page.Items = append(page.Items, eventFrom(e))
	}
	return page, nil
}

func eventFrom(e types.Event) model.Event {
	ev := model.Event{
		EventID:     aws.ToString(e.EventId),
		EventName:   aws.ToString(e.EventName),
		EventTime:   aws.ToTime(e.EventTime),
		EventSource: aws.ToString(e.EventSource),
		Username:    aws.ToString(e.Username),
		AccessKeyID: aws.ToString(e.AccessKeyId),
		ReadOnly:    aws.ToString(e.ReadOnly) == "true",
		Raw:         aws.ToString(e.CloudTrailEvent),
	}
	for _, r := range e.Resources {
		ev.Resources = append(ev.Resources, model.EventResource{Type: aws.ToString(r.ResourceType), Name: aws.ToString(r.ResourceName)})
	}
	if rec, err := model.ParseEventRecord(ev.Raw); err == nil {
		ev.Record = rec
	}
	return ev
}
