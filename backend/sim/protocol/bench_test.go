//go:build bench

package protocol

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// manyUsers is a ListUsers page of n users with tags.
func manyUsers(n int) *listUsersOutput {
	out := &listUsersOutput{Users: make([]iamUser, n)}
	for i := range out.Users {
		name := "user-" + strconv.Itoa(i)
		out.Users[i] = iamUser{Path: "/", UserName: name, UserId: "AIDA" + name, Arn: "arn:aws:iam::123456789012:user/" + name,
			CreateDate: t0, Tags: []iamTag{{"team", "a"}, {"env", "prod"}}}
	}
	return out
}

// discard is a ResponseWriter that keeps nothing, so benchmarks measure the
// protocol layer rather than a recorder's buffer growth.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

func BenchmarkWriteResult(b *testing.B) {
	out := manyUsers(100)
	for _, k := range []Kind{Query, JSON11, CBOR} {
		b.Run(k.String(), func(b *testing.B) {
			r := fakeReq(k, "ListUsers")
			w := &discard{h: http.Header{}}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				WriteResult(w, iamSpec, r, out, "req-1")
			}
		})
	}
}

// BenchmarkCall is one in-process call: detect, decode, handle, encode.
func BenchmarkCall(b *testing.B) {
	type call struct {
		kind    Kind
		target  string
		headers map[string]string
		body    []byte
	}
	rec := httptest.NewRecorder()
	WriteResult(rec, cwSpec, fakeReq(CBOR, "PutMetricAlarm"), &putMetricAlarmInput{AlarmName: "a", Threshold: ptr(1.0),
		Dimensions: []cwDimension{{"n", "v"}}, Period: ptr(int32(60)), ComparisonOperator: "GreaterThanThreshold"}, "x")
	calls := []call{
		{Query, "/", map[string]string{"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
			[]byte("Action=PutMetricAlarm&Version=2010-08-01&AlarmName=a&Threshold=1.0&Dimensions.member.1.Name=n&Dimensions.member.1.Value=v&Period=60&ComparisonOperator=GreaterThanThreshold")},
		{JSON10, "/", map[string]string{"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "GraniteServiceVersion20100801.PutMetricAlarm"},
			[]byte(`{"AlarmName":"a","Threshold":1.0,"Dimensions":[{"Name":"n","Value":"v"}],"Period":60,"ComparisonOperator":"GreaterThanThreshold"}`)},
		{CBOR, "/service/GraniteServiceVersion20100801/operation/PutMetricAlarm",
			map[string]string{"Smithy-Protocol": "rpc-v2-cbor", "Content-Type": "application/cbor"}, rec.Body.Bytes()},
	}
	alarms := sampleAlarms()
	for _, c := range calls {
		b.Run(c.kind.String(), func(b *testing.B) {
			hr := httptest.NewRequest(http.MethodPost, c.target, bytes.NewReader(c.body))
			for k, v := range c.headers {
				hr.Header.Set(k, v)
			}
			w := &discard{h: http.Header{}}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				req, err := Detect(hr, c.body)
				if err != nil {
					b.Fatal(err)
				}
				var in putMetricAlarmInput
				if err := req.Decode(&in); err != nil {
					b.Fatal(err)
				}
				WriteResult(w, cwSpec, req, alarms, "req-1")
			}
		})
	}
}
