package sim_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend/sim"
	simiam "github.com/labconsole/labconsole/backend/sim/iam"
)

func newSim(t *testing.T) *sim.Sim {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func config(s *sim.Sim, c simiam.Credentials) aws.Config {
	return aws.Config{
		Region:       s.Region(),
		Credentials:  credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, ""),
		HTTPClient:   &httpClient{s},
		BaseEndpoint: aws.String("http://sim.labconsole.internal"),
	}
}

// TestUserWithoutPoliciesIsDenied: a user with no policy may still ask who it is, but
// every other call is an implicit deny worded exactly as IAM words it.
func TestUserWithoutPoliciesIsDenied(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	admin := iam.NewFromConfig(config(s, s.AdminCredentials()))
	if _, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("nobody")}); err != nil {
		t.Fatal(err)
	}
	creds, err := s.IAM().AddAccessKey(ctx, "nobody", s.Clock().Now())
	if err != nil {
		t.Fatal(err)
	}
	cfg := config(s, creds)
	id, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(id.Arn) != "arn:aws:iam::123456789012:user/nobody" {
		t.Fatalf("GetCallerIdentity needs no permission: %v %v", id, err)
	}
	_, err = iam.NewFromConfig(cfg).ListUsers(ctx, &iam.ListUsersInput{})
	var api smithy.APIError
	if !errors.As(err, &api) {
		t.Fatalf("err = %v", err)
	}
	want := "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action"
	if api.ErrorCode() != "AccessDenied" || api.ErrorMessage() != want {
		t.Fatalf("got %s: %s\nwant AccessDenied: %s", api.ErrorCode(), api.ErrorMessage(), want)
	}
}
