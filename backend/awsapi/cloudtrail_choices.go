package awsapi

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/model"
)

// choicePages bounds each list of TrailChoices: the wizard's selects are for a
// class's account, and a name or ARN can always be typed.
const choicePages = 5

// TrailChoices implements backend.CloudTrail: the KMS aliases (AWS managed ones left
// out), SNS topics, log groups and IAM roles the wizard's "Existing" options offer.
// A list the caller may not read, or a service the endpoint lacks, stays empty.
func (b *Backend) TrailChoices(ctx context.Context) (model.TrailChoices, error) {
	var c model.TrailChoices
	var marker *string
	for range choicePages {
		out, err := b.kms.ListAliases(ctx, &kms.ListAliasesInput{Marker: marker})
		if err != nil {
			break
		}
		for _, a := range out.Aliases {
			if name := aws.ToString(a.AliasName); !strings.HasPrefix(name, "alias/aws/") && a.TargetKeyId != nil {
				c.KMSAliases = append(c.KMSAliases, name)
			}
		}
		if marker = out.NextMarker; !out.Truncated || marker == nil {
			break
		}
	}
	var token *string
	for range choicePages {
		out, err := b.sns.ListTopics(ctx, &sns.ListTopicsInput{NextToken: token})
		if err != nil {
			break
		}
		for _, t := range out.Topics {
			c.Topics = append(c.Topics, aws.ToString(t.TopicArn))
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	token = nil
	for range choicePages {
		out, err := b.logs.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{NextToken: token})
		if err != nil {
			break
		}
		for _, g := range out.LogGroups {
			c.LogGroups = append(c.LogGroups, aws.ToString(g.LogGroupName))
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	marker = nil
	for range choicePages {
		out, err := b.iam.ListRoles(ctx, &iam.ListRolesInput{Marker: marker})
		if err != nil {
			break
		}
		for _, r := range out.Roles {
			c.Roles = append(c.Roles, aws.ToString(r.RoleName))
		}
		if marker = out.Marker; !out.IsTruncated || marker == nil {
			break
		}
	}
	for _, l := range [][]string{c.KMSAliases, c.Topics, c.LogGroups, c.Roles} {
		sort.Strings(l)
	}
	return c, nil
}

// PutInsightSelectors implements backend.CloudTrail.
func (b *Backend) PutInsightSelectors(ctx context.Context, trail string, kinds []string) error {
	in := &cloudtrail.PutInsightSelectorsInput{TrailName: aws.String(trail), InsightSelectors: []types.InsightSelector{}}
	for _, k := range kinds {
		in.InsightSelectors = append(in.InsightSelectors, types.InsightSelector{InsightType: types.InsightType(k)})
	}
	_, err := b.cloudtrail.PutInsightSelectors(ctx, in)
	return wrap("cloudtrail:PutInsightSelectors", err)
}

// GetInsightSelectors implements backend.CloudTrail: the Insights types the trail
// logs (none when it logs no Insights events).
func (b *Backend) GetInsightSelectors(ctx context.Context, trail string) ([]string, error) {
	out, err := b.cloudtrail.GetInsightSelectors(ctx, &cloudtrail.GetInsightSelectorsInput{TrailName: aws.String(trail)})
	if err != nil {
		var api smithy.APIError
		if errors.As(err, &api) && api.ErrorCode() == "InsightNotEnabledException" {
			return nil, nil
		}
		return nil, wrap("cloudtrail:GetInsightSelectors", err)
	}
	var kinds []string
	for _, s := range out.InsightSelectors {
		kinds = append(kinds, string(s.InsightType))
	}
	return kinds, nil
}
