package backend

import (
	"context"
	"errors"

	"github.com/labconsole/labconsole/model"
)

// IAM is the IAM part of the console: users, user groups, policies and credentials.
// It is split by screen so a screen (or a test double) can depend on just its part.
type IAM interface {
	IAMUsers
	IAMGroups
	IAMPolicies
	IAMCredentials
}

// IAMUsers backs IAM > Users and a user's summary.
type IAMUsers interface {
	ListUsers(ctx context.Context, req model.PageRequest) (model.Page[model.User], error)
	GetUser(ctx context.Context, name string) (model.User, error)
	CreateUser(ctx context.Context, in model.NewUser) (model.User, error)
	// UpdateUser renames the user or moves it to another path.
	UpdateUser(ctx context.Context, name string, in model.UserUpdate) error
	// DeleteUser fails with KindConflict while the user still has a password, access
	// keys, groups or policies; the console removes those first.
	DeleteUser(ctx context.Context, name string) error
	TagUser(ctx context.Context, name string, tags []model.Tag) error
	UntagUser(ctx context.Context, name string, keys []string) error
	ListUserTags(ctx context.Context, name string) ([]model.Tag, error)
}

// IAMGroups backs IAM > User groups and the "Add user to group" step of Add users.
type IAMGroups interface {
	ListGroups(ctx context.Context, req model.PageRequest) (model.Page[model.Group], error)
	// GetGroup returns the group and all its members.
	GetGroup(ctx context.Context, name string) (model.Group, []model.User, error)
	CreateGroup(ctx context.Context, in model.NewGroup) (model.Group, error)
	// DeleteGroup fails with KindConflict while the group has members or policies.
	DeleteGroup(ctx context.Context, name string) error
	AddUserToGroup(ctx context.Context, group, user string) error
	RemoveUserFromGroup(ctx context.Context, group, user string) error
	ListGroupsForUser(ctx context.Context, user string) ([]model.Group, error)
}

// IAMPolicies backs IAM > Policies, "Attach permissions policies" and the Permissions
// tabs of users and groups (managed and inline policies).
type IAMPolicies interface {
	ListPolicies(ctx context.Context, f model.PolicyFilter, req model.PageRequest) (model.Page[model.Policy], error)
	GetPolicy(ctx context.Context, arn string) (model.Policy, error)
	// GetPolicyVersion returns a version's document, decoded; versionID "" means the
	// policy's default version.
	GetPolicyVersion(ctx context.Context, arn, versionID string) (model.PolicyVersion, error)

	AttachUserPolicy(ctx context.Context, user, policyArn string) error
	DetachUserPolicy(ctx context.Context, user, policyArn string) error
	ListAttachedUserPolicies(ctx context.Context, user string) ([]model.AttachedPolicy, error)
	AttachGroupPolicy(ctx context.Context, group, policyArn string) error
	DetachGroupPolicy(ctx context.Context, group, policyArn string) error
	ListAttachedGroupPolicies(ctx context.Context, group string) ([]model.AttachedPolicy, error)

	PutUserPolicy(ctx context.Context, user string, p model.InlinePolicy) error
	GetUserPolicy(ctx context.Context, user, name string) (model.InlinePolicy, error)
	ListUserPolicies(ctx context.Context, user string) ([]string, error)
	DeleteUserPolicy(ctx context.Context, user, name string) error
	PutGroupPolicy(ctx context.Context, group string, p model.InlinePolicy) error
	GetGroupPolicy(ctx context.Context, group, name string) (model.InlinePolicy, error)
	ListGroupPolicies(ctx context.Context, group string) ([]string, error)
	DeleteGroupPolicy(ctx context.Context, group, name string) error
}

// IAMCredentials backs a user's "Security credentials" tab: the console password and
// access keys, and the account's password policy.
type IAMCredentials interface {
	CreateLoginProfile(ctx context.Context, in model.NewLoginProfile) (model.LoginProfile, error)
	GetLoginProfile(ctx context.Context, user string) (model.LoginProfile, error)
	// UpdateLoginProfile sets a new password (when in.Password is not empty) and the
	// reset-required flag.
	UpdateLoginProfile(ctx context.Context, in model.NewLoginProfile) error
	DeleteLoginProfile(ctx context.Context, user string) error

	// CreateAccessKey returns the key with its secret, which is never shown again.
	CreateAccessKey(ctx context.Context, user string) (model.AccessKey, error)
	ListAccessKeys(ctx context.Context, user string) ([]model.AccessKey, error)
	// UpdateAccessKey sets a key's status, model.AccessKeyActive or AccessKeyInactive.
	UpdateAccessKey(ctx context.Context, user, accessKeyID, status string) error
	DeleteAccessKey(ctx context.Context, user, accessKeyID string) error

	// AccountPasswordPolicy returns the account's custom password policy; ok is false
	// when there is none and IAM's default policy applies.
	AccountPasswordPolicy(ctx context.Context) (p model.PasswordPolicy, ok bool, err error)
}

// Sessions switches who the console acts as, as the AWS console's sign-in page does
// (lab step B13: "sign out and sign in as lab-user").
//
// It lives beside Identity, not in IAM, because it changes the Backend itself rather
// than calling a service: SignIn returns a new Backend bound to the signed-in user,
// and the UI swaps it into its Common, keeping the old one to return to. Password
// sign-in has no AWS API, so only the simulator offers it (its control endpoint
// POST /_sim/signin issues session credentials); on a real account SignIn fails with
// ErrNoConsoleSignIn and the user restarts labconsole with --profile, as the design
// prescribes for real mode.
type Sessions interface {
	SignIn(ctx context.Context, userName, password string) (Backend, error)
	// SignOut ends the session this Backend was signed in with; it does nothing for
	// a Backend on long-term credentials.
	SignOut(ctx context.Context) error
}

// ErrNoConsoleSignIn is the cause of SignIn's failure on a real account.
var ErrNoConsoleSignIn = errors.New("console password sign-in has no AWS API; to act as another identity, restart labconsole with --profile PROFILE")
