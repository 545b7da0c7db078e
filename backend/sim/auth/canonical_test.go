package auth

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestCanonicalURI(t *testing.T) {
	cases := []struct {
		name, path string
		s3         bool
		want       string
	}{
		{"empty", "", false, "/"},
		{"root", "/", false, "/"},
		{"s3 root", "/", true, "/"},
		{"s3 key kept single-encoded", "/b/a%20b%2Bc~d%3De/%ED%95%9C", true, "/b/a%20b%2Bc~d%3De/%ED%95%9C"},
		{"s3 re-encodes what the wire left raw", "/b/a+b=c(d)", true, "/b/a%2Bb%3Dc%28d%29"},
		{"s3 no normalisation", "/b//x/./y/../z/", true, "/b//x/./y/../z/"},
		{"s3 keeps encoded slash", "/b/a%2Fb", true, "/b/a%2Fb"},
		{"s3 unreserved decoded", "/b/%7Ex%41", true, "/b/~xA"},
		{"double encoding", "/a%20b/%E1%88%B4", false, "/a%2520b/%25E1%2588%25B4"},
		{"double encoding of raw chars", "/fn:alias/x y", false, "/fn%253Aalias/x%2520y"},
		{"cbor path untouched", "/service/GraniteServiceVersion20100801/operation/DescribeAlarms", false, "/service/GraniteServiceVersion20100801/operation/DescribeAlarms"},
		{"dot segments removed", "/a/./b/../c", false, "/a/c"},
		{"slashes collapsed", "//a///b", false, "/a/b"},
		{"trailing slash kept", "/a/b/", false, "/a/b/"},
		{"dotdot above root", "/../a", false, "/a"},
		{"only dots", "/./..", false, "/"},
	}
	for _, tc := range cases {
		if got := string(appendCanonicalURI(nil, tc.path, tc.s3)); got != tc.want {
			t.Errorf("%s: canonicalURI(%q, s3=%v) = %q, want %q", tc.name, tc.path, tc.s3, got, tc.want)
		}
	}
}

func TestCanonicalQuery(t *testing.T) {
	cases := []struct {
		name, raw string
		presigned bool
		want      string
	}{
		{"empty", "", false, ""},
		{"sorted by name", "b=2&a=1&c=3", false, "a=1&b=2&c=3"},
		{"sorted by value for equal names", "x=b&x=a&x=", false, "x=&x=a&x=b"},
		{"valueless params", "acl&uploads=", false, "acl=&uploads="},
		{"slash encoded", "prefix=AWSLogs/123/", false, "prefix=AWSLogs%2F123%2F"},
		{"already encoded slash", "prefix=AWSLogs%2F", false, "prefix=AWSLogs%2F"},
		{"plus is space", "prefix=a+b", false, "prefix=a%20b"},
		{"encoded plus stays plus", "prefix=a%2Bb", false, "prefix=a%2Bb"},
		{"lowercase hex normalised", "k=%e2%82%ac", false, "k=%E2%82%AC"},
		{"unicode", "k=€~", false, "k=%E2%82%AC~"},
		{"empty pieces skipped", "a=1&&b=2&", false, "a=1&b=2"},
		{"uppercase sorts before lowercase", "a=1&B=2&X-Amz-Date=3", false, "B=2&X-Amz-Date=3&a=1"},
		{"signature dropped when presigned", "X-Amz-Signature=abc&X-Amz-Date=1", true, "X-Amz-Date=1"},
		{"signature kept otherwise", "X-Amz-Signature=abc", false, "X-Amz-Signature=abc"},
		{"bad escape kept literally", "k=%zz", false, "k=%25zz"},
	}
	for _, tc := range cases {
		if got := string(appendCanonicalQuery(nil, tc.raw, tc.presigned)); got != tc.want {
			t.Errorf("%s: canonicalQuery(%q) = %q, want %q", tc.name, tc.raw, got, tc.want)
		}
	}
}

func TestCanonicalHeaders(t *testing.T) {
	r := httptest.NewRequest(http.MethodPut, "http://bucket.s3.amazonaws.com:8080/k", nil)
	r.Header = http.Header{
		"X-Amz-Meta-A": {"  one  ", "two   three"},
		"Content-Type": {"text/plain;  charset=utf-8"},
		"my_header":    {"raw-case"}, // not canonicalisable by textproto
		"X-Tab":        {"\ta\t b\t"},
	}
	r.ContentLength = 42
	r.TransferEncoding = []string{"chunked"}
	got := string(appendCanonicalHeaders(nil, r, []string{"content-length", "content-type", "host", "my_header", "transfer-encoding", "x-absent", "x-amz-meta-a", "x-tab"}))
	want := "content-length:42\n" +
		"content-type:text/plain; charset=utf-8\n" +
		"host:bucket.s3.amazonaws.com:8080\n" +
		"my_header:raw-case\n" +
		"transfer-encoding:chunked\n" +
		"x-absent:\n" +
		"x-amz-meta-a:one,two three\n" +
		"x-tab:a\t b\n"
	if got != want {
		t.Errorf("canonical headers\n got %q\nwant %q", got, want)
	}
}

