package protocol

import (
	"bytes"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

type oneUser struct {
	User iamUser
}

type tinyOut struct {
	A int32
	B *string
	C []string
	D map[string]string
	F float64
	T time.Time
}

func TestWriteResultExactBytes(t *testing.T) {
	user := &oneUser{User: iamUser{
		Path: "/", UserName: "alice", UserId: "AIDA1", Arn: "arn:aws:iam::123456789012:user/alice",
		CreateDate: t0, Tags: []iamTag{{Key: "team", Value: "a&b"}},
	}}
	tiny := &tinyOut{A: 1, C: []string{"x"}, D: map[string]string{"k": "v", "a": "b"}, F: 80, T: t0ms}
	cases := []struct {
		name        string
		spec        *Spec
		req         *Request
		out         any
		contentType string
		body        string
	}{
		{
			name: "query with nested list and time",
			spec: iamSpec, req: fakeReq(Query, "GetUser"), out: user,
			contentType: "text/xml",
			body: `<GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult><User>` +
				`<Path>/</Path><UserName>alice</UserName><UserId>AIDA1</UserId><Arn>arn:aws:iam::123456789012:user/alice</Arn>` +
				`<CreateDate>2026-11-22T04:35:00Z</CreateDate><Tags><member><Key>team</Key><Value>a&amp;b</Value></member></Tags>` +
				`</User></GetUserResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetUserResponse>`,
		},
		{
			name: "query without output has no Result element",
			spec: iamSpec, req: fakeReq(Query, "DeleteUser"), out: nil,
			contentType: "text/xml",
			body: `<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata>` +
				`<RequestId>req-1</RequestId></ResponseMetadata></DeleteUserResponse>`,
		},
		{
			name: "query map, ms time, double", spec: snsSpec, req: fakeReq(Query, "Tiny"), out: tiny,
			contentType: "text/xml",
			body: `<TinyResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><TinyResult><A>1</A><C><member>x</member></C>` +
				`<D><entry><key>a</key><value>b</value></entry><entry><key>k</key><value>v</value></entry></D>` +
				`<F>80.0</F><T>2026-11-22T04:35:00.123Z</T></TinyResult><ResponseMetadata><RequestId>req-1</RequestId>` +
				`</ResponseMetadata></TinyResponse>`,
		},
		{
			name: "json 1.1", spec: ctSpec, req: fakeReq(JSON11, "Tiny"), out: tiny,
			contentType: "application/x-amz-json-1.1",
			body:        `{"A":1,"C":["x"],"D":{"a":"b","k":"v"},"F":80.0,"T":1795322100.123}`,
		},
		{
			name: "json 1.0 nil output", spec: cwSpec, req: fakeReq(JSON10, "DeleteAlarms"), out: nil,
			contentType: "application/x-amz-json-1.0",
			body:        `{}`,
		},
		{
			name: "json whole-second time is a double", spec: ctSpec, req: fakeReq(JSON11, "X"),
			out:         &struct{ T time.Time }{T: t0},
			contentType: "application/x-amz-json-1.1",
			body:        `{"T":1795322100.0}`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := record(tc.spec, tc.req, tc.out, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			if got := rec.Header().Get("Content-Type"); got != tc.contentType {
				t.Errorf("Content-Type %q, want %q", got, tc.contentType)
			}
			if got := rec.Header().Get("x-amzn-RequestId"); got != "req-1" {
				t.Errorf("x-amzn-RequestId %q", got)
			}
			if got := rec.Body.String(); got != tc.body {
				t.Errorf("body\n got %s\nwant %s", got, tc.body)
			}
		})
	}
}

func TestWriteResultCBORBytes(t *testing.T) {
	cases := []struct {
		name string
		out  any
		hex  string
	}{
		{"nil output is an empty map", nil, "a0"},
		{"int and string", &struct {
			A int32
			S string
		}{A: 1, S: "x"}, "a2" + "6141" + "01" + "6153" + "6178"},
		{"negative, float, bool", &struct {
			N int64
			F float64
			B bool
		}{N: -2, F: 1.5, B: true}, "a3" + "614e" + "21" + "6146" + "fb3ff8000000000000" + "6142" + "f5"},
		{"time is tag 1 double, whole seconds too", &struct{ T time.Time }{T: time.Unix(1000, 0)}, "a1" + "6154" + "c1" + "fb408f400000000000"},
		{"time with ms is tag 1 double", &struct{ T time.Time }{T: time.UnixMilli(1500)}, "a1" + "6154" + "c1" + "fb3ff8000000000000"},
		{"blob is a byte string, list is an array", &struct {
			B []byte
			L []string
		}{B: []byte{1, 2}, L: []string{}}, "a2" + "6142" + "420102" + "614c" + "80"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := record(cwSpec, fakeReq(CBOR, "Op"), tc.out, nil)
			if got := hex.EncodeToString(rec.Body.Bytes()); got != tc.hex {
				t.Errorf("body %s, want %s", got, tc.hex)
			}
			if rec.Header().Get("Smithy-Protocol") != "rpc-v2-cbor" || rec.Header().Get("Content-Type") != "application/cbor" {
				t.Errorf("headers %v", rec.Header())
			}
		})
	}
}

