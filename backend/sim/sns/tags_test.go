package sns_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

func tagMap(t *testing.T, c *sns.Client, arn *string) map[string]string {
	t.Helper()
	out, err := c.ListTagsForResource(context.Background(), &sns.ListTagsForResourceInput{ResourceArn: arn})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, tg := range out.Tags {
		m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	return m
}

func TestTopicTags(t *testing.T) {
	ctx := context.Background()
	_, c := newSim(t)
	lab := []types.Tag{{Key: aws.String("labconsole:lab"), Value: aws.String("lab1")}}
	a, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alerts"), Tags: lab})
	if err != nil {
		t.Fatal(err)
	}
	if m := tagMap(t, c, a.TopicArn); len(m) != 1 || m["labconsole:lab"] != "lab1" {
		t.Fatalf("tags after CreateTopic = %v", m)
	}
	// Same name, same tags: idempotent; other tags: refused, as SNS does.
	if _, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alerts"), Tags: lab}); err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alerts"), Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
	apiErr(t, err, "InvalidParameter", "Invalid parameter: Tags Reason: Topic already exists with different tags")
	if _, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alerts")}); err != nil {
		t.Fatalf("CreateTopic without tags of a tagged topic: %v", err)
	}

	if _, err := c.TagResource(ctx, &sns.TagResourceInput{ResourceArn: a.TopicArn, Tags: []types.Tag{
		{Key: aws.String("team"), Value: aws.String("ops")}, {Key: aws.String("labconsole:lab"), Value: aws.String("lab2")}}}); err != nil {
		t.Fatal(err)
	}
	if m := tagMap(t, c, a.TopicArn); len(m) != 2 || m["team"] != "ops" || m["labconsole:lab"] != "lab2" {
		t.Fatalf("tags after TagResource = %v", m)
	}
	if _, err := c.UntagResource(ctx, &sns.UntagResourceInput{ResourceArn: a.TopicArn, TagKeys: []string{"team", "absent"}}); err != nil {
		t.Fatal(err)
	}
	if m := tagMap(t, c, a.TopicArn); len(m) != 1 || m["labconsole:lab"] != "lab2" {
		t.Fatalf("tags after UntagResource = %v", m)
	}

	// 50 tags per topic: the 51st is TagLimitExceeded and nothing changes.
	var many []types.Tag
	for i := range 49 {
		many = append(many, types.Tag{Key: aws.String(fmt.Sprintf("k%02d", i)), Value: aws.String("v")})
	}
	if _, err := c.TagResource(ctx, &sns.TagResourceInput{ResourceArn: a.TopicArn, Tags: many}); err != nil {
		t.Fatalf("50 tags: %v", err)
	}
	_, err = c.TagResource(ctx, &sns.TagResourceInput{ResourceArn: a.TopicArn, Tags: []types.Tag{{Key: aws.String("one-more"), Value: aws.String("")}}})
	apiErr(t, err, "TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded")
	if m := tagMap(t, c, a.TopicArn); len(m) != 50 || m["one-more"] != "" {
		t.Fatalf("%d tags after the refused one", len(m))
	}
	_, err = c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("crowded"), Tags: append(many, lab[0], types.Tag{Key: aws.String("x"), Value: aws.String("y")})})
	apiErr(t, err, "TagLimitExceeded", "")

	_, err = c.TagResource(ctx, &sns.TagResourceInput{ResourceArn: a.TopicArn, Tags: []types.Tag{{Key: aws.String("aws:reserved"), Value: aws.String("v")}}})
	apiErr(t, err, "InvalidParameter", "")
	_, err = c.TagResource(ctx, &sns.TagResourceInput{ResourceArn: aws.String("arn:aws:sns:ap-northeast-2:123456789012:ghost"), Tags: lab})
	apiErr(t, err, "ResourceNotFound", "Resource does not exist")
	_, err = c.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String("not-an-arn")})
	apiErr(t, err, "InvalidParameter", "Invalid parameter: ResourceArn")

	// Deleting the topic deletes its tags: a new topic of the same name starts bare.
	if _, err := c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: a.TopicArn}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alerts")}); err != nil {
		t.Fatal(err)
	}
	if m := tagMap(t, c, a.TopicArn); len(m) != 0 {
		t.Fatalf("a re-created topic kept tags %v", m)
	}
}

func TestTagResourceAuthorization(t *testing.T) {
	ctx := context.Background()
	s, c := newSim(t)
	topic, _ := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("lab")})
	admin := s.AdminCredentials()
	ic := iam.NewFromConfig(config(s, admin.AccessKeyID, admin.SecretAccessKey))
	if _, err := ic.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("creator")}); err != nil {
		t.Fatal(err)
	}
	if _, err := ic.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("creator"), PolicyName: aws.String("create"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:CreateTopic","Resource":"*"}]}`)}); err != nil {
		t.Fatal(err)
	}
	creds, err := s.IAM().AddAccessKey(ctx, "creator", s.Clock().Now())
	if err != nil {
		t.Fatal(err)
	}
	uc := sns.NewFromConfig(config(s, creds.AccessKeyID, creds.SecretAccessKey))
	if _, err := uc.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("plain")}); err != nil {
		t.Fatal(err)
	}
	_, err = uc.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("tagged"), Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("b")}}})
	apiErr(t, err, "AuthorizationError", "")
	_, err = uc.TagResource(ctx, &sns.TagResourceInput{ResourceArn: topic.TopicArn, Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("b")}}})
	apiErr(t, err, "AuthorizationError", "")
}
