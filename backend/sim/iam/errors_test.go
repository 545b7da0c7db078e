package iam_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

const (
	adminArn     = "arn:aws:iam::aws:policy/AdministratorAccess"
	s3FullArn    = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
	trailFullArn = "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess"
	strongPw     = "Suwon#0307"
	okDoc        = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}`
)

// attachable lists the shipped, still published AWS managed policies.
func attachable(t testing.TB, c *iam.Client) []string {
	t.Helper()
	out := must(c.ListPolicies(context.Background(), &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeAws}))
	var arns []string
	for _, p := range out.Policies {
		arns = append(arns, aws.ToString(p.Arn))
	}
	return arns
}

// errorFixture builds an account where every DeleteConflict, quota and lookup error of
// the table below can happen, each on its own user or group.
func errorFixture(t *testing.T, c *iam.Client) {
	t.Helper()
	ctx := context.Background()
	for _, u := range []string{"alice", "bob", "carol", "dave", "erin", "frank"} {
		must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(u)}))
	}
	for _, g := range []string{"devs", "auditors", "writers"} {
		must(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String(g)}))
	}
	must(c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("alice"), Password: aws.String(strongPw)}))
	must(c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("devs"), UserName: aws.String("bob")}))
	for i := 1; i < 10; i++ {
		g := fmt.Sprintf("g%d", i)
		must(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String(g)}))
		must(c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String(g), UserName: aws.String("bob")}))
	}
	must(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("g10")}))
	for range 2 {
		must(c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("carol")}))
	}
	arns := attachable(t, c)
	if len(arns) < 11 {
		t.Fatalf("need 11 attachable AWS policies, have %d", len(arns))
	}
	for _, arn := range arns[:10] {
		must(c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("dave"), PolicyArn: aws.String(arn)}))
	}
	must(c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("erin"), PolicyName: aws.String("inline"), PolicyDocument: aws.String(okDoc)}))
	must(c.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String("auditors"), PolicyArn: aws.String(trailFullArn)}))
	must(c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: aws.String("writers"), PolicyName: aws.String("inline"), PolicyDocument: aws.String(okDoc)}))
	var tags []types.Tag
	for i := range 50 {
		tags = append(tags, types.Tag{Key: aws.String(fmt.Sprintf("k%02d", i)), Value: aws.String("v")})
	}
	must(c.TagUser(ctx, &iam.TagUserInput{UserName: aws.String("frank"), Tags: tags}))
	must(c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("lab-local"), PolicyDocument: aws.String(okDoc)}))
	must(c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("erin"), PolicyArn: aws.String("arn:aws:iam::123456789012:policy/lab-local")}))
}

// TestIAMErrors checks that each refusal carries IAM's code and wording.
func TestIAMErrors(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminIAM(s)
	errorFixture(t, c)
	carolKey := must(c.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String("carol")})).AccessKeyMetadata[0].AccessKeyId
	arns := attachable(t, c)
	var tags51 []types.Tag
	for i := range 51 {
		tags51 = append(tags51, types.Tag{Key: aws.String(fmt.Sprintf("x%02d", i)), Value: aws.String("v")})
	}
	big := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + strings.Repeat("b", 2000) + `"}]}`

	cases := []struct {
		name    string
		call    func() error
		code    string
		message string
	}{
		{"duplicate user ignoring case", func() error {
			_, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("ALICE")})
			return err
		}, "EntityAlreadyExists", "User with name ALICE already exists."},
		{"duplicate group ignoring case", func() error {
			_, err := c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String("DEVS")})
			return err
		}, "EntityAlreadyExists", "Group with name DEVS already exists."},
		{"rename onto another user ignoring case", func() error {
			_, err := c.UpdateUser(ctx, &iam.UpdateUserInput{UserName: aws.String("alice"), NewUserName: aws.String("BOB")})
			return err
		}, "EntityAlreadyExists", "User with name BOB already exists."},
		{"invalid user name", func() error {
			_, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("bad name")})
			return err
		}, "ValidationError", `1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`},
		{"group name too long", func() error {
			_, err := c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String(strings.Repeat("g", 129))})
			return err
		}, "ValidationError", "1 validation error detected: Value '" + strings.Repeat("g", 129) + "' at 'groupName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{"delete user with a login profile", func() error {
			_, err := c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("alice")})
			return err
		}, "DeleteConflict", "Cannot delete entity, must delete login profile first."},
		{"delete user with access keys", func() error {
			_, err := c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("carol")})
			return err
		}, "DeleteConflict", "Cannot delete entity, must delete access keys first."},
		{"delete user in groups", func() error {
			_, err := c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("bob")})
			return err
		}, "DeleteConflict", "Cannot delete entity, must remove user from all groups first."},
		{"delete user with attached policies", func() error {
			_, err := c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("dave")})
			return err
		}, "DeleteConflict", "Cannot delete entity, must detach all policies first."},
		{"delete user with inline policies", func() error {
			c.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: aws.String("erin"), PolicyArn: aws.String("arn:aws:iam::123456789012:policy/lab-local")})
			defer c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("erin"), PolicyArn: aws.String("arn:aws:iam::123456789012:policy/lab-local")})
			_, err := c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String("erin")})
			return err
		}, "DeleteConflict", "Cannot delete entity, must delete policies first."},
		{"delete group with members", func() error {
			_, err := c.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: aws.String("devs")})
			return err
		}, "DeleteConflict", "Cannot delete entity, must remove users from group first."},
		{"delete group with attached policies", func() error {
			_, err := c.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: aws.String("auditors")})
			return err
		}, "DeleteConflict", "Cannot delete entity, must detach all policies first."},
		{"delete group with inline policies", func() error {
			_, err := c.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: aws.String("writers")})
			return err
		}, "DeleteConflict", "Cannot delete entity, must delete policies first."},
		{"delete an attached customer policy", func() error {
			_, err := c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: aws.String("arn:aws:iam::123456789012:policy/lab-local")})
			return err
		}, "DeleteConflict", "Cannot delete a policy attached to entities."},
		{"weak password: too short", func() error {
			_, err := c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("bob"), Password: aws.String("Ab1#")})
			return err
		}, "PasswordPolicyViolation", "Password does not conform to the account password policy."},
		{"weak password: two character classes", func() error {
			_, err := c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("bob"), Password: aws.String("password1234")})
			return err
		}, "PasswordPolicyViolation", "Password does not conform to the account password policy."},
		{"weak password on update", func() error {
			_, err := c.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: aws.String("alice"), Password: aws.String("aaaaaaaa")})
			return err
		}, "PasswordPolicyViolation", "Password does not conform to the account password policy."},
		{"second login profile", func() error {
			_, err := c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("alice"), Password: aws.String(strongPw)})
			return err
		}, "EntityAlreadyExists", "Login Profile for user alice already exists."},
		{"no login profile", func() error {
			_, err := c.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("bob")})
			return err
		}, "NoSuchEntity", "Login Profile for User bob cannot be found."},
		{"third access key", func() error {
			_, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("carol")})
			return err
		}, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2"},
		{"another user's access key", func() error {
			_, err := c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("bob"), AccessKeyId: carolKey})
			return err
		}, "NoSuchEntity", "The Access Key with id " + aws.ToString(carolKey) + " cannot be found."},
		{"bad access key status", func() error {
			_, err := c.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: aws.String("carol"), AccessKeyId: carolKey, Status: "Disabled"})
			return err
		}, "ValidationError", "1 validation error detected: Value 'Disabled' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]"},
		{"51st tag", func() error {
			_, err := c.TagUser(ctx, &iam.TagUserInput{UserName: aws.String("frank"), Tags: []types.Tag{{Key: aws.String("one-more"), Value: aws.String("v")}}})
			return err
		}, "LimitExceeded", "Cannot exceed quota for TagsPerUser: 50"},
		{"51 tags at once", func() error {
			_, err := c.TagUser(ctx, &iam.TagUserInput{UserName: aws.String("bob"), Tags: tags51})
			return err
		}, "ValidationError", "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"},
		{"11th managed policy on a user", func() error {
			_, err := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("dave"), PolicyArn: aws.String(arns[10])})
			return err
		}, "LimitExceeded", "Cannot exceed quota for PoliciesPerUser: 10"},
		{"11th group of a user", func() error {
			_, err := c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String("g10"), UserName: aws.String("bob")})
			return err
		}, "LimitExceeded", "Cannot exceed quota for GroupsPerUser: 10"},
		{"inline policies over the size quota", func() error {
			_, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("erin"), PolicyName: aws.String("big"), PolicyDocument: aws.String(big)})
			return err
		}, "LimitExceeded", "Maximum policy size of 2048 bytes exceeded for user erin"},
		{"malformed policy: no resource", func() error {
			_, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("bob"), PolicyName: aws.String("p"),
				PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}`)})
			return err
		}, "MalformedPolicyDocument", "Policy statement must contain resources."},
		{"malformed policy: not JSON", func() error {
			_, err := c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: aws.String("devs"), PolicyName: aws.String("p"), PolicyDocument: aws.String(`{"Version":`)})
			return err
		}, "MalformedPolicyDocument", "Syntax errors in policy."},
		{"managed policy must be 2012-10-17", func() error {
			_, err := c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("old"),
				PolicyDocument: aws.String(`{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)})
			return err
		}, "MalformedPolicyDocument", "Policy document must be version 2012-10-17 or greater."},
		{"duplicate customer policy", func() error {
			_, err := c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("LAB-LOCAL"), PolicyDocument: aws.String(okDoc)})
			return err
		}, "EntityAlreadyExists", "A policy called LAB-LOCAL already exists. Duplicate names are not allowed."},
		{"attach a policy that does not exist", func() error {
			_, err := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("bob"), PolicyArn: aws.String("arn:aws:iam::aws:policy/NoSuchPolicy")})
			return err
		}, "NoSuchEntity", "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable."},
		{"attach a withdrawn AWS policy", func() error {
			_, err := c.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String("devs"), PolicyArn: aws.String("arn:aws:iam::aws:policy/AWSCloudTrailReadOnlyAccess")})
			return err
		}, "NoSuchEntity", "Policy arn:aws:iam::aws:policy/AWSCloudTrailReadOnlyAccess does not exist or is not attachable."},
		{"detach a policy that is not attached", func() error {
			_, err := c.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: aws.String("bob"), PolicyArn: aws.String(adminArn)})
			return err
		}, "NoSuchEntity", "Policy " + adminArn + " was not found."},
		{"get an unknown policy", func() error {
			_, err := c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String("arn:aws:iam::aws:policy/Nope")})
			return err
		}, "NoSuchEntity", "Policy arn:aws:iam::aws:policy/Nope was not found."},
		{"unknown policy version", func() error {
			_, err := c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(adminArn), VersionId: aws.String("v9")})
			return err
		}, "NoSuchEntity", "Policy " + adminArn + " version v9 does not exist or is not attachable."},
		{"unknown inline policy", func() error {
			_, err := c.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String("bob"), PolicyName: aws.String("nope")})
			return err
		}, "NoSuchEntity", "The user policy with name nope cannot be found."},
		{"unknown group inline policy", func() error {
			_, err := c.DeleteGroupPolicy(ctx, &iam.DeleteGroupPolicyInput{GroupName: aws.String("devs"), PolicyName: aws.String("nope")})
			return err
		}, "NoSuchEntity", "The group policy with name nope cannot be found."},
		{"unknown group", func() error {
			_, err := c.GetGroup(ctx, &iam.GetGroupInput{GroupName: aws.String("nogroup")})
			return err
		}, "NoSuchEntity", "The group with name nogroup cannot be found."},
		{"unknown user", func() error {
			_, err := c.ListGroupsForUser(ctx, &iam.ListGroupsForUserInput{UserName: aws.String("nobody")})
			return err
		}, "NoSuchEntity", "The user with name nobody cannot be found."},
		{"remove a user who is not a member", func() error {
			_, err := c.RemoveUserFromGroup(ctx, &iam.RemoveUserFromGroupInput{GroupName: aws.String("devs"), UserName: aws.String("alice")})
			return err
		}, "NoSuchEntity", "The user with name alice cannot be found."},
		{"no custom password policy", func() error {
			_, err := c.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
			return err
		}, "NoSuchEntity", "The Password Policy with domain name 123456789012 cannot be found."},
		{"bad scope", func() error {
			_, err := c.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: "Mine"})
			return err
		}, "ValidationError", "1 validation error detected: Value 'Mine' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]"},
		{"bad marker", func() error {
			_, err := c.ListGroups(ctx, &iam.ListGroupsInput{Marker: aws.String("!!")})
			return err
		}, "InvalidInput", "Invalid Marker."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, msg := apiError(t, tc.call())
			if code != tc.code || msg != tc.message {
				t.Fatalf("got %s: %s\nwant %s: %s", code, msg, tc.code, tc.message)
			}
		})
	}
}
