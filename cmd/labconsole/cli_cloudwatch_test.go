package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// simControl calls the simulator's control API as the administrator and decodes
// the JSON answer.
func (p *simProcess) simControl(t *testing.T, method, path string, in any) map[string]any {
	t.Helper()
	var body []byte
	if in != nil {
		body, _ = json.Marshal(in)
	}
	req, err := http.NewRequest(method, p.env["AWS_ENDPOINT_URL"]+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	creds := aws.Credentials{AccessKeyID: p.env["AWS_ACCESS_KEY_ID"], SecretAccessKey: p.env["AWS_SECRET_ACCESS_KEY"]}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hash, "sim", p.env["AWS_DEFAULT_REGION"], time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %s %s", method, path, resp.Status, data)
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("%s %s: %v\n%s", method, path, err, data)
	}
	return out
}

// run is p.aws that fails the test on a non-zero exit and decodes the JSON output.
func (p *simProcess) run(t *testing.T, cli string, args ...string) map[string]any {
	t.Helper()
	out, errOut, code := p.aws(t, cli, nil, args...)
	if code != 0 {
		t.Fatalf("aws %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	if strings.TrimSpace(out) == "" {
		return nil
	}
	return mustJSON(t, out)
}

// TestAWSCLICloudWatchSNSLogs runs the lab's CloudWatch, SNS and CloudWatch Logs
// commands with every installed AWS CLI: v1 from pip (botocore speaks rpc-v2-cbor
// to CloudWatch) and Debian's v2 (awsQuery).
func TestAWSCLICloudWatchSNSLogs(t *testing.T) {
	clis := awsCLIs(t)
	p := startSim(t, "--ephemeral")
	p.simControl(t, http.MethodPut, "/_sim/billing/preferences", map[string]bool{"receiveBillingAlerts": true})
	for i, cli := range clis {
		t.Run(filepath.Base(filepath.Dir(cli))+"-"+fmt.Sprint(i), func(t *testing.T) {
			now := time.Now().UTC()
			// One metric per CLI: both share the simulator, and the other CLI's datapoint
			// may fall in another minute of the window.
			metric := fmt.Sprintf("CPU%d", i)
			p.run(t, cli, "cloudwatch", "put-metric-data", "--namespace", "Lab", "--metric-name", metric, "--value", "42.5", "--unit", "Percent")
			stats := p.run(t, cli, "cloudwatch", "get-metric-statistics", "--namespace", "Lab", "--metric-name", metric,
				"--start-time", now.Add(-10*time.Minute).Format(time.RFC3339), "--end-time", now.Add(10*time.Minute).Format(time.RFC3339),
				"--period", "60", "--statistics", "Maximum", "SampleCount")
			dps, _ := stats["Datapoints"].([]any)
			if stats["Label"] != metric || len(dps) != 1 || dps[0].(map[string]any)["Maximum"] != 42.5 || dps[0].(map[string]any)["Unit"] != "Percent" {
				t.Fatalf("get-metric-statistics = %v", stats)
			}

			topic := p.run(t, cli, "sns", "create-topic", "--name", fmt.Sprintf("cli-topic-%d", i))["TopicArn"].(string)
			email := fmt.Sprintf("student%d@example.com", i)
			if sub := p.run(t, cli, "sns", "subscribe", "--topic-arn", topic, "--protocol", "email", "--notification-endpoint", email); sub["SubscriptionArn"] != "pending confirmation" {
				t.Fatalf("subscribe = %v", sub)
			}
			_, errOut, code := p.aws(t, cli, nil, "sns", "subscribe", "--topic-arn", topic, "--protocol", "email", "--notification-endpoint", "not-an-email")
			if code == 0 || !strings.Contains(errOut, "InvalidParameter") || !strings.Contains(errOut, "Invalid parameter: Email address") {
				t.Fatalf("bad email: exit %d %s", code, errOut)
			}
			if subs := p.run(t, cli, "sns", "list-subscriptions-by-topic", "--topic-arn", topic); !strings.Contains(fmt.Sprint(subs), "PendingConfirmation") {
				t.Fatalf("list-subscriptions-by-topic = %v", subs)
			}
			box := p.simControl(t, http.MethodGet, "/_sim/mailbox?address="+email, nil)
			msgs, _ := box["messages"].([]any)
			if len(msgs) != 1 {
				t.Fatalf("mailbox = %v", box)
			}
			p.simControl(t, http.MethodPost, "/_sim/mailbox/confirm", map[string]string{"token": msgs[0].(map[string]any)["token"].(string)})
			if subs := p.run(t, cli, "sns", "list-subscriptions"); !strings.Contains(fmt.Sprint(subs), topic+":") {
				t.Fatalf("list-subscriptions after confirming = %v", subs)
			}

			alarm := fmt.Sprintf("cli-alarm-%d", i)
			base := []string{"cloudwatch", "put-metric-alarm", "--alarm-name", alarm, "--namespace", "AWS/Billing", "--metric-name", "EstimatedCharges",
				"--dimensions", "Name=Currency,Value=USD", "--statistic", "Maximum", "--evaluation-periods", "1", "--threshold", "200",
				"--comparison-operator", "GreaterThanThreshold", "--alarm-actions", topic}
			_, errOut, code = p.aws(t, cli, nil, append(base, "--period", "45")...)
			if code == 0 || !strings.Contains(errOut, "ValidationError") || !strings.Contains(errOut, "Period must be 10, 30 or a multiple of 60") {
				t.Fatalf("bad period: exit %d %s", code, errOut)
			}
			p.run(t, cli, append(base, "--period", "21600")...)
			alarms := p.run(t, cli, "cloudwatch", "describe-alarms", "--alarm-names", alarm)
			list, _ := alarms["MetricAlarms"].([]any)
			if len(list) != 1 || list[0].(map[string]any)["StateValue"] != "INSUFFICIENT_DATA" || list[0].(map[string]any)["Threshold"] != 200.0 {
				t.Fatalf("describe-alarms = %v", alarms)
			}
			_, errOut, code = p.aws(t, cli, nil, "cloudwatch", "delete-alarms", "--alarm-names", "ghost")
			if code == 0 || !strings.Contains(errOut, "ResourceNotFound") {
				t.Fatalf("delete missing alarm: exit %d %s", code, errOut)
			}

			group := fmt.Sprintf("/cli/lab-%d", i)
			p.run(t, cli, "logs", "create-log-group", "--log-group-name", group)
			p.run(t, cli, "logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", "app")
			ms := now.UnixMilli()
			events := fmt.Sprintf(`[{"timestamp":%d,"message":"ERROR disk full"},{"timestamp":%d,"message":"INFO started"}]`, ms, ms+1)
			p.run(t, cli, "logs", "put-log-events", "--log-group-name", group, "--log-stream-name", "app", "--log-events", events)
			found := p.run(t, cli, "logs", "filter-log-events", "--log-group-name", group, "--filter-pattern", "ERROR")
			evs, _ := found["events"].([]any)
			if len(evs) != 1 || evs[0].(map[string]any)["message"] != "ERROR disk full" {
				t.Fatalf("filter-log-events = %v", found)
			}
			_, errOut, code = p.aws(t, cli, nil, "logs", "create-log-group", "--log-group-name", group)
			if code == 0 || !strings.Contains(errOut, "ResourceAlreadyExistsException") {
				t.Fatalf("duplicate group: exit %d %s", code, errOut)
			}
		})
	}
}
