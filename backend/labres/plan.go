package labres

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

// Kind is what an Item is; Execute deletes kinds in the order they are declared.
type Kind int

const (
	KindTrail Kind = iota + 1
	KindBucket
	KindAlarm
	KindLoginProfile
	KindAccessKey
	KindUserAttachedPolicy
	KindUserInlinePolicy
	KindGroupMembership
	KindUser
	KindGroupAttachedPolicy
	KindGroupInlinePolicy
	KindGroup
	// After the trails and alarms that use them (plan_more.go):
	KindSubscription
	KindTopic
	KindLogGroup
	KindRoleInlinePolicy
	KindRole
	KindKeyAlias
	KindKey
)

// kindNames name kinds in message IDs ("CleanupKindTrail") and in tests.
var kindNames = map[Kind]string{
	KindTrail: "Trail", KindBucket: "Bucket", KindAlarm: "Alarm",
	KindLoginProfile: "LoginProfile", KindAccessKey: "AccessKey",
	KindUserAttachedPolicy: "UserAttachedPolicy", KindUserInlinePolicy: "UserInlinePolicy",
	KindGroupMembership: "GroupMembership", KindUser: "User",
	KindGroupAttachedPolicy: "GroupAttachedPolicy", KindGroupInlinePolicy: "GroupInlinePolicy",
	KindGroup:        "Group",
	KindSubscription: "Subscription", KindTopic: "Topic", KindLogGroup: "LogGroup",
	KindRoleInlinePolicy: "RoleInlinePolicy", KindRole: "Role", KindKeyAlias: "KeyAlias", KindKey: "Key",
}

func (k Kind) String() string { return kindNames[k] }

// MessageID is the locale message naming the kind ("CleanupKindTrail").
func (k Kind) MessageID() string { return "CleanupKind" + kindNames[k] }

// Reason says why an item is in the plan.
type Reason int

const (
	// ReasonTagged: the resource carries labconsole:lab=<lab>.
	ReasonTagged Reason = iota + 1
	// ReasonTrailBucket: a tagged bucket a lab trail delivers to (Ref: the trail).
	ReasonTrailBucket
	// ReasonOfUser: part of a tagged lab user (Ref: the user).
	ReasonOfUser
	// ReasonLabGroup: IAM groups cannot be tagged; every member of the group is a
	// lab user and it has no other (Ref: the members, comma-separated).
	ReasonLabGroup
	// ReasonOfGroup: a policy of a lab group (Ref: the group).
	ReasonOfGroup
	// ReasonOfTopic: a confirmed subscription of a tagged topic, removed before the
	// topic (Ref: the topic).
	ReasonOfTopic
	// ReasonTopic: a tagged topic; its pending subscriptions go with it (Count: how
	// many subscriptions it has).
	ReasonTopic
	// ReasonOfRole: an inline policy of a tagged role (Ref: the role).
	ReasonOfRole
	// ReasonOfKey: an alias of a tagged KMS key (Ref: the key ID).
	ReasonOfKey
	// ReasonKeyDeletion: a tagged KMS key, whose deletion is scheduled after the
	// minimum waiting period (Count: KeyDeletionDays).
	ReasonKeyDeletion
)

var reasonIDs = map[Reason]string{
	ReasonTagged: "CleanupReasonTagged", ReasonTrailBucket: "CleanupReasonTrailBucket",
	ReasonOfUser: "CleanupReasonOfUser", ReasonLabGroup: "CleanupReasonLabGroup", ReasonOfGroup: "CleanupReasonOfGroup",
	ReasonOfTopic: "CleanupReasonOfTopic", ReasonTopic: "CleanupReasonTopic", ReasonOfRole: "CleanupReasonOfRole",
	ReasonOfKey: "CleanupReasonOfKey", ReasonKeyDeletion: "CleanupReasonKeyDeletion",
}

// MessageID is the locale message explaining the reason; its data is Item.MessageData.
func (r Reason) MessageID() string { return reasonIDs[r] }

