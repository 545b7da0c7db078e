package sns_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend/sim/awsclitest"
)

// TestAWSCLITopicTags tags a topic with the real AWS CLIs, as a student would from a
// shell after `labconsole sim`.
func TestAWSCLITopicTags(t *testing.T) {
	clis := awsclitest.Find(t)
	for _, cli := range clis {
		t.Run(strings.ReplaceAll(cli, "/", "_"), func(t *testing.T) {
			s, _ := newSim(t)
			srv := httptest.NewServer(s)
			defer srv.Close()
			c := s.AdminCredentials()
			aws := awsclitest.Admin(t, cli, srv.URL, c.AccessKeyID, c.SecretAccessKey, s.Region())
			out, errOut, code := aws("sns", "create-topic", "--name", "alerts", "--tags", "Key=labconsole:lab,Value=lab1")
			var topic struct{ TopicArn string }
			if code != 0 || json.Unmarshal([]byte(out), &topic) != nil || topic.TopicArn == "" {
				t.Fatalf("create-topic: exit %d\n%s%s", code, out, errOut)
			}
			if _, errOut, code := aws("sns", "tag-resource", "--resource-arn", topic.TopicArn, "--tags", "Key=team,Value=ops"); code != 0 {
				t.Fatalf("tag-resource: exit %d\n%s", code, errOut)
			}
			out, errOut, code = aws("sns", "list-tags-for-resource", "--resource-arn", topic.TopicArn)
			var tags struct{ Tags []struct{ Key, Value string } }
			if code != 0 || json.Unmarshal([]byte(out), &tags) != nil || len(tags.Tags) != 2 ||
				tags.Tags[0] != (struct{ Key, Value string }{"labconsole:lab", "lab1"}) || tags.Tags[1].Key != "team" {
				t.Fatalf("list-tags-for-resource: exit %d\n%s%s", code, out, errOut)
			}
			if _, errOut, code := aws("sns", "untag-resource", "--resource-arn", topic.TopicArn, "--tag-keys", "team"); code != 0 {
				t.Fatalf("untag-resource: exit %d\n%s", code, errOut)
			}
			_, errOut, code = aws("sns", "tag-resource", "--resource-arn", strings.Replace(topic.TopicArn, "alerts", "ghost", 1), "--tags", "Key=a,Value=b")
			if code == 0 || !strings.Contains(errOut, "(ResourceNotFound)") || !strings.Contains(errOut, "Resource does not exist") {
				t.Fatalf("tag-resource of a missing topic: exit %d\n%s", code, errOut)
			}
		})
	}
}