func TestWriteErrorExactBytes(t *testing.T) {
	notFound := NewError(http.StatusNotFound, "NoSuchEntity", "The user with name bob cannot be found.")
	limit := &Error{Code: "LimitExceededFault", QueryCode: "LimitExceeded", Message: "too many alarms"}
	cases := []struct {
		name       string
		spec       *Spec
		req        *Request
		err        error
		status     int
		body       string
		headers    map[string]string
		hexBody    bool
		notHeaders []string
	}{
		{
			name: "query", spec: iamSpec, req: fakeReq(Query, "GetUser"), err: notFound, status: 404,
			body: `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>` +
				`<Code>NoSuchEntity</Code><Message>The user with name bob cannot be found.</Message></Error>` +
				`<RequestId>req-1</RequestId></ErrorResponse>`,
			headers: map[string]string{"Content-Type": "text/xml"},
		},
		{
			name: "query for query-compatible uses the query code", spec: cwSpec, req: fakeReq(Query, "PutMetricAlarm"),
			err: limit, status: 400,
			body: `<ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><Error><Type>Sender</Type>` +
				`<Code>LimitExceeded</Code><Message>too many alarms</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`,
		},
		{
			name: "nil request answers awsQuery XML", spec: nil, req: nil, err: notFound, status: 404,
			body: `<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name bob cannot be found.</Message>` +
				`</Error><RequestId>req-1</RequestId></ErrorResponse>`,
		},
		{
			name: "json 1.1 namespaced", spec: ctSpec, req: fakeReq(JSON11, "GetTrail"),
			err:    &Error{Code: "TrailNotFoundException", Message: "Unknown trail: t for the user: 123456789012"},
			status: 400,
			body:   `{"__type":"com.amazonaws.cloudtrail.v20131101#TrailNotFoundException","message":"Unknown trail: t for the user: 123456789012"}`,
			headers: map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amzn-ErrorType": "TrailNotFoundException",
				"x-amzn-RequestId": "req-1"},
			notHeaders: []string{"X-Amzn-Query-Error"},
		},
		{
			name: "json 1.0 query-compatible", spec: cwSpec, req: fakeReq(JSON10, "PutMetricAlarm"), err: limit, status: 400,
			body: `{"__type":"com.amazonaws.cloudwatch#LimitExceededFault","message":"too many alarms"}`,
			headers: map[string]string{"Content-Type": "application/x-amz-json-1.0",
				"X-Amzn-Query-Error": "LimitExceeded;Sender"},
		},
		{
			name: "bare code without namespace", spec: &Spec{JSONTargetPrefix: "Logs_20140328"}, req: fakeReq(JSON11, "X"),
			err:    NewError(400, "ResourceNotFoundException", "The specified log group does not exist."),
			status: 400,
			body:   `{"__type":"ResourceNotFoundException","message":"The specified log group does not exist."}`,
		},
		{
			name: "plain error is InternalFailure", spec: ctSpec, req: fakeReq(JSON11, "X"), err: errors.New("boom"), status: 500,
			body: `{"__type":"com.amazonaws.cloudtrail.v20131101#InternalFailure","message":"The request processing has failed because of an unknown error, exception or failure."}`,
		},
		{
			name: "cbor", spec: cwSpec, req: fakeReq(CBOR, "DescribeAlarms"),
			err:    &Error{Code: "ResourceNotFound", Message: "m", Status: 404},
			status: 404, hexBody: true,
			// {"__type": "com.amazonaws.cloudwatch#ResourceNotFound", "message": "m"}
			body: "a2" + "665f5f74797065" + "7829" + hex.EncodeToString([]byte("com.amazonaws.cloudwatch#ResourceNotFound")) +
				"676d657373616765" + "616d",
			headers: map[string]string{"Smithy-Protocol": "rpc-v2-cbor", "Content-Type": "application/cbor",
				"X-Amzn-Query-Error": "ResourceNotFound;Sender"},
		},
		{
			name: "restxml with extra", spec: s3Spec, req: fakeReq(RestXML, ""),
			err: &Error{Code: "NoSuchBucket", Message: "The specified bucket does not exist", Status: 404,
				Extra: []KV{{"BucketName", "b"}}},
			status: 404,
			body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>" +
				"<BucketName>b</BucketName><RequestId>req-1</RequestId><HostId>" + s3HostID("req-1") + "</HostId></Error>",
			headers: map[string]string{"x-amz-request-id": "req-1", "x-amz-id-2": s3HostID("req-1"), "Content-Type": "application/xml"},
		},
		{
			name: "restxml plain error is InternalError", spec: s3Spec, req: fakeReq(RestXML, ""), err: errors.New("x"),
			status: 500,
			body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message>" +
				"<RequestId>req-1</RequestId><HostId>" + s3HostID("req-1") + "</HostId></Error>",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := record(tc.spec, tc.req, nil, tc.err)
			if rec.Code != tc.status {
				t.Errorf("status %d, want %d", rec.Code, tc.status)
			}
			got := rec.Body.String()
			if tc.hexBody {
				got = hex.EncodeToString(rec.Body.Bytes())
			}
			if got != tc.body {
				t.Errorf("body\n got %s\nwant %s", got, tc.body)
			}
			for k, v := range tc.headers {
				if g := rec.Header().Get(k); g != v {
					t.Errorf("header %s = %q, want %q", k, g, v)
				}
			}
			for _, k := range tc.notHeaders {
				if _, ok := rec.Header()[http.CanonicalHeaderKey(k)]; ok {
					t.Errorf("unexpected header %s", k)
				}
			}
		})
	}
}

