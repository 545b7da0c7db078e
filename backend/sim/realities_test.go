package sim_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/labconsole/labconsole/backend/sim"
	simiam "github.com/labconsole/labconsole/backend/sim/iam"
)

func newSimWith(t *testing.T, o sim.Options) *sim.Sim {
	t.Helper()
	s, err := sim.New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// noRetry is config without the SDK's retries, so every refusal is seen.
func noRetry(s *sim.Sim, c simiam.Credentials) aws.Config {
	cfg := config(s, c)
	cfg.Retryer = func() aws.Retryer { return aws.NopRetryer{} }
	return cfg
}

// apiError asserts err is the AWS error code with message (and HTTP status).
func apiError(t *testing.T, err error, code, message string, status int) {
	t.Helper()
	var api smithy.APIError
	if !errors.As(err, &api) {
		t.Fatalf("err = %v, want %s", err, code)
	}
	if api.ErrorCode() != code || (message != "" && api.ErrorMessage() != message) {
		t.Fatalf("got %s: %q, want %s: %q", api.ErrorCode(), api.ErrorMessage(), code, message)
	}
	var re *smithyhttp.ResponseError
	if status != 0 && (!errors.As(err, &re) || re.HTTPStatusCode() != status) {
		t.Fatalf("%s answered with HTTP %v, want %d", code, err, status)
	}
}

func TestThrottlingRefusesLookupEventsOverTwoPerSecond(t *testing.T) {
	ctx := context.Background()
	s := newSimWith(t, sim.Options{Throttling: true})
	sim.FreezeThrottleClock(s) // no refill during the test, however slow the machine
	ct := cloudtrail.NewFromConfig(noRetry(s, s.AdminCredentials()))
	var refused int
	for range 3 {
		_, err := ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{})
		if err != nil {
			apiError(t, err, "ThrottlingException", "Rate exceeded", http.StatusBadRequest)
			refused++
		}
	}
	if refused != 1 {
		t.Fatalf("3 LookupEvents at once: %d refused, want 1 (2 per second)", refused)
	}
	// Per Region: another Region's bucket is full.
	if _, err := ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{}, func(o *cloudtrail.Options) { o.Region = "us-east-1" }); err != nil {
		t.Fatalf("us-east-1 has its own rate: %v", err)
	}
	// Other operations have their own, higher rate.
	if _, err := ct.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{}); err != nil {
		t.Fatalf("DescribeTrails is not LookupEvents: %v", err)
	}
}

func TestThrottlingSpeaksEachProtocol(t *testing.T) {
	ctx := context.Background()
	s := newSimWith(t, sim.Options{Throttling: true})
	sim.FreezeThrottleClock(s)
	topics := sns.NewFromConfig(noRetry(s, s.AdminCredentials()))
	for i := range 30 {
		if _, err := topics.ListTopics(ctx, &sns.ListTopicsInput{}); err != nil {
			t.Fatalf("ListTopics %d of 30 in a second: %v", i+1, err)
		}
	}
	_, err := topics.ListTopics(ctx, &sns.ListTopicsInput{})
	apiError(t, err, "Throttling", "Rate exceeded", http.StatusBadRequest)
	// IAM publishes no per-API rate: never throttled.
	users := iam.NewFromConfig(noRetry(s, s.AdminCredentials()))
	for range 40 {
		if _, err := users.ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
			t.Fatalf("IAM throttled: %v", err)
		}
	}
}

func TestThrottlingIsOffByDefault(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	ct := cloudtrail.NewFromConfig(noRetry(s, s.AdminCredentials()))
	for range 6 {
		if _, err := ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{}); err != nil {
			t.Fatalf("throttled with Throttling off: %v", err)
		}
	}
}

func TestThrottleRatesAreAWSs(t *testing.T) {
	for _, c := range []struct {
		svc, op string
		want    float64
		ok      bool
	}{
		{"cloudtrail", "LookupEvents", 2, true},
		{"cloudtrail", "DescribeTrails", 10, true},
		{"cloudtrail", "GetTrailStatus", 10, true},
		{"cloudtrail", "CreateTrail", 1, true},
		{"sns", "ListTopics", 30, true},
		{"sns", "Subscribe", 100, true},
		{"sns", "Publish", 0, false},
		{"iam", "CreateUser", 0, false},
	} {
		got, ok := sim.ThrottleRate(c.svc, c.op)
		if got != c.want || ok != c.ok {
			t.Errorf("ThrottleRate(%s, %s) = %v, %v; want %v, %v", c.svc, c.op, got, ok, c.want, c.ok)
		}
	}
}

