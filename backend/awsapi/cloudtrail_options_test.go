package awsapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/model"
)

// optionsSim is a simulator, the console's backend on it, and an aws.Config for the
// SDK clients that check what the wizard made.
func optionsSim(t *testing.T) (*sim.Sim, *awsapi.Backend, aws.Config) {
	t.Helper()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s, err := sim.New(context.Background(), sim.Options{Now: func() time.Time { return start }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	b := awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	cfg := aws.Config{Region: s.Region(), Credentials: credentials.NewStaticCredentialsProvider(creds.AccessKeyID, creds.SecretAccessKey, ""),
		HTTPClient: &http.Client{Transport: s.RoundTripper()}, BaseEndpoint: aws.String(awsapi.SimulatorEndpoint)}
	return s, b, cfg
}

// everyOption is the wizard with every option of the guide turned on, new resources.
func everyOption(account, name string) model.NewTrail {
	n := model.ConsoleNewTrail(name, model.DefaultTrailBucketName(account, "0a1b2c3d"))
	n.KMSEnabled, n.KMSNewAlias = true, "alias/"+name+"-key"
	n.SNSEnabled, n.SNSNewTopic = true, model.DefaultTrailTopicName(account, "0a1b2c3d")
	n.CloudWatchLogs, n.LogGroupNew, n.LogGroupName = true, true, model.DefaultTrailLogGroupName(account, "0a1b2c3d")
	n.RoleNew, n.RoleName = true, model.DefaultTrailRoleName(name)
	n.DataEventsS3, n.DataRead, n.DataWrite = true, true, true
	n.InsightsCallRate, n.InsightsErrorRate = true, true
	return n
}

// TestCreateTrailEveryOption runs the wizard with SSE-KMS (new key and alias), SNS
// (new topic), CloudWatch Logs (new group and role), S3 data events and both Insights
// types, and checks each resource and its policy as AWS documents them.
func TestCreateTrailEveryOption(t *testing.T) {
	ctx := context.Background()
	s, b, cfg := optionsSim(t)
	acct, region := s.AccountID(), s.Region()
	n := everyOption(acct, "opt-trail")
	trail, err := b.CreateTrail(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	trailARN := model.TrailARN(region, acct, "opt-trail")
	topicARN := model.TopicARN(region, acct, n.SNSNewTopic)
	roleARN := "arn:aws:iam::" + acct + ":role/CloudTrailRoleForCloudWatchLogs_opt-trail"
	if trail.SnsTopicARN != topicARN || trail.CloudWatchLogsLogGroupARN != model.TrailLogGroupARN(region, acct, n.LogGroupName) ||
		trail.CloudWatchLogsRoleARN != roleARN || !strings.Contains(trail.KMSKeyID, ":key/") {
		t.Fatalf("trail = %+v", trail)
	}

	// The choices the wizard offers next time list what this run made.
	ch, err := b.TrailChoices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ch.KMSAliases, n.KMSNewAlias) || !slices.Contains(ch.Topics, topicARN) ||
		!slices.Contains(ch.LogGroups, n.LogGroupName) || !slices.Contains(ch.Roles, n.RoleName) {
		t.Fatalf("choices = %+v", ch)
	}

	// Selectors: management and S3 data events, Read and Write, in one selector.
	sel, err := b.GetEventSelectors(ctx, "opt-trail")
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.Basic) != 1 || sel.Basic[0].ReadWriteType != model.ReadWriteAll || !sel.Basic[0].IncludeManagementEvents ||
		len(sel.Basic[0].DataResources) != 1 || sel.Basic[0].DataResources[0].Type != "AWS::S3::Object" ||
		!slices.Equal(sel.Basic[0].DataResources[0].Values, []string{model.AllS3Buckets}) {
		t.Fatalf("selectors = %+v", sel)
	}
	ins, err := b.GetInsightSelectors(ctx, "opt-trail")
	if err != nil || !slices.Equal(ins, []string{model.InsightAPICallRate, model.InsightAPIErrorRate}) {
		t.Fatalf("insights = %v, %v", ins, err)
	}
	if st, err := b.GetTrailStatus(ctx, "opt-trail"); err != nil || !st.IsLogging {
		t.Fatalf("status = %+v, %v", st, err)
	}

	// The topic's policy lets CloudTrail publish for this trail.
	attrs, err := sns.NewFromConfig(cfg).GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topicARN)})
	if err != nil {
		t.Fatal(err)
	}
	if p := attrs.Attributes["Policy"]; !strings.Contains(p, "AWSCloudTrailSNSPolicy20131101") || !strings.Contains(p, trailARN) {
		t.Fatalf("topic policy = %s", p)
	}

	// The role trusts cloudtrail.amazonaws.com and may write to this group only.
	iamc := iam.NewFromConfig(cfg)
	role, err := iamc.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(n.RoleName)})
	if err != nil {
		t.Fatal(err)
	}
	trust, _ := url.QueryUnescape(aws.ToString(role.Role.AssumeRolePolicyDocument))
	if !strings.Contains(trust, "cloudtrail.amazonaws.com") || !strings.Contains(trust, "sts:AssumeRole") {
		t.Fatalf("trust policy = %s", trust)
	}
	pol, err := iamc.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(n.RoleName), PolicyName: aws.String(model.TrailLogsRolePolicyName("opt-trail"))})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := url.QueryUnescape(aws.ToString(pol.PolicyDocument))
	var parsed struct {
		Statement []struct{ Action, Resource []string }
	}
	if err := json.Unmarshal([]byte(doc), &parsed); err != nil || len(parsed.Statement) != 2 {
		t.Fatalf("role policy = %s (%v)", doc, err)
	}
	wantRes := "arn:aws:logs:" + region + ":" + acct + ":log-group:" + n.LogGroupName + ":log-stream:" + acct + "_CloudTrail_" + region + "*"
	for i, action := range []string{"logs:CreateLogStream", "logs:PutLogEvents"} {
		if st := parsed.Statement[i]; !slices.Equal(st.Action, []string{action}) || !slices.Equal(st.Resource, []string{wantRes}) {
			t.Fatalf("statement %d = %+v, want %s on %s", i, st, action, wantRes)
		}
	}

	// The key's policy lets CloudTrail encrypt for this trail.
	kp, err := kms.NewFromConfig(cfg).GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(trail.KMSKeyID), PolicyName: aws.String("default")})
	if err != nil {
		t.Fatal(err)
	}
	if p := aws.ToString(kp.Policy); !strings.Contains(p, "Allow CloudTrail to encrypt logs") || !strings.Contains(p, trailARN) {
		t.Fatalf("key policy = %s", p)
	}
}

