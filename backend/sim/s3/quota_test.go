package s3_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/backend/sim/protocol"
	sims3 "github.com/labconsole/labconsole/backend/sim/s3"
	"github.com/labconsole/labconsole/model"
)

func limitedClient(t *testing.T, l sims3.Limits) (*sim.Sim, *s3.Client) {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: func() time.Time { return t0 }, S3Limits: l})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, client(s, s.AdminCredentials())
}

// wantQuota asserts err is the storage-limit refusal: AccountProblem, 403, with a
// message naming the limit.
func wantQuota(t *testing.T, err error, limit string) {
	t.Helper()
	wantAPIError(t, err, "AccountProblem", "")
	if httpStatus(err) != 403 {
		t.Fatalf("status %d, want 403", httpStatus(err))
	}
	if !strings.Contains(err.Error(), limit) {
		t.Fatalf("the message does not name the limit %q: %v", limit, err)
	}
}

func put(c *s3.Client, bucket, key string, body []byte) error {
	_, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)})
	return err
}

func copyObj(c *s3.Client, bucket, from, to string) error {
	_, err := c.CopyObject(context.Background(), &s3.CopyObjectInput{Bucket: aws.String(bucket), Key: aws.String(to), CopySource: aws.String(bucket + "/" + from)})
	return err
}

func TestObjectLimit(t *testing.T) {
	_, c := limitedClient(t, sims3.Limits{MaxObjects: 3})
	ctx := context.Background()
	mustCreateBucket(t, c, "quota-a")
	mustCreateBucket(t, c, "quota-b")
	mustPut(t, c, "quota-a", "one", "1")
	mustPut(t, c, "quota-a", "two", "2")
	mustPut(t, c, "quota-b", "three", "3") // the limit is the account's, across buckets
	wantQuota(t, put(c, "quota-b", "four", []byte("4")), "at most 3 objects")
	wantQuota(t, copyObj(c, "quota-a", "one", "copy"), "at most 3 objects")
	// Overwriting does not add an object; deleting makes room.
	if err := put(c, "quota-a", "one", []byte("one, longer")); err != nil {
		t.Fatalf("overwrite at the limit: %v", err)
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("quota-a"), Key: aws.String("two")}); err != nil {
		t.Fatal(err)
	}
	if err := copyObj(c, "quota-a", "one", "copy"); err != nil {
		t.Fatalf("copy after a delete: %v", err)
	}
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("quota-b")})
	if err != nil || len(out.Contents) != 1 {
		t.Fatalf("a refused put stored something: %+v %v", out, err)
	}
}

func TestByteLimit(t *testing.T) {
	_, c := limitedClient(t, sims3.Limits{MaxBytes: 100})
	mustCreateBucket(t, c, "quota-bytes")
	if err := put(c, "quota-bytes", "a", make([]byte, 60)); err != nil {
		t.Fatal(err)
	}
	wantQuota(t, put(c, "quota-bytes", "b", make([]byte, 41)), "at most 100 bytes")
	if err := put(c, "quota-bytes", "b", make([]byte, 40)); err != nil {
		t.Fatalf("exactly at the limit: %v", err)
	}
	wantQuota(t, put(c, "quota-bytes", "a", make([]byte, 61)), "100 bytes") // an overwrite that grows
	if err := put(c, "quota-bytes", "a", make([]byte, 10)); err != nil {
		t.Fatalf("an overwrite that shrinks: %v", err)
	}
	if err := copyObj(c, "quota-bytes", "b", "c"); err != nil { // 10 + 40 + 40
		t.Fatalf("a copy within the limit: %v", err)
	}
	wantQuota(t, copyObj(c, "quota-bytes", "b", "d"), "100 bytes") // 90 + 40 > 100
}

