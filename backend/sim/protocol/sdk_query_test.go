package protocol

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/aws/smithy-go"
)

// The awsQuery services as aws-sdk-go-v2 calls them: IAM (generated
// deserializers), STS (schema-based smithy-go awsquery) and SNS (maps).

func TestSDKIAM(t *testing.T) {
	var listIn listUsersInput
	var createIn createUserInput
	srv := newSimServer(t, iamSpec, map[string]opFunc{
		"ListUsers": decodeInto(&listIn, func(*listUsersInput) (any, error) { return sampleUsers(), nil }),
		"CreateUser": decodeInto(&createIn, func(in *createUserInput) (any, error) {
			return &createUserOutput{User: &iamUser{Path: "/", UserName: in.UserName, UserId: "AIDA", Arn: "arn", CreateDate: t0, Tags: in.Tags}}, nil
		}),
		"GetUser": func(r *Request) (any, error) {
			var in getUserInput
			if err := r.Decode(&in); err != nil {
				return nil, err
			}
			return nil, Errorf(http.StatusNotFound, "NoSuchEntity", "The user with name %s cannot be found.", aws.ToString(in.UserName))
		},
		"DeleteUser":  func(*Request) (any, error) { return nil, nil },
		"ListGroups":  func(*Request) (any, error) { return nil, errors.New("database on fire") },
		"ListAliases": func(*Request) (any, error) { return &struct{ AccountAliases []string }{[]string{}}, nil },
	})
	client := iam.NewFromConfig(sdkConfig(t), func(o *iam.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	ctx := context.Background()

	out, err := client.ListUsers(ctx, &iam.ListUsersInput{PathPrefix: aws.String("/"), MaxItems: aws.Int32(10)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToInt32(listIn.MaxItems) != 10 || aws.ToString(listIn.PathPrefix) != "/" {
		t.Errorf("decoded input %+v", listIn)
	}
	if !out.IsTruncated || aws.ToString(out.Marker) != "m-2" || len(out.Users) != 2 {
		t.Fatalf("output %+v", out)
	}
	alice, bob := out.Users[0], out.Users[1]
	if aws.ToString(alice.UserName) != "alice" || !aws.ToTime(alice.CreateDate).Equal(t0) || alice.PasswordLastUsed != nil {
		t.Errorf("alice %+v", alice)
	}
	if len(alice.Tags) != 1 || aws.ToString(alice.Tags[0].Key) != "team" || aws.ToString(alice.Tags[0].Value) != "a&b<c>" {
		t.Errorf("alice tags %+v", alice.Tags)
	}
	if !aws.ToTime(bob.CreateDate).Equal(t0ms) || !aws.ToTime(bob.PasswordLastUsed).Equal(t0.Add(time.Hour)) || aws.ToString(bob.Path) != "/ops/" {
		t.Errorf("bob %+v", bob)
	}
	if id, _ := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata); id != "11111111-2222-3333-4444-555555555555" {
		t.Errorf("request id %q", id)
	}

	cu, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("carol"),
		Tags: []iamtypes.Tag{{Key: aws.String("k1"), Value: aws.String("v1")}, {Key: aws.String("k2"), Value: aws.String("")}}})
	if err != nil {
		t.Fatal(err)
	}
	if createIn.UserName != "carol" || len(createIn.Tags) != 2 || createIn.Tags[1] != (iamTag{"k2", ""}) {
		t.Errorf("decoded create input %+v", createIn)
	}
	if aws.ToString(cu.User.UserName) != "carol" || len(cu.User.Tags) != 2 {
		t.Errorf("create output %+v", cu.User)
	}

	_, err = client.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("bob")})
	var nse *iamtypes.NoSuchEntityException
	if !errors.As(err, &nse) {
		t.Fatalf("want NoSuchEntityException, got %T %v", err, err)
	}
	if nse.ErrorMessage() != "The user with name bob cannot be found." || nse.ErrorFault() != smithy.FaultClient {
		t.Errorf("error %+v", nse)
	}

	if _, err := client.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("bob")}); err != nil {
		t.Errorf("DeleteUser (no output): %v", err)
	}
	la, err := client.ListAccountAliases(ctx, &iam.ListAccountAliasesInput{})
	if err == nil {
		t.Errorf("unimplemented operation succeeded: %+v", la)
	}
	assertAPIError(t, err, "InvalidAction", 400)

	_, err = client.ListGroups(ctx, &iam.ListGroupsInput{})
	assertAPIError(t, err, "InternalFailure", 500)
}

// assertAPIError checks the SDK saw a service error with code and status.
func assertAPIError(t *testing.T, err error, code string, status int) {
	t.Helper()
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want APIError %s, got %T %v", code, err, err)
	}
	if apiErr.ErrorCode() != code {
		t.Errorf("ErrorCode %q, want %q (%v)", apiErr.ErrorCode(), code, err)
	}
	var re interface{ HTTPStatusCode() int }
	if status != 0 && errors.As(err, &re) && re.HTTPStatusCode() != status {
		t.Errorf("status %d, want %d", re.HTTPStatusCode(), status)
	}
}

