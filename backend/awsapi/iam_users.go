package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/labconsole/labconsole/model"
)

// UpdateUser implements backend.IAM.
func (b *Backend) UpdateUser(ctx context.Context, name string, u model.UserUpdate) error {
	if err := u.Validate(); err != nil {
		return err
	}
	in := &iam.UpdateUserInput{UserName: aws.String(name)}
	if u.NewUserName != "" {
		in.NewUserName = aws.String(u.NewUserName)
	}
	if u.NewPath != "" {
		in.NewPath = aws.String(u.NewPath)
	}
	_, err := b.iam.UpdateUser(ctx, in)
	return wrap("iam:UpdateUser", err)
}

// DeleteUser implements backend.IAM.
func (b *Backend) DeleteUser(ctx context.Context, name string) error {
	_, err := b.iam.DeleteUser(ctx, &iam.DeleteUserInput{UserName: aws.String(name)})
	return wrap("iam:DeleteUser", err)
}

// TagUser implements backend.IAM; tags are validated with IAM's rules first.
func (b *Backend) TagUser(ctx context.Context, name string, tags []model.Tag) error {
	if err := model.ValidateTags(tags); err != nil {
		return err
	}
	in := &iam.TagUserInput{UserName: aws.String(name)}
	for _, t := range tags {
		in.Tags = append(in.Tags, types.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)})
	}
	_, err := b.iam.TagUser(ctx, in)
	return wrap("iam:TagUser", err)
}

// UntagUser implements backend.IAM.
func (b *Backend) UntagUser(ctx context.Context, name string, keys []string) error {
	_, err := b.iam.UntagUser(ctx, &iam.UntagUserInput{UserName: aws.String(name), TagKeys: keys})
	return wrap("iam:UntagUser", err)
}

// ListUserTags implements backend.IAM, following every page.
func (b *Backend) ListUserTags(ctx context.Context, name string) ([]model.Tag, error) {
	var out []model.Tag
	p := iam.NewListUserTagsPaginator(b.iam, &iam.ListUserTagsInput{UserName: aws.String(name)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, wrap("iam:ListUserTags", err)
		}
		for _, t := range page.Tags {
			out = append(out, model.Tag{Key: aws.ToString(t.Key), Value: aws.ToString(t.Value)})
		}
	}
	return out, nil
}