// TestIAMEventualConsistency: with a propagation delay, what a request creates is
// not there for the next requests until the delay has passed, as on AWS.
func TestIAMEventualConsistency(t *testing.T) {
	ctx := context.Background()
	const delay = 1500 * time.Millisecond
	s := newSimWith(t, sim.Options{IAMPropagationDelay: delay})
	admin := iam.NewFromConfig(noRetry(s, s.AdminCredentials()))
	start := time.Now()
	if _, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user")}); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("lab-group")}); err != nil {
		t.Fatal(err)
	}
	_, err := admin.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("lab-user")})
	apiError(t, err, "NoSuchEntity", "The user with name lab-user cannot be found.", http.StatusNotFound)
	_, err = admin.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String("lab-group"), PolicyArn: aws.String("arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess")})
	apiError(t, err, "NoSuchEntity", "The group with name lab-group cannot be found.", 0)
	_, err = admin.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("lab-user"), Password: aws.String("Suwon#0307")})
	apiError(t, err, "NoSuchEntity", "The user with name lab-user cannot be found.", 0)
	_, err = admin.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("lab-group"), UserName: aws.String("lab-user")})
	apiError(t, err, "NoSuchEntity", "", 0)
	// Creating it again is still refused: the entity exists, it is only not seen.
	_, err = admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user")})
	apiError(t, err, "EntityAlreadyExists", "", 0)
	if time.Since(start) >= delay {
		t.Skip("the machine is too slow for this delay")
	}

	time.Sleep(delay)
	if _, err := admin.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("lab-user")}); err != nil {
		t.Fatalf("after the delay the user is there: %v", err)
	}
	if _, err := admin.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("lab-user"), Password: aws.String("Suwon#0307")}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.IAM().SignIn(ctx, "lab-user", "Suwon#0307", s.Clock().Now()); !errors.Is(err, simiam.ErrSignInFailed) {
		t.Fatalf("sign-in with a password not yet propagated = %v, want refused", err)
	}
	_, err = admin.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("lab-user")})
	apiError(t, err, "NoSuchEntity", "Login Profile for User lab-user cannot be found.", 0)
	key, err := admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("lab-user")})
	if err != nil {
		t.Fatal(err)
	}
	creds := simiam.Credentials{AccessKeyID: aws.ToString(key.AccessKey.AccessKeyId), SecretAccessKey: aws.ToString(key.AccessKey.SecretAccessKey)}
	_, err = sts.NewFromConfig(noRetry(s, creds)).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	apiError(t, err, "InvalidClientTokenId", "The security token included in the request is invalid.", http.StatusForbidden)
	if _, err := admin.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("lab-user"), PolicyArn: aws.String("arn:aws:iam::aws:policy/IAMReadOnlyAccess")}); err != nil {
		t.Fatal(err)
	}

	time.Sleep(delay)
	if _, _, err := s.IAM().SignIn(ctx, "lab-user", "Suwon#0307", s.Clock().Now()); err != nil {
		t.Fatalf("sign-in after the delay: %v", err)
	}
	user := iam.NewFromConfig(noRetry(s, creds))
	if _, err := sts.NewFromConfig(noRetry(s, creds)).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatalf("the new key works after the delay: %v", err)
	}
	// The attachment made just before is not in force yet; the one after the delay is.
	if _, err := admin.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("lab-user"), PolicyArn: aws.String("arn:aws:iam::aws:policy/AmazonSNSReadOnlyAccess")}); err != nil {
		t.Fatal(err)
	}
	if _, err := user.ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
		t.Fatalf("IAMReadOnlyAccess, attached a delay ago, allows ListUsers: %v", err)
	}
	_, err = sns.NewFromConfig(noRetry(s, creds)).ListTopics(ctx, &sns.ListTopicsInput{})
	apiError(t, err, "AuthorizationError", "", 0)
}

func TestIAMIsConsistentByDefault(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	admin := iam.NewFromConfig(noRetry(s, s.AdminCredentials()))
	if _, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user")}); err != nil {
		t.Fatal(err)
	}
	key, err := admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("lab-user")})
	if err != nil {
		t.Fatalf("the user is visible at once: %v", err)
	}
	creds := simiam.Credentials{AccessKeyID: aws.ToString(key.AccessKey.AccessKeyId), SecretAccessKey: aws.ToString(key.AccessKey.SecretAccessKey)}
	if _, err := sts.NewFromConfig(noRetry(s, creds)).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatalf("the key works at once: %v", err)
	}
}
