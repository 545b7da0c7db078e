package awsapi_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/assets"
	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/model"
)

const (
	trailFull = "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess"
	s3Full    = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
	labPw     = "Suwon#0307"
)

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantKind(t *testing.T, err error, kind backend.Kind, code string) *backend.Error {
	t.Helper()
	var be *backend.Error
	if !errors.As(err, &be) || be.Kind != kind || (code != "" && be.Code != code) {
		t.Fatalf("err = %#v, want kind %v code %q", err, kind, code)
	}
	return be
}

// labAccount builds lab part B through the backend: the group with
// AWSCloudTrail_FullAccess, lab-user in it with a console password and a tag.
func labAccount(t *testing.T, b *awsapi.Backend) {
	t.Helper()
	ctx := context.Background()
	_, err := b.CreateGroup(ctx, model.NewGroup{GroupName: "lab-cloudtrail-group"})
	check(t, err)
	check(t, b.AttachGroupPolicy(ctx, "lab-cloudtrail-group", trailFull))
	_, err = b.CreateUser(ctx, model.NewUser{UserName: "lab-user", Tags: []model.Tag{{Key: "Name", Value: "lab-user"}}})
	check(t, err)
	_, err = b.CreateLoginProfile(ctx, model.NewLoginProfile{UserName: "lab-user", Password: labPw})
	check(t, err)
	check(t, b.AddUserToGroup(ctx, "lab-cloudtrail-group", "lab-user"))
}

func TestIAMGroupsThroughTheBackend(t *testing.T) {
	ctx := context.Background()
	_, b := newSim(t, "")
	labAccount(t, b)
	for i := range 4 {
		_, err := b.CreateGroup(ctx, model.NewGroup{GroupName: "extra-" + string(rune('a'+i)), Path: "/extra/"})
		check(t, err)
	}
	g, members, err := b.GetGroup(ctx, "lab-cloudtrail-group")
	check(t, err)
	if g.Arn != "arn:aws:iam::123456789012:group/lab-cloudtrail-group" || len(members) != 1 || members[0].UserName != "lab-user" {
		t.Fatalf("GetGroup = %+v %+v", g, members)
	}
	var all []string
	for token, pages := "", 0; ; pages++ {
		page, err := b.ListGroups(ctx, model.PageRequest{Token: token, Limit: 2})
		check(t, err)
		for _, g := range page.Items {
			all = append(all, g.GroupName)
		}
		if token = page.NextToken; token == "" {
			if pages != 2 {
				t.Fatalf("ListGroups took %d pages", pages+1)
			}
			break
		}
	}
	if strings.Join(all, ",") != "extra-a,extra-b,extra-c,extra-d,lab-cloudtrail-group" {
		t.Fatalf("ListGroups = %v", all)
	}
	mine, err := b.ListGroupsForUser(ctx, "lab-user")
	check(t, err)
	if len(mine) != 1 || mine[0].GroupName != "lab-cloudtrail-group" {
		t.Fatalf("ListGroupsForUser = %+v", mine)
	}
	wantKind(t, b.DeleteGroup(ctx, "lab-cloudtrail-group"), backend.KindConflict, "DeleteConflict")
	_, err = b.CreateGroup(ctx, model.NewGroup{GroupName: "LAB-CLOUDTRAIL-GROUP"})
	wantKind(t, err, backend.KindAlreadyExists, "EntityAlreadyExists")
	_, err = b.CreateGroup(ctx, model.NewGroup{GroupName: "bad group"})
	var fe model.Errors
	if !errors.As(err, &fe) || fe.For("GroupName") == nil {
		t.Fatalf("invalid group name must fail before the call: %v", err)
	}
	check(t, b.RemoveUserFromGroup(ctx, "lab-cloudtrail-group", "lab-user"))
	check(t, b.DetachGroupPolicy(ctx, "lab-cloudtrail-group", trailFull))
	check(t, b.DeleteGroup(ctx, "lab-cloudtrail-group"))
}

