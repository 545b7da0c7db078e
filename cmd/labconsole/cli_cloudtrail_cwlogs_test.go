package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/model"
)

// TestAWSCLICloudTrailCloudWatchLogs creates, with every installed AWS CLI, a trail
// that delivers to CloudWatch Logs: `aws cloudtrail create-trail
// --cloud-watch-logs-log-group-arn … --cloud-watch-logs-role-arn …` succeeds with a
// role that trusts CloudTrail and may write the trail's stream, and is refused for a
// role that does not trust CloudTrail.
func TestAWSCLICloudTrailCloudWatchLogs(t *testing.T) {
	clis := awsCLIs(t)
	p := startSim(t, "--ephemeral")
	account, region := "123456789012", p.env["AWS_DEFAULT_REGION"]
	for i, cli := range clis {
		t.Run(filepath.Base(filepath.Dir(cli))+"-"+fmt.Sprint(i), func(t *testing.T) {
			name := fmt.Sprintf("cli-cw-trail-%d", i)
			bucket := fmt.Sprintf("cli-cw-trail-logs-%d", i)
			group := fmt.Sprintf("aws-cloudtrail-logs-%s-cli%d", account, i)
			groupARN := fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s:*", region, account, group)
			p.run(t, cli, "s3api", "create-bucket", "--bucket", bucket, "--create-bucket-configuration", "LocationConstraint="+region)
			p.run(t, cli, "s3api", "put-bucket-policy", "--bucket", bucket, "--policy", model.TrailBucketPolicy(bucket, "", account, model.TrailARN(region, account, name)))
			p.run(t, cli, "logs", "create-log-group", "--log-group-name", group)

			trust := func(service string) string {
				return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},"Action":"sts:AssumeRole"}]}`, service)
			}
			stream := fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s:log-stream:%s_CloudTrail_%s*", region, account, group, account, region)
			perms := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":[%q]}]}`, stream)
			roleARN := func(role, service string) string {
				out := p.run(t, cli, "iam", "create-role", "--role-name", role, "--assume-role-policy-document", trust(service))
				p.run(t, cli, "iam", "put-role-policy", "--role-name", role, "--policy-name", "cloudtrail-logs", "--policy-document", perms)
				return out["Role"].(map[string]any)["Arn"].(string)
			}
			good := roleARN(fmt.Sprintf("CloudTrailRoleForCloudWatchLogs_%d", i), "cloudtrail.amazonaws.com")
			bad := roleARN(fmt.Sprintf("NotForCloudTrail_%d", i), "ec2.amazonaws.com")

			_, errOut, code := p.aws(t, cli, nil, "cloudtrail", "create-trail", "--name", name, "--s3-bucket-name", bucket,
				"--cloud-watch-logs-log-group-arn", groupARN, "--cloud-watch-logs-role-arn", bad)
			if code == 0 || !strings.Contains(errOut, "InvalidCloudWatchLogsRoleArnException") || !strings.Contains(errOut, "Check the trust relationships for your role") {
				t.Fatalf("create-trail with a role that does not trust CloudTrail: exit %d %s", code, errOut)
			}
			_, errOut, code = p.aws(t, cli, nil, "cloudtrail", "create-trail", "--name", name, "--s3-bucket-name", bucket,
				"--cloud-watch-logs-log-group-arn", groupARN)
			if code == 0 || !strings.Contains(errOut, "InvalidCloudWatchLogsRoleArnException") {
				t.Fatalf("create-trail with a log group and no role: exit %d %s", code, errOut)
			}
			created := p.run(t, cli, "cloudtrail", "create-trail", "--name", name, "--s3-bucket-name", bucket,
				"--cloud-watch-logs-log-group-arn", groupARN, "--cloud-watch-logs-role-arn", good)
			if created["CloudWatchLogsLogGroupArn"] != groupARN || created["CloudWatchLogsRoleArn"] != good {
				t.Fatalf("create-trail = %v", created)
			}
			p.run(t, cli, "cloudtrail", "delete-trail", "--name", name)
		})
	}
}
