package awsapi

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

var _ backend.LabResources = (*Backend)(nil)

// BucketTags implements backend.LabResources; S3's NoSuchTagSet is an empty set.
func (b *Backend) BucketTags(ctx context.Context, bucket, region string) ([]model.Tag, error) {
	out, err := b.s3.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(bucket)}, inRegion(region))
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorCode() == "NoSuchTagSet" {
		return nil, nil
	}
	if err != nil {
		return nil, wrapS3("s3:GetBucketTagging", err)
	}
	tags := make([]model.Tag, 0, len(out.TagSet))
	for _, t := range out.TagSet {
		tags = append(tags, model.Tag{Key: aws.ToString(t.Key), Value: aws.ToString(t.Value)})
	}
	return tags, nil
}

// TagBucket implements backend.LabResources: the bucket's current set merged with
// tags, written back whole, as PutBucketTagging replaces the set.
func (b *Backend) TagBucket(ctx context.Context, bucket, region string, tags []model.Tag) error {
	cur, err := b.BucketTags(ctx, bucket, region)
	if err != nil {
		return err
	}
	merged := append([]model.Tag(nil), cur...)
	for _, t := range tags {
		replaced := false
		for i := range merged {
			if merged[i].Key == t.Key {
				merged[i].Value, replaced = t.Value, true
			}
		}
		if !replaced {
			merged = append(merged, t)
		}
	}
	set := make([]s3types.Tag, 0, len(merged))
	for _, t := range merged {
		set = append(set, s3types.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)})
	}
	_, err = b.s3.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(bucket), Tagging: &s3types.Tagging{TagSet: set}}, inRegion(region))
	return wrapS3("s3:PutBucketTagging", err)
}

// AlarmTags implements backend.LabResources with ListTagsForResource in the ARN's
// Region (arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME).
func (b *Backend) AlarmTags(ctx context.Context, alarmArn string) ([]model.Tag, error) {
	region := ""
	if parts := strings.SplitN(alarmArn, ":", 5); len(parts) == 5 {
		region = parts[3]
	}
	out, err := b.cloudwatch.ListTagsForResource(ctx, &cloudwatch.ListTagsForResourceInput{ResourceARN: aws.String(alarmArn)}, cwRegion(region))
	if err != nil {
		return nil, wrap("cloudwatch:ListTagsForResource", err)
	}
	tags := make([]model.Tag, 0, len(out.Tags))
	for _, t := range out.Tags {
		tags = append(tags, model.Tag{Key: aws.ToString(t.Key), Value: aws.ToString(t.Value)})
	}
	return tags, nil
}

// EmptyBucket implements backend.LabResources: every version and delete marker
// (ListObjectVersions), or every object where the service keeps no versions and
// does not implement ListObjectVersions (the simulator), deleted 1,000 at a time.
func (b *Backend) EmptyBucket(ctx context.Context, bucket, region string) (int, error) {
	deleted := 0
	in := &s3.ListObjectVersionsInput{Bucket: aws.String(bucket)}
	for {
		page, err := b.s3.ListObjectVersions(ctx, in, inRegion(region))
		var api smithy.APIError
		if errors.As(err, &api) && api.ErrorCode() == "NotImplemented" {
			n, err := b.emptyUnversioned(ctx, bucket, region)
			return deleted + n, err
		}
		if err != nil {
			return deleted, wrapS3("s3:ListObjectVersions", err)
		}
		var ids []s3types.ObjectIdentifier
		for _, v := range page.Versions {
			ids = append(ids, s3types.ObjectIdentifier{Key: v.Key, VersionId: v.VersionId})
		}
		for _, m := range page.DeleteMarkers {
			ids = append(ids, s3types.ObjectIdentifier{Key: m.Key, VersionId: m.VersionId})
		}
		n, err := b.deleteBatch(ctx, bucket, region, ids)
		deleted += n
		if err != nil {
			return deleted, err
		}
		if !aws.ToBool(page.IsTruncated) {
			return deleted, nil
		}
		in.KeyMarker, in.VersionIdMarker = page.NextKeyMarker, page.NextVersionIdMarker
	}
}

func (b *Backend) emptyUnversioned(ctx context.Context, bucket, region string) (int, error) {
	deleted := 0
	in := &s3.ListObjectsV2Input{Bucket: aws.String(bucket)}
	for {
		page, err := b.s3.ListObjectsV2(ctx, in, inRegion(region))
		if err != nil {
			return deleted, wrapS3("s3:ListObjectsV2", err)
		}
		var ids []s3types.ObjectIdentifier
		for _, o := range page.Contents {
			ids = append(ids, s3types.ObjectIdentifier{Key: o.Key})
		}
		n, err := b.deleteBatch(ctx, bucket, region, ids)
		deleted += n
		if err != nil {
			return deleted, err
		}
		if aws.ToString(page.NextContinuationToken) == "" {
			return deleted, nil
		}
		in.ContinuationToken = page.NextContinuationToken
	}
}

