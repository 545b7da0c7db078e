package labcheck

import (
	"context"
	"slices"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/model/lab"
)

func (c *Checker) group(ctx context.Context, g *lab.GroupCheck, v Vars) Result {
	name := v.Expand(g.Name)
	if _, _, err := c.State.GetGroup(ctx, name); err != nil {
		if notFound(err) {
			return fail("LabReasonGroupMissing", "Name", name)
		}
		return callFailed(err)
	}
	attached, err := c.State.ListAttachedGroupPolicies(ctx, name)
	if err != nil {
		return callFailed(err)
	}
	if p := missingPolicy(g.Policies, attached, v); p != "" {
		return fail("LabReasonPolicyMissing", "Name", name, "Policy", p)
	}
	return pass()
}

func (c *Checker) user(ctx context.Context, u *lab.UserCheck, v Vars) Result {
	name := v.Expand(u.Name)
	if _, err := c.State.GetUser(ctx, name); err != nil {
		if notFound(err) {
			return fail("LabReasonUserMissing", "Name", name)
		}
		return callFailed(err)
	}
	if len(u.Groups) > 0 {
		groups, err := c.State.ListGroupsForUser(ctx, name)
		if err != nil {
			return callFailed(err)
		}
		for _, want := range u.Groups {
			want = v.Expand(want)
			if !slices.ContainsFunc(groups, func(g model.Group) bool { return g.GroupName == want }) {
				return fail("LabReasonUserNotInGroup", "Name", name, "Group", want)
			}
		}
	}
	if len(u.Tags) > 0 {
		tags, err := c.State.ListUserTags(ctx, name)
		if err != nil {
			return callFailed(err)
		}
		for _, k := range sortedKeys(u.Tags) {
			want := v.Expand(u.Tags[k])
			if !slices.Contains(tags, model.Tag{Key: k, Value: want}) {
				return fail("LabReasonUserTag", "Name", name, "Key", k, "Value", want)
			}
		}
	}
	if len(u.Policies) > 0 {
		attached, err := c.State.ListAttachedUserPolicies(ctx, name)
		if err != nil {
			return callFailed(err)
		}
		if p := missingPolicy(u.Policies, attached, v); p != "" {
			return fail("LabReasonPolicyMissing", "Name", name, "Policy", p)
		}
	}
	if u.ConsoleAccess {
		if _, err := c.State.GetLoginProfile(ctx, name); err != nil {
			if notFound(err) {
				return fail("LabReasonNoConsoleAccess", "Name", name)
			}
			return callFailed(err)
		}
	}
	return pass()
}

func (c *Checker) signedInAs(ctx context.Context, s *lab.SignedInAsCheck, v Vars) Result {
	acting := c.Acting
	if acting == nil {
		acting = c.State
	}
	id, err := acting.CallerIdentity(ctx)
	if err != nil {
		return callFailed(err)
	}
	want := v.Expand(s.User)
	if id.Name() != want {
		return fail("LabReasonSignedInAs", "Want", want, "Got", id.Name())
	}
	return pass()
}

// missingPolicy returns the first wanted policy (by name or ARN) not attached.
func missingPolicy(want []string, attached []model.AttachedPolicy, v Vars) string {
	for _, w := range want {
		w = v.Expand(w)
		if !slices.ContainsFunc(attached, func(a model.AttachedPolicy) bool { return a.PolicyName == w || a.PolicyArn == w }) {
			return w
		}
	}
	return ""
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