// Item is one resource the clean-up deletes.
type Item struct {
	Kind Kind
	// Name is the resource's name: trail, bucket, alarm, user or group name, access
	// key ID, policy name (or ARN for an attached policy), or the group of a
	// membership.
	Name string
	ARN  string // where the resource has one
	// Region is a bucket's or an alarm's Region.
	Region string
	// User is the user a login profile, key, policy or membership belongs to;
	// Group the group a group policy belongs to.
	User  string
	Group string
	// Objects is how many objects a bucket holds (current versions) at plan time;
	// for a topic, how many subscriptions it has; for a KMS key, the days of its
	// deletion's waiting period.
	Objects int
	// Role is the role an inline policy belongs to; Key the key ID an alias points to.
	Role   string
	Key    string
	Reason Reason
	// Ref completes Reason: the trail, user, group or members it names.
	Ref string
}

// MessageData is the data of the item's reason message.
func (it Item) MessageData(lab string) map[string]any {
	return map[string]any{"Tag": TagKey + "=" + lab, "Ref": it.Ref, "Count": it.Objects}
}

// Translator is the session's localizer (locales.Localizer, common.Common): labres
// names its messages, the caller's language words them.
type Translator interface {
	T(id string) string
	Tf(id string, data map[string]any) string
}

// Label is the item as a clean-up lists it: "Trail lab-trail", "Alarm x
// (us-east-1)", "Access key AKIA… · lab-user".
func (it Item) Label(tr Translator) string {
	s := tr.T(it.Kind.MessageID()) + " " + it.Name
	if it.Kind == KindAlarm && it.Region != "" {
		s += " (" + it.Region + ")"
	}
	if it.User != "" && it.Kind != KindUser && it.Kind != KindLoginProfile {
		s += " · " + it.User
	}
	return s
}

// Why says why the item is the lab's (and, for a bucket, that its objects go too).
func (it Item) Why(tr Translator, lab string) string {
	s := tr.Tf(it.Reason.MessageID(), it.MessageData(lab))
	if it.Kind == KindBucket {
		s += "; " + tr.Tf("CleanupBucketObjects", it.MessageData(lab))
	}
	return s
}

// Plan is what a clean-up of one lab deletes, in the order Execute deletes it.
type Plan struct {
	Lab   string
	Items []Item
}

// Empty reports whether there is nothing to clean up.
func (p Plan) Empty() bool { return len(p.Items) == 0 }

// tagged reports whether tags carry the lab's tag.
func tagged(tags []model.Tag, lab string) bool {
	return slices.ContainsFunc(tags, func(t model.Tag) bool { return t.Key == TagKey && t.Value == lab })
}

// labTag is the lab whose tag the plan looks for.
type labTag string