func s3HostID(id string) string {
	rec := httptest.NewRecorder()
	return setS3IDs(rec.Header(), id)
}

func TestHeadHasNoBody(t *testing.T) {
	for _, k := range []Kind{Query, JSON11, CBOR, RestXML} {
		r := &Request{Kind: k, Operation: "Op", HTTP: httptest.NewRequest(http.MethodHead, "/b", nil)}
		rec := record(s3Spec, r, nil, NewError(404, "NotFound", "Not Found"))
		if rec.Code != 404 || rec.Body.Len() != 0 {
			t.Errorf("%v: status %d body %q", k, rec.Code, rec.Body.String())
		}
	}
}

type s3Bucket struct {
	Name         string    `xml:"Name"`
	CreationDate time.Time `xml:"CreationDate"`
}

type listBucketsResult struct {
	XMLName xml.Name   `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListAllMyBucketsResult"`
	Owner   s3Owner    `xml:"Owner"`
	Buckets []s3Bucket `xml:"Buckets>Bucket"`
}

type s3Owner struct {
	ID          string `xml:"ID"`
	DisplayName string `xml:"DisplayName"`
}

type noContent struct{}

func (noContent) HTTPStatus() int { return http.StatusNoContent }

func TestRestXMLResult(t *testing.T) {
	out := &listBucketsResult{Owner: s3Owner{ID: "o", DisplayName: "d"}, Buckets: []s3Bucket{{Name: "b", CreationDate: t0}}}
	rec := record(s3Spec, fakeReq(RestXML, ""), out, nil)
	want := "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
		`<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>o</ID><DisplayName>d</DisplayName></Owner>` +
		`<Buckets><Bucket><Name>b</Name><CreationDate>2026-11-22T04:35:00Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>`
	if rec.Body.String() != want {
		t.Errorf("body\n got %s\nwant %s", rec.Body.String(), want)
	}
	if rec.Header().Get("x-amz-request-id") != "req-1" || rec.Header().Get("x-amz-id-2") == "" {
		t.Errorf("missing S3 ids: %v", rec.Header())
	}
	rec = record(s3Spec, fakeReq(RestXML, ""), noContent{}, nil)
	if rec.Code != http.StatusNoContent {
		t.Errorf("HTTPStatuser ignored: %d", rec.Code)
	}
	rec = record(s3Spec, fakeReq(RestXML, ""), nil, nil)
	if rec.Code != 200 || rec.Body.Len() != 0 {
		t.Errorf("nil restxml output: %d %q", rec.Code, rec.Body.String())
	}
}

