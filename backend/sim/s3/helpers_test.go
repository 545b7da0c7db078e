package s3_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend/sim"
	simiam "github.com/labconsole/labconsole/backend/sim/iam"
)

// t0 pins the simulated clock so dates in answers are stable.
var t0 = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)

const endpoint = "http://sim.labconsole.internal"

func newSim(t testing.TB) *sim.Sim {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

type inProcess struct{ rt http.RoundTripper }

func (c inProcess) Do(r *http.Request) (*http.Response, error) { return c.rt.RoundTrip(r) }

func config(s *sim.Sim, c simiam.Credentials) aws.Config {
	return aws.Config{
		Region:       s.Region(),
		Credentials:  credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, ""),
		HTTPClient:   inProcess{s.RoundTripper()},
		BaseEndpoint: aws.String(endpoint),
	}
}

// client is the real S3 client, path-style, on the simulator's in-process transport.
func client(s *sim.Sim, c simiam.Credentials) *s3.Client {
	return s3.NewFromConfig(config(s, c), func(o *s3.Options) { o.UsePathStyle = true })
}

func adminClient(t testing.TB) (*sim.Sim, *s3.Client) {
	s := newSim(t)
	return s, client(s, s.AdminCredentials())
}

// userClient creates an IAM user (as the administrator, over the IAM API) with an
// access key and the given managed policies, and returns its S3 client.
func userClient(t *testing.T, s *sim.Sim, name string, policies ...string) *s3.Client {
	t.Helper()
	ctx := context.Background()
	admin := iam.NewFromConfig(config(s, s.AdminCredentials()))
	if _, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
	for _, p := range policies {
		if _, err := admin.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String(name), PolicyArn: aws.String(p)}); err != nil {
			if isCode(err, "InvalidAction") {
				t.Skip("IAM AttachUserPolicy is not implemented in the simulator yet")
			}
			t.Fatal(err)
		}
	}
	creds, err := s.IAM().AddAccessKey(ctx, name, s.Clock().Now())
	if err != nil {
		t.Fatal(err)
	}
	return client(s, creds)
}

func isCode(err error, code string) bool {
	var api smithy.APIError
	return errors.As(err, &api) && api.ErrorCode() == code
}

// wantAPIError asserts err is the AWS error code (and, when msg is not "", message).
func wantAPIError(t *testing.T, err error, code, msg string) {
	t.Helper()
	var api smithy.APIError
	if !errors.As(err, &api) {
		t.Fatalf("want %s, got %T %v", code, err, err)
	}
	if api.ErrorCode() != code || msg != "" && api.ErrorMessage() != msg {
		t.Fatalf("got %s: %q\nwant %s: %q", api.ErrorCode(), api.ErrorMessage(), code, msg)
	}
}

// httpStatus is the HTTP status of a failed SDK call.
func httpStatus(err error) int {
	var re interface{ HTTPStatusCode() int }
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

func mustCreateBucket(t testing.TB, c *s3.Client, name string) {
	t.Helper()
	_, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{
		Bucket:                    aws.String(name),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(sim.DefaultRegion)},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mustPut(t testing.TB, c *s3.Client, bucket, key, body string) {
	t.Helper()
	_, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(body)})
	if err != nil {
		t.Fatal(err)
	}
}
