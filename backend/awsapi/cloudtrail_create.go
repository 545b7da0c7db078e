package awsapi

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/model"
)

// undo is the list of what CreateTrail made so far, undone in reverse order when a
// later step fails, so a failed wizard leaves the account as it found it.
type undo []func(ctx context.Context)

func (u *undo) add(f func(ctx context.Context)) { *u = append(*u, f) }

// run undoes everything; it goes on after the caller's context is cancelled (the
// cancellation may be the very failure being rolled back).
func (u undo) run(ctx context.Context) {
	ctx = context.WithoutCancel(ctx)
	for i := len(u) - 1; i >= 0; i-- {
		u[i](ctx)
	}
}

// CreateTrail implements backend.CloudTrail: the console's Create trail wizard, step
// by step, each step's failure reported with the AWS operation that failed and
// everything made before it removed again.
//
//  1. With CreateBucket: CreateBucket in the console's region, then PutBucketPolicy
//     with the policy the console writes (model.TrailBucketPolicy), so CloudTrail
//     may check the ACL and write under AWSLogs/<account>/ for this trail only.
//  2. SSE-KMS with a new key: CreateKey with the key policy the console applies
//     (model.TrailKMSKeyPolicy), then CreateAlias.
//  3. SNS with a new topic: CreateTopic, then SetTopicAttributes Policy
//     (model.TrailTopicPolicy). A topic of that name that already exists is used
//     and given the policy, but never deleted on failure.
//  4. CloudWatch Logs: CreateLogGroup for a new group; for a new role CreateRole
//     trusting cloudtrail.amazonaws.com and PutRolePolicy with CreateLogStream and
//     PutLogEvents on the group (model.TrailLogsRolePolicy).
//  5. CreateTrail with the tags, the key, the topic, the group and the role.
//  6. PutEventSelectors when step 2 differs from CloudTrail's default.
//  7. PutInsightSelectors when Insights events are chosen.
//  8. StartLogging: "When you create a trail with the CloudTrail console, logging is
//     turned on automatically."
func (b *Backend) CreateTrail(ctx context.Context, n model.NewTrail) (t model.Trail, err error) {
	if err := n.Validate(); err != nil {
		return model.Trail{}, err
	}
	id, err := b.CallerIdentity(ctx)
	if err != nil {
		return model.Trail{}, err
	}
	region := b.info.Region
	arn := model.TrailARN(region, id.Account, n.Name)
	var made undo
	defer func() {
		if err != nil {
			made.run(ctx)
		}
	}()
	if n.CreateBucket {
		created, err := b.createTrailBucket(ctx, n.S3BucketName, region)
		if err != nil {
			return model.Trail{}, err
		}
		if created {
			made.add(func(ctx context.Context) {
				_, _ = b.s3.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(n.S3BucketName)})
			})
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
	if n.KMSEnabled {
		key := n.KMSKeyID
		if n.KMSNewAlias != "" {
			if key, err = b.createTrailKey(ctx, &made, n.KMSNewAlias, region, id.Account, arn); err != nil {
				return model.Trail{}, err
			}
		}
		in.KmsKeyId = aws.String(key)
	}
	if n.SNSEnabled {
		topic := n.SNSTopic
		if n.SNSNewTopic != "" {
			if topic, err = b.createTrailTopic(ctx, &made, n.SNSNewTopic, region, id.Account, arn); err != nil {
				return model.Trail{}, err
			}
		}
		in.SnsTopicName = aws.String(topic)
	}
	if n.CloudWatchLogs {
		group, role, err := b.createTrailLogs(ctx, &made, n, region, id.Account)
		if err != nil {
			return model.Trail{}, err
		}
		in.CloudWatchLogsLogGroupArn, in.CloudWatchLogsRoleArn = aws.String(group), aws.String(role)
	}
	for _, t := range n.Tags {
		in.TagsList = append(in.TagsList, types.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)})
	}
	if _, err := b.cloudtrail.CreateTrail(ctx, in); err != nil {
		return model.Trail{}, wrap("cloudtrail:CreateTrail", err)
	}
	made.add(func(ctx context.Context) {
		_, _ = b.cloudtrail.DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String(arn)})
	})
	if sels, custom := n.EventSelectors(); custom {
		if _, err := b.PutEventSelectors(ctx, arn, model.EventSelectors{Basic: sels}); err != nil {
			return model.Trail{}, err
		}
	}
	if kinds := n.InsightTypes(); len(kinds) > 0 {
		if err := b.PutInsightSelectors(ctx, arn, kinds); err != nil {
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

// createTrailKey creates the trail's KMS key with the console's key policy and its
// alias; it returns the key ARN.
func (b *Backend) createTrailKey(ctx context.Context, made *undo, alias, region, account, trailARN string) (string, error) {
	out, err := b.kms.CreateKey(ctx, &kms.CreateKeyInput{
		Policy:      aws.String(model.TrailKMSKeyPolicy(region, account, trailARN)),
		Description: aws.String("The key created by CloudTrail to encrypt log files."),
	})
	if err != nil {
		return "", wrap("kms:CreateKey", err)
	}
	keyID, keyARN := aws.ToString(out.KeyMetadata.KeyId), aws.ToString(out.KeyMetadata.Arn)
	made.add(func(ctx context.Context) {
		_, _ = b.kms.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(keyID), PendingWindowInDays: aws.Int32(7)})
	})
	if _, err := b.kms.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(alias), TargetKeyId: aws.String(keyID)}); err != nil {
		return "", wrap("kms:CreateAlias", err)
	}
	made.add(func(ctx context.Context) {
		_, _ = b.kms.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(alias)})
	})
	return keyARN, nil
}