func TestScalarFormatting(t *testing.T) {
	cases := []struct {
		f    float64
		bits int
		want string
	}{
		{80, 64, "80.0"}, {10.5, 64, "10.5"}, {0, 64, "0.0"}, {-3, 64, "-3.0"},
		{1e21, 64, "1e+21"}, {1e-7, 64, "1e-07"}, {0.1, 32, "0.1"},
		{math.NaN(), 64, "NaN"}, {math.Inf(1), 64, "Infinity"}, {math.Inf(-1), 64, "-Infinity"},
	}
	for _, tc := range cases {
		if got := string(appendDouble(nil, tc.f, tc.bits)); got != tc.want {
			t.Errorf("appendDouble(%v) = %q, want %q", tc.f, got, tc.want)
		}
	}
	if got := string(appendJSON(nil, math.Inf(1))); got != `"Infinity"` {
		t.Errorf("JSON Inf = %s", got)
	}
	if got := string(appendJSON(nil, "a\"\\\n\x01\u2028\xff")); got != `"a\"\\\n\u0001\u2028\ufffd"` {
		t.Errorf("JSON string escape = %s", got)
	}
	if got := string(appendXMLText(nil, "a<&>\"\r\x01")); got != "a&lt;&amp;&gt;&quot;&#xD;\uFFFD" {
		t.Errorf("XML escape = %q", got)
	}
	times := []struct {
		in   time.Time
		want string
	}{
		{t0, "2026-11-22T04:35:00Z"},
		{t0ms, "2026-11-22T04:35:00.123Z"},
		{t0.Add(999 * time.Microsecond), "2026-11-22T04:35:00Z"}, // sub-ms is dropped
		{t0ms.In(time.FixedZone("X", 3600)), "2026-11-22T04:35:00.123Z"},
	}
	for _, tc := range times {
		if got := formatISO8601(tc.in); got != tc.want {
			t.Errorf("formatISO8601(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	var b bytes.Buffer
	b.Write(appendEpochSeconds(nil, t0ms))
	if b.String() != "1795322100.123" {
		t.Errorf("epoch = %s", b.String())
	}
}
