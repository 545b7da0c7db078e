package cloudtrail_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cwl "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sns"
)

const (
	account = "123456789012"
	region  = "ap-northeast-2"
)

func (e *env) logs() *cwl.Client {
	c := e.sim.AdminCredentials()
	return cwl.NewFromConfig(e.config(c.AccessKeyID, c.SecretAccessKey, e.sim.Region()))
}

func (e *env) sns() *sns.Client {
	c := e.sim.AdminCredentials()
	return sns.NewFromConfig(e.config(c.AccessKeyID, c.SecretAccessKey, e.sim.Region()))
}

const cloudTrailTrust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// cwRolePolicy is the policy the CloudTrail console gives the role it creates for a
// log group: CreateLogStream and PutLogEvents on the trail's streams.
func cwRolePolicy(group string) string {
	res := fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s:log-stream:%s_CloudTrail_%s*", region, account, group, account, region)
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"AWSCloudTrailCreateLogStream2014110","Effect":"Allow","Action":["logs:CreateLogStream"],"Resource":[%q]},{"Sid":"AWSCloudTrailPutLogEvents20141101","Effect":"Allow","Action":["logs:PutLogEvents"],"Resource":[%q]}]}`, res, res)
}

// role creates an IAM role with the trust policy and, when policy is set, that
// inline policy, and returns its ARN.
func (e *env) role(name, trust, policy string) string {
	e.t.Helper()
	ctx := context.Background()
	out, err := e.iam().CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust)})
	if err != nil {
		e.t.Fatal(err)
	}
	if policy != "" {
		if _, err := e.iam().PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String("cloudtrail-logs"), PolicyDocument: aws.String(policy)}); err != nil {
			e.t.Fatal(err)
		}
	}
	return aws.ToString(out.Role.Arn)
}

func groupARN(name string) string {
	return fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s:*", region, account, name)
}

func TestCloudWatchLogsSettings(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.bucketFor("cw-bucket", "", "cw-trail")
	group := "aws-cloudtrail-logs-123456789012-cw"
	if _, err := e.logs().CreateLogGroup(ctx, &cwl.CreateLogGroupInput{LogGroupName: aws.String(group)}); err != nil {
		t.Fatal(err)
	}
	good := e.role("CloudTrailRoleForCloudWatchLogs_cw-trail", cloudTrailTrust, cwRolePolicy(group))
	noPerms := e.role("ct-no-perms", cloudTrailTrust, "")
	ec2Trust := e.role("ct-ec2-trust", strings.ReplaceAll(cloudTrailTrust, "cloudtrail", "ec2"), cwRolePolicy(group))
	wrongGroup := e.role("ct-wrong-group", cloudTrailTrust, cwRolePolicy("other-group"))
	cases := []struct {
		name, group, role, code, msg string
	}{
		{"group without role", groupARN(group), "", "InvalidCloudWatchLogsRoleArnException", "You must specify a role ARN as well as a log group."},
		{"role without group", "", good, "InvalidCloudWatchLogsLogGroupArnException", "You must specify a log group as well as a role ARN."},
		{"ARN without :*", strings.TrimSuffix(groupARN(group), ":*"), good, "InvalidCloudWatchLogsLogGroupArnException", "CloudTrail cannot validate the specified log group ARN."},
		{"a name, not an ARN", group, good, "InvalidCloudWatchLogsLogGroupArnException", "CloudTrail cannot validate the specified log group ARN."},
		{"another region", strings.Replace(groupARN(group), region, "us-east-1", 1), good, "InvalidCloudWatchLogsLogGroupArnException", "cannot validate"},
		{"missing group", groupARN("no-such-group"), good, "InvalidCloudWatchLogsLogGroupArnException", "cannot validate"},
		{"missing role", groupARN(group), "arn:aws:iam::123456789012:role/no-such-role", "InvalidCloudWatchLogsRoleArnException", "Access denied. Check the trust relationships for your role."},
		{"malformed role", groupARN(group), "role/x", "InvalidCloudWatchLogsRoleArnException", "trust relationships"},
		{"role trusting EC2", groupARN(group), ec2Trust, "InvalidCloudWatchLogsRoleArnException", "trust relationships"},
		{"role without permissions", groupARN(group), noPerms, "InvalidCloudWatchLogsLogGroupArnException", "Access denied. Check the permissions for your role."},
		{"role for another group", groupARN(group), wrongGroup, "InvalidCloudWatchLogsLogGroupArnException", "Check the permissions for your role."},
	}
	for _, c := range cases {
		in := &cloudtrail.CreateTrailInput{Name: aws.String("cw-trail"), S3BucketName: aws.String("cw-bucket")}
		if c.group != "" {
			in.CloudWatchLogsLogGroupArn = aws.String(c.group)
		}
		if c.role != "" {
			in.CloudWatchLogsRoleArn = aws.String(c.role)
		}
		_, err := e.ct.CreateTrail(ctx, in)
		if msg := wantCode(t, err, c.code); !strings.Contains(msg, c.msg) {
			t.Errorf("%s: message %q lacks %q", c.name, msg, c.msg)
		}
	}
	out := must[*cloudtrail.CreateTrailOutput](t)(e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("cw-trail"), S3BucketName: aws.String("cw-bucket"),
		CloudWatchLogsLogGroupArn: aws.String(groupARN(group)), CloudWatchLogsRoleArn: aws.String(good)}))
	if aws.ToString(out.CloudWatchLogsLogGroupArn) != groupARN(group) || aws.ToString(out.CloudWatchLogsRoleArn) != good {
		t.Fatalf("CreateTrail = %+v", out)
	}
	// UpdateTrail checks a changed role too, and "" for both turns delivery off.
	_, err := e.ct.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("cw-trail"), CloudWatchLogsRoleArn: aws.String(noPerms)})
	wantCode(t, err, "InvalidCloudWatchLogsLogGroupArnException")
	_, err = e.ct.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("cw-trail"), CloudWatchLogsRoleArn: aws.String("")})
	wantCode(t, err, "InvalidCloudWatchLogsRoleArnException")
	up := must[*cloudtrail.UpdateTrailOutput](t)(e.ct.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("cw-trail"),
		CloudWatchLogsRoleArn: aws.String(""), CloudWatchLogsLogGroupArn: aws.String("")}))
	if up.CloudWatchLogsLogGroupArn != nil || up.CloudWatchLogsRoleArn != nil {
		t.Fatalf("cleared CloudWatch Logs settings: %+v", up)
	}
}

func TestCloudWatchLogsDelivery(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.bucketFor("cw-bucket", "", "cw-trail")
	group := "aws-cloudtrail-logs-123456789012-cw"
	lc := e.logs()
	if _, err := lc.CreateLogGroup(ctx, &cwl.CreateLogGroupInput{LogGroupName: aws.String(group)}); err != nil {
		t.Fatal(err)
	}
	role := e.role("CloudTrailRoleForCloudWatchLogs_cw-trail", cloudTrailTrust, cwRolePolicy(group))
	if _, err := e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("cw-trail"), S3BucketName: aws.String("cw-bucket"),
		CloudWatchLogsLogGroupArn: aws.String(groupARN(group)), CloudWatchLogsRoleArn: aws.String(role)}); err != nil {
		t.Fatal(err)
	}
	must[*cloudtrail.StartLoggingOutput](t)(e.ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("cw-trail")}))
	for i := 0; i < 3; i++ {
		must[*cloudtrail.DescribeTrailsOutput](t)(e.ct.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{}))
	}
	e.advance(6 * time.Minute)

	stream := account + "_CloudTrail_" + region
	got := must[*cwl.GetLogEventsOutput](t)(lc.GetLogEvents(ctx, &cwl.GetLogEventsInput{LogGroupName: aws.String(group), LogStreamName: aws.String(stream), StartFromHead: aws.Bool(true)}))
	if len(got.Events) == 0 {
		t.Fatal("no events delivered to CloudWatch Logs")
	}
	names := map[string]int{}
	for _, ev := range got.Events {
		var rec struct {
			EventName, EventTime, EventID string
		}
		if err := json.Unmarshal([]byte(aws.ToString(ev.Message)), &rec); err != nil || rec.EventID == "" {
			t.Fatalf("log event is not a CloudTrail record: %q (%v)", aws.ToString(ev.Message), err)
		}
		at, err := time.Parse(time.RFC3339, rec.EventTime)
		if err != nil || aws.ToInt64(ev.Timestamp) != at.UnixMilli() {
			t.Fatalf("timestamp %d is not eventTime %s", aws.ToInt64(ev.Timestamp), rec.EventTime)
		}
		names[rec.EventName]++
	}
	if names["DescribeTrails"] != 3 || names["StartLogging"] != 1 {
		t.Fatalf("delivered events %v", names)
	}
	// The S3 delivery of the same window holds the same records.
	if files := e.buckets.keys("cw-bucket", "AWSLogs/"+account+"/CloudTrail/"); len(files) != 1 {
		t.Fatalf("log files %v", files)
	}
	st := must[*cloudtrail.GetTrailStatusOutput](t)(e.ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("cw-trail")}))
	if st.LatestCloudWatchLogsDeliveryTime == nil || st.LatestCloudWatchLogsDeliveryError != nil || !st.LatestCloudWatchLogsDeliveryTime.Equal(*st.LatestDeliveryTime) {
		t.Fatalf("status after delivery: %+v", st)
	}
	delivered := *st.LatestCloudWatchLogsDeliveryTime

	// The group is deleted: S3 delivery goes on, CloudWatch Logs delivery fails.
	must[*cwl.DeleteLogGroupOutput](t)(lc.DeleteLogGroup(ctx, &cwl.DeleteLogGroupInput{LogGroupName: aws.String(group)}))
	e.advance(6 * time.Minute)
	st = must[*cloudtrail.GetTrailStatusOutput](t)(e.ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("cw-trail")}))
	if aws.ToString(st.LatestCloudWatchLogsDeliveryError) != "ResourceNotFoundException" || !st.LatestCloudWatchLogsDeliveryTime.Equal(delivered) ||
		!st.LatestDeliveryTime.After(delivered) || st.LatestDeliveryError != nil {
		t.Fatalf("status after the group was deleted: %+v", st)
	}
	if _, err := lc.DescribeLogStreams(ctx, &cwl.DescribeLogStreamsInput{LogGroupName: aws.String(group)}); err == nil {
		t.Fatal("delivery recreated the deleted group")
	}
}

// topicPolicy is the statement the CloudTrail console adds to a topic it creates.
func topicPolicy(topicArn, trailARN string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"AWSCloudTrailSNSPolicy20131101","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"SNS:Publish","Resource":%q,"Condition":{"StringEquals":{"AWS:SourceArn":%q}}}]}`, topicArn, trailARN)
}

