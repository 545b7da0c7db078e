package protocol

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// botocoreScript parses our responses with botocore's own parsers and
// serializes requests with botocore's own serializers (no network, no
// credentials), so the test proves boto3 and the AWS CLI interoperate.
const botocoreScript = `
import base64, json, sys
import botocore.session
from botocore import parsers, serialize

cases = json.load(open(sys.argv[1]))
session = botocore.session.get_session()
out = {"responses": [], "requests": []}
for c in cases["responses"] or []:
    model = session.get_service_model(c["service"])
    op = model.operation_model(c["operation"])
    parser = parsers.create_parser(c["protocol"])
    resp = {"status_code": c["status"], "headers": c["headers"], "body": base64.b64decode(c["body"])}
    parsed = parser.parse(resp, op.output_shape)
    out["responses"].append(parsed)
for c in cases["requests"] or []:
    model = session.get_service_model(c["service"])
    op = model.operation_model(c["operation"])
    ser = serialize.create_serializer(c["protocol"], include_validation=True)
    req = ser.serialize_to_request(c["params"], op)
    body = req["body"]
    if isinstance(body, dict):
        from urllib.parse import urlencode
        body = urlencode(body).encode()
    elif isinstance(body, str):
        body = body.encode()
    out["requests"].append({"method": req["method"], "url_path": req.get("url_path", "/"),
        "headers": dict(req["headers"]), "body": base64.b64encode(body).decode()})
json.dump(out, sys.stdout, default=str)
`

type botoResponse struct {
	Service   string            `json:"service"`
	Operation string            `json:"operation"`
	Protocol  string            `json:"protocol"`
	Status    int               `json:"status"`
	Headers   map[string]string `json:"headers"`
	Body      string            `json:"body"`
}

type botoRequest struct {
	Service   string         `json:"service"`
	Operation string         `json:"operation"`
	Protocol  string         `json:"protocol"`
	Params    map[string]any `json:"params"`
}

