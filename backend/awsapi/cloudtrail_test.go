package awsapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/backend/trailvalidate"
	"github.com/labconsole/labconsole/model"
)

// TestCloudTrailLabPartCAndD replays the lab's parts C and D through the backend the
// console uses: the Create trail wizard with a new bucket, the trail logging, Event
// history, the delivered log files in S3, and their validation.
func TestCloudTrailLabPartCAndD(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s, err := sim.New(ctx, sim.Options{Now: func() time.Time { return start }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	creds := s.AdminCredentials()
	b := awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})

	bucket := model.DefaultTrailBucketName(s.AccountID(), "mylog0a1")
	n := model.ConsoleNewTrail("lab-events-trail", bucket)
	n.Tags = []model.Tag{{Key: "Name", Value: "lab-events-trail"}}
	bad := n
	bad.Name = "lab--trail"
	if err := (bad).Validate(); err == nil {
		t.Fatal("the wizard must refuse adjacent dashes")
	}
	if _, err := b.CreateTrail(ctx, bad); err == nil {
		t.Fatal("CreateTrail must validate before calling AWS")
	}
	trail, err := b.CreateTrail(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	if !trail.IsMultiRegionTrail || !trail.LogFileValidationEnabled || len(trail.Tags) != 1 || trail.LogLocation(s.AccountID()) != bucket+"/AWSLogs/123456789012/" {
		t.Fatalf("created trail = %+v", trail)
	}
	st, err := b.GetTrailStatus(ctx, "lab-events-trail")
	if err != nil || !st.IsLogging {
		t.Fatalf("the console starts logging: %+v %v", st, err)
	}
	trails, err := b.ListTrails(ctx)
	if err != nil || len(trails) != 1 {
		t.Fatalf("ListTrails = %v %v", trails, err)
	}
	_, err = b.CreateTrail(ctx, n)
	if backend.KindOf(err) != backend.KindAlreadyExists {
		t.Fatalf("second CreateTrail: %v", err)
	}

	// Event history shows the wizard's own calls, newest first, with parsed records.
	page, err := b.LookupEvents(ctx, model.EventQuery{Attribute: model.LookupEventSource, Value: "s3.amazonaws.com"})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, e := range page.Items {
		names[e.EventName] = true
		if e.Record.EventName != e.EventName || e.Record.RecipientAccountID != s.AccountID() {
			t.Fatalf("record not parsed: %+v", e.Record)
		}
	}
	if !names["CreateBucket"] || !names["PutBucketPolicy"] {
		t.Fatalf("S3 events in Event history: %v", names)
	}
	page, err = b.LookupEvents(ctx, model.EventQuery{Attribute: model.LookupEventName, Value: "CreateTrail", Page: model.PageRequest{Limit: 1}})
	if err != nil || len(page.Items) != 1 || page.Items[0].Record.UserIdentity.UserName != "Administrator" {
		t.Fatalf("CreateTrail event: %+v %v", page, err)
	}

	// Part D: the log files in the bucket, after five simulated minutes.
	if _, _, err := s.Advance(ctx, 6*time.Minute); err != nil {
		t.Fatal(err)
	}
	s3c := s3.NewFromConfig(aws.Config{Region: s.Region(), Credentials: credentials.NewStaticCredentialsProvider(creds.AccessKeyID, creds.SecretAccessKey, ""),
		HTTPClient: &http.Client{Transport: s.RoundTripper()}, BaseEndpoint: aws.String(awsapi.SimulatorEndpoint)}, func(o *s3.Options) { o.UsePathStyle = true })
	list, err := s3c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String("AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/03/02/")})
	if err != nil || len(list.Contents) != 1 {
		t.Fatalf("log files: %v %v", list, err)
	}
	obj, err := s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: list.Contents[0].Key})
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(obj.Body)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(zr)
	var file struct{ Records []model.EventRecord }
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	var acl bool
	for _, r := range file.Records {
		if r.EventName == "GetBucketAcl" && r.UserIdentity.InvokedBy == "cloudtrail.amazonaws.com" && r.SourceIPAddress == "cloudtrail.amazonaws.com" {
			acl = true
		}
	}
	if !acl {
		t.Fatalf("the log file lacks GetBucketAcl by cloudtrail.amazonaws.com: %s", raw)
	}

	// Validation after the hourly digest; then a tampered file fails it.
	if _, _, err := s.Advance(ctx, time.Hour); err != nil {
		t.Fatal(err)
	}
	opts := trailvalidate.Options{TrailARN: trail.ARN, Start: start, End: s.Clock().Now()}
	res, err := b.ValidateTrailLogs(ctx, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if dv, _ := res.Count(trailvalidate.Digest); !res.OK() || dv == 0 {
		t.Fatalf("untouched logs: %+v", res.Files)
	}
	var tampered bytes.Buffer
	zw := gzip.NewWriter(&tampered)
	zw.Write([]byte(strings.Replace(string(raw), "GetBucketAcl", "GetBucketAcX", 1)))
	zw.Close()
	if _, err := s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: list.Contents[0].Key, Body: bytes.NewReader(tampered.Bytes())}); err != nil {
		t.Fatal(err)
	}
	res, err = b.ValidateTrailLogs(ctx, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, li := res.Count(trailvalidate.LogFile); res.OK() || li != 1 {
		t.Fatalf("tampered log not reported: %+v", res.Files)
	}

	if err := b.StopLogging(ctx, trail.ARN); err != nil {
		t.Fatal(err)
	}
	if err := b.DeleteTrail(ctx, trail.ARN); err != nil {
		t.Fatal(err)
	}
	if _, err := b.GetTrail(ctx, trail.ARN); backend.KindOf(err) != backend.KindNotFound {
		t.Fatalf("deleted trail: %v", err)
	}
}