func TestIAMPoliciesThroughTheBackend(t *testing.T) {
	ctx := context.Background()
	_, b := newSim(t, "")
	labAccount(t, b)
	var names []string
	for token := ""; ; {
		page, err := b.ListPolicies(ctx, model.PolicyFilter{Scope: model.PolicyScopeAWS}, model.PageRequest{Token: token, Limit: 5})
		check(t, err)
		for _, p := range page.Items {
			names = append(names, p.PolicyName)
			if !p.AWSManaged() {
				t.Errorf("%s listed in Scope AWS", p.Arn)
			}
		}
		if token = page.NextToken; token == "" {
			break
		}
	}
	if !slices.Contains(names, "AWSCloudTrail_FullAccess") || !slices.Contains(names, "AWSCloudTrail_ReadOnlyAccess") || !slices.Contains(names, "IAMReadOnlyAccess") {
		t.Fatalf("ListPolicies(AWS) = %v", names)
	}
	attached, err := b.ListPolicies(ctx, model.PolicyFilter{OnlyAttached: true}, model.PageRequest{})
	check(t, err)
	if len(attached.Items) != 2 || attached.Items[1].PolicyName != "AWSCloudTrail_FullAccess" || attached.Items[1].AttachmentCount != 1 {
		t.Fatalf("OnlyAttached = %+v", attached.Items)
	}
	p, err := b.GetPolicy(ctx, trailFull)
	check(t, err)
	if p.Description != "Provides full access to AWS CloudTrail." || p.DefaultVersionID != "v3" {
		t.Fatalf("GetPolicy = %+v", p)
	}
	v, err := b.GetPolicyVersion(ctx, trailFull, "")
	check(t, err)
	shipped, _ := assets.ManagedPolicyByName("AWSCloudTrail_FullAccess")
	if v.VersionID != "v3" || !v.IsDefaultVersion || v.Document != shipped.Document {
		t.Fatalf("GetPolicyVersion = %+v", v)
	}

	check(t, b.AttachUserPolicy(ctx, "lab-user", s3Full))
	onUser, err := b.ListAttachedUserPolicies(ctx, "lab-user")
	check(t, err)
	onGroup, err := b.ListAttachedGroupPolicies(ctx, "lab-cloudtrail-group")
	check(t, err)
	if len(onUser) != 1 || onUser[0].PolicyName != "AmazonS3FullAccess" || len(onGroup) != 1 || onGroup[0].PolicyArn != trailFull {
		t.Fatalf("attached: user %+v group %+v", onUser, onGroup)
	}
	check(t, b.DetachUserPolicy(ctx, "lab-user", s3Full))

	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::lab bucket+x"}]}`
	check(t, b.PutUserPolicy(ctx, "lab-user", model.InlinePolicy{PolicyName: "list", Document: doc}))
	got, err := b.GetUserPolicy(ctx, "lab-user", "list")
	check(t, err)
	if got.Document != doc {
		t.Fatalf("GetUserPolicy round trip:\n%s\n%s", got.Document, doc)
	}
	check(t, b.PutGroupPolicy(ctx, "lab-cloudtrail-group", model.InlinePolicy{PolicyName: "list", Document: doc}))
	gnames, err := b.ListGroupPolicies(ctx, "lab-cloudtrail-group")
	check(t, err)
	unames, err := b.ListUserPolicies(ctx, "lab-user")
	check(t, err)
	if strings.Join(gnames, ",") != "list" || strings.Join(unames, ",") != "list" {
		t.Fatalf("inline names: %v %v", gnames, unames)
	}
	gp, err := b.GetGroupPolicy(ctx, "lab-cloudtrail-group", "list")
	check(t, err)
	if gp.Document != doc {
		t.Fatalf("GetGroupPolicy = %s", gp.Document)
	}
	err = b.PutUserPolicy(ctx, "lab-user", model.InlinePolicy{PolicyName: "bad", Document: `{"Statement":[]}`})
	wantKind(t, err, backend.KindValidation, "MalformedPolicyDocument")
	check(t, b.DeleteUserPolicy(ctx, "lab-user", "list"))
	check(t, b.DeleteGroupPolicy(ctx, "lab-cloudtrail-group", "list"))
}

func TestIAMCredentialsThroughTheBackend(t *testing.T) {
	ctx := context.Background()
	_, b := newSim(t, "")
	labAccount(t, b)
	_, err := b.CreateLoginProfile(ctx, model.NewLoginProfile{UserName: "Administrator", Password: "password"})
	var fe model.Errors
	if !errors.As(err, &fe) || fe.For("Password") == nil || fe.For("Password").ID != "ValidatePasswordClasses" {
		t.Fatalf("weak password must fail before the call: %#v", err)
	}
	lp, err := b.GetLoginProfile(ctx, "lab-user")
	check(t, err)
	if lp.UserName != "lab-user" || lp.PasswordResetRequired {
		t.Fatalf("GetLoginProfile = %+v", lp)
	}
	check(t, b.UpdateLoginProfile(ctx, model.NewLoginProfile{UserName: "lab-user", PasswordResetRequired: true}))
	if lp, _ = b.GetLoginProfile(ctx, "lab-user"); !lp.PasswordResetRequired {
		t.Fatal("reset flag not set")
	}
	_, err = b.GetLoginProfile(ctx, "Administrator")
	wantKind(t, err, backend.KindNotFound, "NoSuchEntity")

	key, err := b.CreateAccessKey(ctx, "lab-user")
	check(t, err)
	if key.SecretAccessKey == "" || key.Status != model.AccessKeyActive {
		t.Fatalf("CreateAccessKey = %+v", key)
	}
	check(t, b.UpdateAccessKey(ctx, "lab-user", key.AccessKeyID, model.AccessKeyInactive))
	keys, err := b.ListAccessKeys(ctx, "lab-user")
	check(t, err)
	if len(keys) != 1 || keys[0].Status != model.AccessKeyInactive || keys[0].SecretAccessKey != "" {
		t.Fatalf("ListAccessKeys = %+v", keys)
	}
	_, err = b.CreateAccessKey(ctx, "lab-user")
	check(t, err)
	_, err = b.CreateAccessKey(ctx, "lab-user")
	wantKind(t, err, backend.KindLimitExceeded, "LimitExceeded")
	check(t, b.DeleteAccessKey(ctx, "lab-user", key.AccessKeyID))

	if _, ok, err := b.AccountPasswordPolicy(ctx); ok || err != nil {
		t.Fatalf("AccountPasswordPolicy = %v, %v; want none", ok, err)
	}
	tags, err := b.ListUserTags(ctx, "lab-user")
	check(t, err)
	if len(tags) != 1 || tags[0] != (model.Tag{Key: "Name", Value: "lab-user"}) {
		t.Fatalf("ListUserTags = %+v", tags)
	}
	check(t, b.TagUser(ctx, "lab-user", []model.Tag{{Key: "team", Value: "a"}}))
	check(t, b.UntagUser(ctx, "lab-user", []string{"Name"}))
	if tags, _ = b.ListUserTags(ctx, "lab-user"); len(tags) != 1 || tags[0].Key != "team" {
		t.Fatalf("tags after tag/untag = %+v", tags)
	}
	wantKind(t, b.DeleteUser(ctx, "lab-user"), backend.KindConflict, "DeleteConflict")
	check(t, b.UpdateUser(ctx, "lab-user", model.UserUpdate{NewUserName: "lab-student"}))
	if _, err := b.GetUser(ctx, "lab-student"); err != nil {
		t.Fatalf("renamed user: %v", err)
	}
}

