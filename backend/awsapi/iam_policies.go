package awsapi

import (
	"context"
	"fmt"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

// ListPolicies implements backend.IAM: one page, following IAM's Marker.
func (b *Backend) ListPolicies(ctx context.Context, f model.PolicyFilter, req model.PageRequest) (model.Page[model.Policy], error) {
	in := &iam.ListPoliciesInput{OnlyAttached: f.OnlyAttached}
	if f.Scope != "" {
		in.Scope = types.PolicyScopeType(f.Scope)
	}
	if f.PathPrefix != "" {
		in.PathPrefix = aws.String(f.PathPrefix)
	}
	if req.Token != "" {
		in.Marker = aws.String(req.Token)
	}
	if req.Limit > 0 {
		in.MaxItems = aws.Int32(int32(req.Limit))
	}
	out, err := b.iam.ListPolicies(ctx, in)
	if err != nil {
		return model.Page[model.Policy]{}, wrap("iam:ListPolicies", err)
	}
	page := model.Page[model.Policy]{Items: make([]model.Policy, 0, len(out.Policies))}
	for _, p := range out.Policies {
		page.Items = append(page.Items, policyFrom(p))
	}
	if out.IsTruncated {
		page.NextToken = aws.ToString(out.Marker)
	}
	return page, nil
}

// GetPolicy implements backend.IAM.
func (b *Backend) GetPolicy(ctx context.Context, arn string) (model.Policy, error) {
	out, err := b.iam.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(arn)})
	if err != nil {
		return model.Policy{}, wrap("iam:GetPolicy", err)
	}
	return policyFrom(*out.Policy), nil
}

// GetPolicyVersion implements backend.IAM. IAM sends the document URL-encoded (the
// SDK leaves it so); it is decoded here so screens get JSON.
func (b *Backend) GetPolicyVersion(ctx context.Context, arn, versionID string) (model.PolicyVersion, error) {
	if versionID == "" {
		p, err := b.GetPolicy(ctx, arn)
		if err != nil {
			return model.PolicyVersion{}, err
		}
		versionID = p.DefaultVersionID
	}
	out, err := b.iam.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(arn), VersionId: aws.String(versionID)})
	if err != nil {
		return model.PolicyVersion{}, wrap("iam:GetPolicyVersion", err)
	}
	v := out.PolicyVersion
	doc, err := decodeDocument("iam:GetPolicyVersion", aws.ToString(v.Document))
	if err != nil {
		return model.PolicyVersion{}, err
	}
	return model.PolicyVersion{VersionID: aws.ToString(v.VersionId), IsDefaultVersion: v.IsDefaultVersion, CreateDate: aws.ToTime(v.CreateDate), Document: doc}, nil
}

// decodeDocument undoes IAM's URL-encoding of policy documents. PathUnescape, not
// QueryUnescape: IAM encodes spaces as %20 and a literal "+" must stay one.
func decodeDocument(op, doc string) (string, error) {
	s, err := url.PathUnescape(doc)
	if err != nil {
		return "", &backend.Error{Op: op, Kind: backend.KindUnavailable, Message: fmt.Sprintf("the policy document is not URL-encoded as IAM sends it: %v", err), Err: err}
	}
	return s, nil
}

// AttachUserPolicy implements backend.IAM.
func (b *Backend) AttachUserPolicy(ctx context.Context, user, policyArn string) error {
	err := b.eventually(ctx, func() error {
		_, err := b.iam.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String(user), PolicyArn: aws.String(policyArn)})
		return err
	}, userRef(user))
	return wrap("iam:AttachUserPolicy", err)
}

// DetachUserPolicy implements backend.IAM.
func (b *Backend) DetachUserPolicy(ctx context.Context, user, policyArn string) error {
	_, err := b.iam.DetachUserPolicy(ctx, &iam.DetachUserPolicyInput{UserName: aws.String(user), PolicyArn: aws.String(policyArn)})
	return wrap("iam:DetachUserPolicy", err)
}

// ListAttachedUserPolicies implements backend.IAM, following every page.
func (b *Backend) ListAttachedUserPolicies(ctx context.Context, user string) ([]model.AttachedPolicy, error) {
	out := []model.AttachedPolicy{}
	p := iam.NewListAttachedUserPoliciesPaginator(b.iam, &iam.ListAttachedUserPoliciesInput{UserName: aws.String(user)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, wrap("iam:ListAttachedUserPolicies", err)
		}
		out = appendAttached(out, page.AttachedPolicies)
	}
	return out, nil
}

// AttachGroupPolicy implements backend.IAM.
func (b *Backend) AttachGroupPolicy(ctx context.Context, group, policyArn string) error {
	err := b.eventually(ctx, func() error {
		_, err := b.iam.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String(group), PolicyArn: aws.String(policyArn)})
		return err
	}, groupRef(group))
	return wrap("iam:AttachGroupPolicy", err)
}

// DetachGroupPolicy implements backend.IAM.
func (b *Backend) DetachGroupPolicy(ctx context.Context, group, policyArn string) error {
	_, err := b.iam.DetachGroupPolicy(ctx, &iam.DetachGroupPolicyInput{GroupName: aws.String(group), PolicyArn: aws.String(policyArn)})
	return wrap("iam:DetachGroupPolicy", err)
}

// ListAttachedGroupPolicies implements backend.IAM, following every page.
func (b *Backend) ListAttachedGroupPolicies(ctx context.Context, group string) ([]model.AttachedPolicy, error) {
	out := []model.AttachedPolicy{}
	p := iam.NewListAttachedGroupPoliciesPaginator(b.iam, &iam.ListAttachedGroupPoliciesInput{GroupName: aws.String(group)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, wrap("iam:ListAttachedGroupPolicies", err)
		}
		out = appendAttached(out, page.AttachedPolicies)
	}
	return out, nil
}

func appendAttached(out []model.AttachedPolicy, in []types.AttachedPolicy) []model.AttachedPolicy {
	for _, a := range in {
		out = append(out, model.AttachedPolicy{PolicyName: aws.ToString(a.PolicyName), PolicyArn: aws.ToString(a.PolicyArn)})
	}
	return out
}

func policyFrom(p types.Policy) model.Policy {
	return model.Policy{
		PolicyName:       aws.ToString(p.PolicyName),
		PolicyID:         aws.ToString(p.PolicyId),
		Arn:              aws.ToString(p.Arn),
		Path:             aws.ToString(p.Path),
		DefaultVersionID: aws.ToString(p.DefaultVersionId),
		AttachmentCount:  int(aws.ToInt32(p.AttachmentCount)),
		IsAttachable:     p.IsAttachable,
		Description:      aws.ToString(p.Description),
		CreateDate:       aws.ToTime(p.CreateDate),
		UpdateDate:       aws.ToTime(p.UpdateDate),
	}
}
