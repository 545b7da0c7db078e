package backend

import (
	"context"
	"time"

	"github.com/labconsole/labconsole/model"
)

// LabResources is what tagging the lab's resources and cleaning them up needs beyond
// Backend: bucket tags (S3's CreateBucket takes none), alarm tags (DescribeAlarms
// returns none), and emptying and deleting a bucket. It is a separate interface, not
// part of Backend, so test doubles of Backend need not grow; backend/awsapi
// implements it, and backend/guard and backend/labres pass it through (reach it by
// type assertion).
type LabResources interface {
	// BucketTags is the bucket's tag set (none when it has none); region is the
	// bucket's Region ("" for the backend's).
	BucketTags(ctx context.Context, bucket, region string) ([]model.Tag, error)
	// TagBucket adds tags to the bucket's tag set, replacing values of the same keys
	// and keeping the others (S3's PutBucketTagging replaces the whole set).
	TagBucket(ctx context.Context, bucket, region string, tags []model.Tag) error
	// AlarmTags is the tags of the alarm with that ARN, asked in the ARN's Region.
	AlarmTags(ctx context.Context, alarmArn string) ([]model.Tag, error)
	// EmptyBucket deletes every object of the bucket, every version and delete
	// marker included, and answers how many it deleted.
	EmptyBucket(ctx context.Context, bucket, region string) (int, error)
	// DeleteBucket deletes an empty bucket.
	DeleteBucket(ctx context.Context, bucket, region string) error

	// TopicTags is the tags of the SNS topic with that ARN, asked in the ARN's Region.
	TopicTags(ctx context.Context, topicArn string) ([]model.Tag, error)
	// TagTopic adds tags to the topic (SNS TagResource).
	TagTopic(ctx context.Context, topicArn string, tags []model.Tag) error
	// LogGroupTags is the tags of the log group (a name in the backend's Region, or
	// its ARN).
	LogGroupTags(ctx context.Context, group string) ([]model.Tag, error)
	// TagLogGroup adds tags to the log group (CloudWatch Logs TagResource).
	TagLogGroup(ctx context.Context, group string, tags []model.Tag) error

	// The trail wizard's role (labresources_trail.go in backend/awsapi).

	// Roles lists the account's IAM roles.
	Roles(ctx context.Context) ([]LabRole, error)
	// RoleTags is the role's tags.
	RoleTags(ctx context.Context, role string) ([]model.Tag, error)
	// TagRole adds tags to the role.
	TagRole(ctx context.Context, role string, tags []model.Tag) error
	// RolePolicies is the names of the role's inline policies.
	RolePolicies(ctx context.Context, role string) ([]string, error)
	// DeleteRolePolicy deletes one inline policy of the role.
	DeleteRolePolicy(ctx context.Context, role, policy string) error
	// DeleteRole deletes a role without policies.
	DeleteRole(ctx context.Context, role string) error

	// The trail wizard's KMS key.

	// CustomerKeys lists the customer managed KMS keys of the backend's Region that
	// are not pending deletion, with their aliases.
	CustomerKeys(ctx context.Context) ([]LabKey, error)
	// KeyTags is the key's tags.
	KeyTags(ctx context.Context, keyID string) ([]model.Tag, error)
	// TagKey adds tags to the key; key is a key ID, key ARN or alias name.
	TagKey(ctx context.Context, key string, tags []model.Tag) error
	// DeleteAlias deletes an alias ("alias/…").
	DeleteAlias(ctx context.Context, alias string) error
	// ScheduleKeyDeletion schedules the key's deletion after days (7–30) and answers
	// when it will be deleted.
	ScheduleKeyDeletion(ctx context.Context, keyID string, days int) (time.Time, error)
}

// LabRole is an IAM role as the lab's clean-up lists it.
type LabRole struct {
	Name, Arn string
}

// LabKey is a customer managed KMS key as the lab's clean-up lists it.
type LabKey struct {
	ID, Arn string
	Aliases []string // "alias/…"
}