type assumeRoleInput struct {
	RoleArn         string
	RoleSessionName string
	DurationSeconds *int32
}

type stsCredentials struct {
	AccessKeyId     string
	SecretAccessKey string
	SessionToken    string
	Expiration      time.Time
}

type assumedRoleUser struct {
	AssumedRoleId string
	Arn           string
}

type assumeRoleOutput struct {
	Credentials      *stsCredentials
	AssumedRoleUser  *assumedRoleUser
	PackedPolicySize *int32
}

func TestSDKSTS(t *testing.T) {
	stsSpec := &Spec{SigningName: "sts", APIVersion: "2011-06-15", XMLNamespace: "https://sts.amazonaws.com/doc/2011-06-15/"}
	var arIn assumeRoleInput
	srv := newSimServer(t, stsSpec, map[string]opFunc{
		"GetCallerIdentity": func(*Request) (any, error) {
			return &struct{ UserId, Account, Arn string }{"AIDA", "123456789012", "arn:aws:iam::123456789012:user/alice"}, nil
		},
		"AssumeRole": decodeInto(&arIn, func(in *assumeRoleInput) (any, error) {
			if in.RoleSessionName == "expired" {
				return nil, NewError(400, "ExpiredTokenException", "The security token included in the request is expired")
			}
			return &assumeRoleOutput{
				Credentials:     &stsCredentials{"ASIA", "secret", "token", t0ms},
				AssumedRoleUser: &assumedRoleUser{"AROA:s", in.RoleArn + "/s"},
			}, nil
		}),
	})
	client := sts.NewFromConfig(sdkConfig(t), func(o *sts.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	ctx := context.Background()

	id, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(id.Account) != "123456789012" || aws.ToString(id.Arn) != "arn:aws:iam::123456789012:user/alice" {
		t.Errorf("identity %+v", id)
	}
	ar, err := client.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::1:role/r"),
		RoleSessionName: aws.String("s"), DurationSeconds: aws.Int32(900)})
	if err != nil {
		t.Fatal(err)
	}
	if arIn.RoleArn != "arn:aws:iam::1:role/r" || aws.ToInt32(arIn.DurationSeconds) != 900 {
		t.Errorf("decoded %+v", arIn)
	}
	if !aws.ToTime(ar.Credentials.Expiration).Equal(t0ms) || aws.ToString(ar.Credentials.SessionToken) != "token" ||
		aws.ToString(ar.AssumedRoleUser.Arn) != "arn:aws:iam::1:role/r/s" {
		t.Errorf("assume role output %+v %+v", ar.Credentials, ar.AssumedRoleUser)
	}
	_, err = client.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("r"), RoleSessionName: aws.String("expired")})
	var exp *ststypes.ExpiredTokenException
	if !errors.As(err, &exp) {
		t.Fatalf("want ExpiredTokenException , got %T %v", err, err)
	}
}

func TestSDKSNS(t *testing.T) {
	var createIn createTopicInput
	var setIn setTopicAttributesInput
	srv := newSimServer(t, snsSpec, map[string]opFunc{
		"GetTopicAttributes": func(r *Request) (any, error) {
			return &getTopicAttributesOutput{Attributes: map[string]string{
				"TopicArn": "arn:aws:sns:us-east-1:1:t", "DisplayName": "", "Policy": `{"Version":"2012-10-17"}`,
			}}, nil
		},
		"CreateTopic": decodeInto(&createIn, func(in *createTopicInput) (any, error) {
			return &createTopicOutput{TopicArn: aws.String("arn:aws:sns:us-east-1:1:" + in.Name)}, nil
		}),
		"SetTopicAttributes": decodeInto(&setIn, func(*setTopicAttributesInput) (any, error) { return nil, nil }),
	})
	client := sns.NewFromConfig(sdkConfig(t), func(o *sns.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	ctx := context.Background()

	ga, err := client.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String("arn:aws:sns:us-east-1:1:t")})
	if err != nil {
		t.Fatal(err)
	}
	if len(ga.Attributes) != 3 || ga.Attributes["Policy"] != `{"Version":"2012-10-17"}` || ga.Attributes["DisplayName"] != "" {
		t.Errorf("attributes %v", ga.Attributes)
	}
	ct, err := client.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("billing"),
		Attributes: map[string]string{"DisplayName": "Billing alerts", "FifoTopic": "false"}})
	if err != nil {
		t.Fatal(err)
	}
	if createIn.Name != "billing" || createIn.Attributes["DisplayName"] != "Billing alerts" || len(createIn.Attributes) != 2 {
		t.Errorf("decoded %+v", createIn)
	}
	if aws.ToString(ct.TopicArn) != "arn:aws:sns:us-east-1:1:billing" {
		t.Errorf("topic arn %v", aws.ToString(ct.TopicArn))
	}
	if _, err := client.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String("a"),
		AttributeName: aws.String("DisplayName"), AttributeValue: aws.String("x y")}); err != nil {
		t.Fatal(err)
	}
	if setIn.AttributeName != "DisplayName" || aws.ToString(setIn.AttributeValue) != "x y" {
		t.Errorf("decoded %+v", setIn)
	}
}
