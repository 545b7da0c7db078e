package cloudtrail_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/nav"
)

// TestCreateTrailExistingTopicByKeys: on the simulator, enabling SNS lists the
// account's topics; "Existing" preselects the first, the trail is created with it
// and its details page shows it.
func TestCreateTrailExistingTopicByKeys(t *testing.T) {
	m, c, s := session(t, locales.English)
	ctx := context.Background()
	creds := s.AdminCredentials()
	snsc := sns.NewFromConfig(aws.Config{Region: s.Region(), Credentials: credentials.NewStaticCredentialsProvider(creds.AccessKeyID, creds.SecretAccessKey, ""),
		HTTPClient: &http.Client{Transport: s.RoundTripper()}, BaseEndpoint: aws.String(awsapi.SimulatorEndpoint)})
	topic, err := snsc.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("team-trail-topic")})
	if err != nil {
		t.Fatal(err)
	}
	// The topic lets CloudTrail publish for any trail of the account, as its owner set it.
	policy := strings.Replace(model.TrailTopicPolicy(aws.ToString(topic.TopicArn), "arn:aws:cloudtrail:*:123456789012:trail/*"),
		`"StringEquals"`, `"StringLike"`, 1)
	if _, err := snsc.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: topic.TopicArn, AttributeName: aws.String("Policy"), AttributeValue: aws.String(policy)}); err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "Administrator")
	tm.Send(nav.OpenMsg{Service: nav.CloudTrail})
	waitFor(t, tm, "amazonaws.com")
	steps := append(wizardSteps(1),
		step{[]string{"tab", "tab", "tab", "tab", " ", "tab"}, "Create a new SNS topic"}, // prefix, SSE-KMS, validation, SNS on, its New/Existing
		step{[]string{"down", "tab"}, "team-trail-topic"},
		step{[]string{"ctrl+n"}, "RDS"},
		step{[]string{"ctrl+n"}, "(3)"},
		step{[]string{"ctrl+n"}, "General details"},
	)
	for _, st := range steps {
		for _, k := range st.keys {
			tm.Send(keyMsg(k))
		}
		waitFor(t, tm, st.wait)
	}
	time.Sleep(100 * time.Millisecond)
	tm.Send(tea.QuitMsg{})
	if v := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View(); !strings.Contains(v, "team-trail-topic") {
		t.Errorf("the trail details do not show the topic:\n%s", v)
	}
	tr, err := c.Backend.GetTrail(ctx, labTrail)
	if err != nil || tr.SnsTopicARN != aws.ToString(topic.TopicArn) {
		t.Fatalf("trail = %+v, %v; want topic %s", tr, err, aws.ToString(topic.TopicArn))
	}
}
