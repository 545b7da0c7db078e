package main

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"
)

// simConfig is an SDK config without retries on a `labconsole sim` process.
func simConfig(p *simProcess) aws.Config {
	return aws.Config{
		Region:       p.env["AWS_DEFAULT_REGION"],
		Credentials:  credentials.NewStaticCredentialsProvider(p.env["AWS_ACCESS_KEY_ID"], p.env["AWS_SECRET_ACCESS_KEY"], ""),
		HTTPClient:   &http.Client{Timeout: 10 * time.Second},
		BaseEndpoint: aws.String(p.env["AWS_ENDPOINT_URL"]),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
}

func errorCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

// TestSimRealityFlags: `labconsole sim --throttle --iam-delay 5s` throttles
// LookupEvents and hides new IAM users; without them it does neither.
func TestSimRealityFlags(t *testing.T) {
	ctx := context.Background()
	for _, on := range []bool{true, false} {
		args := []string{"--ephemeral"}
		if on {
			args = append(args, "--throttle", "--iam-delay", "5s")
		}
		p := startSim(t, args...)
		cfg := simConfig(p)
		ct := cloudtrail.NewFromConfig(cfg)
		throttled := 0
		for range 4 {
			_, err := ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{})
			if code := errorCode(err); code == "ThrottlingException" {
				throttled++
			} else if err != nil {
				t.Fatal(err)
			}
		}
		if (throttled > 0) != on {
			t.Errorf("throttling on=%v: %d of 4 LookupEvents at once throttled", on, throttled)
		}
		users := iam.NewFromConfig(cfg)
		if _, err := users.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user")}); err != nil {
			t.Fatal(err)
		}
		_, err := users.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("lab-user")})
		if hidden := errorCode(err) == "NoSuchEntity"; hidden != on {
			t.Errorf("iam-delay on=%v: GetUser right after CreateUser = %v", on, err)
		}
		p.stop()
	}
}

func TestDescribeRealities(t *testing.T) {
	if got := describeRealities(false, 0, false); got != "" {
		t.Errorf("nothing on = %q", got)
	}
	want := "throttling, IAM eventual consistency (2s), billing metrics in us-east-1 only"
	if got := describeRealities(true, 2*time.Second, true); got != want {
		t.Errorf("all on = %q, want %q", got, want)
	}
}
