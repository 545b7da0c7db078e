package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/labconsole/labconsole/model"
)

// TestAWSCLICloudTrail runs the lab's CloudTrail commands with every installed AWS
// CLI: a trail on a bucket with CloudTrail's policy, logging, status, selectors
// (basic and advanced), Event history by each lookup attribute, and — after the
// simulated clock has delivered log files and digests — `aws cloudtrail
// validate-logs` and `labconsole trail validate` on the untouched and on a tampered
// log file.
//
// validate-logs builds its S3 clients without --endpoint-url. AWS CLI v1 (botocore
// ≥ 1.31) honours AWS_ENDPOINT_URL for them; Debian's CLI v2 2.9 predates that
// setting (v2 added it in 2.13), so for it the test points S3 at the simulator with
// an endpoint rule set in AWS_DATA_PATH, which every botocore loads before its own.
func TestAWSCLICloudTrail(t *testing.T) {
	clis := awsCLIs(t)
	p := startSim(t, "--ephemeral")
	account, region := "123456789012", p.env["AWS_DEFAULT_REGION"]
	for i, cli := range clis {
		t.Run(filepath.Base(filepath.Dir(cli))+"-"+fmt.Sprint(i), func(t *testing.T) {
			name := fmt.Sprintf("cli-trail-%d", i)
			bucket := fmt.Sprintf("cli-trail-logs-%d", i)
			arn := model.TrailARN(region, account, name)
			p.run(t, cli, "s3api", "create-bucket", "--bucket", bucket, "--create-bucket-configuration", "LocationConstraint="+region)

			_, errOut, code := p.aws(t, cli, nil, "cloudtrail", "create-trail", "--name", name, "--s3-bucket-name", bucket)
			if code == 0 || !strings.Contains(errOut, "InsufficientS3BucketPolicyException") {
				t.Fatalf("create-trail without a bucket policy: exit %d %s", code, errOut)
			}
			_, errOut, code = p.aws(t, cli, nil, "cloudtrail", "create-trail", "--name", "x-", "--s3-bucket-name", bucket)
			if code == 0 || !strings.Contains(errOut, "InvalidTrailNameException") {
				t.Fatalf("create-trail with a bad name: exit %d %s", code, errOut)
			}
			p.run(t, cli, "s3api", "put-bucket-policy", "--bucket", bucket, "--policy", model.TrailBucketPolicy(bucket, "", account, arn))
			created := p.run(t, cli, "cloudtrail", "create-trail", "--name", name, "--s3-bucket-name", bucket, "--enable-log-file-validation",
				"--tags-list", "Key=Name,Value="+name)
			if created["TrailARN"] != arn || created["IsMultiRegionTrail"] != false || created["LogFileValidationEnabled"] != true {
				t.Fatalf("create-trail = %v", created)
			}
			p.run(t, cli, "cloudtrail", "start-logging", "--name", name)
			started := p.simControl(t, http.MethodGet, "/_sim/clock", nil)["now"].(string)
			st := p.run(t, cli, "cloudtrail", "get-trail-status", "--name", name)
			if st["IsLogging"] != true || st["TimeLoggingStarted"] == "" {
				t.Fatalf("get-trail-status = %v", st)
			}
			d := p.run(t, cli, "cloudtrail", "describe-trails", "--trail-name-list", name)
			if list := d["trailList"].([]any); len(list) != 1 || list[0].(map[string]any)["HomeRegion"] != region {
				t.Fatalf("describe-trails = %v", d)
			}
			basic := p.run(t, cli, "cloudtrail", "put-event-selectors", "--trail-name", name, "--event-selectors",
				`[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[]}]`)
			if sel := basic["EventSelectors"].([]any); len(sel) != 1 {
				t.Fatalf("basic selectors = %v", basic)
			}
			adv := p.run(t, cli, "cloudtrail", "put-event-selectors", "--trail-name", name, "--advanced-event-selectors",
				`[{"Name":"Management events selector","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}]`)
			if sel := adv["AdvancedEventSelectors"].([]any); len(sel) != 1 {
				t.Fatalf("advanced selectors = %v", adv)
			}
			_, errOut, code = p.aws(t, cli, nil, "cloudtrail", "put-event-selectors", "--trail-name", name, "--event-selectors", `[{"ReadWriteType":"read-only"}]`)
			if code == 0 || !strings.Contains(errOut, "InvalidEventSelectorsException") {
				t.Fatalf("bad selector: exit %d %s", code, errOut)
			}

			// Event history, by each attribute.
			lookup := func(key, value string) []any {
				t.Helper()
				out := p.run(t, cli, "cloudtrail", "lookup-events", "--max-items", "5", "--lookup-attributes", "AttributeKey="+key+",AttributeValue="+value)
				return out["Events"].([]any)
			}
			evs := lookup("EventName", "CreateTrail")
			if len(evs) == 0 {
				t.Fatal("no CreateTrail event")
			}
			first := evs[0].(map[string]any)
			for _, a := range [][2]string{
				{"EventId", first["EventId"].(string)}, {"ReadOnly", "false"}, {"Username", "Administrator"},
				{"ResourceType", "AWS::CloudTrail::Trail"}, {"ResourceName", name}, {"EventSource", "cloudtrail.amazonaws.com"},
				{"AccessKeyId", p.env["AWS_ACCESS_KEY_ID"]},
			} {
				if got := lookup(a[0], a[1]); len(got) == 0 {
					t.Errorf("lookup-events %s=%s found nothing", a[0], a[1])
				}
			}
			var rec map[string]any
			if err := json.Unmarshal([]byte(first["CloudTrailEvent"].(string)), &rec); err != nil || !strings.HasPrefix(rec["userAgent"].(string), "aws-cli/") {
				t.Fatalf("CloudTrailEvent = %v (%v)", first["CloudTrailEvent"], err)
			}

			// Delivery: five minutes for a log file, an hour for the digest.
			p.simControl(t, http.MethodPost, "/_sim/clock/advance?by=10m", nil)
			p.simControl(t, http.MethodPost, "/_sim/clock/advance?by=1h", nil)
			now := p.simControl(t, http.MethodGet, "/_sim/clock", nil)["now"].(string)
			startAt := mustTime(t, started).Add(-time.Minute).Format(time.RFC3339)
			endAt := mustTime(t, now).Format(time.RFC3339)
			objects := p.run(t, cli, "s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "AWSLogs/"+account+"/CloudTrail/"+region+"/")
			contents, _ := objects["Contents"].([]any)
			if len(contents) == 0 {
				t.Fatalf("no log files delivered: %v", objects)
			}

			env := validateEnv(t, p, cli)
			args := []string{"cloudtrail", "validate-logs", "--trail-arn", arn, "--start-time", startAt, "--end-time", endAt, "--verbose"}
			out, errOut, code := p.aws(t, cli, env, args...)
			if code != 0 || !strings.Contains(out, "digest files valid") || strings.Contains(out+errOut, "INVALID") {
				t.Fatalf("validate-logs on untouched files: exit %d\n%s\n%s", code, out, errOut)
			}
			ours := labconsoleValidate(t, p, arn, startAt, endAt)
			if ours.code != 0 {
				t.Fatalf("labconsole trail validate on untouched files: exit %d\n%s", ours.code, ours.out)
			}

			// Tamper with the first log file: both validators must say so.
			key := contents[0].(map[string]any)["Key"].(string)
			tampered := filepath.Join(t.TempDir(), "tampered.json.gz")
			var gz bytes.Buffer
			zw := gzip.NewWriter(&gz)
			zw.Write([]byte(`{"Records":[]}`))
			zw.Close()
			if err := os.WriteFile(tampered, gz.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			p.run(t, cli, "s3api", "put-object", "--bucket", bucket, "--key", key, "--body", tampered)
			out, errOut, code = p.aws(t, cli, env, args...)
			if code == 0 || !strings.Contains(errOut, "INVALID: hash value doesn't match") {
				t.Fatalf("validate-logs on a tampered file: exit %d\n%s\n%s", code, out, errOut)
			}
			ours = labconsoleValidate(t, p, arn, startAt, endAt)
			if ours.code != 1 || !strings.Contains(ours.out, "INVALID: hash value doesn't match") {
				t.Fatalf("labconsole trail validate on a tampered file: exit %d\n%s", ours.code, ours.out)
			}
			p.run(t, cli, "cloudtrail", "stop-logging", "--name", name)
			p.run(t, cli, "cloudtrail", "delete-trail", "--name", name)
		})
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return at.UTC()
}

// validateEnv is the environment under which validate-logs' own S3 clients reach the
// simulator: AWS_ENDPOINT_URL where the CLI honours it, else an endpoint rule set
// for S3 in AWS_DATA_PATH.
func validateEnv(t *testing.T, p *simProcess, cli string) map[string]string {
	t.Helper()
	probe := map[string]string{"AWS_MAX_ATTEMPTS": "1"}
	// Without --endpoint-url: only AWS_ENDPOINT_URL can lead the CLI to the simulator.
	cmd := exec.Command(cli, "s3api", "list-buckets", "--cli-connect-timeout", "2", "--cli-read-timeout", "5")
	env := map[string]string{}
	for k, v := range p.env {
		env[k] = v
	}
	for k, v := range probe {
		env[k] = v
	}
	cmd.Env = cleanEnv(env)
	if err := cmd.Run(); err == nil {
		return nil
	}
	dir := t.TempDir()
	rules := filepath.Join(dir, "s3", "2006-03-01")
	if err := os.MkdirAll(rules, 0o700); err != nil {
		t.Fatal(err)
	}
	ep := p.env["AWS_ENDPOINT_URL"]
	auth := map[string]any{"authSchemes": []any{map[string]any{"name": "sigv4", "signingName": "s3", "signingRegion": "{Region}", "disableDoubleEncoding": true}}}
	doc := map[string]any{
		"version": "1.0",
		"parameters": map[string]any{
			"Bucket": map[string]any{"required": false, "type": "String"},
			"Region": map[string]any{"builtIn": "AWS::Region", "required": false, "type": "String"},
		},
		"rules": []any{
			map[string]any{"type": "endpoint", "conditions": []any{map[string]any{"fn": "isSet", "argv": []any{map[string]any{"ref": "Bucket"}}}},
				"endpoint": map[string]any{"url": ep + "/{Bucket}", "properties": auth, "headers": map[string]any{}}},
			map[string]any{"type": "endpoint", "conditions": []any{}, "endpoint": map[string]any{"url": ep, "properties": auth, "headers": map[string]any{}}},
		},
	}
	data, _ := json.Marshal(doc)
	if err := os.WriteFile(filepath.Join(rules, "endpoint-rule-set-1.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s ignores AWS_ENDPOINT_URL; validate-logs reaches S3 through an endpoint rule set in AWS_DATA_PATH", cli)
	return map[string]string{"AWS_DATA_PATH": dir}
}

type cmdResult struct {
	out  string
	code int
}

// labconsoleValidate runs `labconsole trail validate` with the simulator's variables.
func labconsoleValidate(t *testing.T, p *simProcess, arn, start, end string) cmdResult {
	t.Helper()
	cmd := exec.Command(binary, "trail", "validate", "--trail-arn", arn, "--start-time", start, "--end-time", end, "--verbose")
	cmd.Env = cleanEnv(p.env)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return cmdResult{out: string(out), code: code}
}
