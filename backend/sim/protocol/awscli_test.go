package protocol

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend/sim/awsclitest"
)

// runCLI runs one CLI command against url with throwaway credentials.
func runCLI(t *testing.T, cli, url string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return awsclitest.Run(t, cli, map[string]string{"AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "SECRET", "AWS_MAX_ATTEMPTS": "1"},
		append([]string{"--endpoint-url", url, "--output", "json", "--region", "us-east-1"}, args...)...)
}

func TestAWSCLICloudWatchAndIAM(t *testing.T) {
	clis := awsclitest.Find(t)
	var describeIn describeAlarmsInput
	var putIn putMetricAlarmInput
	var statsIn getMetricStatisticsInput
	cw := newSimServer(t, cwSpec, cloudWatchOps(&describeIn, &putIn, &statsIn))
	iamSrv := newSimServer(t, iamSpec, map[string]opFunc{
		"GetUser": func(*Request) (any, error) {
			return nil, NewError(http.StatusNotFound, "NoSuchEntity", "The user with name bob cannot be found.")
		},
	})
	for _, cli := range clis {
		t.Run(strings.ReplaceAll(cli, "/", "_"), func(t *testing.T) {
			out, errOut, code := runCLI(t, cli, cw.URL, "cloudwatch", "describe-alarms", "--no-paginate", "--alarm-names", "a", "b")
			if code != 0 {
				t.Fatalf("describe-alarms: exit %d\n%s", code, errOut)
			}
			t.Logf("cloudwatch spoken as %v", cw.last().Kind)
			var res struct {
				MetricAlarms []struct {
					AlarmName             string
					Threshold             float64
					StateUpdatedTimestamp any // CLI v1 prints the wire value (a number for JSON), v2 a string
					Dimensions            []struct{ Name, Value string }
				}
			}
			if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.MetricAlarms) != 1 {
				t.Fatalf("output %v:\n%s", err, out)
			}
			a := res.MetricAlarms[0]
			if a.AlarmName != "billing-10usd" || a.Threshold != 10.5 || len(a.Dimensions) != 1 {
				t.Errorf("alarm %+v", a)
			}
			switch ts := a.StateUpdatedTimestamp.(type) {
			case string:
				if !strings.HasPrefix(ts, "2026-11-22T04:35:00") {
					t.Errorf("timestamp %q", ts)
				}
			case float64:
				if ts != 1795322100 || !strings.Contains(out, `"StateUpdatedTimestamp": 1795322100.0`) {
					t.Errorf("timestamp %v; AWS CLI v1 prints Coral's doubles as 1795322100.0:\n%s", ts, out)
				}
			default:
				t.Errorf("timestamp %#v", ts)
			}
			capMu.Lock()
			if len(describeIn.AlarmNames) != 2 {
				t.Errorf("decoded %+v", describeIn)
			}
			capMu.Unlock()

			_, errOut, code = runCLI(t, cli, cw.URL, "cloudwatch", "put-metric-alarm", "--alarm-name", "one-too-many",
				"--evaluation-periods", "1", "--comparison-operator", "GreaterThanThreshold", "--threshold", "1",
				"--metric-name", "m", "--namespace", "n", "--statistic", "Maximum", "--period", "60")
			if code == 0 || !strings.Contains(errOut, "(LimitExceeded)") {
				t.Errorf("put-metric-alarm: exit %d, stderr %q", code, errOut)
			}

			_, errOut, code = runCLI(t, cli, iamSrv.URL, "iam", "get-user", "--user-name", "bob")
			if code == 0 || !strings.Contains(errOut, "(NoSuchEntity)") || !strings.Contains(errOut, "The user with name bob cannot be found.") {
				t.Errorf("get-user: exit %d, stderr %q", code, errOut)
			}
		})
	}
}