func TestSNSNotifications(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.bucketFor("sns-bucket", "", "sns-trail")
	sc := e.sns()
	topic := aws.ToString(must[*sns.CreateTopicOutput](t)(sc.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("trail-topic")})).TopicArn)
	trailARN := "arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/sns-trail"
	create := func(name string) error {
		_, err := e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("sns-trail"), S3BucketName: aws.String("sns-bucket"), SnsTopicName: aws.String(name)})
		return err
	}
	// The default topic policy does not let CloudTrail publish; nor does a missing topic.
	for _, name := range []string{"trail-topic", topic, "no-such-topic", "arn:aws:sns:ap-northeast-2:123456789012:no-such-topic"} {
		if msg := wantCode(t, create(name), "InsufficientSnsTopicPolicyException"); msg != "SNS Topic does not exist or the topic policy is incorrect!" {
			t.Fatalf("message %q", msg)
		}
	}
	wantCode(t, create("bad topic!"), "InvalidSnsTopicNameException")
	// A policy for another trail is not enough either.
	must[*sns.SetTopicAttributesOutput](t)(sc.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(topic),
		AttributeName: aws.String("Policy"), AttributeValue: aws.String(topicPolicy(topic, trailARN+"-other"))}))
	wantCode(t, create("trail-topic"), "InsufficientSnsTopicPolicyException")
	must[*sns.SetTopicAttributesOutput](t)(sc.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(topic),
		AttributeName: aws.String("Policy"), AttributeValue: aws.String(topicPolicy(topic, trailARN))}))
	if err := create("trail-topic"); err != nil {
		t.Fatal(err)
	}
	got := must[*cloudtrail.GetTrailOutput](t)(e.ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String("sns-trail")})).Trail
	if aws.ToString(got.SnsTopicName) != "trail-topic" || aws.ToString(got.SnsTopicARN) != topic {
		t.Fatalf("GetTrail topic: %v %v", aws.ToString(got.SnsTopicName), aws.ToString(got.SnsTopicARN))
	}
	desc := must[*cloudtrail.DescribeTrailsOutput](t)(e.ct.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{}))
	if len(desc.TrailList) != 1 || aws.ToString(desc.TrailList[0].SnsTopicARN) != topic {
		t.Fatalf("DescribeTrails: %+v", desc.TrailList)
	}

	// A confirmed email subscriber receives CloudTrail's message for each delivery.
	must[*sns.SubscribeOutput](t)(sc.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("email"), Endpoint: aws.String("student@example.com")}))
	mails, err := e.sim.SNS().Mailbox(ctx, "student@example.com")
	if err != nil || len(mails) != 1 {
		t.Fatalf("confirmation mail: %v %v", mails, err)
	}
	if _, err := e.sim.SNS().ConfirmToken(ctx, mails[0].Token); err != nil {
		t.Fatal(err)
	}
	must[*cloudtrail.StartLoggingOutput](t)(e.ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("sns-trail")}))
	e.advance(6 * time.Minute)
	files := e.buckets.keys("sns-bucket", "AWSLogs/"+account+"/CloudTrail/")
	if len(files) != 1 {
		t.Fatalf("log files %v", files)
	}
	mails, _ = e.sim.SNS().Mailbox(ctx, "student@example.com")
	if len(mails) != 2 || mails[0].Kind != "Notification" {
		t.Fatalf("mails after delivery: %+v", mails)
	}
	want := fmt.Sprintf(`{"s3Bucket":"sns-bucket","s3ObjectKey":[%q]}`, files[0])
	if !strings.Contains(mails[0].Body, want) {
		t.Fatalf("notification body %q lacks %s", mails[0].Body, want)
	}
	st := must[*cloudtrail.GetTrailStatusOutput](t)(e.ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("sns-trail")}))
	if st.LatestNotificationTime == nil || !st.LatestNotificationTime.Equal(*st.LatestDeliveryTime) || st.LatestNotificationError != nil {
		t.Fatalf("status after notification: %+v", st)
	}

	// The topic is deleted: delivery goes on, the notification fails.
	must[*sns.DeleteTopicOutput](t)(sc.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(topic)}))
	e.advance(6 * time.Minute)
	st = must[*cloudtrail.GetTrailStatusOutput](t)(e.ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("sns-trail")}))
	if aws.ToString(st.LatestNotificationError) != "NotFound" || !st.LatestDeliveryTime.After(*st.LatestNotificationTime) {
		t.Fatalf("status after the topic was deleted: %+v", st)
	}
}
