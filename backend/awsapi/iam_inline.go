package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/labconsole/labconsole/model"
)

// PutUserPolicy implements backend.IAM; the name and document size are checked first,
// the grammar is IAM's to judge (MalformedPolicyDocument).
func (b *Backend) PutUserPolicy(ctx context.Context, user string, p model.InlinePolicy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	err := b.eventually(ctx, func() error {
		_, err := b.iam.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(user), PolicyName: aws.String(p.PolicyName), PolicyDocument: aws.String(p.Document)})
		return err
	}, userRef(user))
	return wrap("iam:PutUserPolicy", err)
}

// GetUserPolicy implements backend.IAM, decoding the URL-encoded document.
func (b *Backend) GetUserPolicy(ctx context.Context, user, name string) (model.InlinePolicy, error) {
	out, err := b.iam.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String(user), PolicyName: aws.String(name)})
	if err != nil {
		return model.InlinePolicy{}, wrap("iam:GetUserPolicy", err)
	}
	doc, err := decodeDocument("iam:GetUserPolicy", aws.ToString(out.PolicyDocument))
	return model.InlinePolicy{PolicyName: aws.ToString(out.PolicyName), Document: doc}, err
}

// ListUserPolicies implements backend.IAM, following every page.
func (b *Backend) ListUserPolicies(ctx context.Context, user string) ([]string, error) {
	out := []string{}
	p := iam.NewListUserPoliciesPaginator(b.iam, &iam.ListUserPoliciesInput{UserName: aws.String(user)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, wrap("iam:ListUserPolicies", err)
		}
		out = append(out, page.PolicyNames...)
	}
	return out, nil
}

// DeleteUserPolicy implements backend.IAM.
func (b *Backend) DeleteUserPolicy(ctx context.Context, user, name string) error {
	_, err := b.iam.DeleteUserPolicy(ctx, &iam.DeleteUserPolicyInput{UserName: aws.String(user), PolicyName: aws.String(name)})
	return wrap("iam:DeleteUserPolicy", err)
}

// PutGroupPolicy implements backend.IAM.
func (b *Backend) PutGroupPolicy(ctx context.Context, group string, p model.InlinePolicy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	err := b.eventually(ctx, func() error {
		_, err := b.iam.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: aws.String(group), PolicyName: aws.String(p.PolicyName), PolicyDocument: aws.String(p.Document)})
		return err
	}, groupRef(group))
	return wrap("iam:PutGroupPolicy", err)
}

// GetGroupPolicy implements backend.IAM, decoding the URL-encoded document.
func (b *Backend) GetGroupPolicy(ctx context.Context, group, name string) (model.InlinePolicy, error) {
	out, err := b.iam.GetGroupPolicy(ctx, &iam.GetGroupPolicyInput{GroupName: aws.String(group), PolicyName: aws.String(name)})
	if err != nil {
		return model.InlinePolicy{}, wrap("iam:GetGroupPolicy", err)
	}
	doc, err := decodeDocument("iam:GetGroupPolicy", aws.ToString(out.PolicyDocument))
	return model.InlinePolicy{PolicyName: aws.ToString(out.PolicyName), Document: doc}, err
}

// ListGroupPolicies implements backend.IAM, following every page.
func (b *Backend) ListGroupPolicies(ctx context.Context, group string) ([]string, error) {
	out := []string{}
	p := iam.NewListGroupPoliciesPaginator(b.iam, &iam.ListGroupPoliciesInput{GroupName: aws.String(group)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, wrap("iam:ListGroupPolicies", err)
		}
		out = append(out, page.PolicyNames...)
	}
	return out, nil
}

// DeleteGroupPolicy implements backend.IAM.
func (b *Backend) DeleteGroupPolicy(ctx context.Context, group, name string) error {
	_, err := b.iam.DeleteGroupPolicy(ctx, &iam.DeleteGroupPolicyInput{GroupName: aws.String(group), PolicyName: aws.String(name)})
	return wrap("iam:DeleteGroupPolicy", err)
}