func TestMultipartLimits(t *testing.T) {
	ctx := context.Background()
	_, c := limitedClient(t, sims3.Limits{MaxObjects: 1, MaxBytes: 64})
	mustCreateBucket(t, c, "quota-mp")
	mustPut(t, c, "quota-mp", "first", "x")
	mu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("quota-mp"), Key: aws.String("big")})
	if err != nil {
		t.Fatal(err)
	}
	part := func(n int32, size int) (*s3.UploadPartOutput, error) {
		return c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("quota-mp"), Key: aws.String("big"), UploadId: mu.UploadId,
			PartNumber: aws.Int32(n), Body: bytes.NewReader(make([]byte, size))})
	}
	_, err = part(1, 64) // 1 + 64 > 64: parts count against the byte limit as they arrive
	wantQuota(t, err, "at most 64 bytes")
	up, err := part(1, 20)
	if err != nil {
		t.Fatal(err)
	}
	complete := func() error {
		_, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("quota-mp"), Key: aws.String("big"), UploadId: mu.UploadId,
			MultipartUpload: &s3types.CompletedMultipartUpload{Parts: []s3types.CompletedPart{{PartNumber: aws.Int32(1), ETag: up.ETag}}}})
		return err
	}
	wantQuota(t, complete(), "at most 1 objects")
	// The refusal left the upload as it was: deleting the other object lets it finish.
	if _, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("quota-mp"), Key: aws.String("big"), UploadId: mu.UploadId}); err != nil {
		t.Fatalf("the refused completion lost the upload: %v", err)
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("quota-mp"), Key: aws.String("first")}); err != nil {
		t.Fatal(err)
	}
	if err := complete(); err != nil {
		t.Fatalf("completion after making room: %v", err)
	}
}

func TestInternalWritesAreLimitedToo(t *testing.T) {
	s, c := limitedClient(t, sims3.Limits{MaxObjects: 1})
	mustCreateBucket(t, c, "quota-internal")
	mustPut(t, c, "quota-internal", "only", "x")
	_, err := s.S3().PutObjectInternal(context.Background(), "quota-internal", "more", []byte("y"), "", nil, t0)
	var pe *protocol.Error
	if !errors.As(err, &pe) || pe.Code != "AccountProblem" || pe.HTTPStatus() != 403 {
		t.Fatalf("PutObjectInternal over the limit: %v", err)
	}
}

// A trail whose bucket is full reports the refusal as its LatestDeliveryError, keeps
// its events and delivers them once there is room, as AWS retries a failed delivery.
func TestTrailDeliveryRefusedByTheLimit(t *testing.T) {
	ctx := context.Background()
	s, c := limitedClient(t, sims3.Limits{MaxObjects: 5})
	cfg := config(s, s.AdminCredentials())
	ct := cloudtrail.NewFromConfig(cfg)
	bucket, name := "aws-cloudtrail-logs-123456789012-quota", "quota-trail"
	mustCreateBucket(t, c, bucket)
	if _, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket),
		Policy: aws.String(model.TrailBucketPolicy(bucket, "", s.AccountID(), model.TrailARN(s.Region(), s.AccountID(), name)))}); err != nil {
		t.Fatal(err)
	}
	if _, err := ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String(name), S3BucketName: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	if _, err := ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
	fillers := []string{"f1", "f2", "f3", "f4", "f5"} // the account's five allowed objects
	for _, k := range fillers {
		mustPut(t, c, bucket, k, "filler")
	}
	if _, err := iam.NewFromConfig(cfg).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("quota-user")}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Advance(ctx, 10*time.Minute); err != nil {
		t.Fatalf("a refused delivery failed the clock: %v", err)
	}
	st, err := ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(st.LatestDeliveryError) != "AccountProblem" {
		t.Fatalf("LatestDeliveryError = %q, want AccountProblem", aws.ToString(st.LatestDeliveryError))
	}
	for _, k := range fillers {
		if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(k)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.Advance(ctx, 10*time.Minute); err != nil {
		t.Fatal(err)
	}
	st, err = ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(name)})
	if err != nil || st.LatestDeliveryError != nil {
		t.Fatalf("after making room: %+v %v", st, err)
	}
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String("AWSLogs/")})
	if err != nil || len(out.Contents) == 0 {
		t.Fatalf("no log file delivered after making room: %+v %v", out, err)
	}
}