type botoSerialized struct {
	Method  string            `json:"method"`
	URLPath string            `json:"url_path"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// botocoreProbe succeeds on a botocore recent enough to speak CloudWatch's
// smithy-rpc-v2-cbor (botocore ≥ Dec 2025); older ones model CloudWatch as
// awsQuery only and cannot serialize the JSON/CBOR cases.
const botocoreProbe = `
import botocore.session
from botocore import parsers
assert "smithy-rpc-v2-cbor" in parsers.PROTOCOL_PARSERS
assert "smithy-rpc-v2-cbor" in botocore.session.get_session().get_service_model("cloudwatch").metadata.get("protocols", [])
`

// findBotocore returns a python interpreter with a suitable botocore.
func findBotocore(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"python3", "/usr/bin/python3"} {
		py, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		if exec.Command(py, "-c", botocoreProbe).Run() == nil {
			return py
		}
	}
	t.Skip("no python3 with a botocore that speaks smithy-rpc-v2-cbor")
	return ""
}

// runBotocore skips the test when no suitable botocore is installed.
func runBotocore(t *testing.T, responses []botoResponse, requests []botoRequest) (parsed []map[string]any, serialized []botoSerialized) {
	t.Helper()
	py := findBotocore(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "cases.json")
	data, _ := json.Marshal(map[string]any{"responses": responses, "requests": requests})
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "-c", botocoreScript, in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("botocore: %v\n%s", err, stderr.String())
	}
	var result struct {
		Responses []map[string]any `json:"responses"`
		Requests  []botoSerialized `json:"requests"`
	}
	if err := json.Unmarshal(outb, &result); err != nil {
		t.Fatalf("%v: %s", err, outb)
	}
	return result.Responses, result.Requests
}

// respond renders out (or err) for kind and packages it for botocore.
func respond(spec *Spec, service, op, protocol string, kind Kind, out any, err error) botoResponse {
	rec := httptest.NewRecorder()
	r := &Request{Kind: kind, Operation: op, HTTP: httptest.NewRequest(http.MethodPost, "/", nil)}
	if err != nil {
		WriteError(rec, spec, r, err, "rid-1")
	} else {
		WriteResult(rec, spec, r, out, "rid-1")
	}
	h := map[string]string{}
	for k := range rec.Header() {
		h[strings.ToLower(k)] = rec.Header().Get(k)
	}
	return botoResponse{service, op, protocol, rec.Code, h, base64.StdEncoding.EncodeToString(rec.Body.Bytes())}
}

// dig walks a parsed botocore dict by keys and list indices.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func TestBotocoreParsesOurResponses(t *testing.T) {
	limit := &Error{Code: "LimitExceededFault", QueryCode: "LimitExceeded", Message: "too many"}
	responses := []botoResponse{
		respond(iamSpec, "iam", "ListUsers", "query", Query, sampleUsers(), nil),
		respond(iamSpec, "iam", "GetUser", "query", Query, nil, NewError(404, "NoSuchEntity", "The user with name bob cannot be found.")),
		respond(snsSpec, "sns", "GetTopicAttributes", "query", Query, &getTopicAttributesOutput{Attributes: map[string]string{"A": "1", "B": ""}}, nil),
		respond(cwSpec, "cloudwatch", "DescribeAlarms", "query", Query, sampleAlarms(), nil),
		respond(cwSpec, "cloudwatch", "DescribeAlarms", "json", JSON10, sampleAlarms(), nil),
		respond(cwSpec, "cloudwatch", "DescribeAlarms", "smithy-rpc-v2-cbor", CBOR, sampleAlarms(), nil),
		respond(cwSpec, "cloudwatch", "PutMetricAlarm", "json", JSON10, nil, limit),
		respond(cwSpec, "cloudwatch", "PutMetricAlarm", "smithy-rpc-v2-cbor", CBOR, nil, limit),
		respond(cwSpec, "cloudwatch", "DeleteAlarms", "smithy-rpc-v2-cbor", CBOR, nil, nil),
		respond(ctSpec, "cloudtrail", "LookupEvents", "json", JSON11, sampleEvents(), nil),
		respond(s3Spec, "s3", "ListObjectsV2", "rest-xml", RestXML, nil, &Error{Code: "NoSuchBucket", Message: "The specified bucket does not exist", Status: 404}),
	}
	parsed, _ := runBotocore(t, responses, nil)
	checks := []struct {
		resp int
		path []any
		want any
	}{
		{0, []any{"Users", 0, "UserName"}, "alice"},
		{0, []any{"Users", 0, "CreateDate"}, "2026-11-22 04:35:00+00:00"},
		{0, []any{"Users", 0, "Tags", 0, "Value"}, "a&b<c>"},
		{0, []any{"Users", 1, "CreateDate"}, "2026-11-22 04:35:00.123000+00:00"},
		{0, []any{"IsTruncated"}, true},
		{0, []any{"ResponseMetadata", "RequestId"}, "rid-1"},
		{1, []any{"Error", "Code"}, "NoSuchEntity"},
		{1, []any{"Error", "Message"}, "The user with name bob cannot be found."},
		{2, []any{"Attributes"}, map[string]any{"A": "1", "B": ""}},
		{3, []any{"MetricAlarms", 0, "Threshold"}, 10.5},
		{3, []any{"MetricAlarms", 0, "Dimensions", 0, "Value"}, "USD"},
		{3, []any{"MetricAlarms", 0, "AlarmConfigurationUpdatedTimestamp"}, "2026-11-22 04:35:00.123000+00:00"},
		{4, []any{"MetricAlarms", 0, "Threshold"}, 10.5},
		{4, []any{"MetricAlarms", 0, "StateUpdatedTimestamp"}, "2026-11-22 04:35:00+00:00"},
		{4, []any{"MetricAlarms", 0, "AlarmConfigurationUpdatedTimestamp"}, "2026-11-22 04:35:00.123000+00:00"},
		{5, []any{"MetricAlarms", 0, "Threshold"}, 10.5},
		{5, []any{"MetricAlarms", 0, "Period"}, 21600.0},
		{5, []any{"MetricAlarms", 0, "ActionsEnabled"}, true},
		{5, []any{"MetricAlarms", 0, "OKActions"}, []any{}},
		{5, []any{"MetricAlarms", 0, "StateUpdatedTimestamp"}, "2026-11-22 04:35:00+00:00"},
		{5, []any{"MetricAlarms", 0, "AlarmConfigurationUpdatedTimestamp"}, "2026-11-22 04:35:00.123000+00:00"},
		{5, []any{"NextToken"}, "tok"},
		{5, []any{"ResponseMetadata", "RequestId"}, "rid-1"},
		{6, []any{"Error", "Code"}, "LimitExceeded"},
		{6, []any{"Error", "QueryErrorCode"}, "LimitExceededFault"},
		{6, []any{"Error", "Type"}, "Sender"},
		{6, []any{"Error", "Message"}, "too many"},
		{7, []any{"Error", "Code"}, "LimitExceeded"},
		{7, []any{"Error", "Message"}, "too many"},
		{8, []any{"ResponseMetadata", "HTTPStatusCode"}, 200.0}, // no-output CBOR op: "{}" parses
		{9, []any{"Events", 0, "EventTime"}, "2026-11-22 04:35:00.123000+00:00"},
		{9, []any{"Events", 0, "Resources", 0, "ResourceName"}, "alice"},
		{10, []any{"Error", "Code"}, "NoSuchBucket"},
	}
	for _, c := range checks {
		if got := dig(parsed[c.resp], c.path...); !reflect.DeepEqual(got, c.want) {
			t.Errorf("response %d (%s %s) %v = %#v, want %#v", c.resp, responses[c.resp].Service, responses[c.resp].Operation, c.path, got, c.want)
		}
	}
}

func TestBotocoreRequestsDecode(t *testing.T) {
	putParams := map[string]any{
		"AlarmName": "billing", "Namespace": "AWS/Billing", "MetricName": "EstimatedCharges", "Statistic": "Maximum",
		"Period": 21600, "EvaluationPeriods": 1, "Threshold": 10.0, "ComparisonOperator": "GreaterThanThreshold",
		"ActionsEnabled": true, "AlarmActions": []any{"arn:aws:sns:us-east-1:1:t"},
		"Dimensions": []any{map[string]any{"Name": "Currency", "Value": "USD"}},
		"Tags":       []any{map[string]any{"Key": "k", "Value": "v"}},
	}
	wantPut := putMetricAlarmInput{AlarmName: "billing", Namespace: ptr("AWS/Billing"), MetricName: ptr("EstimatedCharges"),
		Statistic: ptr("Maximum"), Period: ptr(int32(21600)), EvaluationPeriods: ptr(int32(1)), Threshold: ptr(10.0),
		ComparisonOperator: "GreaterThanThreshold", ActionsEnabled: ptr(true), AlarmActions: []string{"arn:aws:sns:us-east-1:1:t"},
		Dimensions: []cwDimension{{"Currency", "USD"}}, Tags: []iamTag{{"k", "v"}}}
	statsParams := map[string]any{"Namespace": "AWS/EC2", "MetricName": "CPUUtilization", "Period": 60,
		"StartTime": "2026-11-22T04:35:00Z", "EndTime": "2026-11-22T05:35:00Z", "Statistics": []any{"Average"}}
	wantStats := getMetricStatisticsInput{Namespace: "AWS/EC2", MetricName: "CPUUtilization", Period: 60,
		StartTime: t0, EndTime: t0.Add(3600e9), Statistics: []string{"Average"}}
	requests := []botoRequest{
		{"cloudwatch", "PutMetricAlarm", "smithy-rpc-v2-cbor", putParams},
		{"cloudwatch", "PutMetricAlarm", "json", putParams},
		{"cloudwatch", "PutMetricAlarm", "query", putParams},
		{"cloudwatch", "GetMetricStatistics", "smithy-rpc-v2-cbor", statsParams},
		{"cloudwatch", "GetMetricStatistics", "query", statsParams},
		{"iam", "CreateUser", "query", map[string]any{"UserName": "carol", "Tags": []any{map[string]any{"Key": "a", "Value": "b"}}}},
		{"sns", "CreateTopic", "query", map[string]any{"Name": "t", "Attributes": map[string]any{"DisplayName": "D", "Policy": "{}"}}},
		{"cloudtrail", "LookupEvents", "json", map[string]any{"StartTime": "2026-11-22T04:35:00Z", "MaxResults": 5,
			"LookupAttributes": []any{map[string]any{"AttributeKey": "EventName", "AttributeValue": "ConsoleLogin"}}}},
		{"cloudwatch", "DescribeAlarms", "smithy-rpc-v2-cbor", map[string]any{}},
	}
	wants := []struct {
		kind Kind
		into any
		want any
	}{
		{CBOR, &putMetricAlarmInput{}, &wantPut},
		{JSON10, &putMetricAlarmInput{}, &wantPut},
		{Query, &putMetricAlarmInput{}, &wantPut},
		{CBOR, &getMetricStatisticsInput{}, &wantStats},
		{Query, &getMetricStatisticsInput{}, &wantStats},
		{Query, &createUserInput{}, &createUserInput{UserName: "carol", Tags: []iamTag{{"a", "b"}}}},
		{Query, &createTopicInput{}, &createTopicInput{Name: "t", Attributes: map[string]string{"DisplayName": "D", "Policy": "{}"}}},
		{JSON11, &lookupEventsInput{}, &lookupEventsInput{StartTime: ptr(t0), MaxResults: ptr(int32(5)),
			LookupAttributes: []lookupAttribute{{"EventName", "ConsoleLogin"}}}},
		{CBOR, &describeAlarmsInput{}, &describeAlarmsInput{}},
	}
	_, serialized := runBotocore(t, nil, requests)
	for i, s := range serialized {
		body, _ := base64.StdEncoding.DecodeString(s.Body)
		hr := httptest.NewRequest(s.Method, "http://monitoring.us-east-1.amazonaws.com"+s.URLPath, bytes.NewReader(body))
		for k, v := range s.Headers {
			hr.Header.Set(k, v)
		}
		req, err := Detect(hr, body)
		if err != nil {
			t.Errorf("%d %s/%s: detect: %v", i, requests[i].Service, requests[i].Protocol, err)
			continue
		}
		if req.Kind != wants[i].kind || req.Operation != requests[i].Operation {
			t.Errorf("%d: detected %v %q", i, req.Kind, req.Operation)
		}
		if requests[i].Service == "cloudwatch" && !req.QueryMode && req.Kind != Query {
			t.Errorf("%d: botocore should send x-amzn-query-mode for cloudwatch", i)
		}
		if err := req.Decode(wants[i].into); err != nil {
			t.Errorf("%d %s/%s: decode: %v", i, requests[i].Service, requests[i].Protocol, err)
			continue
		}
		if !reflect.DeepEqual(wants[i].into, wants[i].want) {
			t.Errorf("%d %s/%s:\n got %+v\nwant %+v", i, requests[i].Service, requests[i].Protocol, wants[i].into, wants[i].want)
		}
	}
}
