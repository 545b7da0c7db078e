package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// TestLabPartBAndC10 replays the lab's IAM steps (lab1-walkthrough.md B1–B13, C9,
// C10) against the simulator: the administrator builds lab-cloudtrail-group with
// AWSCloudTrail_FullAccess and lab-user in it, lab-user signs in with its console
// password, may use CloudTrail but not list the trail bucket, and may once the
// administrator attaches AmazonS3FullAccess to it directly. S3 may not be served yet,
// so bucket permissions are asked of the account's decision point, exactly as the S3
// service asks it.
func TestLabPartBAndC10(t *testing.T) {
	ctx := context.Background()
	s, err := New(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	admin := iam.NewFromConfig(labConfig(s, s.admin.AccessKeyID, s.admin.SecretAccessKey, ""))

	steps := []func() error{
		func() error {
			_, err := admin.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("lab-cloudtrail-group")})
			return err
		},
		func() error {
			_, err := admin.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String("lab-cloudtrail-group"), PolicyArn: aws.String("arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess")})
			return err
		},
		func() error {
			_, err := admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user"), Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("lab-user")}}})
			return err
		},
		func() error {
			_, err := admin.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("lab-user"), Password: aws.String("Suwon#0307"), PasswordResetRequired: false})
			return err
		},
		func() error {
			_, err := admin.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("lab-cloudtrail-group"), UserName: aws.String("lab-user")})
			return err
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i+1, err)
		}
	}

	// B13: sign out and sign in as lab-user.
	creds := labSignIn(t, s, "lab-user", "Suwon#0307")
	user := labConfig(s, creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken)
	id, err := sts.NewFromConfig(user).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(id.Arn) != "arn:aws:iam::123456789012:user/lab-user" {
		t.Fatalf("GetCallerIdentity as lab-user = %v, %v", id, err)
	}

	// The group's policy applies: iam:GetUser is in AWSCloudTrail_FullAccess,
	// iam:ListUsers is not.
	userIAM := iam.NewFromConfig(user)
	if _, err := userIAM.GetUser(ctx, &iam.GetUserInput{}); err != nil {
		t.Fatalf("GetUser (allowed by AWSCloudTrail_FullAccess): %v", err)
	}
	_, err = userIAM.ListUsers(ctx, &iam.ListUsersInput{})
	wantDenied(t, err, "AccessDenied", "User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action")

	principal := s.sessionPrincipal(t, creds.AccessKeyID)
	bucket := "arn:aws:s3:::aws-cloudtrail-logs-123456789012-mylog"
	allowed := []service.AuthzRequest{
		{Action: "cloudtrail:CreateTrail", Resource: "arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/lab-events-trail"},
		{Action: "cloudtrail:StartLogging", Resource: "arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/lab-events-trail"},
		{Action: "cloudtrail:LookupEvents"},
		{Action: "s3:CreateBucket", Resource: bucket, QuoteResource: true},
		{Action: "s3:PutBucketPolicy", Resource: bucket, QuoteResource: true},
	}
	for _, req := range allowed {
		if err := s.authorize(labCall(s, principal), req); err != nil {
			t.Errorf("%s should be allowed: %v", req.Action, err)
		}
	}
	// C9: the trail's bucket cannot be listed.
	listBucket := service.AuthzRequest{Action: "s3:ListBucket", Resource: bucket, QuoteResource: true}
	err = s.authorize(labCall(s, principal), listBucket)
	wantDenied(t, err, "AccessDenied", `User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::aws-cloudtrail-logs-123456789012-mylog" because no identity-based policy allows the s3:ListBucket action`)

	// C10: the administrator attaches AmazonS3FullAccess to lab-user; lab-user refreshes.
	if _, err := admin.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("lab-user"), PolicyArn: aws.String("arn:aws:iam::aws:policy/AmazonS3FullAccess")}); err != nil {
		t.Fatal(err)
	}
	if err := s.authorize(labCall(s, principal), listBucket); err != nil {
		t.Fatalf("after attaching AmazonS3FullAccess: %v", err)
	}
	attached, err := admin.ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: aws.String("lab-user")})
	if err != nil || len(attached.AttachedPolicies) != 1 || aws.ToString(attached.AttachedPolicies[0].PolicyName) != "AmazonS3FullAccess" {
		t.Fatalf("ListAttachedUserPolicies = %+v, %v", attached, err)
	}
	groups, err := admin.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: aws.String("lab-user")})
	if err != nil || len(groups.Groups) != 1 || aws.ToString(groups.Groups[0].GroupName) != "lab-cloudtrail-group" {
		t.Fatalf("B12 groups column = %+v, %v", groups, err)
	}
}

// wantDenied checks a denial from the SDK (smithy.APIError) or from the decision
// point itself (*protocol.Error).
func wantDenied(t *testing.T, err error, code, msg string) {
	t.Helper()
	var api smithy.APIError
	var pe *protocol.Error
	switch {
	case errors.As(err, &api) && api.ErrorCode() == code && api.ErrorMessage() == msg:
	case errors.As(err, &pe) && pe.Code == code && pe.Message == msg:
	default:
		t.Fatalf("err = %v\nwant %s: %s", err, code, msg)
	}
}

type labDoer struct{ s *Sim }

func (d labDoer) Do(r *http.Request) (*http.Response, error) { return d.s.RoundTripper().RoundTrip(r) }

func labConfig(s *Sim, akid, secret, token string) aws.Config {
	return aws.Config{
		Region:       s.Region(),
		Credentials:  credentials.NewStaticCredentialsProvider(akid, secret, token),
		HTTPClient:   labDoer{s},
		BaseEndpoint: aws.String("http://sim.labconsole.internal"),
	}
}

func labSignIn(t *testing.T, s *Sim, user, password string) SignInResponse {
	t.Helper()
	body, _ := json.Marshal(SignInRequest{AccountID: s.AccountID(), UserName: user, Password: password})
	req, _ := http.NewRequest(http.MethodPost, "http://sim.labconsole.internal/_sim/signin", bytes.NewReader(body))
	resp, err := s.RoundTripper().RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out SignInResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("sign-in: %d %v", resp.StatusCode, err)
	}
	return out
}

// sessionPrincipal resolves session credentials as the router does.
func (s *Sim) sessionPrincipal(t *testing.T, akid string) service.Principal {
	t.Helper()
	cred, ok := s.iam.LookupCredential(context.Background(), akid)
	if !ok || !cred.Principal.ConsoleSession() {
		t.Fatalf("session %s not found", akid)
	}
	return cred.Principal
}

// labCall is the Call an S3 operation would get for principal.
func labCall(s *Sim, p service.Principal) *service.Call {
	return &service.Call{
		Ctx: context.Background(), Req: &protocol.Request{Kind: protocol.RestXML}, Spec: &protocol.Spec{SigningName: "s3"},
		Account: s.AccountID(), Region: s.Region(), Principal: p, Now: s.clock.Now().Add(time.Second), SourceIP: "127.0.0.1",
	}
}
