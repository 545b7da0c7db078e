package cloudwatch_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend/sim"
)

// t0 is a pinned simulated start: 10:00 UTC, four hours past a six-hour mark.
var t0 = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

type rt struct{ s *sim.Sim }

func (r rt) Do(req *http.Request) (*http.Response, error) { return r.s.RoundTripper().RoundTrip(req) }

// newSim starts an ephemeral simulator whose clock starts at t0 (and moves with
// real time from there).
func newSim(t testing.TB, opts sim.Options) *sim.Sim {
	t.Helper()
	start := time.Now()
	opts.Now = func() time.Time { return t0.Add(time.Since(start)) }
	s, err := sim.New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func cfg(s *sim.Sim, region string) aws.Config {
	c := s.AdminCredentials()
	if region == "" {
		region = s.Region()
	}
	return aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, ""),
		HTTPClient:   rt{s},
		BaseEndpoint: aws.String("http://sim.labconsole.internal"),
	}
}

func clients(s *sim.Sim, region string) (*cloudwatch.Client, *sns.Client) {
	c := cfg(s, region)
	return cloudwatch.NewFromConfig(c), sns.NewFromConfig(c)
}

// apiErr asserts err is an AWS API error with code and message.
func apiErr(t *testing.T, err error, code, msg string) {
	t.Helper()
	var api smithy.APIError
	if !errors.As(err, &api) {
		t.Fatalf("err = %v, want %s", err, code)
	}
	if api.ErrorCode() != code || (msg != "" && api.ErrorMessage() != msg) {
		t.Fatalf("got %s: %s\nwant %s: %s", api.ErrorCode(), api.ErrorMessage(), code, msg)
	}
}
