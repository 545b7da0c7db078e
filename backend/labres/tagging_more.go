package labres

import (
	"context"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

// What the decorator tags beyond users, trails, buckets and alarms: SNS topics
// (the alarm wizard's new topic, in whichever Region SNSIn binds), log groups, and
// what the Create trail wizard makes besides the trail and its bucket (its topic,
// log group, role and KMS key). backend.Backend's create calls for topics and log
// groups carry no tags, so each is tagged right after it was made, with the
// console's own credentials (tagger), as the trail's bucket is; a failure to tag
// does not fail the create, and Plan then leaves the resource.

// topicExists reports whether the topic name already exists in region: CreateTopic
// answers an existing topic's ARN as if it made it, and a topic the lab did not make
// must not be tagged as the lab's.
func (t *tagging) topicExists(ctx context.Context, region, name string) (arn string, exists bool) {
	id, err := t.tagger.CallerIdentity(ctx)
	if err != nil {
		return "", true
	}
	arn = model.TopicARN(region, id.Account, name)
	_, err = t.tagger.GetTopic(ctx, arn)
	return arn, backend.KindOf(err) != backend.KindNotFound
}

func (t *tagging) labTagger() (backend.LabResources, bool) {
	lr, ok := t.tagger.(backend.LabResources)
	return lr, ok
}

// createTopic creates a topic through s (bound to region) and tags it when it is new.
func (t *tagging) createTopic(ctx context.Context, s backend.SNS, region string, in model.NewTopic) (model.Topic, error) {
	_, existed := t.topicExists(ctx, region, in.Name)
	tp, err := s.CreateTopic(ctx, in)
	if err == nil && !existed {
		if lr, ok := t.labTagger(); ok {
			_ = lr.TagTopic(ctx, tp.Arn, []model.Tag{Tag(t.lab)})
		}
	}
	return tp, err
}

// CreateTopic tags a topic it creates (not one that already existed).
func (t *tagging) CreateTopic(ctx context.Context, in model.NewTopic) (model.Topic, error) {
	return t.createTopic(ctx, t.Backend, t.Backend.Info().Region, in)
}

// SNSIn keeps tagging on the region-bound SNS (the billing alarm's topic is made in
// us-east-1).
func (t *tagging) SNSIn(region string) backend.SNS {
	if region == "" {
		region = t.Backend.Info().Region
	}
	return &taggingSNS{SNS: t.Backend.SNSIn(region), t: t, region: region}
}

// taggingSNS is a tagging backend.SNS bound to a Region.
type taggingSNS struct {
	backend.SNS
	t      *tagging
	region string
}

func (s *taggingSNS) CreateTopic(ctx context.Context, in model.NewTopic) (model.Topic, error) {
	return s.t.createTopic(ctx, s.SNS, s.region, in)
}

func (s *taggingSNS) SNSIn(region string) backend.SNS {
	if region == "" {
		region = s.region
	}
	return &taggingSNS{SNS: s.SNS.SNSIn(region), t: s.t, region: region}
}

// CreateLogGroup tags the new log group (CreateLogGroup of an existing group fails,
// so what it made is new).
func (t *tagging) CreateLogGroup(ctx context.Context, name string) error {
	err := t.Backend.CreateLogGroup(ctx, name)
	if err == nil {
		if lr, ok := t.labTagger(); ok {
			_ = lr.TagLogGroup(ctx, name, []model.Tag{Tag(t.lab)})
		}
	}
	return err
}

// tagTrailExtras tags what the Create trail wizard made besides the trail and its
// bucket: a new topic (unless it existed before, see topicExisted), a new log group,
// a new role and a new KMS key (by its alias). Each of those creates fails when the
// resource exists, except CreateTopic.
func (t *tagging) tagTrailExtras(ctx context.Context, in model.NewTrail, topicArn string, topicExisted bool) {
	lr, ok := t.labTagger()
	if !ok {
		return
	}
	tag := []model.Tag{Tag(t.lab)}
	if in.SNSEnabled && in.SNSNewTopic != "" && !topicExisted && topicArn != "" {
		_ = lr.TagTopic(ctx, topicArn, tag)
	}
	if in.CloudWatchLogs && in.LogGroupNew && in.LogGroupName != "" {
		_ = lr.TagLogGroup(ctx, in.LogGroupName, tag)
	}
	if in.CloudWatchLogs && in.RoleNew && in.RoleName != "" {
		_ = lr.TagRole(ctx, in.RoleName, tag)
	}
	if in.KMSEnabled && in.KMSNewAlias != "" {
		_ = lr.TagKey(ctx, in.KMSNewAlias, tag)
	}
}

// --- backend.LabResources passes through ---

func (t *tagging) TopicTags(ctx context.Context, topicArn string) ([]model.Tag, error) {
	lr, err := t.labResources("sns:ListTagsForResource")
	if err != nil {
		return nil, err
	}
	return lr.TopicTags(ctx, topicArn)
}

func (t *tagging) TagTopic(ctx context.Context, topicArn string, tags []model.Tag) error {
	lr, err := t.labResources("sns:TagResource")
	if err != nil {
		return err
	}
	return lr.TagTopic(ctx, topicArn, tags)
}

func (t *tagging) LogGroupTags(ctx context.Context, group string) ([]model.Tag, error) {
	lr, err := t.labResources("logs:ListTagsForResource")
	if err != nil {
		return nil, err
	}
	return lr.LogGroupTags(ctx, group)
}

func (t *tagging) TagLogGroup(ctx context.Context, group string, tags []model.Tag) error {
	lr, err := t.labResources("logs:TagResource")
	if err != nil {
		return err
	}
	return lr.TagLogGroup(ctx, group, tags)
}

func (t *tagging) Roles(ctx context.Context) ([]backend.LabRole, error) {
	lr, err := t.labResources("iam:ListRoles")
	if err != nil {
		return nil, err
	}
	return lr.Roles(ctx)
}

func (t *tagging) RoleTags(ctx context.Context, role string) ([]model.Tag, error) {
	lr, err := t.labResources("iam:ListRoleTags")
	if err != nil {
		return nil, err
	}
	return lr.RoleTags(ctx, role)
}

func (t *tagging) TagRole(ctx context.Context, role string, tags []model.Tag) error {
	lr, err := t.labResources("iam:TagRole")
	if err != nil {
		return err
	}
	return lr.TagRole(ctx, role, tags)
}

func (t *tagging) RolePolicies(ctx context.Context, role string) ([]string, error) {
	lr, err := t.labResources("iam:ListRolePolicies")
	if err != nil {
		return nil, err
	}
	return lr.RolePolicies(ctx, role)
}

func (t *tagging) DeleteRolePolicy(ctx context.Context, role, policy string) error {
	lr, err := t.labResources("iam:DeleteRolePolicy")
	if err != nil {
		return err
	}
	return lr.DeleteRolePolicy(ctx, role, policy)
}

func (t *tagging) DeleteRole(ctx context.Context, role string) error {
	lr, err := t.labResources("iam:DeleteRole")
	if err != nil {
		return err
	}
	return lr.DeleteRole(ctx, role)
}

func (t *tagging) CustomerKeys(ctx context.Context) ([]backend.LabKey, error) {
	lr, err := t.labResources("kms:ListKeys")
	if err != nil {
		return nil, err
	}
	return lr.CustomerKeys(ctx)
}

func (t *tagging) KeyTags(ctx context.Context, keyID string) ([]model.Tag, error) {
	lr, err := t.labResources("kms:ListResourceTags")
	if err != nil {
		return nil, err
	}
	return lr.KeyTags(ctx, keyID)
}

func (t *tagging) TagKey(ctx context.Context, key string, tags []model.Tag) error {
	lr, err := t.labResources("kms:TagResource")
	if err != nil {
		return err
	}
	return lr.TagKey(ctx, key, tags)
}

func (t *tagging) DeleteAlias(ctx context.Context, alias string) error {
	lr, err := t.labResources("kms:DeleteAlias")
	if err != nil {
		return err
	}
	return lr.DeleteAlias(ctx, alias)
}

func (t *tagging) ScheduleKeyDeletion(ctx context.Context, keyID string, days int) (time.Time, error) {
	lr, err := t.labResources("kms:ScheduleKeyDeletion")
	if err != nil {
		return time.Time{}, err
	}
	return lr.ScheduleKeyDeletion(ctx, keyID, days)
}