// on takes a tag listing's answer and says whether the resource is the lab's; one
// deleted since it was listed (NotFound) is not, any other error stops the plan.
func (l labTag) on(tags []model.Tag, err error) (bool, error) {
	if backend.KindOf(err) == backend.KindNotFound {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return tagged(tags, string(l)), nil
}

// billingRegion is where billing alarms live whatever the console's Region.
const billingRegion = "us-east-1"

// PlanFor finds exactly lab's resources in the backend's account: the roots that
// carry labconsole:lab=<lab> (users, trails, buckets, alarms and SNS topics in the
// backend's Region and us-east-1, log groups, IAM roles, KMS keys), a tagged user's login profile, access keys, policies and group
// memberships, and the groups whose members are all lab users. b must offer
// backend.LabResources (backend/awsapi, and the guard and Tagging over it do).
func PlanFor(ctx context.Context, b backend.Backend, lab string) (Plan, error) {
	p := Plan{Lab: lab}
	if lab == "" {
		return p, errors.New("labres: no lab to clean up")
	}
	lr, ok := b.(backend.LabResources)
	if !ok {
		return p, errUnsupported("labconsole:CleanUpLab")
	}
	trails, inUse, err := planTrails(ctx, b, lab)
	if err != nil {
		return p, err
	}
	p.Items = append(p.Items, trails...)
	buckets, err := planBuckets(ctx, b, lr, lab, trails, inUse)
	if err != nil {
		return p, err
	}
	p.Items = append(p.Items, buckets...)
	alarms, err := planAlarms(ctx, b, lr, lab)
	if err != nil {
		return p, err
	}
	p.Items = append(p.Items, alarms...)
	users, err := planUsers(ctx, b, lab)
	if err != nil {
		return p, err
	}
	p.Items = append(p.Items, users...)
	more, err := planMore(ctx, b, lr, lab)
	if err != nil {
		return p, err
	}
	p.Items = append(p.Items, more...)
	slices.SortStableFunc(p.Items, func(a, b Item) int { return int(a.Kind) - int(b.Kind) })
	return p, nil
}

// planTrails lists the lab's trails, and in inUse the buckets other trails deliver
// to (a tagged bucket another trail still uses is left, or that trail would fail).
func planTrails(ctx context.Context, b backend.Backend, lab string) (out []Item, inUse map[string]bool, err error) {
	list, err := b.ListTrails(ctx)
	if err != nil {
		return nil, nil, err
	}
	region := b.Info().Region
	inUse = map[string]bool{}
	for _, t := range list {
		// A multi-region trail is listed in every Region but managed (tagged,
		// deleted) in its home Region only.
		if t.HomeRegion != "" && region != "" && t.HomeRegion != region {
			inUse[t.S3BucketName] = true
			continue
		}
		full, err := b.GetTrail(ctx, t.ARN)
		if backend.KindOf(err) == backend.KindNotFound {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if tagged(full.Tags, lab) {
			out = append(out, Item{Kind: KindTrail, Name: full.Name, ARN: full.ARN, Region: full.HomeRegion, Reason: ReasonTagged, Ref: full.S3BucketName})
		} else {
			inUse[full.S3BucketName] = true
		}
	}
	return out, inUse, nil
}

func planBuckets(ctx context.Context, b backend.Backend, lr backend.LabResources, lab string, trails []Item, inUse map[string]bool) ([]Item, error) {
	list, err := b.ListBuckets(ctx)
	if err != nil {
		return nil, err
	}
	var out []Item
	for _, bk := range list {
		if inUse[bk.Name] {
			continue
		}
		isLab, err := labTag(lab).on(lr.BucketTags(ctx, bk.Name, bk.Region))
		if err != nil {
			return nil, err
		}
		if !isLab {
			continue
		}
		it := Item{Kind: KindBucket, Name: bk.Name, ARN: "arn:aws:s3:::" + bk.Name, Region: bk.Region, Reason: ReasonTagged}
		for _, t := range trails {
			if t.Ref == bk.Name {
				it.Reason, it.Ref = ReasonTrailBucket, t.Name
			}
		}
		if it.Objects, err = countObjects(ctx, b, bk.Name); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// countObjects counts a bucket's current objects for the plan's "with its N objects".
func countObjects(ctx context.Context, b backend.Backend, bucket string) (int, error) {
	n, token := 0, ""
	for {
		l, err := b.ListObjects(ctx, bucket, "", "", token, 0)
		if err != nil {
			return n, err
		}
		n += len(l.Objects)
		if l.NextToken == "" {
			return n, nil
		}
		token = l.NextToken
	}
}

func planAlarms(ctx context.Context, b backend.Backend, lr backend.LabResources, lab string) ([]Item, error) {
	regions := []string{b.Info().Region}
	if regions[0] != billingRegion {
		regions = append(regions, billingRegion)
	}
	var out []Item
	for _, r := range regions {
		cw := b.CloudWatchIn(r)
		req := model.PageRequest{}
		for {
			page, err := cw.ListAlarms(ctx, model.AlarmFilter{}, req)
			if err != nil {
				return nil, err
			}
			for _, a := range page.Items {
				isLab, err := labTag(lab).on(lr.AlarmTags(ctx, a.Arn))
				if err != nil {
					return nil, err
				}
				if isLab {
					out = append(out, Item{Kind: KindAlarm, Name: a.Name, ARN: a.Arn, Region: r, Reason: ReasonTagged})
				}
			}
			if page.NextToken == "" {
				break
			}
			req.Token = page.NextToken
		}
	}
	return out, nil
}

func planUsers(ctx context.Context, b backend.Backend, lab string) ([]Item, error) {
	var users []model.User
	req := model.PageRequest{}
	for {
		page, err := b.ListUsers(ctx, req)
		if err != nil {
			return nil, err
		}
		for _, u := range page.Items {
			isLab, err := labTag(lab).on(b.ListUserTags(ctx, u.UserName))
			if err != nil {
				return nil, err
			}
			if isLab {
				users = append(users, u)
			}
		}
		if page.NextToken == "" {
			break
		}
		req.Token = page.NextToken
	}
	labUsers := map[string]bool{}
	for _, u := range users {
		labUsers[u.UserName] = true
	}
	var out []Item
	groups := map[string]model.Group{}
	for _, u := range users {
		items, gs, err := planUser(ctx, b, u)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		for _, g := range gs {
			groups[g.GroupName] = g
		}
	}
	names := make([]string, 0, len(groups))
	for n := range groups {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		items, err := planGroup(ctx, b, groups[n], labUsers)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
	}
	return out, nil
}

// planUser lists what hangs off a lab user and the groups it is in.
func planUser(ctx context.Context, b backend.Backend, u model.User) ([]Item, []model.Group, error) {
	name := u.UserName
	part := func(k Kind, n, arn string) Item {
		return Item{Kind: k, Name: n, ARN: arn, User: name, Reason: ReasonOfUser, Ref: name}
	}
	var out []Item
	if _, err := b.GetLoginProfile(ctx, name); err == nil {
		out = append(out, part(KindLoginProfile, name, ""))
	} else if backend.KindOf(err) != backend.KindNotFound {
		return nil, nil, err
	}
	keys, err := b.ListAccessKeys(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	for _, k := range keys {
		out = append(out, part(KindAccessKey, k.AccessKeyID, ""))
	}
	attached, err := b.ListAttachedUserPolicies(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range attached {
		out = append(out, part(KindUserAttachedPolicy, a.PolicyName, a.PolicyArn))
	}
	inline, err := b.ListUserPolicies(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	for _, n := range inline {
		out = append(out, part(KindUserInlinePolicy, n, ""))
	}
	groups, err := b.ListGroupsForUser(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	for _, g := range groups {
		out = append(out, part(KindGroupMembership, g.GroupName, g.Arn))
	}
	out = append(out, Item{Kind: KindUser, Name: name, ARN: u.Arn, Reason: ReasonTagged})
	return out, groups, nil
}

// planGroup includes a group only when every member is a lab user: IAM groups
// cannot be tagged, and a group another user is in is not the lab's to delete.
func planGroup(ctx context.Context, b backend.Backend, g model.Group, labUsers map[string]bool) ([]Item, error) {
	_, members, err := b.GetGroup(ctx, g.GroupName)
	if backend.KindOf(err) == backend.KindNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(members))
	for _, m := range members {
		if !labUsers[m.UserName] {
			return nil, nil
		}
		names = append(names, m.UserName)
	}
	if len(names) == 0 {
		return nil, nil
	}
	slices.Sort(names)
	var out []Item
	attached, err := b.ListAttachedGroupPolicies(ctx, g.GroupName)
	if err != nil {
		return nil, err
	}
	for _, a := range attached {
		out = append(out, Item{Kind: KindGroupAttachedPolicy, Name: a.PolicyName, ARN: a.PolicyArn, Group: g.GroupName, Reason: ReasonOfGroup, Ref: g.GroupName})
	}
	inline, err := b.ListGroupPolicies(ctx, g.GroupName)
	if err != nil {
		return nil, err
	}
	for _, n := range inline {
		out = append(out, Item{Kind: KindGroupInlinePolicy, Name: n, Group: g.GroupName, Reason: ReasonOfGroup, Ref: g.GroupName})
	}
	out = append(out, Item{Kind: KindGroup, Name: g.GroupName, ARN: g.Arn, Reason: ReasonLabGroup, Ref: strings.Join(names, ", ")})
	return out, nil
}
