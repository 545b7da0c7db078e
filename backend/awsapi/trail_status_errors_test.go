package awsapi_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/labconsole/labconsole/model"
)

// TestTrailStatusReportsEveryDeliveryError: GetTrailStatus's SNS and CloudWatch Logs
// errors reach the model beside the S3 ones, as the simulator names them.
func TestTrailStatusReportsEveryDeliveryError(t *testing.T) {
	ctx := context.Background()
	s, b, cfg := optionsSim(t)
	acct := s.AccountID()
	n := everyOption(acct, "err-trail")
	n.DataEventsS3, n.DataRead, n.DataWrite, n.InsightsCallRate, n.InsightsErrorRate = false, false, false, false, false
	if _, err := b.CreateTrail(ctx, n); err != nil {
		t.Fatal(err)
	}
	if _, err := sns.NewFromConfig(cfg).DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(model.TopicARN(s.Region(), acct, n.SNSNewTopic))}); err != nil {
		t.Fatal(err)
	}
	if _, err := cloudwatchlogs.NewFromConfig(cfg).DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(n.LogGroupName)}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.CreateUser(ctx, model.NewUser{UserName: "after-the-trail"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Advance(ctx, 10*time.Minute); err != nil {
		t.Fatal(err)
	}
	st, err := b.GetTrailStatus(ctx, "err-trail")
	if err != nil {
		t.Fatal(err)
	}
	if st.LatestDeliveryError != "" || st.LatestDeliveryTime == nil {
		t.Fatalf("the log files were not delivered: %+v", st)
	}
	if st.LatestNotificationError != "NotFound" || st.LatestCloudWatchLogsDeliveryError != "ResourceNotFoundException" {
		t.Fatalf("status = %+v, want NotFound (SNS) and ResourceNotFoundException (CloudWatch Logs)", st)
	}
}
