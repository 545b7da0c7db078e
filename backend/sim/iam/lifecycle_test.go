package iam_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/labconsole/labconsole/assets"
)

func TestUserLifecycle(t *testing.T) {
	ctx := context.Background()
	c := adminIAM(newSim(t))
	must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user"), Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("lab-user")}}}))

	must(c.TagUser(ctx, &iam.TagUserInput{UserName: aws.String("lab-user"), Tags: []types.Tag{
		{Key: aws.String("team"), Value: aws.String("a")}, {Key: aws.String("NAME"), Value: aws.String("renamed")}}}))
	tags := must(c.ListUserTags(ctx, &iam.ListUserTagsInput{UserName: aws.String("lab-user")})).Tags
	if len(tags) != 2 || aws.ToString(tags[0].Key) != "Name" || aws.ToString(tags[0].Value) != "renamed" || aws.ToString(tags[1].Key) != "team" {
		t.Fatalf("tags after TagUser = %v", tags)
	}
	must(c.UntagUser(ctx, &iam.UntagUserInput{UserName: aws.String("lab-user"), TagKeys: []string{"team", "absent"}}))
	page1 := must(c.ListUserTags(ctx, &iam.ListUserTagsInput{UserName: aws.String("lab-user"), MaxItems: aws.Int32(1)}))
	if len(page1.Tags) != 1 || page1.IsTruncated {
		t.Fatalf("tags after UntagUser = %+v", page1)
	}

	must(c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: aws.String("lab-user"), NewUserName: aws.String("lab-student"), NewPath: aws.String("/students/")}))
	u := must(c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("lab-student")})).User
	if aws.ToString(u.Arn) != "arn:aws:iam::123456789012:user/students/lab-student" || aws.ToString(u.Path) != "/students/" || len(u.Tags) != 1 {
		t.Fatalf("after UpdateUser: %+v", u)
	}
	if _, err := c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("lab-user")}); err == nil {
		t.Fatal("the old name still resolves")
	}
	must(c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("lab-student")}))
	users := must(c.ListUsers(ctx, &iam.ListUsersInput{})).Users
	if got := names(users, func(u types.User) *string { return u.UserName }); got != "Administrator" {
		t.Fatalf("users after delete = %s", got)
	}
}

func TestGroupLifecycle(t *testing.T) {
	ctx := context.Background()
	c := adminIAM(newSim(t))
	g := must(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("lab-cloudtrail-group")})).Group
	if aws.ToString(g.Arn) != "arn:aws:iam::123456789012:group/lab-cloudtrail-group" || !strings.HasPrefix(aws.ToString(g.GroupId), "AGPA") || len(aws.ToString(g.GroupId)) != 21 {
		t.Fatalf("group = %+v", g)
	}
	must(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("auditors"), Path: aws.String("/audit/")}))
	for _, u := range []string{"zed", "amy", "Bo"} {
		must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(u)}))
		must(c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("lab-cloudtrail-group"), UserName: aws.String(u)}))
	}
	must(c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("lab-cloudtrail-group"), UserName: aws.String("amy")})) // twice is fine

	groups := must(c.ListGroups(ctx, &iam.ListGroupsInput{}))
	if got := names(groups.Groups, func(g types.Group) *string { return g.GroupName }); got != "auditors,lab-cloudtrail-group" {
		t.Fatalf("ListGroups = %s", got)
	}
	audit := must(c.ListGroups(ctx, &iam.ListGroupsInput{PathPrefix: aws.String("/audit/")}))
	if len(audit.Groups) != 1 || aws.ToString(audit.Groups[0].Arn) != "arn:aws:iam::123456789012:group/audit/auditors" {
		t.Fatalf("ListGroups /audit/ = %+v", audit.Groups)
	}

	// GetGroup pages its members by name.
	var members []string
	in := &iam.GetGroupInput{GroupName: aws.String("lab-cloudtrail-group"), MaxItems: aws.Int32(2)}
	for p := iam.NewGetGroupPaginator(c, in); p.HasMorePages(); {
		out := must(p.NextPage(ctx))
		members = append(members, names(out.Users, func(u types.User) *string { return u.UserName }))
	}
	if strings.Join(members, "|") != "amy,Bo|zed" {
		t.Fatalf("GetGroup pages = %q", members)
	}

	must(c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("auditors"), UserName: aws.String("amy")}))
	mine := must(c.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: aws.String("amy")}))
	if got := names(mine.Groups, func(g types.Group) *string { return g.GroupName }); got != "auditors,lab-cloudtrail-group" {
		t.Fatalf("ListGroupsForUser = %s", got)
	}
	for _, u := range []string{"zed", "amy", "Bo"} {
		must(c.RemoveUserFromGroup(ctx, &iam.RemoveUserFromGroupInput{GroupName: aws.String("lab-cloudtrail-group"), UserName: aws.String(u)}))
	}
	must(c.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: aws.String("lab-cloudtrail-group")}))
	if _, err := c.GetGroup(ctx, &iam.GetGroupInput{GroupName: aws.String("lab-cloudtrail-group")}); err == nil {
		t.Fatal("deleted group still found")
	}
}

