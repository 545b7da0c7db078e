package cloudtrail_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
)

type insightEvent struct {
	EventVersion, EventTime, AwsRegion, EventID, EventType, RecipientAccountID, SharedEventID, EventCategory string
	EventName                                                                                                *string
	InsightDetails                                                                                           struct {
		State, EventSource, EventName, InsightType string
		InsightContext                             struct {
			Statistics struct {
				Baseline, Insight struct{ Average float64 }
				InsightDuration   int
				BaselineDuration  int
			}
			Attributions []struct {
				Attribute         string
				Insight, Baseline []struct {
					Value   string
					Average float64
				}
			}
		}
	}
}

func TestInsights(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.bucketFor("ins-bucket", "", "ins-trail")
	arn := "arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/ins-trail"
	must[*cloudtrail.CreateTrailOutput](t)(e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("ins-trail"), S3BucketName: aws.String("ins-bucket")}))
	must[*cloudtrail.StartLoggingOutput](t)(e.ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("ins-trail")}))
	must[*cloudtrail.PutInsightSelectorsOutput](t)(e.ct.PutInsightSelectors(ctx, &cloudtrail.PutInsightSelectorsInput{TrailName: aws.String("ins-trail"),
		InsightSelectors: []types.InsightSelector{{InsightType: types.InsightTypeApiCallRateInsight}, {InsightType: types.InsightTypeApiErrorRateInsight}}}))
	tag := func(i int) {
		t.Helper()
		must[*cloudtrail.AddTagsOutput](t)(e.ct.AddTags(ctx, &cloudtrail.AddTagsInput{ResourceId: aws.String(arn),
			TagsList: []types.Tag{{Key: aws.String("k"), Value: aws.String(fmt.Sprint(i))}}}))
	}
	// A burst while Insights is still learning raises nothing.
	for i := 0; i < 15; i++ {
		tag(i)
	}
	// The baseline: one AddTags every ten minutes.
	for i := 0; i < 8; i++ {
		e.advance(10 * time.Minute)
		tag(i)
	}
	e.advance(10 * time.Minute) // 90 minutes in
	if ins := lookupInsights(t, e, nil); len(ins) != 0 {
		t.Fatalf("Insights events before any unusual activity: %+v", ins)
	}
	// Unusual activity: 20 AddTags and 12 failing GetTrail calls in one minute.
	burst := e.sim.Clock().Now()
	for i := 0; i < 20; i++ {
		tag(100 + i)
	}
	for i := 0; i < 12; i++ {
		_, err := e.ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String("no-such-trail")})
		wantCode(t, err, "TrailNotFoundException")
	}
	e.advance(3 * time.Minute)

	all := lookupInsights(t, e, nil)
	if len(all) != 4 {
		t.Fatalf("%d Insights events, want 4: %+v", len(all), all)
	}
	calls := lookupInsights(t, e, &types.LookupAttribute{AttributeKey: types.LookupAttributeKeyEventName, AttributeValue: aws.String("AddTags")})
	if len(calls) != 2 {
		t.Fatalf("AddTags Insights events: %+v", calls)
	}
	end, start := calls[0], calls[1]
	if start.InsightDetails.State != "Start" || end.InsightDetails.State != "End" || start.SharedEventID != end.SharedEventID || start.EventID == end.EventID ||
		start.EventType != "AwsCloudTrailInsight" || start.EventCategory != "Insight" || start.InsightDetails.InsightType != "ApiCallRateInsight" ||
		start.InsightDetails.EventSource != "cloudtrail.amazonaws.com" || start.EventName != nil || start.RecipientAccountID != account || start.AwsRegion != region {
		t.Fatalf("AddTags Insights events:\nstart %+v\nend %+v", start, end)
	}
	if start.EventTime != burst.Format("2006-01-02T15:04:05Z") || end.EventTime != burst.Add(time.Minute).Format("2006-01-02T15:04:05Z") {
		t.Fatalf("event times %s, %s (burst at %s)", start.EventTime, end.EventTime, burst)
	}
	stats := end.InsightDetails.InsightContext.Statistics
	// Baseline: 15 + 8 calls over 90 minutes; insight: 20 calls in one minute.
	if stats.Insight.Average != 20 || stats.InsightDuration != 1 || stats.BaselineDuration != 90 || fmt.Sprintf("%.4f", stats.Baseline.Average) != "0.2556" {
		t.Fatalf("statistics %+v", stats)
	}
	attrs := end.InsightDetails.InsightContext.Attributions
	if len(attrs) != 3 || attrs[0].Attribute != "userIdentityArn" || len(attrs[0].Insight) != 1 ||
		attrs[0].Insight[0].Value != "arn:aws:iam::123456789012:user/Administrator" || attrs[0].Insight[0].Average != 20 ||
		attrs[2].Attribute != "errorCode" || attrs[2].Insight[0].Value != "null" || len(attrs[0].Baseline) != 1 {
		t.Fatalf("attributions %+v", attrs)
	}
	errs := lookupInsights(t, e, &types.LookupAttribute{AttributeKey: types.LookupAttributeKeyEventName, AttributeValue: aws.String("GetTrail")})
	if len(errs) != 2 || errs[1].InsightDetails.InsightType != "ApiErrorRateInsight" || errs[1].InsightDetails.InsightContext.Statistics.Insight.Average != 12 ||
		errs[1].InsightDetails.InsightContext.Statistics.Baseline.Average != 0 {
		t.Fatalf("GetTrail Insights events: %+v", errs)
	}
	byID := lookupInsights(t, e, &types.LookupAttribute{AttributeKey: types.LookupAttributeKeyEventId, AttributeValue: aws.String(start.EventID)})
	if len(byID) != 1 || byID[0].EventID != start.EventID {
		t.Fatalf("by EventId: %+v", byID)
	}
	_, err := e.ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{EventCategory: types.EventCategoryInsight,
		LookupAttributes: []types.LookupAttribute{{AttributeKey: types.LookupAttributeKeyUsername, AttributeValue: aws.String("Administrator")}}})
	wantCode(t, err, "InvalidLookupAttributesException")
	// Management lookups do not show Insights events.
	mgmt := must[*cloudtrail.LookupEventsOutput](t)(e.ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{
		LookupAttributes: []types.LookupAttribute{{AttributeKey: types.LookupAttributeKeyEventId, AttributeValue: aws.String(start.EventID)}}}))
	if len(mgmt.Events) != 0 {
		t.Fatalf("management lookup found an Insights event")
	}

	// Delivered under CloudTrail-Insight with CloudTrail's file naming.
	e.advance(5 * time.Minute)
	files := e.buckets.keys("ins-bucket", "AWSLogs/123456789012/CloudTrail-Insight/")
	name := regexp.MustCompile(`^AWSLogs/123456789012/CloudTrail-Insight/ap-northeast-2/2026/03/02/123456789012_CloudTrail-Insight_ap-northeast-2_20260302T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$`)
	records := 0
	for _, k := range files {
		if !name.MatchString(k) {
			t.Fatalf("Insights file name %s", k)
		}
		obj, _ := e.buckets.get("ins-bucket", k)
		var doc struct{ Records []insightEvent }
		if err := json.Unmarshal(gunzip(t, obj.body), &doc); err != nil {
			t.Fatal(err)
		}
		records += len(doc.Records)
	}
	if records != 4 {
		t.Fatalf("%d Insights records delivered in %v", records, files)
	}
	// Turning Insights off stops the analysis.
	must[*cloudtrail.PutInsightSelectorsOutput](t)(e.ct.PutInsightSelectors(ctx, &cloudtrail.PutInsightSelectorsInput{TrailName: aws.String("ins-trail"), InsightSelectors: []types.InsightSelector{}}))
	for i := 0; i < 30; i++ {
		tag(200 + i)
	}
	e.advance(10 * time.Minute)
	if n := len(lookupInsights(t, e, nil)); n != 4 {
		t.Fatalf("%d Insights events after Insights was turned off", n)
	}
}

// lookupInsights pages through LookupEvents for Insights events one at a time.
func lookupInsights(t *testing.T, e *env, attr *types.LookupAttribute) []insightEvent {
	t.Helper()
	in := &cloudtrail.LookupEventsInput{EventCategory: types.EventCategoryInsight, MaxResults: aws.Int32(1)}
	if attr != nil {
		in.LookupAttributes = []types.LookupAttribute{*attr}
	}
	var out []insightEvent
	p := cloudtrail.NewLookupEventsPaginator(e.ct, in)
	for p.HasMorePages() {
		page := must[*cloudtrail.LookupEventsOutput](t)(p.NextPage(context.Background()))
		for _, ev := range page.Events {
			var rec insightEvent
			if err := json.Unmarshal([]byte(aws.ToString(ev.CloudTrailEvent)), &rec); err != nil {
				t.Fatal(err)
			}
			if aws.ToString(ev.EventName) != rec.InsightDetails.EventName || aws.ToString(ev.EventId) != rec.EventID {
				t.Fatalf("Event %+v does not match its record", ev)
			}
			out = append(out, rec)
		}
	}
	return out
}
