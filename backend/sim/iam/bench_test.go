//go:build bench

package iam_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// BenchmarkAuthorizedCallTenPolicies is one full in-process IAM call (signing,
// transport, verification, the user's policies loaded and evaluated, the operation,
// decoding) by a user with 10 attached managed policies, the most IAM allows by
// default, none of them granting everything (AdministratorAccess, IAMFullAccess and
// ReadOnlyAccess are left out), so every statement is matched.
func BenchmarkAuthorizedCallTenPolicies(b *testing.B) {
	ctx := context.Background()
	s := newSim(b)
	admin := adminIAM(s)
	must(admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("bench")}))
	n := 0
	for _, arn := range attachable(b, admin) {
		if arn == "arn:aws:iam::aws:policy/AdministratorAccess" || arn == "arn:aws:iam::aws:policy/IAMFullAccess" || arn == "arn:aws:iam::aws:policy/ReadOnlyAccess" {
			continue
		}
		must(admin.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("bench"), PolicyArn: aws.String(arn)}))
		if n++; n == 10 {
			break
		}
	}
	key := must(admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("bench")})).AccessKey
	c := iam.NewFromConfig(config(s, aws.ToString(key.AccessKeyId), aws.ToString(key.SecretAccessKey), ""))
	attached := must(admin.ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: aws.String("bench")})).AttachedPolicies
	if len(attached) != 10 {
		b.Fatalf("%d policies attached, want 10", len(attached))
	}
	in := &iam.GetUserInput{UserName: aws.String("bench")}
	if _, err := c.GetUser(ctx, in); err != nil {
		b.Fatalf("GetUser must be allowed: %v", err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.GetUser(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}
