package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/labconsole/labconsole/model"
)

// ListGroups implements backend.IAM: one page, following IAM's Marker.
func (b *Backend) ListGroups(ctx context.Context, req model.PageRequest) (model.Page[model.Group], error) {
	in := &iam.ListGroupsInput{}
	if req.Token != "" {
		in.Marker = aws.String(req.Token)
	}
	if req.Limit > 0 {
		in.MaxItems = aws.Int32(int32(req.Limit))
	}
	out, err := b.iam.ListGroups(ctx, in)
	if err != nil {
		return model.Page[model.Group]{}, wrap("iam:ListGroups", err)
	}
	page := model.Page[model.Group]{Items: make([]model.Group, 0, len(out.Groups))}
	for _, g := range out.Groups {
		page.Items = append(page.Items, groupFrom(g))
	}
	if out.IsTruncated {
		page.NextToken = aws.ToString(out.Marker)
	}
	return page, nil
}

// GetGroup implements backend.IAM, following the members' pages.
func (b *Backend) GetGroup(ctx context.Context, name string) (model.Group, []model.User, error) {
	var g model.Group
	users := []model.User{}
	p := iam.NewGetGroupPaginator(b.iam, &iam.GetGroupInput{GroupName: aws.String(name)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return model.Group{}, nil, wrap("iam:GetGroup", err)
		}
		if page.Group != nil {
			g = groupFrom(*page.Group)
		}
		for _, u := range page.Users {
			users = append(users, userFrom(u))
		}
	}
	return g, users, nil
}

// CreateGroup implements backend.IAM; input is validated with IAM's rules first.
func (b *Backend) CreateGroup(ctx context.Context, ng model.NewGroup) (model.Group, error) {
	if err := ng.Validate(); err != nil {
		return model.Group{}, err
	}
	in := &iam.CreateGroupInput{GroupName: aws.String(ng.GroupName)}
	if ng.Path != "" {
		in.Path = aws.String(ng.Path)
	}
	out, err := b.iam.CreateGroup(ctx, in)
	if err != nil {
		return model.Group{}, wrap("iam:CreateGroup", err)
	}
	b.markCreated(groupRef(ng.GroupName))
	return groupFrom(*out.Group), nil
}

// DeleteGroup implements backend.IAM.
func (b *Backend) DeleteGroup(ctx context.Context, name string) error {
	_, err := b.iam.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: aws.String(name)})
	return wrap("iam:DeleteGroup", err)
}

// AddUserToGroup implements backend.IAM, waiting for a user or group created
// moments ago to propagate.
func (b *Backend) AddUserToGroup(ctx context.Context, group, user string) error {
	err := b.eventually(ctx, func() error {
		_, err := b.iam.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: aws.String(group), UserName: aws.String(user)})
		return err
	}, userRef(user), groupRef(group))
	return wrap("iam:AddUserToGroup", err)
}

// RemoveUserFromGroup implements backend.IAM.
func (b *Backend) RemoveUserFromGroup(ctx context.Context, group, user string) error {
	_, err := b.iam.RemoveUserFromGroup(ctx, &iam.RemoveUserFromGroupInput{GroupName: aws.String(group), UserName: aws.String(user)})
	return wrap("iam:RemoveUserFromGroup", err)
}

// ListGroupsForUser implements backend.IAM, following every page.
func (b *Backend) ListGroupsForUser(ctx context.Context, user string) ([]model.Group, error) {
	out := []model.Group{}
	p := iam.NewListGroupsForUserPaginator(b.iam, &iam.ListGroupsForUserInput{UserName: aws.String(user)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, wrap("iam:ListGroupsForUser", err)
		}
		for _, g := range page.Groups {
			out = append(out, groupFrom(g))
		}
	}
	return out, nil
}

func groupFrom(g types.Group) model.Group {
	return model.Group{
		GroupName:  aws.ToString(g.GroupName),
		GroupID:    aws.ToString(g.GroupId),
		Arn:        aws.ToString(g.Arn),
		Path:       aws.ToString(g.Path),
		CreateDate: aws.ToTime(g.CreateDate),
	}
}