// deleteBatch deletes up to 1,000 keys with one DeleteObjects; a key S3 could not
// delete fails the batch with S3's code and message for it.
func (b *Backend) deleteBatch(ctx context.Context, bucket, region string, ids []s3types.ObjectIdentifier) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	out, err := b.s3.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(bucket),
		Delete: &s3types.Delete{Objects: ids, Quiet: aws.Bool(true)}}, inRegion(region))
	if err != nil {
		return 0, wrapS3("s3:DeleteObjects", err)
	}
	if len(out.Errors) > 0 {
		e := out.Errors[0]
		return len(ids) - len(out.Errors), &backend.Error{Op: "s3:DeleteObjects", Code: aws.ToString(e.Code),
			Kind: backend.KindForCode(aws.ToString(e.Code)), Message: aws.ToString(e.Key) + ": " + aws.ToString(e.Message)}
	}
	return len(ids), nil
}

// DeleteBucket implements backend.LabResources.
func (b *Backend) DeleteBucket(ctx context.Context, bucket, region string) error {
	_, err := b.s3.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(bucket)}, inRegion(region))
	return wrapS3("s3:DeleteBucket", err)
}

// TopicTags implements backend.LabResources with SNS ListTagsForResource in the
// topic ARN's Region.
func (b *Backend) TopicTags(ctx context.Context, topicArn string) ([]model.Tag, error) {
	out, err := b.sns.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String(topicArn)}, arnRegion(topicArn))
	if err != nil {
		return nil, wrap("sns:ListTagsForResource", err)
	}
	tags := make([]model.Tag, 0, len(out.Tags))
	for _, t := range out.Tags {
		tags = append(tags, model.Tag{Key: aws.ToString(t.Key), Value: aws.ToString(t.Value)})
	}
	return tags, nil
}

// TagTopic implements backend.LabResources with SNS TagResource.
func (b *Backend) TagTopic(ctx context.Context, topicArn string, tags []model.Tag) error {
	in := &sns.TagResourceInput{ResourceArn: aws.String(topicArn), Tags: []snstypes.Tag{}}
	for _, t := range tags {
		in.Tags = append(in.Tags, snstypes.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)})
	}
	_, err := b.sns.TagResource(ctx, in, arnRegion(topicArn))
	return wrap("sns:TagResource", err)
}

// logGroupArn is the ARN CloudWatch Logs' tagging calls take for a log group named
// by name (in the backend's Region) or by ARN (with or without ":*").
func (b *Backend) logGroupArn(ctx context.Context, group string) (string, error) {
	if strings.HasPrefix(group, "arn:") {
		return strings.TrimSuffix(group, ":*"), nil
	}
	id, err := b.CallerIdentity(ctx)
	if err != nil {
		return "", err
	}
	partition := "aws"
	if p := strings.SplitN(id.Arn, ":", 3); len(p) == 3 && p[1] != "" {
		partition = p[1]
	}
	return "arn:" + partition + ":logs:" + b.info.Region + ":" + id.Account + ":log-group:" + group, nil
}

// LogGroupTags implements backend.LabResources with CloudWatch Logs ListTagsForResource.
func (b *Backend) LogGroupTags(ctx context.Context, group string) ([]model.Tag, error) {
	arn, err := b.logGroupArn(ctx, group)
	if err != nil {
		return nil, err
	}
	out, err := b.logs.ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
	if err != nil {
		return nil, wrap("logs:ListTagsForResource", err)
	}
	tags := make([]model.Tag, 0, len(out.Tags))
	for k, v := range out.Tags {
		tags = append(tags, model.Tag{Key: k, Value: v})
	}
	slices.SortFunc(tags, func(a, b model.Tag) int { return strings.Compare(a.Key, b.Key) })
	return tags, nil
}

// TagLogGroup implements backend.LabResources with CloudWatch Logs TagResource.
func (b *Backend) TagLogGroup(ctx context.Context, group string, tags []model.Tag) error {
	arn, err := b.logGroupArn(ctx, group)
	if err != nil {
		return err
	}
	m := make(map[string]string, len(tags))
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	_, err = b.logs.TagResource(ctx, &cloudwatchlogs.TagResourceInput{ResourceArn: aws.String(arn), Tags: m})
	return wrap("logs:TagResource", err)
}
