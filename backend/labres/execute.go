package labres

import (
	"context"
	"errors"
	"fmt"

	"github.com/labconsole/labconsole/backend"
)

// ErrTrailRemains is why Execute leaves a bucket whose lab trail it could not delete.
var ErrTrailRemains = errors.New("labres: the bucket was left because its trail could not be deleted")

// Failure is one item Execute could not delete.
type Failure struct {
	Item Item
	Err  error
}

// ExecuteError is Execute's answer when some items were not deleted.
type ExecuteError struct {
	Failures []Failure
	Total    int
}

func (e *ExecuteError) Error() string {
	msg := fmt.Sprintf("labres: %d of %d lab resources were not deleted", len(e.Failures), e.Total)
	if len(e.Failures) > 0 {
		f := e.Failures[0]
		msg += fmt.Sprintf("; first: %s %s: %v", f.Item.Kind, f.Item.Name, f.Err)
	}
	return msg
}

// Execute deletes the plan's items in its order (trails, buckets, alarms, then each
// user's login profile, keys, policies and memberships before the user, then the
// groups' policies before the groups), going on past failures. progress (optional)
// hears of every item as it is done, with its error or nil. The answer is nil when
// everything was deleted, otherwise an *ExecuteError naming each failure. A
// cancelled ctx stops it; the items not reached are reported as failed.
//
// Deleting what is already gone counts as done, so a clean-up can be run again.
func Execute(ctx context.Context, b backend.Backend, p Plan, progress func(Item, error)) error {
	var failures []Failure
	// A bucket whose lab trail is still there is left: the trail would go on
	// delivering into it (or fail delivering to a missing bucket).
	trailLeft := map[string]bool{}
	for _, it := range p.Items {
		err := ctx.Err()
		if err == nil && it.Kind == KindBucket && trailLeft[it.Name] {
			err = ErrTrailRemains
		}
		if err == nil {
			err = DeleteItem(ctx, b, it)
		}
		if err != nil && it.Kind == KindTrail {
			trailLeft[it.Ref] = true
		}
		if err != nil {
			failures = append(failures, Failure{Item: it, Err: err})
		}
		if progress != nil {
			progress(it, err)
		}
	}
	if len(failures) > 0 {
		return &ExecuteError{Failures: failures, Total: len(p.Items)}
	}
	return nil
}

// DeleteItem deletes one item of a plan (a trail: logging stopped first; a bucket:
// emptied first); what is already gone counts as deleted. Execute calls it for each
// item in turn; a screen can call it once per tea.Cmd, in plan order, to show
// progress as each answer arrives.
func DeleteItem(ctx context.Context, b backend.Backend, it Item) error {
	err := deleteItem(ctx, b, it)
	if backend.KindOf(err) == backend.KindNotFound {
		return nil
	}
	return err
}

func deleteItem(ctx context.Context, b backend.Backend, it Item) error {
	switch it.Kind {
	case KindTrail:
		name := it.ARN
		if name == "" {
			name = it.Name
		}
		// Stop delivery first, so no log file lands in the bucket being emptied.
		if err := b.StopLogging(ctx, name); err != nil && backend.KindOf(err) != backend.KindNotFound {
			return err
		}
		return b.DeleteTrail(ctx, name)
	case KindBucket:
		lr, ok := b.(backend.LabResources)
		if !ok {
			return errUnsupported("s3:DeleteBucket")
		}
		if _, err := lr.EmptyBucket(ctx, it.Name, it.Region); err != nil {
			return err
		}
		return lr.DeleteBucket(ctx, it.Name, it.Region)
	case KindAlarm:
		return b.CloudWatchIn(it.Region).DeleteAlarms(ctx, it.Name)
	case KindLoginProfile:
		return b.DeleteLoginProfile(ctx, it.User)
	case KindAccessKey:
		return b.DeleteAccessKey(ctx, it.User, it.Name)
	case KindUserAttachedPolicy:
		return b.DetachUserPolicy(ctx, it.User, it.ARN)
	case KindUserInlinePolicy:
		return b.DeleteUserPolicy(ctx, it.User, it.Name)
	case KindGroupMembership:
		return b.RemoveUserFromGroup(ctx, it.Name, it.User)
	case KindUser:
		return b.DeleteUser(ctx, it.Name)
	case KindGroupAttachedPolicy:
		return b.DetachGroupPolicy(ctx, it.Group, it.ARN)
	case KindGroupInlinePolicy:
		return b.DeleteGroupPolicy(ctx, it.Group, it.Name)
	case KindGroup:
		return b.DeleteGroup(ctx, it.Name)
	}
	if handled, err := deleteMore(ctx, b, it); handled {
		return err
	}
	return fmt.Errorf("labres: unknown item kind %d", it.Kind)
}
