package iam

import (
	"context"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

// userDetail is everything a user's page shows. Each part keeps its own error: the
// page still shows the summary when, say, the caller may not list access keys.
type userDetail struct {
	user          model.User
	groups        []model.Group
	groupsErr     error
	groupPolicies map[string][]model.AttachedPolicy
	attached      []model.AttachedPolicy
	inline        []string
	permsErr      error
	tags          []model.Tag
	tagsErr       error
	profile       *model.LoginProfile
	profileErr    error
	keys          []model.AccessKey
	keysErr       error
}

// userDetailMsg answers the page's load number req.
type userDetailMsg struct {
	owner  *UserDetail
	req    int
	detail userDetail
	err    error // GetUser's: without the user there is no page
}

// loadUserDetail makes the page's calls: the user, its groups and their policies,
// its own policies, tags, console password and access keys.
func loadUserDetail(ctx context.Context, b backend.Backend, name string) (userDetail, error) {
	var d userDetail
	var err error
	if d.user, err = b.GetUser(ctx, name); err != nil {
		return d, err
	}
	d.groups, d.groupsErr = b.ListGroupsForUser(ctx, name)
	d.groupPolicies = map[string][]model.AttachedPolicy{}
	policies := fanOut(d.groups, factsConcurrency, func(g model.Group) []model.AttachedPolicy {
		aps, err := b.ListAttachedGroupPolicies(ctx, g.GroupName)
		if err != nil {
			return nil
		}
		return aps
	})
	for i, g := range d.groups {
		d.groupPolicies[g.GroupName] = policies[i]
	}
	d.attached, d.permsErr = b.ListAttachedUserPolicies(ctx, name)
	if d.permsErr == nil {
		d.inline, d.permsErr = b.ListUserPolicies(ctx, name)
	}
	d.tags, d.tagsErr = b.ListUserTags(ctx, name)
	lp, err := b.GetLoginProfile(ctx, name)
	switch {
	case err == nil:
		d.profile = &lp
	case backend.KindOf(err) != backend.KindNotFound:
		d.profileErr = err
	}
	d.keys, d.keysErr = b.ListAccessKeys(ctx, name)
	return d, nil
}
