package protocol

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fullSink fills every member of kitchenSink, including a recursive one.
func fullSink() *kitchenSink {
	return &kitchenSink{
		S: "héllo <&> \"q\"", B: true, I: -1, I8: -8, I16: -16, I32: -32, I64: -1 << 62,
		U: 1, U8: 8, U16: 16, U32: 32, U64: 1<<63 + 5,
		F32: 1.25, F64: -1234.5678, T: t0ms, Blob: []byte{0, 1, 2, 255},
		PS: ptr(""), PB: ptr(false), PI: ptr(int64(0)), PF: ptr(0.0), PT: ptr(t0),
		Nested: &cwDimension{Name: "n", Value: "v"}, Value: cwDimension{Name: "n2"},
		List: []string{"a", "b"}, Flat: []string{"f1", "f2"}, Structs: []cwDimension{{Name: "x", Value: "y"}, {}},
		Lists: [][]int32{{1, 2}, {}, {3}},
		Map:   map[string]string{"k1": "v1", "k2": ""}, MapS: map[string]cwDimension{"m": {Name: "a", Value: "b"}},
		FlatMap: map[string]string{"fk": "fv"}, Renamed: "r",
		Self: &kitchenSink{S: "inner", T: t0, List: []string{}},
	}
}

// queryEncode renders a value as an awsQuery form the way botocore's
// QuerySerializer does, so Query decoding can be round-tripped.
func queryEncode(form url.Values, prefix string, node any, flat bool) {
	join := func(a, b string) string {
		if a == "" {
			return b
		}
		return a + "." + b
	}
	switch n := node.(type) {
	case *tStruct:
		for _, m := range n.members {
			queryEncode(form, join(prefix, m.name), m.val, m.flat)
		}
	case []any:
		if len(n) == 0 {
			form.Set(prefix, "")
			return
		}
		p := prefix + ".member"
		if flat {
			p = prefix
		}
		for i, item := range n {
			queryEncode(form, p+"."+strconv.Itoa(i+1), item, false)
		}
	case *tMap:
		if len(n.keys) == 0 {
			form.Set(prefix, "")
			return
		}
		p := prefix + ".entry"
		if flat {
			p = prefix
		}
		for i, k := range n.keys {
			e := p + "." + strconv.Itoa(i+1)
			form.Set(e+".key", k)
			queryEncode(form, e+".value", n.vals[i], false)
		}
	case time.Time:
		form.Set(prefix, n.UTC().Format("2006-01-02T15:04:05.000000Z")) // botocore's microsecond form
	case []byte:
		form.Set(prefix, base64.StdEncoding.EncodeToString(n))
	case string:
		form.Set(prefix, n)
	default:
		form.Set(prefix, string(appendXMLScalar(nil, n)))
	}
}

func TestRoundTrip(t *testing.T) {
	values := []struct {
		name string
		v    any
	}{
		{"kitchen sink", fullSink()},
		{"iam users", sampleUsers()},
		{"cloudwatch alarms", sampleAlarms()},
		{"cloudtrail events", sampleEvents()},
		{"sns attributes", &getTopicAttributesOutput{Attributes: map[string]string{"Policy": `{"a":1}`, "DisplayName": ""}}},
		{"empty", &listUsersOutput{}},
	}
	for _, val := range values {
		for _, k := range []Kind{Query, JSON10, JSON11, CBOR} {
			t.Run(val.name+"/"+k.String(), func(t *testing.T) {
				var req *Request
				if k == Query {
					tree, err := toTree(val.v)
					if err != nil {
						t.Fatal(err)
					}
					form := url.Values{"Action": {"Op"}}
					queryEncode(form, "", tree, false)
					req = &Request{Kind: Query, Operation: "Op", Form: form}
				} else {
					rec := record(cwSpec, fakeReq(k, "Op"), val.v, nil)
					if rec.Code != http.StatusOK {
						t.Fatalf("status %d: %s", rec.Code, rec.Body)
					}
					req = &Request{Kind: k, Operation: "Op", Body: rec.Body.Bytes()}
				}
				got := reflect.New(reflect.TypeOf(val.v).Elem())
				if err := req.Decode(got.Interface()); err != nil {
					t.Fatalf("decode: %v", err)
				}
				if !reflect.DeepEqual(got.Interface(), val.v) {
					t.Errorf("round trip mismatch\n got %+v\nwant %+v", got.Elem().Interface(), reflect.ValueOf(val.v).Elem().Interface())
				}
			})
		}
	}
}

