package protocol

import (
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mustForm(t *testing.T, s string) url.Values {
	t.Helper()
	v, err := url.ParseQuery(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDecodeQuery(t *testing.T) {
	cases := []struct {
		name string
		form string
		into any
		want any
		code string // expected *Error code, "" for success
	}{
		{
			name: "scalars and pointer ints",
			form: "Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fops%2F&MaxItems=10",
			into: &listUsersInput{}, want: &listUsersInput{PathPrefix: ptr("/ops/"), MaxItems: ptr(int32(10))},
		},
		{
			name: "list of structs",
			form: "UserName=alice&Tags.member.1.Key=team&Tags.member.1.Value=a&Tags.member.2.Key=env&Tags.member.2.Value=",
			into: &createUserInput{},
			want: &createUserInput{UserName: "alice", Tags: []iamTag{{"team", "a"}, {"env", ""}}},
		},
		{
			name: "list indices are ordered numerically and sparse ones compacted",
			form: "AlarmNames.member.10=c&AlarmNames.member.2=b&AlarmNames.member.1=a",
			into: &describeAlarmsInput{}, want: &describeAlarmsInput{AlarmNames: []string{"a", "b", "c"}},
		},
		{
			name: "huge index costs one element",
			form: "AlarmNames.member.999999999=x",
			into: &describeAlarmsInput{}, want: &describeAlarmsInput{AlarmNames: []string{"x"}},
		},
		{
			name: "empty list is Name=",
			form: "AlarmNames=",
			into: &describeAlarmsInput{}, want: &describeAlarmsInput{AlarmNames: []string{}},
		},
		{
			name: "map entries",
			form: "Name=t&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=My+Topic&Attributes.entry.2.key=Policy&Attributes.entry.2.value=%7B%7D",
			into: &createTopicInput{},
			want: &createTopicInput{Name: "t", Attributes: map[string]string{"DisplayName": "My Topic", "Policy": "{}"}},
		},
		{
			name: "cloudwatch put-metric-alarm as botocore sends it",
			form: "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=billing&ActionsEnabled=true&AlarmActions.member.1=arn%3Aaws%3Asns%3Aus-east-1%3A1%3At" +
				"&MetricName=EstimatedCharges&Namespace=AWS%2FBilling&Statistic=Maximum&Dimensions.member.1.Name=Currency&Dimensions.member.1.Value=USD" +
				"&Period=21600&EvaluationPeriods=1&Threshold=10.0&ComparisonOperator=GreaterThanThreshold",
			into: &putMetricAlarmInput{},
			want: &putMetricAlarmInput{AlarmName: "billing", ActionsEnabled: ptr(true), AlarmActions: []string{"arn:aws:sns:us-east-1:1:t"},
				MetricName: ptr("EstimatedCharges"), Namespace: ptr("AWS/Billing"), Statistic: ptr("Maximum"),
				Dimensions: []cwDimension{{"Currency", "USD"}}, Period: ptr(int32(21600)), EvaluationPeriods: ptr(int32(1)),
				Threshold: ptr(10.0), ComparisonOperator: "GreaterThanThreshold"},
		},
		{
			name: "timestamps: botocore microseconds, plain, epoch",
			form: "StartTime=2026-11-22T04:35:00.123000Z&EndTime=1795322100",
			into: &lookupEventsInput{}, want: &lookupEventsInput{StartTime: ptr(t0ms), EndTime: ptr(t0)},
		},
		{
			name: "child keys alone do not allocate a scalar pointer",
			form: "MaxItems.x=1",
			into: &listUsersInput{}, want: &listUsersInput{},
		},
		{name: "bad int", form: "MaxItems=abc", into: &listUsersInput{}, code: "InvalidParameterValue"},
		{name: "int overflow", form: "MaxItems=2147483648", into: &listUsersInput{}, code: "InvalidParameterValue"},
		{name: "bad bool", form: "ActionsEnabled=yes", into: &putMetricAlarmInput{}, code: "InvalidParameterValue"},
		{name: "bad float", form: "Threshold=ten", into: &putMetricAlarmInput{}, code: "InvalidParameterValue"},
		{name: "bad time", form: "StartTime=yesterday", into: &lookupEventsInput{}, code: "InvalidParameterValue"},
		{name: "bad blob", form: "Blob=%21%21", into: &kitchenSink{}, code: "InvalidParameterValue"},
		{name: "map entry without key", form: "Attributes.entry.1.value=v", into: &createTopicInput{}, code: "MissingParameter"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := &Request{Kind: Query, Form: mustForm(t, tc.form)}
			err := req.Decode(tc.into)
			checkDecode(t, err, tc.code, tc.into, tc.want)
		})
	}
}

func checkDecode(t *testing.T, err error, code string, got, want any) {
	t.Helper()
	if code != "" {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("want *Error %s, got %v", code, err)
		}
		if e.Code != code || e.HTTPStatus() < 400 || e.HTTPStatus() > 499 {
			t.Fatalf("got %s (%d) %q, want %s", e.Code, e.HTTPStatus(), e.Message, code)
		}
		return
	}
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestDecodeJSON(t *testing.T) {
	cases := []struct {
		name string
		body string
		into any
		want any
		code string
		msg  string
	}{
		{name: "empty body", body: "", into: &listTrailsInput{}, want: &listTrailsInput{}},
		{name: "null body", body: "null", into: &listTrailsInput{}, want: &listTrailsInput{}},
		{
			name: "lookup events as the SDK sends it",
			body: `{"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"ConsoleLogin"}],"StartTime":1795322100,"EndTime":1795322100.123,"MaxResults":5}`,
			into: &lookupEventsInput{},
			want: &lookupEventsInput{LookupAttributes: []lookupAttribute{{"EventName", "ConsoleLogin"}},
				StartTime: ptr(t0), EndTime: ptr(t0ms), MaxResults: ptr(int32(5))},
		},
		{
			name: "unknown members and nulls are ignored; integral floats accepted",
			body: `{"Unknown":{"x":[1,2]},"NextToken":null,"MaxResults":5.0}`,
			into: &lookupEventsInput{}, want: &lookupEventsInput{MaxResults: ptr(int32(5))},
		},
		{
			name: "time as ISO string and specials",
			body: `{"T":"2026-11-22T04:35:00.123Z","F64":"NaN","F32":"-Infinity","Blob":"AAEC"}`,
			into: &struct {
				T    time.Time
				F64  float64
				F32  float32
				Blob []byte
			}{},
		},
		{name: "string for int", body: `{"MaxResults":"5"}`, into: &lookupEventsInput{}, code: "SerializationException",
			msg: "STRING_VALUE can not be converted to an Integer"},
		{name: "fraction for int", body: `{"MaxResults":5.5}`, into: &lookupEventsInput{}, code: "SerializationException"},
		{name: "int32 overflow", body: `{"MaxResults":2147483648}`, into: &lookupEventsInput{}, code: "SerializationException"},
		{name: "number for string", body: `{"NextToken":5}`, into: &lookupEventsInput{}, code: "SerializationException",
			msg: "NUMBER_VALUE can not be converted to a String"},
		{name: "object for list", body: `{"LookupAttributes":{}}`, into: &lookupEventsInput{}, code: "SerializationException",
			msg: "Start of structure or map found where not expected."},
		{name: "list for struct", body: `[]`, into: &lookupEventsInput{}, code: "SerializationException",
			msg: "Start of list found where not expected"},
		{name: "bool for time", body: `{"StartTime":true}`, into: &lookupEventsInput{}, code: "SerializationException"},
		{name: "truncated", body: `{"NextToken":`, into: &lookupEventsInput{}, code: "SerializationException"},
		{name: "trailing data", body: `{}{}`, into: &lookupEventsInput{}, code: "SerializationException"},
		{name: "syntax", body: `{'a':1}`, into: &lookupEventsInput{}, code: "SerializationException"},
		{name: "bad base64", body: `{"Blob":"!!"}`, into: &kitchenSink{}, code: "SerializationException"},
		{name: "negative uint", body: `{"U8":-1}`, into: &kitchenSink{}, code: "SerializationException"},
		{name: "uint8 overflow", body: `{"U8":256}`, into: &kitchenSink{}, code: "SerializationException"},
		{name: "float32 overflow", body: `{"F32":1e300}`, into: &kitchenSink{}, code: "SerializationException"},
		{name: "huge time", body: `{"T":1e300}`, into: &kitchenSink{}, code: "SerializationException"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := &Request{Kind: JSON11, Body: []byte(tc.body)}
			err := req.Decode(tc.into)
			if tc.want == nil && tc.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			checkDecode(t, err, tc.code, tc.into, tc.want)
			if tc.msg != "" && err.(*Error).Message != tc.msg {
				t.Errorf("message %q, want %q", err.(*Error).Message, tc.msg)
			}
			if tc.code == "SerializationException" && err.(*Error).Type != "com.amazon.coral.service#SerializationException" {
				t.Errorf("type %q", err.(*Error).Type)
			}
		})
	}
}

func TestDecodeCBOR(t *testing.T) {
	cases := []struct {
		name string
		hex  string
		into any
		want any
		code string
	}{
		{name: "empty body", hex: "", into: &describeAlarmsInput{}, want: &describeAlarmsInput{}},
		{
			// {"AlarmNames": ["a"], "MaxRecords": 5}
			name: "definite map",
			hex:  "a2" + "6a416c61726d4e616d6573" + "81" + "6161" + "6a4d61785265636f726473" + "05",
			into: &describeAlarmsInput{}, want: &describeAlarmsInput{AlarmNames: []string{"a"}, MaxRecords: ptr(int32(5))},
		},
		{
			// indefinite map {"MaxRecords": 5} with indefinite-length text key
			name: "indefinite lengths",
			hex:  "bf" + "7f" + "634d6178" + "67526563" + "6f726473" + "ff" + "05" + "ff",
			into: &describeAlarmsInput{}, want: &describeAlarmsInput{MaxRecords: ptr(int32(5))},
		},
		{
			// {"StartTime": 1(1795322100), "EndTime": 1(1795322100.123)}
			name: "tag 1 int and float",
			hex: "a2" + "69537461727454696d65" + "c1" + "1a6b0270f4" +
				"67456e6454696d65" + "c1" + "fb" + hexFloat(1795322100.123),
			into: &lookupEventsInput{}, want: &lookupEventsInput{StartTime: ptr(t0), EndTime: ptr(t0ms)},
		},
		{
			// {"Threshold": 10 (int)}, {"Period": float16 2.0}
			name: "int for double, half float for int",
			hex:  "a2" + "695468726573686f6c64" + "0a" + "66506572696f64" + "f94000",
			into: &putMetricAlarmInput{}, want: &putMetricAlarmInput{Threshold: ptr(10.0), Period: ptr(int32(2))},
		},
		{name: "array top level", hex: "80", into: &describeAlarmsInput{}, code: "SerializationException"},
		{name: "integer key", hex: "a10101", into: &describeAlarmsInput{}, code: "SerializationException"},
		{name: "truncated", hex: "a26a416c61726d", into: &describeAlarmsInput{}, code: "SerializationException"},
		{name: "trailing bytes", hex: "a0a0", into: &describeAlarmsInput{}, code: "SerializationException"},
		{name: "bytes for string", hex: "a1" + "694e657874546f6b656e" + "4161", into: &describeAlarmsInput{}, code: "SerializationException"},
		{name: "unknown tag", hex: "a1" + "694e657874546f6b656e" + "d8ff6161", into: &describeAlarmsInput{}, code: "SerializationException"},
		{name: "invalid utf8", hex: "a1" + "694e657874546f6b656e" + "61ff", into: &describeAlarmsInput{}, code: "SerializationException"},
		{name: "bignum for int", hex: "a1" + "6a4d61785265636f726473" + "c249010000000000000000", into: &describeAlarmsInput{}, code: "SerializationException"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body, err := hex.DecodeString(tc.hex)
			if err != nil {
				t.Fatal(err)
			}
			req := &Request{Kind: CBOR, Body: body}
			checkDecode(t, req.Decode(tc.into), tc.code, tc.into, tc.want)
		})
	}
}

