package protocol

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	type hdr = map[string]string
	cases := []struct {
		name      string
		method    string
		target    string
		headers   hdr
		body      string
		kind      Kind
		op        string
		service   string
		queryMode bool
		code      string // expected *Error code
		status    int
	}{
		{
			name: "botocore awsQuery", method: "POST", target: "/",
			headers: hdr{"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
			body:    "Action=ListUsers&Version=2010-05-08&MaxItems=5", kind: Query, op: "ListUsers",
		},
		{
			name: "smithy-go awsQuery", method: "POST", target: "/",
			headers: hdr{"Content-Type": "application/x-www-form-urlencoded"},
			body:    "Action=GetCallerIdentity&Version=2011-06-15", kind: Query, op: "GetCallerIdentity",
		},
		{name: "GET awsQuery", method: "GET", target: "/?Action=ListTopics&Version=2010-03-31", kind: Query, op: "ListTopics"},
		{
			name: "legacy cloudwatch query with query mode", method: "POST", target: "/",
			headers: hdr{"Content-Type": "application/x-www-form-urlencoded", "x-amzn-query-mode": "true"},
			body:    "Action=DescribeAlarms&Version=2010-08-01", kind: Query, op: "DescribeAlarms", queryMode: true,
		},
		{
			name: "awsJson 1.1", method: "POST", target: "/",
			headers: hdr{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"},
			body:    "{}", kind: JSON11, op: "LookupEvents", service: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101",
		},
		{
			name: "awsJson 1.0 query-compatible", method: "POST", target: "/",
			headers: hdr{"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "GraniteServiceVersion20100801.DescribeAlarms",
				"x-amzn-query-mode": "true"},
			body: "{}", kind: JSON10, op: "DescribeAlarms", service: "GraniteServiceVersion20100801", queryMode: true,
		},
		{
			name: "awsJson without content type defaults to 1.1", method: "POST", target: "/",
			headers: hdr{"X-Amz-Target": "Logs_20140328.DescribeLogGroups"},
			kind:    JSON11, op: "DescribeLogGroups", service: "Logs_20140328",
		},
		{
			name: "awsJson bad target", method: "POST", target: "/",
			headers: hdr{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "NoDot"},
			kind:    JSON11, code: "UnknownOperationException", status: 400,
		},
		{
			name: "rpcv2 cbor", method: "POST", target: "/service/GraniteServiceVersion20100801/operation/DescribeAlarms",
			headers: hdr{"Smithy-Protocol": "rpc-v2-cbor", "Content-Type": "application/cbor", "X-Amzn-Query-Mode": "true"},
			kind:    CBOR, op: "DescribeAlarms", service: "GraniteServiceVersion20100801", queryMode: true,
		},
		{
			name: "rpcv2 cbor behind a path prefix", method: "POST", target: "/prefix/service/Svc/operation/Op",
			headers: hdr{"smithy-protocol": "rpc-v2-cbor"}, kind: CBOR, op: "Op", service: "Svc",
		},
		{
			name: "rpcv2 cbor bad path", method: "POST", target: "/service/Svc/operations/Op",
			headers: hdr{"Smithy-Protocol": "rpc-v2-cbor"}, kind: CBOR, code: "UnknownOperationException", status: 404,
		},
		{
			name: "rpcv2 cbor namespaced op is not an op", method: "POST", target: "/service/Svc/operation/com.x%23Op",
			headers: hdr{"Smithy-Protocol": "rpc-v2-cbor"}, kind: CBOR, code: "UnknownOperationException", status: 404,
		},
		{
			name: "rpcv2 cbor GET", method: "GET", target: "/service/Svc/operation/Op",
			headers: hdr{"Smithy-Protocol": "rpc-v2-cbor"}, kind: CBOR, op: "Op", service: "Svc", code: "UnknownOperationException", status: 405,
		},
		{name: "s3 list objects", method: "GET", target: "/bucket?list-type=2&prefix=a", kind: RestXML},
		{name: "s3 put object with form content type", method: "PUT", target: "/bucket/key",
			headers: hdr{"Content-Type": "application/x-www-form-urlencoded"}, body: "%%%", kind: RestXML},
		{name: "s3 delete objects", method: "POST", target: "/bucket?delete",
			headers: hdr{"Content-Type": "application/x-www-form-urlencoded"}, body: "<Delete/>", kind: RestXML},
		{name: "s3 list buckets", method: "GET", target: "/", kind: RestXML},
		{
			name: "malformed form to root", method: "POST", target: "/",
			headers: hdr{"Content-Type": "application/x-www-form-urlencoded"}, body: "Action=ListUsers&Marker=%zz",
			kind: Query, op: "ListUsers", code: "MalformedQueryString", status: 404,
		},
		{
			name: "empty action", method: "POST", target: "/",
			headers: hdr{"Content-Type": "application/x-www-form-urlencoded"}, body: "Action=&Version=1",
			kind: Query, code: "MissingAction", status: 400,
		},
		{
			name: "bogus action", method: "GET", target: "/?Action=..%2Fetc",
			kind: Query, op: "../etc", code: "InvalidAction", status: 400,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			hr := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
			for k, v := range tc.headers {
				hr.Header.Set(k, v)
			}
			req, err := Detect(hr, []byte(tc.body))
			if tc.code != "" {
				var e *Error
				if !errors.As(err, &e) || e.Code != tc.code || e.HTTPStatus() != tc.status {
					t.Fatalf("err = %v (%+v), want %s/%d", err, e, tc.code, tc.status)
				}
			} else if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if req == nil {
				t.Fatal("nil request")
			}
			if req.Kind != tc.kind || req.Operation != tc.op || req.Service != tc.service || req.QueryMode != tc.queryMode {
				t.Errorf("got kind=%v op=%q svc=%q qm=%v", req.Kind, req.Operation, req.Service, req.QueryMode)
			}
			if req.HTTP != hr || string(req.Body) != tc.body {
				t.Errorf("request/body not kept")
			}
		})
	}
}

