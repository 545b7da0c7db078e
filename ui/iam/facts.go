package iam

import (
	"context"
	"sync"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

// The console's lists show columns that no listing returns (a user's groups, its
// password age, a group's policies). They are derived with one or more calls per row,
// made in a tea.Cmd with at most factsConcurrency calls in flight, so a long list
// neither blocks the screen nor floods the service (IAM throttles at a few dozen
// calls a second).
const factsConcurrency = 4

// fanOut calls fn for every item with at most n calls at once; results keep the
// items' order.
func fanOut[T, R any](items []T, n int, fn func(T) R) []R {
	out := make([]R, len(items))
	sem := make(chan struct{}, max(n, 1))
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i] = fn(it)
		}()
	}
	wg.Wait()
	return out
}

// userFacts are the derived columns of one user in IAM > Users. Each part keeps its
// own error: lab-user may list users but not read another user's keys, and a cell it
// cannot read shows "-" rather than failing the list.
type userFacts struct {
	groups     []string
	groupsErr  error
	profile    *model.LoginProfile // nil: no console password
	profileErr error
	keys       []model.AccessKey
	keysErr    error
}

func loadUserFacts(ctx context.Context, b backend.Backend, user string) userFacts {
	var f userFacts
	gs, err := b.ListGroupsForUser(ctx, user)
	f.groupsErr = err
	for _, g := range gs {
		f.groups = append(f.groups, g.GroupName)
	}
	lp, err := b.GetLoginProfile(ctx, user)
	switch {
	case err == nil:
		f.profile = &lp
	case backend.KindOf(err) != backend.KindNotFound:
		f.profileErr = err
	}
	f.keys, f.keysErr = b.ListAccessKeys(ctx, user)
	return f
}

// groupFacts are the derived columns of one group in IAM > User groups.
type groupFacts struct {
	members     int
	membersErr  error
	policies    []string
	policiesErr error
}

func loadGroupFacts(ctx context.Context, b backend.Backend, group string) groupFacts {
	var f groupFacts
	_, users, err := b.GetGroup(ctx, group)
	f.members, f.membersErr = len(users), err
	aps, err := b.ListAttachedGroupPolicies(ctx, group)
	f.policiesErr = err
	for _, p := range aps {
		f.policies = append(f.policies, p.PolicyName)
	}
	return f
}
