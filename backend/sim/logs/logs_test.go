package logs_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cwl "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/backend/sim/logs"
)

type rt struct{ s *sim.Sim }

func (r rt) Do(req *http.Request) (*http.Response, error) { return r.s.RoundTripper().RoundTrip(req) }

func newSim(t *testing.T) (*sim.Sim, *cwl.Client) {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c := s.AdminCredentials()
	return s, cwl.NewFromConfig(aws.Config{Region: s.Region(), Credentials: credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, ""),
		HTTPClient: rt{s}, BaseEndpoint: aws.String("http://sim.labconsole.internal")})
}

func apiErr(t *testing.T, err error, code, msg string) {
	t.Helper()
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != code || (msg != "" && api.ErrorMessage() != msg) {
		t.Fatalf("err = %v, want %s: %s", err, code, msg)
	}
}

func TestGroupsStreamsEvents(t *testing.T) {
	ctx := context.Background()
	s, c := newSim(t)
	group := aws.String("/lab/app")
	if _, err := c.CreateLogGroup(ctx, &cwl.CreateLogGroupInput{LogGroupName: group}); err != nil {
		t.Fatal(err)
	}
	_, err := c.CreateLogGroup(ctx, &cwl.CreateLogGroupInput{LogGroupName: group})
	apiErr(t, err, "ResourceAlreadyExistsException", "The specified log group already exists")
	_, err = c.CreateLogGroup(ctx, &cwl.CreateLogGroupInput{LogGroupName: aws.String("bad name")})
	apiErr(t, err, "InvalidParameterException", `1 validation error detected: Value 'bad name' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+`)
	_, err = c.PutRetentionPolicy(ctx, &cwl.PutRetentionPolicyInput{LogGroupName: group, RetentionInDays: aws.Int32(4)})
	apiErr(t, err, "InvalidParameterException", "")
	if _, err := c.PutRetentionPolicy(ctx, &cwl.PutRetentionPolicyInput{LogGroupName: group, RetentionInDays: aws.Int32(30)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateLogStream(ctx, &cwl.CreateLogStreamInput{LogGroupName: group, LogStreamName: aws.String("web-1")}); err != nil {
		t.Fatal(err)
	}
	_, err = c.PutLogEvents(ctx, &cwl.PutLogEventsInput{LogGroupName: group, LogStreamName: aws.String("web-2"),
		LogEvents: []types.InputLogEvent{{Timestamp: aws.Int64(1), Message: aws.String("x")}}})
	apiErr(t, err, "ResourceNotFoundException", "The specified log stream does not exist.")

	now := s.Clock().Now()
	msgs := []string{`{"eventName":"CreateBucket","errorCode":"AccessDenied","latency":120}`, "INFO started", "ERROR disk full",
		`{"eventName":"RunInstances","errorCode":"Client.UnauthorizedOperation","latency":40}`, "WARN slow response"}
	var evs []types.InputLogEvent
	for i, m := range msgs {
		evs = append(evs, types.InputLogEvent{Timestamp: aws.Int64(now.Add(time.Duration(i-10) * time.Second).UnixMilli()), Message: aws.String(m)})
	}
	out, err := c.PutLogEvents(ctx, &cwl.PutLogEventsInput{LogGroupName: group, LogStreamName: aws.String("web-1"), LogEvents: evs})
	if err != nil || out.RejectedLogEventsInfo != nil {
		t.Fatalf("PutLogEvents = %+v %v", out, err)
	}
	_, err = c.PutLogEvents(ctx, &cwl.PutLogEventsInput{LogGroupName: group, LogStreamName: aws.String("web-1"), LogEvents: []types.InputLogEvent{evs[1], evs[0]}})
	apiErr(t, err, "InvalidParameterException", "Log events in a single PutLogEvents request must be in chronological order.")

	got, err := c.GetLogEvents(ctx, &cwl.GetLogEventsInput{LogGroupName: group, LogStreamName: aws.String("web-1"), StartFromHead: aws.Bool(true), Limit: aws.Int32(3)})
	if err != nil || len(got.Events) != 3 || aws.ToString(got.Events[0].Message) != msgs[0] {
		t.Fatalf("GetLogEvents = %+v %v", got, err)
	}
	more, err := c.GetLogEvents(ctx, &cwl.GetLogEventsInput{LogGroupName: group, LogStreamName: aws.String("web-1"), NextToken: got.NextForwardToken, Limit: aws.Int32(3)})
	if err != nil || len(more.Events) != 2 {
		t.Fatalf("next page = %+v %v", more, err)
	}
	end, _ := c.GetLogEvents(ctx, &cwl.GetLogEventsInput{LogGroupName: group, LogStreamName: aws.String("web-1"), NextToken: more.NextForwardToken})
	if len(end.Events) != 0 || aws.ToString(end.NextForwardToken) != aws.ToString(more.NextForwardToken) {
		t.Fatalf("end of stream: %d events, token %q vs %q", len(end.Events), aws.ToString(end.NextForwardToken), aws.ToString(more.NextForwardToken))
	}

	for pattern, want := range map[string]int{
		"":                                 5,
		"ERROR":                            1,
		"?ERROR ?WARN":                     2,
		`"disk full"`:                      1,
		"-INFO eventName":                  2,
		`{ $.eventName = "CreateBucket" }`: 1,
		`{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`: 2,
		`{ $.latency > 100 && $.eventName = "Create*" }`:                                  1,
	} {
		res, err := c.FilterLogEvents(ctx, &cwl.FilterLogEventsInput{LogGroupName: group, FilterPattern: aws.String(pattern)})
		if err != nil || len(res.Events) != want {
			t.Errorf("pattern %q: %d events (%v), want %d", pattern, len(res.Events), err, want)
		}
	}
	_, err = c.FilterLogEvents(ctx, &cwl.FilterLogEventsInput{LogGroupName: group, FilterPattern: aws.String("[ip, user]")})
	apiErr(t, err, "InvalidParameterException", "")

	groups, err := c.DescribeLogGroups(ctx, &cwl.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("/lab")})
	if err != nil || len(groups.LogGroups) != 1 || aws.ToInt32(groups.LogGroups[0].RetentionInDays) != 30 || aws.ToInt64(groups.LogGroups[0].StoredBytes) == 0 ||
		aws.ToString(groups.LogGroups[0].Arn) != "arn:aws:logs:ap-northeast-2:123456789012:log-group:/lab/app:*" {
		t.Fatalf("DescribeLogGroups = %+v %v", groups, err)
	}
	streams, err := c.DescribeLogStreams(ctx, &cwl.DescribeLogStreamsInput{LogGroupName: group})
	if err != nil || len(streams.LogStreams) != 1 || streams.LogStreams[0].LastEventTimestamp == nil {
		t.Fatalf("DescribeLogStreams = %+v %v", streams, err)
	}
	if _, err := c.DeleteLogGroup(ctx, &cwl.DeleteLogGroupInput{LogGroupName: group}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DeleteLogGroup(ctx, &cwl.DeleteLogGroupInput{LogGroupName: group})
	apiErr(t, err, "ResourceNotFoundException", "The specified log group does not exist.")
}

// TestInternalDelivery is how CloudTrail writes a trail's events to a group.
func TestInternalDelivery(t *testing.T) {
	ctx := context.Background()
	s, c := newSim(t)
	arn := "arn:aws:logs:ap-northeast-2:123456789012:log-group:aws-cloudtrail-logs-lab:*"
	if err := s.Logs().EnsureLogStream(ctx, arn, "123456789012_CloudTrail_ap-northeast-2"); err != nil {
		t.Fatal(err)
	}
	if err := s.Logs().EnsureLogStream(ctx, arn, "123456789012_CloudTrail_ap-northeast-2"); err != nil {
		t.Fatalf("Ensure is idempotent: %v", err)
	}
	now := s.Clock().Now()
	var evs []logs.InputEvent
	for i := 12000; i > 0; i-- { // more than one PutLogEvents batch, newest first
		evs = append(evs, logs.InputEvent{Timestamp: now.Add(-time.Duration(i) * time.Millisecond), Message: fmt.Sprintf(`{"n":%d}`, i)})
	}
	if err := s.Logs().PutLogEventsInternal(ctx, arn, "123456789012_CloudTrail_ap-northeast-2", evs); err != nil {
		t.Fatal(err)
	}
	res, err := c.FilterLogEvents(ctx, &cwl.FilterLogEventsInput{LogGroupName: aws.String("aws-cloudtrail-logs-lab"), FilterPattern: aws.String("{ $.n <= 10 }")})
	if err != nil || len(res.Events) != 10 {
		t.Fatalf("filter after internal delivery: %d %v", len(res.Events), err)
	}
	if n, err := s.Logs().StoredBytes(ctx); err != nil || n == 0 {
		t.Fatalf("StoredBytes = %d %v", n, err)
	}
}
