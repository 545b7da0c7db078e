package logs_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend/sim/awsclitest"
)

// TestAWSCLILogGroupTags tags a log group with the real AWS CLIs, through both the
// ARN-based and the older name-based calls.
func TestAWSCLILogGroupTags(t *testing.T) {
	clis := awsclitest.Find(t)
	for _, cli := range clis {
		t.Run(strings.ReplaceAll(cli, "/", "_"), func(t *testing.T) {
			s, _ := newSim(t)
			srv := httptest.NewServer(s)
			defer srv.Close()
			c := s.AdminCredentials()
			aws := awsclitest.Admin(t, cli, srv.URL, c.AccessKeyID, c.SecretAccessKey, s.Region())
			if _, errOut, code := aws("logs", "create-log-group", "--log-group-name", "/lab/trail", "--tags", "labconsole:lab=lab1"); code != 0 {
				t.Fatalf("create-log-group: exit %d\n%s", code, errOut)
			}
			arn := "arn:aws:logs:" + s.Region() + ":123456789012:log-group:/lab/trail"
			if _, errOut, code := aws("logs", "tag-resource", "--resource-arn", arn, "--tags", "team=ops"); code != 0 {
				t.Fatalf("tag-resource: exit %d\n%s", code, errOut)
			}
			out, errOut, code := aws("logs", "list-tags-for-resource", "--resource-arn", arn)
			var tags struct{ Tags map[string]string }
			if code != 0 || json.Unmarshal([]byte(out), &tags) != nil || len(tags.Tags) != 2 || tags.Tags["labconsole:lab"] != "lab1" || tags.Tags["team"] != "ops" {
				t.Fatalf("list-tags-for-resource: exit %d\n%s%s", code, out, errOut)
			}
			if _, errOut, code := aws("logs", "untag-resource", "--resource-arn", arn, "--tag-keys", "team"); code != 0 {
				t.Fatalf("untag-resource: exit %d\n%s", code, errOut)
			}
			out, errOut, code = aws("logs", "list-tags-log-group", "--log-group-name", "/lab/trail")
			tags.Tags = nil
			if code != 0 || json.Unmarshal([]byte(out), &tags) != nil || len(tags.Tags) != 1 || tags.Tags["labconsole:lab"] != "lab1" {
				t.Fatalf("list-tags-log-group: exit %d\n%s%s", code, out, errOut)
			}
			_, errOut, code = aws("logs", "list-tags-for-resource", "--resource-arn", arn+"-ghost")
			if code == 0 || !strings.Contains(errOut, "(ResourceNotFoundException)") {
				t.Fatalf("list-tags-for-resource of a missing group: exit %d\n%s", code, errOut)
			}
		})
	}
}
