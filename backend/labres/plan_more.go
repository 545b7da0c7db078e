package labres

import (
	"context"
	"slices"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

// KeyDeletionDays is the waiting period the clean-up schedules a lab KMS key's
// deletion with: KMS never deletes a key at once, and 7 days is the least it takes
// (the console's "Schedule key deletion" offers 7 to 30).
const KeyDeletionDays = 7

// planMore lists the lab's SNS topics (with their confirmed subscriptions), log
// groups, IAM roles (with their inline policies) and KMS keys (with their aliases):
// what the alarm wizard's "Create new topic" and the Create trail wizard's options
// make besides trails, buckets and alarms.
func planMore(ctx context.Context, b backend.Backend, lr backend.LabResources, lab string) ([]Item, error) {
	var out []Item
	for _, step := range []func(context.Context, backend.Backend, backend.LabResources, string) ([]Item, error){
		planTopics, planLogGroups, planRoles, planKeys,
	} {
		items, err := step(ctx, b, lr, lab)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
	}
	return out, nil
}

// planRegions are where the lab makes regional resources: the backend's Region and
// us-east-1, where billing alarms (and the topics they notify) live.
func planRegions(b backend.Backend) []string {
	regions := []string{b.Info().Region}
	if regions[0] != billingRegion {
		regions = append(regions, billingRegion)
	}
	return regions
}

func planTopics(ctx context.Context, b backend.Backend, lr backend.LabResources, lab string) ([]Item, error) {
	var out []Item
	for _, r := range planRegions(b) {
		s := b.SNSIn(r)
		req := model.PageRequest{}
		for {
			page, err := s.ListTopics(ctx, req)
			if err != nil {
				return nil, err
			}
			for _, tp := range page.Items {
				isLab, err := labTag(lab).on(lr.TopicTags(ctx, tp.Arn))
				if err != nil {
					return nil, err
				}
				if !isLab {
					continue
				}
				items, err := planTopic(ctx, s, tp, r)
				if err != nil {
					return nil, err
				}
				out = append(out, items...)
			}
			if page.NextToken == "" {
				break
			}
			req.Token = page.NextToken
		}
	}
	return out, nil
}

// planTopic lists a lab topic's confirmed subscriptions, then the topic. A pending
// subscription has no ARN to unsubscribe; DeleteTopic removes it with the topic.
func planTopic(ctx context.Context, s backend.SNS, tp model.Topic, region string) ([]Item, error) {
	name := tp.Name
	if name == "" {
		name = model.TopicNameFromArn(tp.Arn)
	}
	var out []Item
	total := 0
	req := model.PageRequest{}
	for {
		page, err := s.ListSubscriptions(ctx, tp.Arn, req)
		if backend.KindOf(err) == backend.KindNotFound {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		for _, sub := range page.Items {
			total++
			if sub.Pending() {
				continue
			}
			out = append(out, Item{Kind: KindSubscription, Name: sub.Protocol + ":" + sub.Endpoint, ARN: sub.Arn, Region: region,
				Reason: ReasonOfTopic, Ref: name})
		}
		if page.NextToken == "" {
			break
		}
		req.Token = page.NextToken
	}
	return append(out, Item{Kind: KindTopic, Name: name, ARN: tp.Arn, Region: region, Objects: total, Reason: ReasonTopic}), nil
}

func planLogGroups(ctx context.Context, b backend.Backend, lr backend.LabResources, lab string) ([]Item, error) {
	var out []Item
	region := b.Info().Region
	req := model.PageRequest{}
	for {
		page, err := b.ListLogGroups(ctx, "", req)
		if err != nil {
			return nil, err
		}
		for _, g := range page.Items {
			ref := g.Arn
			if ref == "" {
				ref = g.Name
			}
			isLab, err := labTag(lab).on(lr.LogGroupTags(ctx, ref))
			if err != nil {
				return nil, err
			}
			if isLab {
				out = append(out, Item{Kind: KindLogGroup, Name: g.Name, ARN: g.Arn, Region: region, Reason: ReasonTagged})
			}
		}
		if page.NextToken == "" {
			return out, nil
		}
		req.Token = page.NextToken
	}
}

// planRoles lists the lab's roles, each after its inline policies (IAM deletes a
// role only without them).
func planRoles(ctx context.Context, b backend.Backend, lr backend.LabResources, lab string) ([]Item, error) {
	roles, err := lr.Roles(ctx)
	if err != nil {
		return nil, err
	}
	var out []Item
	for _, r := range roles {
		isLab, err := labTag(lab).on(lr.RoleTags(ctx, r.Name))
		if err != nil {
			return nil, err
		}
		if !isLab {
			continue
		}
		policies, err := lr.RolePolicies(ctx, r.Name)
		if err != nil {
			return nil, err
		}
		for _, p := range policies {
			out = append(out, Item{Kind: KindRoleInlinePolicy, Name: p, Role: r.Name, Reason: ReasonOfRole, Ref: r.Name})
		}
		out = append(out, Item{Kind: KindRole, Name: r.Name, ARN: r.Arn, Reason: ReasonTagged})
	}
	return out, nil
}

// planKeys lists the lab's KMS keys, each after its aliases; a key already pending
// deletion is not listed.
func planKeys(ctx context.Context, b backend.Backend, lr backend.LabResources, lab string) ([]Item, error) {
	keys, err := lr.CustomerKeys(ctx)
	if err != nil {
		return nil, err
	}
	region := b.Info().Region
	var out []Item
	for _, k := range keys {
		isLab, err := labTag(lab).on(lr.KeyTags(ctx, k.ID))
		if err != nil {
			return nil, err
		}
		if !isLab {
			continue
		}
		aliases := slices.Sorted(slices.Values(k.Aliases))
		for _, a := range aliases {
			out = append(out, Item{Kind: KindKeyAlias, Name: a, Key: k.ID, Region: region, Reason: ReasonOfKey, Ref: k.ID})
		}
		it := Item{Kind: KindKey, Name: k.ID, ARN: k.Arn, Key: k.ID, Region: region, Objects: KeyDeletionDays, Reason: ReasonKeyDeletion}
		if len(aliases) > 0 {
			it.Ref = aliases[0]
		}
		out = append(out, it)
	}
	return out, nil
}

// deleteMore deletes the items planMore lists; handled is false for other kinds.
func deleteMore(ctx context.Context, b backend.Backend, it Item) (handled bool, err error) {
	lr, isLR := b.(backend.LabResources)
	need := func(op string) error {
		if !isLR {
			return errUnsupported(op)
		}
		return nil
	}
	switch it.Kind {
	case KindSubscription:
		return true, b.SNSIn(it.Region).Unsubscribe(ctx, it.ARN)
	case KindTopic:
		return true, b.SNSIn(it.Region).DeleteTopic(ctx, it.ARN)
	case KindLogGroup:
		return true, b.DeleteLogGroup(ctx, it.Name)
	case KindRoleInlinePolicy:
		if err := need("iam:DeleteRolePolicy"); err != nil {
			return true, err
		}
		return true, lr.DeleteRolePolicy(ctx, it.Role, it.Name)
	case KindRole:
		if err := need("iam:DeleteRole"); err != nil {
			return true, err
		}
		return true, lr.DeleteRole(ctx, it.Name)
	case KindKeyAlias:
		if err := need("kms:DeleteAlias"); err != nil {
			return true, err
		}
		return true, lr.DeleteAlias(ctx, it.Name)
	case KindKey:
		if err := need("kms:ScheduleKeyDeletion"); err != nil {
			return true, err
		}
		key := it.Key
		if key == "" {
			key = it.Name
		}
		_, err := lr.ScheduleKeyDeletion(ctx, key, KeyDeletionDays)
		return true, err
	}
	return false, nil
}
