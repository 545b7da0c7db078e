package protocol

import (
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// Fuzz targets: hostile input must never panic, and every rejection must be
// an *Error with a 4xx status. The seeds run under plain `go test`.

// fuzzTargets are the shapes every fuzzed body is decoded into.
func fuzzTargets() []any {
	return []any{&kitchenSink{}, &putMetricAlarmInput{}, &lookupEventsInput{}, &createTopicInput{}, &describeAlarmsInput{}}
}

// checkClientError fails unless err is nil or a 4xx *Error.
func checkClientError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("non-*Error: %T %v", err, err)
	}
	if s := e.HTTPStatus(); s < 400 || s > 499 {
		t.Fatalf("status %d for %v", s, e)
	}
}

// decodeAll decodes r into every target and re-encodes successes, which
// must then render (the decoded value is a valid output too).
func decodeAll(t *testing.T, r *Request) {
	t.Helper()
	targets := fuzzTargets()
	if r.Kind == RestXML {
		targets = []any{&s3Delete{}, &listBucketsResult{}} // S3 shapes are encoding/xml shapes
	}
	for _, target := range targets {
		err := r.Decode(target)
		checkClientError(t, err)
		if err != nil || r.Kind == RestXML {
			continue
		}
		rec := httptest.NewRecorder()
		WriteResult(rec, cwSpec, r, target, "id")
		if rec.Code != http.StatusOK {
			t.Fatalf("re-encoding decoded %T failed: %d %s", target, rec.Code, rec.Body)
		}
	}
}

func FuzzDetect(f *testing.F) {
	f.Add("POST", "/", "", "", "", "application/x-www-form-urlencoded; charset=utf-8", []byte("Action=ListUsers&Version=2010-05-08&MaxItems=5"))
	f.Add("GET", "/", "Action=DescribeAlarms&AlarmNames.member.1=a", "", "", "", []byte(nil))
	f.Add("POST", "/", "", "", "GraniteServiceVersion20100801.DescribeAlarms", "application/x-amz-json-1.0", []byte(`{"AlarmNames":["a"]}`))
	f.Add("POST", "/", "", "", "CloudTrail_20131101.LookupEvents", "application/x-amz-json-1.1", []byte(`{"StartTime":1.5}`))
	f.Add("POST", "/service/GraniteServiceVersion20100801/operation/DescribeAlarms", "", "rpc-v2-cbor", "", "application/cbor",
		[]byte{0xa1, 0x6a, 'M', 'a', 'x', 'R', 'e', 'c', 'o', 'r', 'd', 's', 0x05})
	f.Add("GET", "/bucket", "list-type=2", "", "", "", []byte(nil))
	f.Add("POST", "/", "", "", "", "application/x-www-form-urlencoded", []byte("Action=&%zz"))
	f.Add("HEAD", "/service/a/operation/b", "x=%", "RPC-V2-CBOR", ".", ";;", []byte{0xff})
	f.Fuzz(func(t *testing.T, method, path, rawQuery, smithy, target, contentType string, body []byte) {
		hr := &http.Request{Method: method, URL: &url.URL{Path: path, RawQuery: rawQuery}, Header: http.Header{}}
		if smithy != "" {
			hr.Header.Set("Smithy-Protocol", smithy)
		}
		if target != "" {
			hr.Header.Set("X-Amz-Target", target)
		}
		if contentType != "" {
			hr.Header.Set("Content-Type", contentType)
		}
		req, err := Detect(hr, body)
		checkClientError(t, err)
		if req == nil {
			t.Fatal("Detect returned no request")
		}
		if err != nil {
			rec := httptest.NewRecorder()
			WriteError(rec, cwSpec, req, err, "id")
			if rec.Code < 400 || rec.Code > 499 {
				t.Fatalf("error rendered as %d", rec.Code)
			}
			return
		}
		decodeAll(t, req)
		rec := httptest.NewRecorder()
		WriteResult(rec, cwSpec, req, sampleAlarms(), "id")
		if rec.Code != http.StatusOK {
			t.Fatalf("WriteResult %d", rec.Code)
		}
	})
}

func FuzzDecodeQuery(f *testing.F) {
	f.Add("Action=PutMetricAlarm&AlarmName=a&Dimensions.member.1.Name=n&Dimensions.member.1.Value=v&Threshold=1.5&ActionsEnabled=true")
	f.Add("Name=t&Attributes.entry.1.key=k&Attributes.entry.1.value=v&Tags.member.1.Key=a")
	f.Add("Lists.member.1.member.2=3&MapS.entry.1.key=k&MapS.entry.1.value.Name=x&Self.Self.Self.S=deep&Item.1=f&Attr.1.key=k&Attr.1.value=v")
	f.Add("StartTime=2026-11-22T04:35:00.123000Z&EndTime=1795322100&T=2026-11-22&Blob=AAEC")
	f.Add("AlarmNames.member.999999999=x&AlarmNames.member.0=y&AlarmNames.member.-1=z&AlarmNames.member.01=w")
	f.Add("U64=18446744073709551615&I8=-129&F32=3.5e38&PB=TRUE&List=&Map=")
	f.Fuzz(func(t *testing.T, form string) {
		vals, _ := url.ParseQuery(form) // partial results are what a lenient parser would keep
		decodeAll(t, &Request{Kind: Query, Operation: "Op", Form: vals})
	})
}

func FuzzDecodeJSON(f *testing.F) {
	f.Add([]byte(`{"AlarmName":"a","Dimensions":[{"Name":"n","Value":"v"}],"Threshold":1.5,"Tags":[]}`))
	f.Add([]byte(`{"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"x"}],"StartTime":1795322100.123,"MaxResults":5}`))
	f.Add([]byte(`{"S":"x","Lists":[[1,2],[]],"MapS":{"k":{"Name":"n"}},"Self":{"Self":{"S":"deep"}},"Blob":"AAEC","T":"2026-11-22T04:35:00Z"}`))
	f.Add([]byte(`{"F64":"NaN","F32":"Infinity","U8":255,"I8":-128,"PT":null,"Map":{"a":"b"}}`))
	f.Add([]byte(`[{"a":1}]`))
	f.Add([]byte(`{"a":`))
	f.Add([]byte(`{"T":1e400,"U64":1e20,"I64":-9223372036854775809}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		decodeAll(t, &Request{Kind: JSON11, Operation: "Op", Body: body})
	})
}

func FuzzDecodeCBOR(f *testing.F) {
	seeds := []string{
		"a0",
		"a26a416c61726d4e616d6573816161" + "6a4d61785265636f726473" + "05",
		"bf7f634d61786752656363" + "6f726473ff05ff",
		"a269537461727454696d65c11a6b0270f467456e6454696d65c1fb41dac08bbd07df3b",
		"a2695468726573686f6c640a66506572696f64f94000",
		"a1614cc249010000000000000000",
		"a1615482a0a0",
		"a16153d8ff6161",
		"9fff",
		"a1614d" + "a2616b6176616b6177",
	}
	for _, s := range seeds {
		b, err := hex.DecodeString(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	rec := httptest.NewRecorder()
	WriteResult(rec, cwSpec, fakeReq(CBOR, "Op"), fullSink(), "id")
	f.Add(rec.Body.Bytes())
	f.Fuzz(func(t *testing.T, body []byte) {
		decodeAll(t, &Request{Kind: CBOR, Operation: "Op", Body: body})
	})
}
