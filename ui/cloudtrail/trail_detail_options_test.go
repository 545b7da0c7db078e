package cloudtrail

import (
	"strings"
	"testing"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/uitest"
)

// TestTrailDetailShowsOptions: the details page shows the trail's key, topic, log
// group and role, and its management, data and Insights events.
func TestTrailDetailShowsOptions(t *testing.T) {
	cases := []struct {
		lang locales.Lang
		want []string
	}{
		{locales.English, []string{"Log file SSE-KMS encryption", "key/1234", "SNS topic", "arn:aws:sns:ap-northeast-2:123456789012:lab-topic",
			"CloudWatch Logs", "log-group:lab-group", "IAM Role", "CloudTrailRoleForCloudWatchLogs_lab", "Read, Write",
			"AWS::S3::Object arn:aws:s3: Write", "API call rate, API error rate"}},
		{locales.Korean, []string{"로그 파일 SSE-KMS 암호화", "SNS 주제", "IAM 역할", "읽기, 쓰기", "API 호출률, API 오류율"}},
	}
	for _, c := range cases {
		d := NewTrailDetail(uitest.Common(c.lang), "lab")
		d.SetSize(160, 40)
		d.req = 1
		d.Update(trailDetailMsg{req: 1, account: "123456789012", trail: model.Trail{Name: "lab", S3BucketName: "b",
			KMSKeyID:                  "arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
			SnsTopicARN:               "arn:aws:sns:ap-northeast-2:123456789012:lab-topic",
			CloudWatchLogsLogGroupARN: "arn:aws:logs:ap-northeast-2:123456789012:log-group:lab-group:*",
			CloudWatchLogsRoleARN:     "arn:aws:iam::123456789012:role/CloudTrailRoleForCloudWatchLogs_lab"},
			events: &trailEvents{selectors: model.EventSelectors{Basic: []model.EventSelector{
				{ReadWriteType: model.ReadWriteAll, IncludeManagementEvents: true},
				{ReadWriteType: model.ReadWriteWriteOnly, DataResources: []model.DataResource{{Type: "AWS::S3::Object", Values: []string{"arn:aws:s3"}}}},
			}}, insights: []string{model.InsightAPICallRate, model.InsightAPIErrorRate}}})
		v := d.View()
		for _, w := range c.want {
			if !strings.Contains(v, w) {
				t.Errorf("%s: view lacks %q:\n%s", c.lang, w, v)
			}
		}
	}
	// A trail without them says Disabled for each.
	d := NewTrailDetail(uitest.Common(locales.English), "lab")
	d.SetSize(160, 40)
	d.req = 1
	d.Update(trailDetailMsg{req: 1, trail: model.Trail{Name: "lab", S3BucketName: "b", LogFileValidationEnabled: true}, events: &trailEvents{}})
	if n := strings.Count(d.View(), "Disabled"); n != 6 {
		t.Errorf("Disabled shown %d times, want 6 (KMS, SNS, CloudWatch Logs, management, data, Insights):\n%s", n, d.View())
	}
}