// TestCreateTrailExistingResources uses an existing key alias, topic, log group and
// role, as the wizard's "Existing" options do: nothing new is made for them.
func TestCreateTrailExistingResources(t *testing.T) {
	ctx := context.Background()
	s, b, cfg := optionsSim(t)
	acct := s.AccountID()
	first := everyOption(acct, "first-trail")
	firstTrail, err := b.CreateTrail(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	// The first trail's topic only lets that trail publish, as on AWS; an existing
	// topic for two trails has a policy for both (here: any trail of the account).
	policy := strings.Replace(model.TrailTopicPolicy(model.TopicARN(s.Region(), acct, first.SNSNewTopic), model.TrailARN(s.Region(), acct, "first-trail")),
		`"StringEquals": {"AWS:SourceArn"`, `"StringLike": {"AWS:SourceArn"`, 1)
	policy = strings.Replace(policy, ":trail/first-trail", ":trail/*", 1)
	if _, err := sns.NewFromConfig(cfg).SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(model.TopicARN(s.Region(), acct, first.SNSNewTopic)),
		AttributeName: aws.String("Policy"), AttributeValue: aws.String(policy)}); err != nil {
		t.Fatal(err)
	}
	// Likewise the key: its policy is given the second trail, as its owner would.
	kmsc := kms.NewFromConfig(cfg)
	if _, err := kmsc.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(firstTrail.KMSKeyID), PolicyName: aws.String("default"),
		Policy: aws.String(model.TrailKMSKeyPolicy(s.Region(), acct, model.TrailARN(s.Region(), acct, "second-trail")))}); err != nil {
		t.Fatal(err)
	}
	n := model.ConsoleNewTrail("second-trail", "aws-cloudtrail-logs-"+acct+"-second00")
	n.KMSEnabled, n.KMSKeyID = true, first.KMSNewAlias
	n.SNSEnabled, n.SNSTopic = true, first.SNSNewTopic
	n.CloudWatchLogs, n.LogGroupName, n.RoleName = true, first.LogGroupName, first.RoleName
	trail, err := b.CreateTrail(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	if trail.SnsTopicARN != model.TopicARN(s.Region(), acct, first.SNSNewTopic) || !strings.HasSuffix(trail.CloudWatchLogsRoleARN, ":role/"+first.RoleName) || trail.KMSKeyID == "" {
		t.Fatalf("trail = %+v", trail)
	}
	ch, _ := b.TrailChoices(ctx)
	if len(ch.Topics) != 1 || len(ch.LogGroups) != 1 || len(ch.Roles) != 1 || len(ch.KMSAliases) != 1 {
		t.Fatalf("existing resources were made again: %+v", ch)
	}
}

