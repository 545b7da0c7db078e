package guard

import (
	"context"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

var _ backend.LabResources = (*Backend)(nil)

// errNoLabResources answers backend.LabResources' methods on a backend without them.
func errNoLabResources(op string) error {
	return &backend.Error{Op: op, Kind: backend.KindValidation, Code: "Unsupported", Message: "this backend cannot tag or empty buckets"}
}

func (b *Backend) labResources(op string) (backend.LabResources, error) {
	if lr, ok := b.Backend.(backend.LabResources); ok {
		return lr, nil
	}
	return nil, errNoLabResources(op)
}

// BucketTags reads a bucket's tags (a read).
func (b *Backend) BucketTags(ctx context.Context, bucket, region string) ([]model.Tag, error) {
	lr, err := b.labResources("s3:GetBucketTagging")
	if err != nil {
		return nil, err
	}
	return lr.BucketTags(ctx, bucket, region)
}

// AlarmTags reads an alarm's tags (a read).
func (b *Backend) AlarmTags(ctx context.Context, alarmArn string) ([]model.Tag, error) {
	lr, err := b.labResources("cloudwatch:ListTagsForResource")
	if err != nil {
		return nil, err
	}
	return lr.AlarmTags(ctx, alarmArn)
}

// TagBucket tags a bucket (a mutation).
func (b *Backend) TagBucket(ctx context.Context, bucket, region string, tags []model.Tag) error {
	return b.g.do("TagBucket", func() error {
		lr, err := b.labResources(mutations["TagBucket"])
		if err != nil {
			return err
		}
		return lr.TagBucket(ctx, bucket, region, tags)
	})
}

// EmptyBucket deletes a bucket's objects (a mutation).
func (b *Backend) EmptyBucket(ctx context.Context, bucket, region string) (int, error) {
	return value(b.g, "EmptyBucket", func() (int, error) {
		lr, err := b.labResources(mutations["EmptyBucket"])
		if err != nil {
			return 0, err
		}
		return lr.EmptyBucket(ctx, bucket, region)
	})
}

// DeleteBucket deletes a bucket (a mutation).
func (b *Backend) DeleteBucket(ctx context.Context, bucket, region string) error {
	return b.g.do("DeleteBucket", func() error {
		lr, err := b.labResources(mutations["DeleteBucket"])
		if err != nil {
			return err
		}
		return lr.DeleteBucket(ctx, bucket, region)
	})
}

// TopicTags reads a topic's tags (a read).
func (b *Backend) TopicTags(ctx context.Context, topicArn string) ([]model.Tag, error) {
	lr, err := b.labResources("sns:ListTagsForResource")
	if err != nil {
		return nil, err
	}
	return lr.TopicTags(ctx, topicArn)
}

// LogGroupTags reads a log group's tags (a read).
func (b *Backend) LogGroupTags(ctx context.Context, group string) ([]model.Tag, error) {
	lr, err := b.labResources("logs:ListTagsForResource")
	if err != nil {
		return nil, err
	}
	return lr.LogGroupTags(ctx, group)
}

// Roles lists the account's roles (a read).
func (b *Backend) Roles(ctx context.Context) ([]backend.LabRole, error) {
	lr, err := b.labResources("iam:ListRoles")
	if err != nil {
		return nil, err
	}
	return lr.Roles(ctx)
}

// RoleTags reads a role's tags (a read).
func (b *Backend) RoleTags(ctx context.Context, role string) ([]model.Tag, error) {
	lr, err := b.labResources("iam:ListRoleTags")
	if err != nil {
		return nil, err
	}
	return lr.RoleTags(ctx, role)
}

// RolePolicies lists a role's inline policies (a read).
func (b *Backend) RolePolicies(ctx context.Context, role string) ([]string, error) {
	lr, err := b.labResources("iam:ListRolePolicies")
	if err != nil {
		return nil, err
	}
	return lr.RolePolicies(ctx, role)
}

// CustomerKeys lists the customer managed KMS keys (a read).
func (b *Backend) CustomerKeys(ctx context.Context) ([]backend.LabKey, error) {
	lr, err := b.labResources("kms:ListKeys")
	if err != nil {
		return nil, err
	}
	return lr.CustomerKeys(ctx)
}

// KeyTags reads a KMS key's tags (a read).
func (b *Backend) KeyTags(ctx context.Context, keyID string) ([]model.Tag, error) {
	lr, err := b.labResources("kms:ListResourceTags")
	if err != nil {
		return nil, err
	}
	return lr.KeyTags(ctx, keyID)
}

// TagTopic tags a topic (a mutation).
func (b *Backend) TagTopic(ctx context.Context, topicArn string, tags []model.Tag) error {
	return b.labDo("TagTopic", func(lr backend.LabResources) error { return lr.TagTopic(ctx, topicArn, tags) })
}

// TagLogGroup tags a log group (a mutation).
func (b *Backend) TagLogGroup(ctx context.Context, group string, tags []model.Tag) error {
	return b.labDo("TagLogGroup", func(lr backend.LabResources) error { return lr.TagLogGroup(ctx, group, tags) })
}

// TagRole tags a role (a mutation).
func (b *Backend) TagRole(ctx context.Context, role string, tags []model.Tag) error {
	return b.labDo("TagRole", func(lr backend.LabResources) error { return lr.TagRole(ctx, role, tags) })
}

// DeleteRolePolicy deletes a role's inline policy (a mutation).
func (b *Backend) DeleteRolePolicy(ctx context.Context, role, policy string) error {
	return b.labDo("DeleteRolePolicy", func(lr backend.LabResources) error { return lr.DeleteRolePolicy(ctx, role, policy) })
}

// DeleteRole deletes a role (a mutation).
func (b *Backend) DeleteRole(ctx context.Context, role string) error {
	return b.labDo("DeleteRole", func(lr backend.LabResources) error { return lr.DeleteRole(ctx, role) })
}

// TagKey tags a KMS key (a mutation).
func (b *Backend) TagKey(ctx context.Context, key string, tags []model.Tag) error {
	return b.labDo("TagKey", func(lr backend.LabResources) error { return lr.TagKey(ctx, key, tags) })
}

// DeleteAlias deletes a KMS alias (a mutation).
func (b *Backend) DeleteAlias(ctx context.Context, alias string) error {
	return b.labDo("DeleteAlias", func(lr backend.LabResources) error { return lr.DeleteAlias(ctx, alias) })
}

// ScheduleKeyDeletion schedules a KMS key's deletion (a mutation).
func (b *Backend) ScheduleKeyDeletion(ctx context.Context, keyID string, days int) (time.Time, error) {
	return value(b.g, "ScheduleKeyDeletion", func() (time.Time, error) {
		lr, err := b.labResources(mutations["ScheduleKeyDeletion"])
		if err != nil {
			return time.Time{}, err
		}
		return lr.ScheduleKeyDeletion(ctx, keyID, days)
	})
}

// labDo runs a backend.LabResources mutation through the gate.
func (b *Backend) labDo(name string, call func(backend.LabResources) error) error {
	return b.g.do(name, func() error {
		lr, err := b.labResources(mutations[name])
		if err != nil {
			return err
		}
		return call(lr)
	})
}
