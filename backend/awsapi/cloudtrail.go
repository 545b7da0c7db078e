package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"

	"github.com/labconsole/labconsole/model"
)

// ListTrails implements backend.CloudTrail.
func (b *Backend) ListTrails(ctx context.Context) ([]model.Trail, error) {
	out, err := b.cloudtrail.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: aws.Bool(true)})
	if err != nil {
		return nil, wrap("cloudtrail:DescribeTrails", err)
	}
	trails := make([]model.Trail, 0, len(out.TrailList))
	for _, t := range out.TrailList {
		trails = append(trails, trailFrom(t))
	}
	return trails, nil
}

// GetTrail implements backend.CloudTrail: the trail and its tags.
func (b *Backend) GetTrail(ctx context.Context, trail string) (model.Trail, error) {
	out, err := b.cloudtrail.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String(trail)})
	if err != nil {
		return model.Trail{}, wrap("cloudtrail:GetTrail", err)
	}
	t := trailFrom(*out.Trail)
	p := cloudtrail.NewListTagsPaginator(b.cloudtrail, &cloudtrail.ListTagsInput{ResourceIdList: []string{t.ARN}})
	for p.HasMorePages() {
		tags, err := p.NextPage(ctx)
		if err != nil {
			return model.Trail{}, wrap("cloudtrail:ListTags", err)
		}
		for _, rt := range tags.ResourceTagList {
			for _, tag := range rt.TagsList {
				t.Tags = append(t.Tags, model.Tag{Key: aws.ToString(tag.Key), Value: aws.ToString(tag.Value)})
			}
		}
	}
	return t, nil
}

// GetTrailStatus implements backend.CloudTrail.
func (b *Backend) GetTrailStatus(ctx context.Context, trail string) (model.TrailStatus, error) {
	out, err := b.cloudtrail.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(trail)})
	if err != nil {
		return model.TrailStatus{}, wrap("cloudtrail:GetTrailStatus", err)
	}
	return model.TrailStatus{
		IsLogging:                         aws.ToBool(out.IsLogging),
		StartLoggingTime:                  out.StartLoggingTime,
		StopLoggingTime:                   out.StopLoggingTime,
		LatestDeliveryTime:                out.LatestDeliveryTime,
		LatestDigestDeliveryTime:          out.LatestDigestDeliveryTime,
		LatestDeliveryError:               aws.ToString(out.LatestDeliveryError),
		LatestDigestDeliveryError:         aws.ToString(out.LatestDigestDeliveryError),
		LatestNotificationError:           aws.ToString(out.LatestNotificationError),
		LatestCloudWatchLogsDeliveryError: aws.ToString(out.LatestCloudWatchLogsDeliveryError),
	}, nil
}

// UpdateTrail implements backend.CloudTrail.
func (b *Backend) UpdateTrail(ctx context.Context, trail string, u model.TrailUpdate) (model.Trail, error) {
	if err := u.Validate(); err != nil {
		return model.Trail{}, err
	}
	out, err := b.cloudtrail.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{
		Name: aws.String(trail), S3BucketName: u.S3BucketName, S3KeyPrefix: u.S3KeyPrefix, IsMultiRegionTrail: u.IsMultiRegionTrail,
		IncludeGlobalServiceEvents: u.IncludeGlobalServiceEvents, EnableLogFileValidation: u.EnableLogFileValidation,
	})
	if err != nil {
		return model.Trail{}, wrap("cloudtrail:UpdateTrail", err)
	}
	return b.GetTrail(ctx, aws.ToString(out.TrailARN))
}

// DeleteTrail implements backend.CloudTrail.
func (b *Backend) DeleteTrail(ctx context.Context, trail string) error {
	_, err := b.cloudtrail.DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String(trail)})
	return wrap("cloudtrail:DeleteTrail", err)
}

// StartLogging implements backend.CloudTrail.
func (b *Backend) StartLogging(ctx context.Context, trail string) error {
	_, err := b.cloudtrail.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String(trail)})
	return wrap("cloudtrail:StartLogging", err)
}

// StopLogging implements backend.CloudTrail.
func (b *Backend) StopLogging(ctx context.Context, trail string) error {
	_, err := b.cloudtrail.StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String(trail)})
	return wrap("cloudtrail:StopLogging", err)
}

// GetEventSelectors implements backend.CloudTrail.
func (b *Backend) GetEventSelectors(ctx context.Context, trail string) (model.EventSelectors, error) {
	out, err := b.cloudtrail.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(trail)})
	if err != nil {
		return model.EventSelectors{}, wrap("cloudtrail:GetEventSelectors", err)
	}
	return selectorsFrom(aws.ToString(out.TrailARN), out.EventSelectors, out.AdvancedEventSelectors), nil
}