func TestDetectMergesURLAndBody(t *testing.T) {
	hr := httptest.NewRequest("POST", "/?Version=2010-05-08", strings.NewReader("Action=GetUser&UserName=bob"))
	hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req, err := Detect(hr, []byte("Action=GetUser&UserName=bob"))
	if err != nil {
		t.Fatal(err)
	}
	if req.Form.Get("Version") != "2010-05-08" || req.Form.Get("UserName") != "bob" {
		t.Errorf("form %v", req.Form)
	}
	var in getUserInput
	if err := req.Decode(&in); err != nil || in.UserName == nil || *in.UserName != "bob" {
		t.Errorf("%v %+v", err, in)
	}
}

func TestSpecMatches(t *testing.T) {
	cases := []struct {
		spec *Spec
		req  *Request
		want bool
	}{
		{cwSpec, &Request{Kind: CBOR, Service: "GraniteServiceVersion20100801"}, true},
		{cwSpec, &Request{Kind: JSON10, Service: "GraniteServiceVersion20100801"}, true},
		{cwSpec, &Request{Kind: JSON11, Service: "Logs_20140328"}, false},
		{cwSpec, &Request{Kind: Query}, true},
		{ctSpec, &Request{Kind: CBOR, Service: "GraniteServiceVersion20100801"}, false},
		{ctSpec, &Request{Kind: JSON11, Service: "CloudTrail_20131101"}, true}, // aws-sdk-go-v2's short target
		{ctSpec, &Request{Kind: JSON11, Service: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"}, true},
		{ctSpec, &Request{Kind: JSON11, Service: "v20131101.CloudTrail_20131101"}, false},
		{ctSpec, &Request{Kind: Query}, false},
		{s3Spec, &Request{Kind: RestXML}, true},
		{iamSpec, &Request{Kind: RestXML}, false},
		{nil, &Request{Kind: Query}, false},
	}
	for i, tc := range cases {
		if got := tc.spec.Matches(tc.req); got != tc.want {
			t.Errorf("%d: Matches = %v, want %v", i, got, tc.want)
		}
	}
	if Query.String() != "awsQuery" || CBOR.String() != "rpcv2Cbor" || Kind(0).String() != "unknown" {
		t.Error("Kind.String")
	}
}

func TestDetectErrorAnsweredInClientProtocol(t *testing.T) {
	hr := httptest.NewRequest(http.MethodPost, "/service/Svc/operation/", nil)
	hr.Header.Set("Smithy-Protocol", "rpc-v2-cbor")
	req, err := Detect(hr, nil)
	rec := httptest.NewRecorder()
	WriteError(rec, cwSpec, req, err, "r")
	if rec.Code != 404 || rec.Header().Get("Content-Type") != "application/cbor" {
		t.Errorf("%d %v", rec.Code, rec.Header())
	}
}