func hexFloat(f float64) string {
	return hex.EncodeToString(appendCBORFloat64(nil, f)[1:])
}

type s3Delete struct {
	Objects []struct {
		Key string `xml:"Key"`
	} `xml:"Object"`
	Quiet bool `xml:"Quiet"`
}

func TestDecodeRestXML(t *testing.T) {
	ok := &Request{Kind: RestXML, Body: []byte(`<Delete><Object><Key>a</Key></Object><Quiet>true</Quiet></Delete>`)}
	var d s3Delete
	if err := ok.Decode(&d); err != nil || len(d.Objects) != 1 || !d.Quiet {
		t.Fatalf("%v %+v", err, d)
	}
	for _, body := range []string{"<Delete><Object>", "<Delete><Quiet>maybe</Quiet></Delete>"} {
		err := (&Request{Kind: RestXML, Body: []byte(body)}).Decode(&s3Delete{})
		checkDecode(t, err, "MalformedXML", nil, nil)
	}
	if err := (&Request{Kind: RestXML}).Decode(&d); err != nil {
		t.Errorf("empty body: %v", err)
	}
	if err := (&Request{Kind: RestXML, Body: []byte("<a/>")}).Decode(s3Delete{}); err == nil || strings.Contains(err.Error(), "MalformedXML") {
		t.Errorf("non-pointer must be a programming error, got %v", err)
	}
}

func TestErrorHelpers(t *testing.T) {
	e := Errorf(http.StatusServiceUnavailable, "ServiceUnavailable", "try %d", 2)
	if !e.Receiver || e.Error() != "ServiceUnavailable: try 2" || e.HTTPStatus() != 503 {
		t.Errorf("%+v", e)
	}
	if e := NewError(0, "X", ""); e.HTTPStatus() != 400 || e.Receiver || e.Error() != "X" {
		t.Errorf("%+v", e)
	}
	wrapped := errors.Join(errors.New("ctx"), NewError(404, "NoSuchEntity", "gone"))
	if got := asError(wrapped); got.Code != "NoSuchEntity" {
		t.Errorf("wrapped error lost: %+v", got)
	}
	q := &Request{Kind: Query, Operation: "Frobnicate", Form: url.Values{"Version": {"2010-05-08"}}}
	if got := ErrUnknownOperation(q); got.Code != "InvalidAction" || got.Message != "Could not find operation Frobnicate for version 2010-05-08" {
		t.Errorf("%+v", got)
	}
	if got := ErrUnknownOperation(&Request{Kind: JSON10}); got.Code != "UnknownOperationException" {
		t.Errorf("%+v", got)
	}
}