func TestLoginProfileLifecycle(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminIAM(s)
	must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user")}))
	lp := must(c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("lab-user"), Password: aws.String(strongPw)})).LoginProfile
	if aws.ToString(lp.UserName) != "lab-user" || lp.PasswordResetRequired || !aws.ToTime(lp.CreateDate).Equal(day) {
		t.Fatalf("CreateLoginProfile = %+v", lp)
	}
	must(c.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: aws.String("lab-user"), PasswordResetRequired: aws.Bool(true)}))
	got := must(c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("lab-user")})).LoginProfile
	if !got.PasswordResetRequired {
		t.Fatalf("reset flag not updated: %+v", got)
	}
	// Changing only the flag keeps the password; changing the password replaces it.
	signIn(t, s, "lab-user", strongPw)
	must(c.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: aws.String("lab-user"), Password: aws.String("Another#Pass1")}))
	if status, _ := control(t, s, "/_sim/signin", map[string]string{"userName": "lab-user", "password": strongPw}); status != 401 {
		t.Fatalf("old password still signs in: %d", status)
	}
	signIn(t, s, "lab-user", "Another#Pass1")
	must(c.DeleteLoginProfile(ctx, &iam.DeleteLoginProfileInput{UserName: aws.String("lab-user")}))
	if _, err := c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("lab-user")}); err == nil {
		t.Fatal("login profile survived DeleteLoginProfile")
	}
}