// TestCreateTrailRollsBack: when CreateTrail fails (the name is taken), the bucket,
// key alias, topic, log group and role made for it are removed again.
func TestCreateTrailRollsBack(t *testing.T) {
	ctx := context.Background()
	s, b, _ := optionsSim(t)
	acct := s.AccountID()
	if _, err := b.CreateTrail(ctx, model.ConsoleNewTrail("taken-trail", "aws-cloudtrail-logs-"+acct+"-taken000")); err != nil {
		t.Fatal(err)
	}
	before, _ := b.ListBuckets(ctx)
	n := everyOption(acct, "taken-trail")
	_, err := b.CreateTrail(ctx, n)
	if backend.KindOf(err) != backend.KindAlreadyExists || !strings.Contains(err.Error(), "CreateTrail") {
		t.Fatalf("err = %v, want TrailAlreadyExists from CreateTrail", err)
	}
	ch, err := b.TrailChoices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.KMSAliases)+len(ch.Topics)+len(ch.LogGroups)+len(ch.Roles) != 0 {
		t.Fatalf("left behind: %+v", ch)
	}
	if after, _ := b.ListBuckets(ctx); len(after) != len(before) {
		t.Fatalf("buckets %v, want %v", after, before)
	}
}

// TestCreateTrailValidatesOptions: each new option's rules apply before any call.
func TestCreateTrailValidatesOptions(t *testing.T) {
	ctx := context.Background()
	s, b, _ := optionsSim(t)
	acct := s.AccountID()
	cases := map[string]func(n *model.NewTrail){
		"alias without alias/":   func(n *model.NewTrail) { n.KMSNewAlias = "my-key" },
		"reserved alias":         func(n *model.NewTrail) { n.KMSNewAlias = "alias/aws/cloudtrail" },
		"existing key not a key": func(n *model.NewTrail) { n.KMSNewAlias, n.KMSKeyID = "", "arn:aws:s3:::bucket" },
		"topic name":             func(n *model.NewTrail) { n.SNSNewTopic = "bad topic" },
		"log group name":         func(n *model.NewTrail) { n.LogGroupName = "bad group!" },
		"role name":              func(n *model.NewTrail) { n.RoleName = strings.Repeat("r", 65) },
		"data without read or write": func(n *model.NewTrail) {
			n.DataRead, n.DataWrite = false, false
		},
		"insights without write": func(n *model.NewTrail) { n.ReadWriteType = model.ReadWriteReadOnly },
	}
	for name, mutate := range cases {
		n := everyOption(acct, "bad-trail")
		mutate(&n)
		if _, err := b.CreateTrail(ctx, n); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if ch, _ := b.TrailChoices(ctx); len(ch.Topics)+len(ch.LogGroups)+len(ch.Roles)+len(ch.KMSAliases) != 0 {
		t.Fatalf("a refused wizard made resources: %+v", ch)
	}
}

// TestCreateTrailDataBuckets: all buckets Read, two buckets Read and Write: the
// buckets ride on the management selector (All), all buckets get their own.
func TestCreateTrailDataBuckets(t *testing.T) {
	ctx := context.Background()
	s, b, _ := optionsSim(t)
	n := model.ConsoleNewTrail("data-trail", "aws-cloudtrail-logs-"+s.AccountID()+"-data0000")
	n.DataEventsS3, n.DataRead = true, true
	n.DataBuckets, n.DataBucketsWrite = []string{"lab-bucket", "other-bucket"}, true
	if _, err := b.CreateTrail(ctx, n); err != nil {
		t.Fatal(err)
	}
	sel, err := b.GetEventSelectors(ctx, "data-trail")
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.Basic) != 2 || sel.Basic[0].ReadWriteType != model.ReadWriteAll || !sel.Basic[0].IncludeManagementEvents ||
		!slices.Equal(sel.Basic[0].DataResources[0].Values, []string{"arn:aws:s3:::lab-bucket/", "arn:aws:s3:::other-bucket/"}) ||
		sel.Basic[1].ReadWriteType != model.ReadWriteReadOnly || sel.Basic[1].IncludeManagementEvents ||
		!slices.Equal(sel.Basic[1].DataResources[0].Values, []string{model.AllS3Buckets}) {
		t.Fatalf("selectors = %+v", sel.Basic)
	}
}
