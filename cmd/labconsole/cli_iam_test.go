package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestAWSCLIIAM drives lab part B with the real AWS CLIs against `labconsole sim`:
// a group with AWSCloudTrail_FullAccess, a user with a console password and tags in
// it, an access key for that user, and the key's first call denied exactly as IAM
// words it, then allowed once a policy is attached to the user directly.
func TestAWSCLIIAM(t *testing.T) {
	clis := awsCLIs(t)
	p := startSim(t, "--ephemeral")
	for i, cli := range clis {
		t.Run(filepath.Base(filepath.Dir(cli))+"-"+fmt.Sprint(i), func(t *testing.T) {
			group, user := fmt.Sprintf("lab-cloudtrail-group-%d", i), fmt.Sprintf("lab-user-%d", i)
			run := func(override map[string]string, args ...string) map[string]any {
				t.Helper()
				out, errOut, code := p.aws(t, cli, override, args...)
				if code != 0 {
					t.Fatalf("aws %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
				}
				if strings.TrimSpace(out) == "" {
					return nil
				}
				return mustJSON(t, out)
			}

			g := run(nil, "iam", "create-group", "--group-name", group)["Group"].(map[string]any)
			if g["Arn"] != "arn:aws:iam::123456789012:group/"+group || !strings.HasPrefix(g["GroupId"].(string), "AGPA") {
				t.Fatalf("create-group = %v", g)
			}
			run(nil, "iam", "attach-group-policy", "--group-name", group, "--policy-arn", "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess")
			run(nil, "iam", "create-user", "--user-name", user, "--tags", "Key=Name,Value="+user)
			lp := run(nil, "iam", "create-login-profile", "--user-name", user, "--password", "Suwon#0307", "--no-password-reset-required")["LoginProfile"].(map[string]any)
			if lp["UserName"] != user || lp["PasswordResetRequired"] != false {
				t.Fatalf("create-login-profile = %v", lp)
			}
			run(nil, "iam", "add-user-to-group", "--group-name", group, "--user-name", user)
			run(nil, "iam", "tag-user", "--user-name", user, "--tags", "Key=course,Value=cloud")

			attached := run(nil, "iam", "list-attached-group-policies", "--group-name", group)["AttachedPolicies"].([]any)
			if len(attached) != 1 || attached[0].(map[string]any)["PolicyName"] != "AWSCloudTrail_FullAccess" {
				t.Fatalf("list-attached-group-policies = %v", attached)
			}
			members := run(nil, "iam", "get-group", "--group-name", group)["Users"].([]any)
			if len(members) != 1 || members[0].(map[string]any)["UserName"] != user {
				t.Fatalf("get-group users = %v", members)
			}
			tags := run(nil, "iam", "list-user-tags", "--user-name", user)["Tags"].([]any)
			if len(tags) != 2 {
				t.Fatalf("list-user-tags = %v", tags)
			}
			// The CLI URL-decodes and parses policy documents; ours must survive that.
			version := run(nil, "iam", "get-policy-version", "--policy-arn", "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess", "--version-id", "v3")["PolicyVersion"].(map[string]any)
			if doc, ok := version["Document"].(map[string]any); !ok || doc["Version"] != "2012-10-17" {
				t.Fatalf("get-policy-version document = %#v", version["Document"])
			}
			_, errOut, code := p.aws(t, cli, nil, "iam", "create-login-profile", "--user-name", user, "--password", "weak")
			if code == 0 || !strings.Contains(errOut, "(PasswordPolicyViolation) when calling the CreateLoginProfile operation: Password does not conform to the account password policy.") {
				t.Fatalf("weak password: exit %d\n%s", code, errOut)
			}

			key := run(nil, "iam", "create-access-key", "--user-name", user)["AccessKey"].(map[string]any)
			asUser := map[string]string{"AWS_ACCESS_KEY_ID": key["AccessKeyId"].(string), "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"].(string)}
			id := run(asUser, "sts", "get-caller-identity")
			if id["Arn"] != "arn:aws:iam::123456789012:user/"+user {
				t.Fatalf("get-caller-identity as the new key = %v", id)
			}
			_, errOut, code = p.aws(t, cli, asUser, "iam", "list-users")
			want := "An error occurred (AccessDenied) when calling the ListUsers operation: User: arn:aws:iam::123456789012:user/" + user +
				" is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action"
			if code == 0 || !strings.Contains(errOut, want) {
				t.Fatalf("list-users as %s: exit %d\n%s\nwant %s", user, code, errOut, want)
			}

			run(nil, "iam", "attach-user-policy", "--user-name", user, "--policy-arn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess")
			users := run(asUser, "iam", "list-users")["Users"].([]any)
			if len(users) < 2 {
				t.Fatalf("list-users after attach-user-policy = %v", users)
			}
			groups := run(asUser, "iam", "list-groups-for-user", "--user-name", user)["Groups"].([]any)
			if len(groups) != 1 || groups[0].(map[string]any)["GroupName"] != group {
				t.Fatalf("list-groups-for-user = %v", groups)
			}
		})
	}
}
