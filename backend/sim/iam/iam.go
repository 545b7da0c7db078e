// Package iam is the simulated IAM service (awsQuery, API 2010-05-08): it owns the
// account's users, groups, roles, credentials (login profiles, access keys,
// console sessions) and policies (AWS managed from assets, customer managed, inline, and
// their attachments), and answers the router's two questions: "whose key is this?"
// (LookupCredential) and "which policies apply to this user?" (PolicyDocuments).
//
// Files by concern: users.go / users_manage.go / tags.go (users), groups.go and
// membership.go, loginprofile.go + password.go, accesskeys.go, managed.go +
// policies.go + attach.go (managed policies), inline.go, documents.go (evaluation
// input), roles.go + role_policies.go + trust.go (roles, trust policies and the
// in-process RoleTrusts / RoleAllows), sessions.go (console sign-in), account.go,
// errors.go (IAM's wording), lookup.go and paging.go (shared helpers), schema.go.
package iam

import (
	"context"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

var spec = &protocol.Spec{
	SigningName:  "iam",
	APIVersion:   "2010-05-08",
	XMLNamespace: "https://iam.amazonaws.com/doc/2010-05-08/",
}

// Service is one account's IAM.
type Service struct {
	db      *store.DB
	account string
	ops     service.Ops
	prop    propagation // simulated eventual consistency (consistency.go)
}

// New opens IAM's state in db, creating its tables on first use.
func New(ctx context.Context, db *store.DB, account string) (*Service, error) {
	if err := db.Migrate(ctx, "iam", migrations); err != nil {
		return nil, err
	}
	s := &Service{db: db, account: account}
	s.ops = service.Ops{
		// users
		"CreateUser":   service.Op(s.createUser),
		"GetUser":      service.Op(s.getUser),
		"ListUsers":    service.Op(s.listUsers),
		"UpdateUser":   service.Op(s.updateUser),
		"DeleteUser":   service.Op(s.deleteUser),
		"TagUser":      service.Op(s.tagUser),
		"UntagUser":    service.Op(s.untagUser),
		"ListUserTags": service.Op(s.listUserTags),
		// groups
		"CreateGroup":         service.Op(s.createGroup),
		"GetGroup":            service.Op(s.getGroup),
		"ListGroups":          service.Op(s.listGroups),
		"DeleteGroup":         service.Op(s.deleteGroup),
		"AddUserToGroup":      service.Op(s.addUserToGroup),
		"RemoveUserFromGroup": service.Op(s.removeUserFromGroup),
		"ListGroupsForUser":   service.Op(s.listGroupsForUser),
		// credentials
		"CreateLoginProfile":       service.Op(s.createLoginProfile),
		"GetLoginProfile":          service.Op(s.getLoginProfile),
		"UpdateLoginProfile":       service.Op(s.updateLoginProfile),
		"DeleteLoginProfile":       service.Op(s.deleteLoginProfile),
		"CreateAccessKey":          service.Op(s.createAccessKey),
		"ListAccessKeys":           service.Op(s.listAccessKeys),
		"UpdateAccessKey":          service.Op(s.updateAccessKey),
		"DeleteAccessKey":          service.Op(s.deleteAccessKey),
		"GetAccountPasswordPolicy": service.Op(s.getAccountPasswordPolicy),
		// managed policies
		"ListPolicies":              service.Op(s.listPolicies),
		"GetPolicy":                 service.Op(s.getPolicy),
		"GetPolicyVersion":          service.Op(s.getPolicyVersion),
		"CreatePolicy":              service.Op(s.createPolicy),
		"DeletePolicy":              service.Op(s.deletePolicy),
		"AttachUserPolicy":          service.Op(s.attachUserPolicy),
		"DetachUserPolicy":          service.Op(s.detachUserPolicy),
		"ListAttachedUserPolicies":  service.Op(s.listAttachedUserPolicies),
		"AttachGroupPolicy":         service.Op(s.attachGroupPolicy),
		"DetachGroupPolicy":         service.Op(s.detachGroupPolicy),
		"ListAttachedGroupPolicies": service.Op(s.listAttachedGroupPolicies),
		// inline policies
		"PutUserPolicy":     service.Op(s.putUserPolicy),
		"GetUserPolicy":     service.Op(s.getUserPolicy),
		"ListUserPolicies":  service.Op(s.listUserPolicies),
		"DeleteUserPolicy":  service.Op(s.deleteUserPolicy),
		"PutGroupPolicy":    service.Op(s.putGroupPolicy),
		"GetGroupPolicy":    service.Op(s.getGroupPolicy),
		"ListGroupPolicies": service.Op(s.listGroupPolicies),
		"DeleteGroupPolicy": service.Op(s.deleteGroupPolicy),
		// roles (roles.go, role_policies.go, trust.go)
		"CreateRole":               service.Op(s.createRole),
		"GetRole":                  service.Op(s.getRole),
		"ListRoles":                service.Op(s.listRoles),
		"DeleteRole":               service.Op(s.deleteRole),
		"UpdateAssumeRolePolicy":   service.Op(s.updateAssumeRolePolicy),
		"PutRolePolicy":            service.Op(s.putRolePolicy),
		"GetRolePolicy":            service.Op(s.getRolePolicy),
		"DeleteRolePolicy":         service.Op(s.deleteRolePolicy),
		"ListRolePolicies":         service.Op(s.listRolePolicies),
		"AttachRolePolicy":         service.Op(s.attachRolePolicy),
		"DetachRolePolicy":         service.Op(s.detachRolePolicy),
		"ListAttachedRolePolicies": service.Op(s.listAttachedRolePolicies),
		"TagRole":                  service.Op(s.tagRole),
		"UntagRole":                service.Op(s.untagRole),
		"ListRoleTags":             service.Op(s.listRoleTags),
	}
	return s, nil
}

// Spec implements service.Service.
func (s *Service) Spec() *protocol.Spec { return spec }

// Handler implements service.Service.
func (s *Service) Handler(op string) (service.Handler, bool) { return s.ops.Handler(op) }