func TestQueryXMLOfKitchenSink(t *testing.T) {
	rec := record(snsSpec, fakeReq(Query, "Op"), fullSink(), nil)
	body := rec.Body.String()
	for _, want := range []string{
		`<Item>f1</Item><Item>f2</Item>`,                                                // flattened list
		`<Attr><key>fk</key><value>fv</value></Attr>`,                                   // flattened map
		`<Lists><member><member>1</member><member>2</member></member><member></member>`, // list of lists
		`<MapS><entry><key>m</key><value><Name>a</Name><Value>b</Value></value></entry></MapS>`,
		`<OtherName>r</OtherName>`,
		`<Blob>AAEC/w==</Blob>`,
		`<U64>9223372036854775813</U64>`,
		`<S>héllo &lt;&amp;&gt; &quot;q&quot;</S>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %s in\n%s", want, body)
		}
	}
	for _, bad := range []string{"Skipped", "hidden", "<PT></PT>"} {
		if strings.Contains(body, bad) {
			t.Errorf("unexpected %s in %s", bad, body)
		}
	}
}

func TestNilOmittedZeroWritten(t *testing.T) {
	rec := record(ctSpec, fakeReq(JSON11, "Op"), &kitchenSink{}, nil)
	want := `{"S":"","B":false,"I":0,"I8":0,"I16":0,"I32":0,"I64":0,"U":0,"U8":0,"U16":0,"U32":0,"U64":0,` +
		`"F32":0.0,"F64":0.0,"T":-62135596800.0,"Value":{"Name":"","Value":""},"OtherName":""}`
	if rec.Body.String() != want {
		t.Errorf("got  %s\nwant %s", rec.Body.String(), want)
	}
}

type badShape struct {
	C chan int
}

type badMap struct {
	M map[int]string
}

type dupNames struct {
	A string
	B string `aws:"A"`
}

func TestUnsupportedTypesAre500(t *testing.T) {
	for _, out := range []any{&badShape{}, &badMap{}, &dupNames{}, 42} {
		rec := record(ctSpec, fakeReq(JSON11, "Op"), out, nil)
		if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "InternalFailure") {
			t.Errorf("%T: %d %s", out, rec.Code, rec.Body)
		}
		req := &Request{Kind: JSON11, Body: []byte("{}")}
		if err := req.Decode(out); err == nil {
			t.Errorf("%T: decode accepted unsupported target", out)
		} else if _, isAWS := err.(*Error); isAWS {
			t.Errorf("%T: programming error reported as client error %v", out, err)
		}
	}
	req := &Request{Kind: JSON11, Body: []byte("{}")}
	if err := req.Decode(listUsersInput{}); err == nil {
		t.Error("non-pointer accepted")
	}
}

// TestConcurrentTypeCache exercises the per-type cache under -race.
func TestConcurrentTypeCache(t *testing.T) {
	done := make(chan struct{})
	for i := 0; i < 8; i++ {
		go func() {
			defer func() { done <- struct{}{} }()
			rec := httptest.NewRecorder()
			WriteResult(rec, cwSpec, fakeReq(CBOR, "Op"), fullSink(), "r")
			var in kitchenSink
			_ = (&Request{Kind: CBOR, Body: rec.Body.Bytes()}).Decode(&in)
		}()
	}
	for i := 0; i < 8; i++ {
		<-done
	}
}
