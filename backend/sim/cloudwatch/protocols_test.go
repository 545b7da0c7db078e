package cloudwatch_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/labconsole/labconsole/backend/sim"
)

// signedPost sends a hand-made CloudWatch request, signed as botocore signs it, and
// returns status, headers and body.
func signedPost(t *testing.T, s *sim.Sim, headers map[string]string, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, "http://monitoring.ap-northeast-2.amazonaws.com/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	sum := sha256.Sum256([]byte(body))
	c := s.AdminCredentials()
	creds := aws.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "monitoring", "ap-northeast-2", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := s.RoundTripper().RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

var (
	jsonHeaders = map[string]string{"Content-Type": "application/x-amz-json-1.0", "x-amzn-query-mode": "true"}
	formHeaders = map[string]string{"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
)

func target(op string) map[string]string {
	h := map[string]string{"X-Amz-Target": "GraniteServiceVersion20100801." + op}
	for k, v := range jsonHeaders {
		h[k] = v
	}
	return h
}

// TestJSON10AndQuery drives CloudWatch with requests shaped like botocore's JSON 1.0
// and awsQuery serializers (what AWS CLI v2 and older SDKs send), including the
// query-compatible error answers.
func TestJSON10AndQuery(t *testing.T) {
	s := newSim(t, sim.Options{})
	put := `{"AlarmName":"cpu","Namespace":"Lab","MetricName":"CPU","Statistic":"Average","Period":60,"EvaluationPeriods":1,"Threshold":80,"ComparisonOperator":"GreaterThanThreshold"}`
	if st, _, body := signedPost(t, s, target("PutMetricAlarm"), put); st != 200 || body != "{}" {
		t.Fatalf("json PutMetricAlarm: %d %s", st, body)
	}
	st, hdr, body := signedPost(t, s, target("DescribeAlarms"), `{"AlarmNames":["cpu"]}`)
	if st != 200 || hdr.Get("Content-Type") != "application/x-amz-json-1.0" || !strings.Contains(body, `"AlarmName":"cpu"`) ||
		!strings.Contains(body, `"StateValue":"INSUFFICIENT_DATA"`) || !strings.Contains(body, `"Threshold":80.0`) {
		t.Fatalf("json DescribeAlarms: %d %s", st, body)
	}

	st, _, body = signedPost(t, s, formHeaders, "Action=DescribeAlarms&Version=2010-08-01&AlarmNamePrefix=c")
	if st != 200 || !strings.HasPrefix(body, `<DescribeAlarmsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><DescribeAlarmsResult><MetricAlarms><member><AlarmName>cpu</AlarmName><AlarmArn>arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:cpu</AlarmArn>`) {
		t.Fatalf("query DescribeAlarms: %d %s", st, body)
	}
	st, _, body = signedPost(t, s, formHeaders, "Action=PutMetricData&Version=2010-08-01&Namespace=Lab&MetricData.member.1.MetricName=CPU&MetricData.member.1.Value=93.5&MetricData.member.1.Unit=Percent")
	if st != 200 || !strings.Contains(body, "<PutMetricDataResponse") {
		t.Fatalf("query PutMetricData: %d %s", st, body)
	}

	cases := []struct {
		name, op, body string
		headers        map[string]string
		status         int
		code, qerr     string
		msg            string
	}{
		{"json validation", "PutMetricAlarm", `{"AlarmName":"x","Namespace":"Lab","MetricName":"CPU","Statistic":"Average","Period":45,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"GreaterThanThreshold"}`,
			nil, 400, "com.amazonaws.cloudwatch#ValidationError", "ValidationError;Sender", "Period must be 10, 30 or a multiple of 60"},
		{"json missing alarm", "SetAlarmState", `{"AlarmName":"nope","StateValue":"OK","StateReason":"r"}`,
			nil, 404, "com.amazonaws.cloudwatch#ResourceNotFound", "ResourceNotFound;Sender", "Alarm nope not found"},
		{"json 1440 limit", "GetMetricStatistics", `{"Namespace":"Lab","MetricName":"CPU","StartTime":1772323200,"EndTime":1772582400,"Period":60,"Statistics":["Average"]}`,
			nil, 400, "com.amazonaws.cloudwatch#InvalidParameterCombinationException", "InvalidParameterCombination;Sender",
			"You have requested up to 4320 datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st, hdr, body := signedPost(t, s, target(tc.op), tc.body)
			if st != tc.status || hdr.Get("x-amzn-query-error") != tc.qerr || !strings.Contains(body, `"__type":"`+tc.code+`"`) || !strings.Contains(body, tc.msg) {
				t.Fatalf("%d %q %s", st, hdr.Get("x-amzn-query-error"), body)
			}
		})
	}
	st, _, body = signedPost(t, s, formHeaders, "Action=GetMetricStatistics&Version=2010-08-01&Namespace=Lab&MetricName=CPU&StartTime=2026-03-01T00:00:00Z&EndTime=2026-03-01T00:00:00Z&Period=60&Statistics.member.1=Average")
	if st != 400 || !strings.Contains(body, "<Code>InvalidParameterValue</Code><Message>The parameter StartTime must be less than the parameter EndTime.</Message>") {
		t.Fatalf("query error: %d %s", st, body)
	}
}