// PutEventSelectors implements backend.CloudTrail.
func (b *Backend) PutEventSelectors(ctx context.Context, trail string, sel model.EventSelectors) (model.EventSelectors, error) {
	in := &cloudtrail.PutEventSelectorsInput{TrailName: aws.String(trail)}
	if sel.Advanced != nil {
		for _, a := range sel.Advanced {
			as := types.AdvancedEventSelector{Name: aws.String(a.Name)}
			for _, f := range a.FieldSelectors {
				as.FieldSelectors = append(as.FieldSelectors, types.AdvancedFieldSelector{Field: aws.String(f.Field), Equals: f.Equals,
					StartsWith: f.StartsWith, EndsWith: f.EndsWith, NotEquals: f.NotEquals, NotStartsWith: f.NotStartsWith, NotEndsWith: f.NotEndsWith})
			}
			in.AdvancedEventSelectors = append(in.AdvancedEventSelectors, as)
		}
	} else {
		for _, s := range sel.Basic {
			in.EventSelectors = append(in.EventSelectors, basicSelector(s))
		}
	}
	out, err := b.cloudtrail.PutEventSelectors(ctx, in)
	if err != nil {
		return model.EventSelectors{}, wrap("cloudtrail:PutEventSelectors", err)
	}
	return selectorsFrom(aws.ToString(out.TrailARN), out.EventSelectors, out.AdvancedEventSelectors), nil
}

func basicSelector(s model.EventSelector) types.EventSelector {
	es := types.EventSelector{ReadWriteType: types.ReadWriteType(s.ReadWriteType), IncludeManagementEvents: aws.Bool(s.IncludeManagementEvents),
		ExcludeManagementEventSources: s.ExcludeManagementEventSources}
	for _, d := range s.DataResources {
		es.DataResources = append(es.DataResources, types.DataResource{Type: aws.String(d.Type), Values: d.Values})
	}
	return es
}

func selectorsFrom(arn string, basic []types.EventSelector, adv []types.AdvancedEventSelector) model.EventSelectors {
	m := model.EventSelectors{TrailARN: arn}
	for _, s := range basic {
		es := model.EventSelector{ReadWriteType: string(s.ReadWriteType), IncludeManagementEvents: aws.ToBool(s.IncludeManagementEvents),
			ExcludeManagementEventSources: s.ExcludeManagementEventSources}
		for _, d := range s.DataResources {
			es.DataResources = append(es.DataResources, model.DataResource{Type: aws.ToString(d.Type), Values: d.Values})
		}
		m.Basic = append(m.Basic, es)
	}
	for _, a := range adv {
		as := model.AdvancedEventSelector{Name: aws.ToString(a.Name)}
		for _, f := range a.FieldSelectors {
			as.FieldSelectors = append(as.FieldSelectors, model.FieldSelector{Field: aws.ToString(f.Field), Equals: f.Equals, StartsWith: f.StartsWith,
				EndsWith: f.EndsWith, NotEquals: f.NotEquals, NotStartsWith: f.NotStartsWith, NotEndsWith: f.NotEndsWith})
		}
		m.Advanced = append(m.Advanced, as)
	}
	return m
}

func trailFrom(t types.Trail) model.Trail {
	return model.Trail{
		Name:                       aws.ToString(t.Name),
		ARN:                        aws.ToString(t.TrailARN),
		HomeRegion:                 aws.ToString(t.HomeRegion),
		S3BucketName:               aws.ToString(t.S3BucketName),
		S3KeyPrefix:                aws.ToString(t.S3KeyPrefix),
		SnsTopicARN:                aws.ToString(t.SnsTopicARN),
		KMSKeyID:                   aws.ToString(t.KmsKeyId),
		CloudWatchLogsLogGroupARN:  aws.ToString(t.CloudWatchLogsLogGroupArn),
		CloudWatchLogsRoleARN:      aws.ToString(t.CloudWatchLogsRoleArn),
		IncludeGlobalServiceEvents: aws.ToBool(t.IncludeGlobalServiceEvents),
		IsMultiRegionTrail:         aws.ToBool(t.IsMultiRegionTrail),
		LogFileValidationEnabled:   aws.ToBool(t.LogFileValidationEnabled),
		IsOrganizationTrail:        aws.ToBool(t.IsOrganizationTrail),
		HasCustomEventSelectors:    aws.ToBool(t.HasCustomEventSelectors),
		HasInsightSelectors:        aws.ToBool(t.HasInsightSelectors),
	}
}