// TestSignInAsLabUser is lab step B13 through the backend: sign in as lab-user with
// its password, act as lab-user, sign out.
func TestSignInAsLabUser(t *testing.T) {
	ctx := context.Background()
	_, admin := newSim(t, "")
	labAccount(t, admin)

	_, err := admin.SignIn(ctx, "lab-user", "Suwon#0308")
	be := wantKind(t, err, backend.KindAuth, "AuthenticationFailed")
	if be.Message != "Your authentication information is incorrect. Please try again." {
		t.Fatalf("wrong password message = %q", be.Message)
	}

	user, err := admin.SignIn(ctx, "lab-user", labPw)
	check(t, err)
	id, err := user.CallerIdentity(ctx)
	check(t, err)
	if id.Arn != "arn:aws:iam::123456789012:user/lab-user" || id.Name() != "lab-user" {
		t.Fatalf("signed in as %+v", id)
	}
	_, err = user.ListUsers(ctx, model.PageRequest{})
	be = wantKind(t, err, backend.KindAccessDenied, "AccessDenied")
	if !strings.Contains(be.Message, "user/lab-user is not authorized to perform: iam:ListUsers") {
		t.Fatalf("denial = %q", be.Message)
	}
	if _, err := user.GetUser(ctx, "lab-user"); err != nil {
		t.Fatalf("iam:GetUser is in AWSCloudTrail_FullAccess: %v", err)
	}

	check(t, user.SignOut(ctx))
	_, err = user.CallerIdentity(ctx)
	wantKind(t, err, backend.KindAuth, "InvalidClientTokenId")
	check(t, admin.SignOut(ctx)) // nothing to end for an access key
	if _, err := admin.CallerIdentity(ctx); err != nil {
		t.Fatalf("the administrator is still signed in: %v", err)
	}
}

// TestSignInOnRealAWSIsRefused: password sign-in has no AWS API.
func TestSignInOnRealAWSIsRefused(t *testing.T) {
	t.Setenv("AWS_CONFIG_FILE", "/nonexistent/labconsole-test")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/labconsole-test")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	b, err := awsapi.NewAWS(context.Background(), awsapi.AWSOptions{Region: "ap-northeast-2"})
	check(t, err)
	_, err = b.SignIn(context.Background(), "lab-user", labPw)
	if !errors.Is(err, backend.ErrNoConsoleSignIn) || !strings.Contains(err.Error(), "--profile") {
		t.Fatalf("SignIn on real AWS = %v", err)
	}
	check(t, b.SignOut(context.Background()))
}

// TestSignInOverHTTP: against `labconsole sim` on a port (no in-process transport),
// sign-in goes over plain HTTP to the same endpoint as the AWS calls.
func TestSignInOverHTTP(t *testing.T) {
	ctx := context.Background()
	s, inProcess := newSim(t, "")
	labAccount(t, inProcess)
	srv := httptest.NewServer(s)
	defer srv.Close()
	creds := s.AdminCredentials()
	admin := awsapi.NewSimulator(awsapi.SimOptions{Endpoint: srv.URL, Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	user, err := admin.SignIn(ctx, "lab-user", labPw)
	check(t, err)
	id, err := user.CallerIdentity(ctx)
	check(t, err)
	if id.Name() != "lab-user" || user.Info().Endpoint != srv.URL {
		t.Fatalf("signed in as %+v on %+v", id, user.Info())
	}
	check(t, user.SignOut(ctx))
}