func TestParseAuthHeader(t *testing.T) {
	cases := []struct {
		in   string
		want authHeader
	}{
		{"AWS4-HMAC-SHA256 Credential=A/d/r/s/aws4_request, SignedHeaders=host;x-amz-date, Signature=ff",
			authHeader{algorithm: "AWS4-HMAC-SHA256", credential: "A/d/r/s/aws4_request", signedHeaders: "host;x-amz-date", signature: "ff", have: [3]bool{true, true, true}}},
		{"AWS4-HMAC-SHA256 Credential=A/d/r/s/aws4_request,SignedHeaders=host,Signature=ff",
			authHeader{algorithm: "AWS4-HMAC-SHA256", credential: "A/d/r/s/aws4_request", signedHeaders: "host", signature: "ff", have: [3]bool{true, true, true}}},
		{"AWS4-HMAC-SHA256 Credential=A /d/r/s/aws4_request, SignedHeaders=host, Signature=ff",
			authHeader{algorithm: "AWS4-HMAC-SHA256", credential: "A", signedHeaders: "host", signature: "ff", have: [3]bool{true, true, true}, badComponent: "/d/r/s/aws4_request"}},
		{"AWS4-HMAC-SHA256", authHeader{algorithm: "AWS4-HMAC-SHA256"}},
		{"AWS4-HMAC-SHA256 Signature=", authHeader{algorithm: "AWS4-HMAC-SHA256", have: [3]bool{false, false, true}}},
	}
	for _, tc := range cases {
		if got := parseAuthHeader(tc.in); got != tc.want {
			t.Errorf("parseAuthHeader(%q)\n got %+v\nwant %+v", tc.in, got, tc.want)
		}
	}
}

func TestParseCredential(t *testing.T) {
	cases := []struct {
		in string
		ok bool
	}{
		{"AKID/20260307/ap-northeast-2/s3/aws4_request", true},
		{"/20260307/ap-northeast-2/s3/aws4_request", true},
		{"AKID/20260307/ap-northeast-2/s3", false},
		{"AKID/20260307/ap-northeast-2/s3/aws4_request/", false},
		{"", false},
	}
	for _, tc := range cases {
		if _, ok := parseCredential(tc.in); ok != tc.ok {
			t.Errorf("parseCredential(%q) ok = %v, want %v", tc.in, ok, tc.ok)
		}
	}
}

func TestParseScope(t *testing.T) {
	hdr := httptest.NewRequest("POST", "http://sts.amazonaws.com/", nil)
	hdr.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260307/ap-northeast-2/sts/aws4_request, SignedHeaders=host, Signature=00")
	pre := httptest.NewRequest("GET", "http://h/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260307%2Fus-east-1%2Fs3%2Faws4_request", nil)
	none := httptest.NewRequest("GET", "http://h/", nil)
	bad := httptest.NewRequest("GET", "http://h/", nil)
	bad.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260307")
	cases := []struct {
		r                 *http.Request
		akid, region, svc string
		ok                bool
	}{
		{hdr, "AKID", "ap-northeast-2", "sts", true},
		{pre, "AKID", "us-east-1", "s3", true},
		{none, "", "", "", false},
		{bad, "", "", "", false},
	}
	for i, tc := range cases {
		a, r, s, ok := ParseScope(tc.r)
		if a != tc.akid || r != tc.region || s != tc.svc || ok != tc.ok {
			t.Errorf("case %d: ParseScope = %q %q %q %v", i, a, r, s, ok)
		}
	}
}

func TestDetectFamily(t *testing.T) {
	mk := func(h map[string]string) *http.Request {
		r := httptest.NewRequest("POST", "http://x/", nil)
		for k, v := range h {
			r.Header.Set(k, v)
		}
		return r
	}
	cases := []struct {
		r       *http.Request
		service string
		want    Family
	}{
		{mk(nil), "s3", FamilyS3},
		{mk(nil), "sts", FamilyQuery},
		{mk(nil), "cloudtrail", FamilyJSON},
		{mk(map[string]string{"Content-Type": "application/x-www-form-urlencoded"}), "monitoring", FamilyQuery},
		{mk(map[string]string{"Smithy-Protocol": "rpc-v2-cbor"}), "monitoring", FamilyJSON},
		{mk(map[string]string{"X-Amz-Target": "GraniteServiceVersion20100801.DescribeAlarms"}), "monitoring", FamilyJSON},
		{mk(map[string]string{"Content-Type": "application/x-amz-json-1.0"}), "", FamilyJSON},
	}
	for i, tc := range cases {
		if got := DetectFamily(tc.r, tc.service); got != tc.want {
			t.Errorf("case %d: DetectFamily = %v, want %v", i, got, tc.want)
		}
	}
}
