package s3_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/labconsole/labconsole/backend/sim/billing"
	simct "github.com/labconsole/labconsole/backend/sim/cloudtrail"
	"github.com/labconsole/labconsole/backend/sim/protocol"
	simS3 "github.com/labconsole/labconsole/backend/sim/s3"
)

// The simulator hands S3 to CloudTrail (delivery) and billing (storage cost) by
// type assertion, which would quietly skip a Service whose methods drifted.
var (
	_ simct.Buckets               = (*simS3.Service)(nil)
	_ billing.StoredBytesReporter = (*simS3.Service)(nil)
)

// TestVirtualHostedStyle reaches buckets by host name, as SDKs do by default: on
// AWS's own endpoint names (the in-process transport answers any host), on
// bucket.localhost and on the in-process endpoint.
func TestVirtualHostedStyle(t *testing.T) {
	ctx := context.Background()
	s, admin := adminClient(t)
	mustCreateBucket(t, admin, "vhost-bucket")
	for name, base := range map[string]*string{
		"aws endpoint": nil, // the SDK's own: https://vhost-bucket.s3.ap-northeast-2.amazonaws.com
		"localhost":    aws.String("http://localhost:4566"),
		"in process":   aws.String(endpoint),
	} {
		cfg := config(s, s.AdminCredentials())
		cfg.BaseEndpoint = base
		c := s3.NewFromConfig(cfg) // virtual-hosted is the SDK's default
		key := "dir/" + name + ".txt"
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("vhost-bucket"), Key: aws.String(key), Body: nil}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("vhost-bucket"), Prefix: aws.String(key)})
		if err != nil || len(out.Contents) != 1 || aws.ToString(out.Contents[0].Key) != key || aws.ToString(out.Name) != "vhost-bucket" {
			t.Fatalf("%s: %+v %v", name, out, err)
		}
		loc, err := c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("vhost-bucket")})
		if err != nil || loc.LocationConstraint != "ap-northeast-2" {
			t.Fatalf("%s: location %v", name, err)
		}
	}
}

// TestInProcessAPI is what CloudTrail delivery and billing use.
func TestInProcessAPI(t *testing.T) {
	ctx := context.Background()
	s, admin := adminClient(t)
	svc := s.S3()
	if ok, err := svc.BucketExists(ctx, trailBucket); err != nil || ok {
		t.Fatalf("exists before create: %v %v", ok, err)
	}
	if err := svc.CreateBucketInternal(ctx, trailBucket, "ap-northeast-2", t0); err != nil {
		t.Fatal(err)
	}
	var pe *protocol.Error
	if err := svc.CreateBucketInternal(ctx, trailBucket, "ap-northeast-2", t0); !errors.As(err, &pe) || pe.Code != "BucketAlreadyOwnedByYou" {
		t.Fatalf("twice: %v", err)
	}
	if err := svc.CreateBucketInternal(ctx, "Bad_Name", "ap-northeast-2", t0); !errors.As(err, &pe) || pe.Code != "InvalidBucketName" {
		t.Fatalf("bad name: %v", err)
	}
	if ok, _ := svc.BucketExists(ctx, trailBucket); !ok {
		t.Fatal("bucket missing")
	}
	if _, ok, err := svc.BucketPolicy(ctx, trailBucket); ok || err != nil {
		t.Fatalf("no policy yet: %v %v", ok, err)
	}
	if _, _, err := svc.BucketPolicy(ctx, "nope-bucket"); !errors.As(err, &pe) || pe.Code != "NoSuchBucket" {
		t.Fatalf("policy of a missing bucket: %v", err)
	}
	doc := `{"Version":"2012-10-17","Statement":[{"Sid":"AWSCloudTrailAclCheck","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::` + trailBucket + `"},` +
		`{"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::` + trailBucket + `/AWSLogs/123456789012/*","Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}}]}`
	if err := svc.PutBucketPolicyInternal(ctx, trailBucket, doc); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := svc.BucketPolicy(ctx, trailBucket); !ok || err != nil || got != doc {
		t.Fatalf("policy %v %v", ok, err)
	}
	if err := svc.PutBucketPolicyInternal(ctx, trailBucket, `{"Statement":[]}`); !errors.As(err, &pe) || pe.Code != "MalformedPolicy" {
		t.Fatalf("malformed: %v", err)
	}

	key := "AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/123456789012_CloudTrail_ap-northeast-2_20261122T0935Z_AbCdEfGh12345678.json.gz"
	body := []byte("\x1f\x8bgzip")
	etag, err := svc.PutObjectInternal(ctx, trailBucket, key, body, "application/json", map[string]string{"Trail": "lab-events-trail"}, t0)
	if err != nil || etag != md5ETag(body) {
		t.Fatalf("put %s %v", etag, err)
	}
	if _, err := svc.PutObjectInternal(ctx, "nope-bucket", "k", body, "", nil, t0); !errors.As(err, &pe) || pe.Code != "NoSuchBucket" {
		t.Fatalf("put into a missing bucket: %v", err)
	}
	get, err := admin.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(trailBucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(get.Body)
	if string(got) != string(body) || aws.ToString(get.ContentType) != "application/json" || get.Metadata["trail"] != "lab-events-trail" {
		t.Fatalf("read back %q %+v", got, get)
	}
	if n, err := svc.StoredBytes(ctx); err != nil || n != int64(len(body)) {
		t.Fatalf("StoredBytes %d %v", n, err)
	}
	if r, err := svc.BucketRegion(ctx, trailBucket); err != nil || r != "ap-northeast-2" {
		t.Fatalf("region %q %v", r, err)
	}
}

// TestCallsAreRecorded: bucket-level calls are management events in Event history
// with the bucket as their resource; object-level calls are data events, which Event
// history leaves out.
func TestCallsAreRecorded(t *testing.T) {
	ctx := context.Background()
	s, admin := adminClient(t)
	mustCreateBucket(t, admin, "recorded-bucket")
	mustPut(t, admin, "recorded-bucket", "k", "v")
	ct := cloudtrail.NewFromConfig(config(s, s.AdminCredentials()))
	for name, want := range map[string]int{"CreateBucket": 1, "PutObject": 0} {
		out, err := ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{LookupAttributes: []cttypes.LookupAttribute{{
			AttributeKey: cttypes.LookupAttributeKeyEventName, AttributeValue: aws.String(name)}}})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Events) != want {
			t.Fatalf("%s: %d events", name, len(out.Events))
		}
		if want == 0 {
			continue
		}
		ev := out.Events[0]
		if aws.ToString(ev.EventSource) != "s3.amazonaws.com" || len(ev.Resources) != 1 ||
			aws.ToString(ev.Resources[0].ResourceType) != "AWS::S3::Bucket" || aws.ToString(ev.Resources[0].ResourceName) != "recorded-bucket" {
			t.Fatalf("%s: %+v", name, ev)
		}
		var rec struct {
			RequestParameters map[string]any `json:"requestParameters"`
			EventCategory     string         `json:"eventCategory"`
		}
		if err := json.Unmarshal([]byte(aws.ToString(ev.CloudTrailEvent)), &rec); err != nil {
			t.Fatal(err)
		}
		if rec.RequestParameters["bucketName"] != "recorded-bucket" || rec.RequestParameters["Host"] == nil || rec.EventCategory != "Management" {
			t.Fatalf("record %s", aws.ToString(ev.CloudTrailEvent))
		}
	}
}