func TestAccessKeyLifecycle(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminIAM(s)
	must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user")}))
	key := must(c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("lab-user")})).AccessKey
	id := aws.ToString(key.AccessKeyId)
	if !strings.HasPrefix(id, "AKIA") || len(id) != 20 || len(aws.ToString(key.SecretAccessKey)) != 40 || key.Status != types.StatusTypeActive {
		t.Fatalf("CreateAccessKey = %+v", key)
	}
	list := must(c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String("lab-user")})).AccessKeyMetadata
	if len(list) != 1 || aws.ToString(list[0].AccessKeyId) != id || list[0].Status != types.StatusTypeActive {
		t.Fatalf("ListAccessKeys = %+v", list)
	}
	userSTS := sts.NewFromConfig(config(s, id, aws.ToString(key.SecretAccessKey), ""))
	must(userSTS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}))

	must(c.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: aws.String("lab-user"), AccessKeyId: aws.String(id), Status: types.StatusTypeInactive}))
	_, err := userSTS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if code, _ := apiError(t, err); code != "InvalidClientTokenId" {
		t.Fatalf("inactive key: %v", err)
	}
	must(c.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: aws.String("lab-user"), AccessKeyId: aws.String(id), Status: types.StatusTypeActive}))
	must(userSTS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}))

	// A user manages its own keys without naming itself (with permission to).
	must(c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("lab-user"), PolicyName: aws.String("own-keys"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"arn:aws:iam::*:user/${aws:username}"}]}`)}))
	self := iam.NewFromConfig(config(s, id, aws.ToString(key.SecretAccessKey), ""))
	own := must(self.ListAccessKeys(ctx, &iam.ListAccessKeysInput{})).AccessKeyMetadata
	if len(own) != 1 || aws.ToString(own[0].UserName) != "lab-user" {
		t.Fatalf("self ListAccessKeys = %+v", own)
	}
	must(c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("lab-user"), AccessKeyId: aws.String(id)}))
	if _, err := userSTS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err == nil {
		t.Fatal("a deleted key still signs")
	}
}

func TestManagedPolicies(t *testing.T) {
	ctx := context.Background()
	c := adminIAM(newSim(t))
	aws_ := must(c.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws}))
	shipped := map[string]bool{}
	for _, p := range aws_.Policies {
		shipped[aws.ToString(p.PolicyName)] = true
		if p.Description != nil {
			t.Errorf("ListPolicies must leave Description out (%s)", aws.ToString(p.PolicyName))
		}
	}
	for _, want := range []string{"AWSCloudTrail_FullAccess", "AWSCloudTrail_ReadOnlyAccess", "AmazonS3FullAccess", "IAMFullAccess", "IAMReadOnlyAccess", "ReadOnlyAccess", "AdministratorAccess", "Billing"} {
		if !shipped[want] {
			t.Errorf("%s not listed", want)
		}
	}
	if shipped["AWSCloudTrailReadOnlyAccess"] {
		t.Error("the withdrawn AWSCloudTrailReadOnlyAccess is listed")
	}

	// Paging with a small MaxItems walks the same list.
	var paged []string
	for p := iam.NewListPoliciesPaginator(c, &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws, MaxItems: aws.Int32(4)}); p.HasMorePages(); {
		paged = append(paged, names(must(p.NextPage(ctx)).Policies, func(p types.Policy) *string { return p.PolicyName }))
	}
	if strings.Join(paged, ",") != names(aws_.Policies, func(p types.Policy) *string { return p.PolicyName }) {
		t.Fatalf("paged %v != %s", paged, names(aws_.Policies, func(p types.Policy) *string { return p.PolicyName }))
	}

	jobs := must(c.ListPolicies(ctx, &iam.ListPoliciesInput{PathPrefix: aws.String("/job-function/")}))
	if got := names(jobs.Policies, func(p types.Policy) *string { return p.PolicyName }); got != "Billing" {
		t.Fatalf("PathPrefix /job-function/ = %s", got)
	}

	local := must(c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("lab-s3-list"), PolicyDocument: aws.String(okDoc), Description: aws.String("lists buckets")})).Policy
	if aws.ToString(local.Arn) != "arn:aws:iam::123456789012:policy/lab-s3-list" || aws.ToString(local.DefaultVersionId) != "v1" || !strings.HasPrefix(aws.ToString(local.PolicyId), "ANPA") {
		t.Fatalf("CreatePolicy = %+v", local)
	}
	mine := must(c.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal}))
	if got := names(mine.Policies, func(p types.Policy) *string { return p.PolicyName }); got != "lab-s3-list" {
		t.Fatalf("Scope Local = %s", got)
	}

	// Attachments are counted, and OnlyAttached lists what is in use.
	must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u")}))
	must(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("g")}))
	must(c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("u"), PolicyArn: aws.String(trailFullArn)}))
	must(c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("u"), PolicyArn: aws.String(trailFullArn)})) // twice is fine
	must(c.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String("g"), PolicyArn: aws.String(trailFullArn)}))
	must(c.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String("g"), PolicyArn: local.Arn}))
	got := must(c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(trailFullArn)})).Policy
	if aws.ToInt32(got.AttachmentCount) != 2 || aws.ToString(got.Description) != "Provides full access to AWS CloudTrail." || aws.ToString(got.PolicyId) != "ANPAZKAPJZG4CA4SIJQAM" || aws.ToString(got.DefaultVersionId) != "v3" {
		t.Fatalf("GetPolicy = %+v", got)
	}
	used := must(c.ListPolicies(ctx, &iam.ListPoliciesInput{OnlyAttached: true}))
	if got := names(used.Policies, func(p types.Policy) *string { return p.PolicyName }); got != "AdministratorAccess,AWSCloudTrail_FullAccess,lab-s3-list" {
		t.Fatalf("OnlyAttached = %s", got)
	}
	onUser := must(c.ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: aws.String("u")})).AttachedPolicies
	onGroup := must(c.ListAttachedGroupPolicies(ctx, &iam.ListAttachedGroupPoliciesInput{GroupName: aws.String("g")})).AttachedPolicies
	if names(onUser, func(p types.AttachedPolicy) *string { return p.PolicyName }) != "AWSCloudTrail_FullAccess" ||
		names(onGroup, func(p types.AttachedPolicy) *string { return p.PolicyName }) != "AWSCloudTrail_FullAccess,lab-s3-list" {
		t.Fatalf("attached: user %+v group %+v", onUser, onGroup)
	}
	must(c.DetachGroupPolicy(ctx, &iam.DetachGroupPolicyInput{GroupName: aws.String("g"), PolicyArn: aws.String(trailFullArn)}))
	if n := aws.ToInt32(must(c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(trailFullArn)})).Policy.AttachmentCount); n != 1 {
		t.Fatalf("AttachmentCount after detach = %d", n)
	}

	// GetPolicyVersion answers the document URL-encoded, as IAM does.
	v := must(c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(trailFullArn), VersionId: aws.String("v3")})).PolicyVersion
	if !v.IsDefaultVersion || !strings.HasPrefix(aws.ToString(v.Document), "%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22") {
		t.Fatalf("GetPolicyVersion document is not URL-encoded: %.60s", aws.ToString(v.Document))
	}
	doc, err := url.PathUnescape(aws.ToString(v.Document))
	want, _ := assets.ManagedPolicyByName("AWSCloudTrail_FullAccess")
	if err != nil || doc != want.Document {
		t.Fatalf("decoded document differs from the shipped one (%v)", err)
	}
	must(c.DetachGroupPolicy(ctx, &iam.DetachGroupPolicyInput{GroupName: aws.String("g"), PolicyArn: local.Arn}))
	must(c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: local.Arn}))
}

func TestInlinePolicies(t *testing.T) {
	ctx := context.Background()
	c := adminIAM(newSim(t))
	must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u")}))
	must(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("g")}))
	for _, name := range []string{"b-policy", "A-policy"} {
		must(c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("u"), PolicyName: aws.String(name), PolicyDocument: aws.String(okDoc)}))
	}
	replaced := strings.Replace(okDoc, "s3:ListBucket", "s3:GetObject", 1)
	must(c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("u"), PolicyName: aws.String("b-policy"), PolicyDocument: aws.String(replaced)}))
	list := must(c.ListUserPolicies(ctx, &iam.ListUserPoliciesInput{UserName: aws.String("u")})).PolicyNames
	if strings.Join(list, ",") != "A-policy,b-policy" {
		t.Fatalf("ListUserPolicies = %v", list)
	}
	got := must(c.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String("u"), PolicyName: aws.String("b-policy")}))
	if doc, _ := url.PathUnescape(aws.ToString(got.PolicyDocument)); doc != replaced || aws.ToString(got.PolicyDocument) == replaced {
		t.Fatalf("GetUserPolicy document = %s", aws.ToString(got.PolicyDocument))
	}
	must(c.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: aws.String("u"), PolicyName: aws.String("A-policy")}))

	must(c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: aws.String("g"), PolicyName: aws.String("gp"), PolicyDocument: aws.String(okDoc)}))
	gl := must(c.ListGroupPolicies(ctx, &iam.ListGroupPoliciesInput{GroupName: aws.String("g")})).PolicyNames
	gg := must(c.GetGroupPolicy(ctx, &iam.GetGroupPolicyInput{GroupName: aws.String("g"), PolicyName: aws.String("gp")}))
	if strings.Join(gl, ",") != "gp" || aws.ToString(gg.GroupName) != "g" {
		t.Fatalf("group inline: %v %+v", gl, gg)
	}
	must(c.DeleteGroupPolicy(ctx, &iam.DeleteGroupPolicyInput{GroupName: aws.String("g"), PolicyName: aws.String("gp")}))
}

// TestPolicyDocumentsIncludeEverything: the evaluator sees the user's attached and
// inline policies and those of each of its groups.
func TestPolicyDocumentsIncludeEverything(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminIAM(s)
	u := must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u")})).User
	must(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("g")}))
	must(c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("g"), UserName: aws.String("u")}))
	must(c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("u"), PolicyArn: aws.String(s3FullArn)}))
	must(c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("u"), PolicyName: aws.String("mine"), PolicyDocument: aws.String(okDoc)}))
	must(c.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String("g"), PolicyArn: aws.String(trailFullArn)}))
	must(c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: aws.String("g"), PolicyName: aws.String("ours"), PolicyDocument: aws.String(okDoc)}))
	docs, err := s.IAM().PolicyDocuments(ctx, aws.ToString(u.UserId))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		if d.Document == "" {
			t.Errorf("%s has no document", d.Name)
		}
		got = append(got, d.Name+"@"+d.Group+"#"+d.Arn)
	}
	want := "AmazonS3FullAccess@#" + s3FullArn + " AWSCloudTrail_FullAccess@g#" + trailFullArn + " mine@# ours@g#"
	if strings.Join(got, " ") != want {
		t.Fatalf("PolicyDocuments =\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
}

// TestShippedPoliciesParse: every AWS managed policy in assets is a valid identity
// policy for the engine (a broken asset would silently grant nothing).
func TestShippedPoliciesParse(t *testing.T) {
	ps, err := assets.ManagedPolicies()
	if err != nil {
		t.Fatal(err)
	}
	c := adminIAM(newSim(t))
	for _, p := range ps {
		// PutUserPolicy runs the policy engine on the document.
		if _, err := c.CreatePolicy(context.Background(), &iam.CreatePolicyInput{PolicyName: aws.String("copy-" + strings.ReplaceAll(p.PolicyName, "_", "-")), PolicyDocument: aws.String(p.Document)}); err != nil {
			code, msg := apiError(t, err)
			t.Errorf("%s: %s: %s", p.PolicyName, code, msg)
		}
	}
}
