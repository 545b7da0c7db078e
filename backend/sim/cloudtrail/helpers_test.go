package cloudtrail_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/model"
)

// testStart pins simulated time, so keys and dates in assertions are stable.
var testStart = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

type env struct {
	t       *testing.T
	sim     *sim.Sim
	ct      *cloudtrail.Client
	buckets *buckets
}

func newEnv(t *testing.T) *env {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: func() time.Time { return testStart }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	e := &env{t: t, sim: s}
	admin := e.config(s.AdminCredentials().AccessKeyID, s.AdminCredentials().SecretAccessKey, s.Region())
	e.ct = cloudtrail.NewFromConfig(admin)
	e.buckets = &buckets{e: e, s3: s3.NewFromConfig(admin, func(o *s3.Options) { o.UsePathStyle = true })}
	return e
}

func (e *env) config(akid, secret, region string) aws.Config {
	return aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(akid, secret, ""),
		HTTPClient:   &http.Client{Transport: e.sim.RoundTripper()},
		BaseEndpoint: aws.String("http://sim.labconsole.internal"),
	}
}

// in is a CloudTrail client of the administrator in another region.
func (e *env) in(region string) *cloudtrail.Client {
	c := e.sim.AdminCredentials()
	return cloudtrail.NewFromConfig(e.config(c.AccessKeyID, c.SecretAccessKey, region))
}

func (e *env) iam() *iam.Client {
	c := e.sim.AdminCredentials()
	return iam.NewFromConfig(e.config(c.AccessKeyID, c.SecretAccessKey, e.sim.Region()))
}

// bucketFor creates a bucket with the console's policy for the trail.
func (e *env) bucketFor(bucket, prefix, trail string) {
	e.t.Helper()
	e.buckets.create(bucket)
	e.buckets.setPolicy(bucket, model.TrailBucketPolicy(bucket, prefix, e.sim.AccountID(), model.TrailARN(e.sim.Region(), e.sim.AccountID(), trail)))
}

func (e *env) advance(d time.Duration) {
	e.t.Helper()
	if _, _, err := e.sim.Advance(context.Background(), d); err != nil {
		e.t.Fatal(err)
	}
}

// wantCode asserts err is the AWS error code, and returns its message.
func wantCode(t *testing.T, err error, code string) string {
	t.Helper()
	var api smithy.APIError
	if !errors.As(err, &api) {
		t.Fatalf("want %s, got %v", code, err)
	}
	if api.ErrorCode() != code {
		t.Fatalf("want %s, got %s: %s", code, api.ErrorCode(), api.ErrorMessage())
	}
	return api.ErrorMessage()
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// buckets reads and writes the simulator's S3: set-up in process (as the console's
// S3 steps would do), reads and tampering through the S3 API.
type buckets struct {
	e  *env
	s3 *s3.Client
}

type object struct {
	body []byte
	meta map[string]string
}

func (b *buckets) create(bucket string) {
	b.e.t.Helper()
	if err := b.e.sim.S3().CreateBucketInternal(context.Background(), bucket, b.e.sim.Region(), b.e.sim.Clock().Now()); err != nil {
		b.e.t.Fatal(err)
	}
}

func (b *buckets) setPolicy(bucket, doc string) {
	b.e.t.Helper()
	if err := b.e.sim.S3().PutBucketPolicyInternal(context.Background(), bucket, doc); err != nil {
		b.e.t.Fatal(err)
	}
}

// keys lists the bucket's keys under prefix, in order.
func (b *buckets) keys(bucket, prefix string) []string {
	b.e.t.Helper()
	var out []string
	p := s3.NewListObjectsV2Paginator(b.s3, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			b.e.t.Fatal(err)
		}
		for _, o := range page.Contents {
			out = append(out, aws.ToString(o.Key))
		}
	}
	return out
}

func (b *buckets) get(bucket, key string) (object, bool) {
	b.e.t.Helper()
	out, err := b.s3.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	var nsk *s3types.NoSuchKey
	if errors.As(err, &nsk) {
		return object{}, false
	}
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer out.Body.Close()
	body, err := io.ReadAll(out.Body)
	if err != nil {
		b.e.t.Fatal(err)
	}
	return object{body: body, meta: out.Metadata}, true
}

func (b *buckets) put(bucket, key string, body []byte, meta map[string]string) {
	b.e.t.Helper()
	if _, err := b.s3.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key),
		Body: bytes.NewReader(body), Metadata: meta}); err != nil {
		b.e.t.Fatal(err)
	}
}

func (b *buckets) del(bucket, key string) {
	b.e.t.Helper()
	if _, err := b.s3.DeleteObject(context.Background(), &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}); err != nil {
		b.e.t.Fatal(err)
	}
}
