package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/labconsole/labconsole/model"
)

// ListUsers implements backend.IAM: one page, following IAM's Marker.
func (b *Backend) ListUsers(ctx context.Context, req model.PageRequest) (model.Page[model.User], error) {
	in := &iam.ListUsersInput{}
	if req.Token != "" {
		in.Marker = aws.String(req.Token)
	}
	if req.Limit > 0 {
		in.MaxItems = aws.Int32(int32(req.Limit))
	}
	out, err := b.iam.ListUsers(ctx, in)
	if err != nil {
		return model.Page[model.User]{}, wrap("iam:ListUsers", err)
	}
	page := model.Page[model.User]{Items: make([]model.User, 0, len(out.Users))}
	for _, u := range out.Users {
		page.Items = append(page.Items, userFrom(u))
	}
	if out.IsTruncated {
		page.NextToken = aws.ToString(out.Marker)
	}
	return page, nil
}

// GetUser implements backend.IAM.
func (b *Backend) GetUser(ctx context.Context, name string) (model.User, error) {
	out, err := b.iam.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(name)})
	if err != nil {
		return model.User{}, wrap("iam:GetUser", err)
	}
	return userFrom(*out.User), nil
}

// CreateUser implements backend.IAM; input is validated with IAM's rules first.
func (b *Backend) CreateUser(ctx context.Context, nu model.NewUser) (model.User, error) {
	if err := nu.Validate(); err != nil {
		return model.User{}, err
	}
	in := &iam.CreateUserInput{UserName: aws.String(nu.UserName)}
	if nu.Path != "" {
		in.Path = aws.String(nu.Path)
	}
	for _, t := range nu.Tags {
		in.Tags = append(in.Tags, types.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)})
	}
	out, err := b.iam.CreateUser(ctx, in)
	if err != nil {
		return model.User{}, wrap("iam:CreateUser", err)
	}
	b.markCreated(userRef(nu.UserName))
	return userFrom(*out.User), nil
}

func userFrom(u types.User) model.User {
	m := model.User{
		UserName:         aws.ToString(u.UserName),
		UserID:           aws.ToString(u.UserId),
		Arn:              aws.ToString(u.Arn),
		Path:             aws.ToString(u.Path),
		CreateDate:       aws.ToTime(u.CreateDate),
		PasswordLastUsed: u.PasswordLastUsed,
	}
	for _, t := range u.Tags {
		m.Tags = append(m.Tags, model.Tag{Key: aws.ToString(t.Key), Value: aws.ToString(t.Value)})
	}
	return m
}
