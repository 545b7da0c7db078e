package logs_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cwl "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
)

func TestLogGroupTags(t *testing.T) {
	ctx := context.Background()
	_, c := newSim(t)
	arn := aws.String("arn:aws:logs:ap-northeast-2:123456789012:log-group:/lab/trail")
	if _, err := c.CreateLogGroup(ctx, &cwl.CreateLogGroupInput{LogGroupName: aws.String("/lab/trail"), Tags: map[string]string{"labconsole:lab": "lab1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateLogGroup(ctx, &cwl.CreateLogGroupInput{LogGroupName: aws.String("/other")}); err != nil {
		t.Fatal(err)
	}
	list := func(a *string) map[string]string {
		t.Helper()
		out, err := c.ListTagsForResource(ctx, &cwl.ListTagsForResourceInput{ResourceArn: a})
		if err != nil {
			t.Fatal(err)
		}
		return out.Tags
	}
	if m := list(arn); len(m) != 1 || m["labconsole:lab"] != "lab1" {
		t.Fatalf("tags after CreateLogGroup = %v", m)
	}
	if m := list(aws.String("arn:aws:logs:ap-northeast-2:123456789012:log-group:/other")); len(m) != 0 {
		t.Fatalf("untagged group has %v", m)
	}
	// The ARN DescribeLogGroups' arn member shows (with ":*") names the same group.
	if m := list(aws.String(aws.ToString(arn) + ":*")); m["labconsole:lab"] != "lab1" {
		t.Fatalf("tags by the :* ARN = %v", m)
	}
	if _, err := c.TagResource(ctx, &cwl.TagResourceInput{ResourceArn: arn, Tags: map[string]string{"team": "ops"}}); err != nil {
		t.Fatal(err)
	}
	old, err := c.ListTagsLogGroup(ctx, &cwl.ListTagsLogGroupInput{LogGroupName: aws.String("/lab/trail")})
	if err != nil || len(old.Tags) != 2 || old.Tags["team"] != "ops" {
		t.Fatalf("ListTagsLogGroup = %v %v", old, err)
	}
	if _, err := c.UntagResource(ctx, &cwl.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"team"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.TagLogGroup(ctx, &cwl.TagLogGroupInput{LogGroupName: aws.String("/other"), Tags: map[string]string{"k": "v"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UntagLogGroup(ctx, &cwl.UntagLogGroupInput{LogGroupName: aws.String("/other"), Tags: []string{"k"}}); err != nil {
		t.Fatal(err)
	}
	if m := list(arn); len(m) != 1 || m["team"] != "" {
		t.Fatalf("tags after UntagResource = %v", m)
	}

	many := map[string]string{}
	for i := range 49 {
		many[fmt.Sprintf("k%02d", i)] = "v"
	}
	if _, err := c.TagResource(ctx, &cwl.TagResourceInput{ResourceArn: arn, Tags: many}); err != nil {
		t.Fatalf("50 tags: %v", err)
	}
	_, err = c.TagResource(ctx, &cwl.TagResourceInput{ResourceArn: arn, Tags: map[string]string{"one-more": "v"}})
	apiErr(t, err, "TooManyTagsException", "A resource can have no more than 50 tags.")
	if m := list(arn); len(m) != 50 {
		t.Fatalf("%d tags after the refused one", len(m))
	}
	_, err = c.TagResource(ctx, &cwl.TagResourceInput{ResourceArn: arn, Tags: map[string]string{"aws:x": "v"}})
	apiErr(t, err, "InvalidParameterException", "")
	_, err = c.TagResource(ctx, &cwl.TagResourceInput{ResourceArn: arn, Tags: map[string]string{}})
	apiErr(t, err, "InvalidParameterException", "")
	_, err = c.CreateLogGroup(ctx, &cwl.CreateLogGroupInput{LogGroupName: aws.String("/bad-tags"), Tags: map[string]string{"bad*key": "v"}})
	apiErr(t, err, "InvalidParameterException", "")
	_, err = c.ListTagsForResource(ctx, &cwl.ListTagsForResourceInput{ResourceArn: aws.String("arn:aws:logs:ap-northeast-2:123456789012:log-group:/ghost")})
	apiErr(t, err, "ResourceNotFoundException", "The specified log group does not exist.")
	_, err = c.ListTagsForResource(ctx, &cwl.ListTagsForResourceInput{ResourceArn: aws.String("nope")})
	apiErr(t, err, "InvalidParameterException", "")

	// Deleting the group deletes its tags.
	if _, err := c.DeleteLogGroup(ctx, &cwl.DeleteLogGroupInput{LogGroupName: aws.String("/lab/trail")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateLogGroup(ctx, &cwl.CreateLogGroupInput{LogGroupName: aws.String("/lab/trail")}); err != nil {
		t.Fatal(err)
	}
	if m := list(arn); len(m) != 0 {
		t.Fatalf("a re-created group kept %v", m)
	}
}
