package iam

import (
	"context"
	"crypto/rand"
	"errors"
	"math/big"
	"strings"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/components/awscli"
)

// Steps of the Add users wizard, in the console's order.
const (
	stepDetails = iota
	stepPermissions
	stepTags
	stepReview
)

// newUserPlan is what Add users will create, gathered from the wizard's steps.
type newUserPlan struct {
	name          string
	accessKey     bool // "Access key - Programmatic access"
	console       bool // "Password - AWS Management Console access"
	autoPassword  bool
	password      string // the custom password
	resetRequired bool
	perms         permsChoice
	tags          []model.Tag
}

// tagArg is one tag in the AWS CLI's shorthand.
func tagArg(t model.Tag) string { return "Key=" + t.Key + ",Value=" + t.Value }

// withTags adds --tags with one shorthand word per tag.
func withTags(cmd *awscli.Command, tags []model.Tag) *awscli.Command {
	for i, t := range tags {
		if i == 0 {
			cmd.With("--tags", tagArg(t))
		} else {
			cmd.Args = append(cmd.Args, awscli.Arg{Name: awscli.Quote(tagArg(t)), Flag: true})
		}
	}
	return cmd
}

func loginProfileCommand(name, password string, reset bool) *awscli.Command {
	cmd := awscli.New("iam", "create-login-profile").With("--user-name", name).WithSecret("--password", password)
	if reset {
		return cmd.Flag("--password-reset-required")
	}
	return cmd.Flag("--no-password-reset-required")
}

// commands are the AWS CLI equivalents of the plan, password masked. Copying from a
// user first reads that user's groups and policies.
func (p newUserPlan) commands() []*awscli.Command {
	cmds := []*awscli.Command{withTags(awscli.New("iam", "create-user").With("--user-name", p.name), p.tags)}
	if p.console {
		cmds = append(cmds, loginProfileCommand(p.name, "********", p.resetRequired))
	}
	switch p.perms.mode {
	case permGroup:
		for _, g := range p.perms.ids {
			cmds = append(cmds, awscli.New("iam", "add-user-to-group").With("--group-name", g).With("--user-name", p.name))
		}
	case permCopy:
		for _, src := range p.perms.ids {
			cmds = append(cmds, awscli.New("iam", "list-groups-for-user").With("--user-name", src),
				awscli.New("iam", "list-attached-user-policies").With("--user-name", src))
		}
	case permAttach:
		for _, arn := range p.perms.ids {
			cmds = append(cmds, awscli.New("iam", "attach-user-policy").With("--user-name", p.name).With("--policy-arn", arn))
		}
	}
	if p.accessKey {
		cmds = append(cmds, awscli.New("iam", "create-access-key").With("--user-name", p.name))
	}
	return cmds
}

// addUserResult is what the success page shows, once: the password and the secret
// access key are never shown again.
type addUserResult struct {
	user     model.User
	password string
	key      *model.AccessKey
}

// createUser makes the plan's calls in the console's order: CreateUser (with tags),
// CreateLoginProfile, group memberships and policies, CreateAccessKey. When a call
// fails, what was made is undone in reverse, and step says which wizard step the
// error belongs on.
func createUser(ctx context.Context, b backend.Backend, p newUserPlan) (res addUserResult, step int, err error) {
	u, err := b.CreateUser(ctx, model.NewUser{UserName: p.name, Tags: p.tags})
	if err != nil {
		if strings.Contains(strings.ToLower(err.Error()), "tag") {
			return res, stepTags, err
		}
		return res, stepDetails, err
	}
	res.user = u
	undo := []func() error{func() error { return b.DeleteUser(ctx, p.name) }}
	fail := func(step int, err error) (addUserResult, int, error) {
		var errs []error
		for i := len(undo) - 1; i >= 0; i-- {
			errs = append(errs, undo[i]())
		}
		return addUserResult{}, step, rolledBack(err, errors.Join(errs...))
	}

	if p.console {
		res.password = p.password
		if p.autoPassword {
			if res.password, err = generatePassword(); err != nil {
				return fail(stepDetails, err)
			}
		}
		lp := model.NewLoginProfile{UserName: p.name, Password: res.password, PasswordResetRequired: p.resetRequired}
		if _, err := b.CreateLoginProfile(ctx, lp); err != nil {
			return fail(stepDetails, err)
		}
		undo = append(undo, func() error { return b.DeleteLoginProfile(ctx, p.name) })
	}

	groups, policies, err := permissionsToGive(ctx, b, p.perms)
	if err != nil {
		return fail(stepPermissions, err)
	}
	for _, g := range groups {
		if err := b.AddUserToGroup(ctx, g, p.name); err != nil {
			return fail(stepPermissions, err)
		}
		undo = append(undo, func() error { return b.RemoveUserFromGroup(ctx, g, p.name) })
	}
	for _, arn := range policies {
		if err := b.AttachUserPolicy(ctx, p.name, arn); err != nil {
			return fail(stepPermissions, err)
		}
		undo = append(undo, func() error { return b.DetachUserPolicy(ctx, p.name, arn) })
	}

	if p.accessKey {
		k, err := b.CreateAccessKey(ctx, p.name)
		if err != nil {
			return fail(stepDetails, err)
		}
		res.key = &k
	}
	return res, stepReview, nil
}

// permissionsToGive turns the Set permissions choice into group names and policy
// ARNs; copying reads the source user's groups and directly attached policies, as
// the console's "Copy permissions from existing user" does.
func permissionsToGive(ctx context.Context, b backend.Backend, ch permsChoice) (groups, policies []string, err error) {
	switch ch.mode {
	case permGroup:
		return ch.ids, nil, nil
	case permAttach:
		return nil, ch.ids, nil
	}
	for _, src := range ch.ids {
		gs, err := b.ListGroupsForUser(ctx, src)
		if err != nil {
			return nil, nil, err
		}
		for _, g := range gs {
			groups = append(groups, g.GroupName)
		}
		aps, err := b.ListAttachedUserPolicies(ctx, src)
		if err != nil {
			return nil, nil, err
		}
		for _, ap := range aps {
			policies = append(policies, ap.PolicyArn)
		}
	}
	return groups, policies, nil
}

// generatePassword makes the console's "Autogenerated password": 16 characters
// that meet IAM's default password policy.
func generatePassword() (string, error) {
	const (
		upper  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
		lower  = "abcdefghijkmnopqrstuvwxyz"
		digits = "23456789"
		all    = upper + lower + digits + model.PasswordSymbols
	)
	pick := func(set string) (byte, error) {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(set))))
		if err != nil {
			return 0, err
		}
		return set[n.Int64()], nil
	}
	for {
		buf := make([]byte, 16)
		for i := range buf {
			ch, err := pick(all)
			if err != nil {
				return "", err
			}
			buf[i] = ch
		}
		if pw := string(buf); model.ValidatePassword(pw) == nil && model.PasswordClasses(pw) == 4 {
			return pw, nil
		}
	}
}
