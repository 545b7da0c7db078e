package kms_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/backend/sim/awsclitest"
)

// cliEnv is the environment the AWS CLI runs in against the simulator: the
// administrator's key, the account's Region, no retries. The endpoint goes on the
// command line too, as Debian's CLI v2 predates AWS_ENDPOINT_URL.
func cliEnv(s *sim.Sim, url string) map[string]string {
	c := s.AdminCredentials()
	return map[string]string{
		"AWS_ACCESS_KEY_ID": c.AccessKeyID, "AWS_SECRET_ACCESS_KEY": c.SecretAccessKey,
		"AWS_DEFAULT_REGION": s.Region(), "AWS_ENDPOINT_URL": url, "AWS_MAX_ATTEMPTS": "1",
	}
}

// TestAWSCLIRoleAndKey creates what the Create trail wizard's options need — a role
// CloudTrail may assume and a KMS key with an alias — with the real AWS CLIs, as a
// student would from a shell after `labconsole sim`.
func TestAWSCLIRoleAndKey(t *testing.T) {
	clis := awsclitest.Find(t)
	for _, cli := range clis {
		t.Run(strings.ReplaceAll(cli, "/", "_"), func(t *testing.T) {
			s := newSim(t)
			srv := httptest.NewServer(s)
			defer srv.Close()
			env := cliEnv(s, srv.URL)
			aws := func(args ...string) (string, string, int) {
				t.Helper()
				return awsclitest.Run(t, cli, env, append([]string{"--endpoint-url", srv.URL, "--output", "json"}, args...)...)
			}
			run := func(args ...string) string {
				t.Helper()
				out, errOut, code := aws(args...)
				if code != 0 {
					t.Fatalf("aws %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
				}
				return out
			}

			var role struct {
				Role struct {
					RoleName, Arn, RoleId    string
					AssumeRolePolicyDocument struct {
						Statement []struct{ Principal struct{ Service string } }
					}
				}
			}
			out := run("iam", "create-role", "--role-name", "CloudTrail_CloudWatchLogs_Role",
				"--assume-role-policy-document", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)
			if err := json.Unmarshal([]byte(out), &role); err != nil {
				t.Fatalf("create-role output %v:\n%s", err, out)
			}
			if role.Role.Arn != "arn:aws:iam::123456789012:role/CloudTrail_CloudWatchLogs_Role" || !strings.HasPrefix(role.Role.RoleId, "AROA") ||
				len(role.Role.AssumeRolePolicyDocument.Statement) != 1 || role.Role.AssumeRolePolicyDocument.Statement[0].Principal.Service != "cloudtrail.amazonaws.com" {
				t.Fatalf("create-role output:\n%s", out)
			}
			_, errOut, code := aws("iam", "create-role", "--role-name", "bad", "--assume-role-policy-document",
				`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}`)
			// CLI v2 puts "(reached max retries: 0)" between the operation and the message.
			if code == 0 || !strings.Contains(errOut, "An error occurred (MalformedPolicyDocument) when calling the CreateRole operation") ||
				!strings.HasSuffix(strings.TrimSpace(errOut), ": Has prohibited field Resource") {
				t.Fatalf("create-role with a Resource: exit %d, stderr %q", code, errOut)
			}

			var key struct {
				KeyMetadata struct{ KeyId, Arn, KeyState string }
			}
			out = run("kms", "create-key", "--description", "lab trail logs")
			if err := json.Unmarshal([]byte(out), &key); err != nil || key.KeyMetadata.KeyState != "Enabled" ||
				key.KeyMetadata.Arn != "arn:aws:kms:ap-northeast-2:123456789012:key/"+key.KeyMetadata.KeyId {
				t.Fatalf("create-key output %v:\n%s", err, out)
			}
			if out := run("kms", "create-alias", "--alias-name", "alias/lab-trail", "--target-key-id", key.KeyMetadata.KeyId); strings.TrimSpace(out) != "" {
				t.Fatalf("create-alias printed %q", out)
			}
			_, errOut, code = aws("kms", "create-alias", "--alias-name", "alias/lab-trail", "--target-key-id", key.KeyMetadata.KeyId)
			want := ": An alias with the name arn:aws:kms:ap-northeast-2:123456789012:alias/lab-trail already exists"
			if code == 0 || !strings.Contains(errOut, "An error occurred (AlreadyExistsException) when calling the CreateAlias operation") ||
				!strings.HasSuffix(strings.TrimSpace(errOut), want) {
				t.Fatalf("create-alias twice: exit %d, stderr %q", code, errOut)
			}
			var aliases struct {
				Aliases []struct{ AliasName, AliasArn, TargetKeyId string }
			}
			out = run("kms", "list-aliases")
			if err := json.Unmarshal([]byte(out), &aliases); err != nil || len(aliases.Aliases) != 1 ||
				aliases.Aliases[0].AliasName != "alias/lab-trail" || aliases.Aliases[0].TargetKeyId != key.KeyMetadata.KeyId ||
				aliases.Aliases[0].AliasArn != "arn:aws:kms:ap-northeast-2:123456789012:alias/lab-trail" {
				t.Fatalf("list-aliases output %v:\n%s", err, out)
			}
			var described struct{ KeyMetadata struct{ KeyId string } }
			out = run("kms", "describe-key", "--key-id", "alias/lab-trail")
			if err := json.Unmarshal([]byte(out), &described); err != nil || described.KeyMetadata.KeyId != key.KeyMetadata.KeyId {
				t.Fatalf("describe-key by alias %v:\n%s", err, out)
			}
		})
	}
}