// createTrailTopic creates the trail's SNS topic with the console's topic policy; it
// returns the topic ARN.
func (b *Backend) createTrailTopic(ctx context.Context, made *undo, name, region, account, trailARN string) (string, error) {
	// CreateTopic answers an existing topic's ARN as if it made it; such a topic is
	// not the wizard's to delete when a later step fails.
	_, err := b.sns.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(model.TopicARN(region, account, name))})
	existed := err == nil
	out, err := b.sns.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name)})
	if err != nil {
		return "", wrap("sns:CreateTopic", err)
	}
	topic := aws.ToString(out.TopicArn)
	if !existed {
		made.add(func(ctx context.Context) {
			_, _ = b.sns.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(topic)})
		})
	}
	if _, err := b.sns.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(topic),
		AttributeName: aws.String("Policy"), AttributeValue: aws.String(model.TrailTopicPolicy(topic, trailARN))}); err != nil {
		return "", wrap("sns:SetTopicAttributes", err)
	}
	return topic, nil
}

// createTrailLogs creates the log group and the role the wizard asks for; it returns
// the group ARN and the role ARN CreateTrail takes.
func (b *Backend) createTrailLogs(ctx context.Context, made *undo, n model.NewTrail, region, account string) (string, string, error) {
	if n.LogGroupNew {
		if _, err := b.logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(n.LogGroupName)}); err != nil {
			return "", "", wrap("logs:CreateLogGroup", err)
		}
		made.add(func(ctx context.Context) {
			_, _ = b.logs.DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(n.LogGroupName)})
		})
	}
	if n.RoleNew {
		if _, err := b.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(n.RoleName),
			AssumeRolePolicyDocument: aws.String(model.TrailLogsTrustPolicy)}); err != nil {
			return "", "", wrap("iam:CreateRole", err)
		}
		made.add(func(ctx context.Context) {
			_, _ = b.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(n.RoleName)})
		})
		policy := model.TrailLogsRolePolicyName(n.Name)
		if _, err := b.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(n.RoleName), PolicyName: aws.String(policy),
			PolicyDocument: aws.String(model.TrailLogsRolePolicy(region, account, n.LogGroupName))}); err != nil {
			return "", "", wrap("iam:PutRolePolicy", err)
		}
		made.add(func(ctx context.Context) {
			_, _ = b.iam.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(n.RoleName), PolicyName: aws.String(policy)})
		})
	}
	return model.TrailLogGroupARN(region, account, n.LogGroupName), model.TrailRoleARN(account, n.RoleName), nil
}

// createTrailBucket creates the bucket in region; one the caller already owns is
// fine (the wizard may be retried after a later step failed), and created is false.
func (b *Backend) createTrailBucket(ctx context.Context, bucket, region string) (created bool, err error) {
	in := &s3.CreateBucketInput{Bucket: aws.String(bucket)}
	if region != "us-east-1" {
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(region)}
	}
	_, err = b.s3.CreateBucket(ctx, in)
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorCode() == "BucketAlreadyOwnedByYou" {
		return false, nil
	}
	return err == nil, wrap("s3:CreateBucket", err)
}
