package awsapi

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/model"
)

// CreateTrail implements backend.CloudTrail: the console's Create trail wizard, step
// by step, each step's failure reported with the AWS operation that failed.
//
//  1. With CreateBucket: CreateBucket in the console's region, then PutBucketPolicy
//     with the policy the console writes (model.TrailBucketPolicy), so CloudTrail
//     may check the ACL and write under AWSLogs/<account>/ for this trail only.
//  2. CreateTrail with the tags.
//  3. PutEventSelectors when step 2 differs from CloudTrail's default.
//  4. StartLogging: "When you create a trail with the CloudTrail console, logging is
//     turned on automatically."
func (b *Backend) CreateTrail(ctx context.Context, n model.NewTrail) (model.Trail, error) {
	if err := n.Validate(); err != nil {
		return model.Trail{}, err
	}
	id, err := b.CallerIdentity(ctx)
	if err != nil {
		return model.Trail{}, err
	}
	region := b.info.Region
	arn := model.TrailARN(region, id.Account, n.Name)
	if n.CreateBucket {
		if err := b.createTrailBucket(ctx, n.S3BucketName, region); err != nil {
			return model.Trail{}, err
		}
		policy := model.TrailBucketPolicy(n.S3BucketName, n.S3KeyPrefix, id.Account, arn)
		if _, err := b.s3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(n.S3BucketName), Policy: aws.String(policy)}); err != nil {
			return model.Trail{}, wrap("s3:PutBucketPolicy", err)
		}
	}
	in := &cloudtrail.CreateTrailInput{
		Name: aws.String(n.Name), S3BucketName: aws.String(n.S3BucketName),
		IsMultiRegionTrail: aws.Bool(n.IsMultiRegionTrail), IncludeGlobalServiceEvents: aws.Bool(n.IncludeGlobalServiceEvents),
		EnableLogFileValidation: aws.Bool(n.EnableLogFileValidation),
	}
	if n.S3KeyPrefix != "" {
		in.S3KeyPrefix = aws.String(n.S3KeyPrefix)
	}
	for _, t := range n.Tags {
		in.TagsList = append(in.TagsList, types.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)})
	}
	if _, err := b.cloudtrail.CreateTrail(ctx, in); err != nil {
		return model.Trail{}, wrap("cloudtrail:CreateTrail", err)
	}
	if sel, custom := n.Selectors(); custom {
		if _, err := b.PutEventSelectors(ctx, arn, model.EventSelectors{Basic: []model.EventSelector{sel}}); err != nil {
			return model.Trail{}, err
		}
	}
	if n.StartLogging {
		if err := b.StartLogging(ctx, arn); err != nil {
			return model.Trail{}, err
		}
	}
	return b.GetTrail(ctx, arn)
}

// createTrailBucket creates the bucket in region; one the caller already owns is
// fine (the wizard may be retried after a later step failed).
func (b *Backend) createTrailBucket(ctx context.Context, bucket, region string) error {
	in := &s3.CreateBucketInput{Bucket: aws.String(bucket)}
	if region != "us-east-1" {
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(region)}
	}
	_, err := b.s3.CreateBucket(ctx, in)
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorCode() == "BucketAlreadyOwnedByYou" {
		return nil
	}
	return wrap("s3:CreateBucket", err)
}
