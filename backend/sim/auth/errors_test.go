package auth

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

func fieldMap(fs []Field) map[string]string {
	m := make(map[string]string, len(fs))
	for _, f := range fs {
		m[f.Name] = f.Value
	}
	return m
}

// TestS3ErrorFields checks the extra XML elements S3 puts in its answers.
func TestS3ErrorFields(t *testing.T) {
	vs := newVerifyServer(t, false)
	vs.now = func() time.Time { return fixedNow }
	badSecret := aws.Credentials{AccessKeyID: testAKID, SecretAccessKey: "nope"}
	cases := []struct {
		name   string
		req    func() *http.Request
		code   string
		fields map[string]string // exact values; "*" = present
	}{
		{"SignatureDoesNotMatch", func() *http.Request {
			r := s3List.build(t, vs.URL)
			s3List.sign(t, r, badSecret, fixedNow)
			return r
		}, "SignatureDoesNotMatch", map[string]string{
			"AWSAccessKeyId": testAKID, "StringToSign": "*", "SignatureProvided": "*",
			"StringToSignBytes": "*", "CanonicalRequest": "*", "CanonicalRequestBytes": "*"}},
		{"InvalidAccessKeyId", func() *http.Request {
			r := s3List.build(t, vs.URL)
			s3List.sign(t, r, aws.Credentials{AccessKeyID: "AKIAGHOST", SecretAccessKey: "x"}, fixedNow)
			return r
		}, "InvalidAccessKeyId", map[string]string{"AWSAccessKeyId": "AKIAGHOST"}},
		{"RequestTimeTooSkewed", func() *http.Request {
			r := s3List.build(t, vs.URL)
			s3List.sign(t, r, testCreds, fixedNow.Add(-time.Hour))
			return r
		}, "RequestTimeTooSkewed", map[string]string{"RequestTime": "20260307T090000Z", "ServerTime": "2026-03-07T10:00:00Z", "MaxAllowedSkewMilliseconds": "900000"}},
		{"presign expired", func() *http.Request {
			return s3Keys.presign(t, vs.URL, testCreds, fixedNow.Add(-2*time.Hour), time.Hour)
		}, "AccessDenied", map[string]string{"X-Amz-Expires": "3600", "Expires": "2026-03-07T09:00:00Z", "ServerTime": "2026-03-07T10:00:00Z"}},
		{"presign not yet valid", func() *http.Request {
			return s3Keys.presign(t, vs.URL, testCreds, fixedNow.Add(time.Hour), time.Hour)
		}, "AccessDenied", map[string]string{"X-Amz-Date": "1772881200000", "Expires": "2026-03-07T12:00:00Z", "ServerTime": "2026-03-07T10:00:00Z"}},
		{"XAmzContentSHA256Mismatch", func() *http.Request {
			r := s3Put.build(t, vs.URL)
			s3Put.sign(t, r, testCreds, fixedNow)
			setBody([]byte("hello, SIMULATOR\n"))(r)
			return r
		}, "XAmzContentSHA256Mismatch", map[string]string{"ClientComputedContentSHA256": sha(s3Put.body), "S3ComputedContentSHA256": sha([]byte("hello, SIMULATOR\n"))}},
		{"HeadersNotSigned", func() *http.Request {
			r := s3Put.build(t, vs.URL)
			s3Put.sign(t, r, testCreds, fixedNow)
			r.Header.Set("X-Amz-Tagging", "a=b")
			r.Header.Set("X-Amz-Acl", "private")
			return r
		}, "AccessDenied", map[string]string{"HeadersNotSigned": "x-amz-acl, x-amz-tagging"}},
		{"mixed auth", func() *http.Request {
			r := s3Keys.presign(t, vs.URL, testCreds, fixedNow, time.Hour)
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 x")
			return r
		}, "InvalidArgument", map[string]string{"ArgumentName": "Authorization", "ArgumentValue": "AWS4-HMAC-SHA256 x"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := vs.do(t, tc.req())
			if o.err == nil || o.err.Code != tc.code || o.err.Family != FamilyS3 {
				t.Fatalf("got %v, want %s", o.err, tc.code)
			}
			got := fieldMap(o.err.Fields)
			if len(got) != len(tc.fields) {
				t.Errorf("fields = %v", got)
			}
			for k, want := range tc.fields {
				if v, ok := got[k]; !ok || want != "*" && v != want {
					t.Errorf("%s = %q, want %q", k, v, want)
				}
			}
		})
	}
}

func TestSignatureMismatchEchoesStringToSign(t *testing.T) {
	vs := newVerifyServer(t, false)
	vs.now = func() time.Time { return fixedNow }
	r := s3Keys.build(t, vs.URL)
	s3Keys.sign(t, r, aws.Credentials{AccessKeyID: testAKID, SecretAccessKey: "nope"}, fixedNow)
	o := vs.do(t, r)
	f := fieldMap(o.err.Fields)
	wantSTS := "AWS4-HMAC-SHA256\n20260307T100000Z\n20260307/ap-northeast-2/s3/aws4_request\n"
	if !strings.HasPrefix(f["StringToSign"], wantSTS) || !strings.HasPrefix(f["StringToSignBytes"], "41 57 53 34 2d") {
		t.Errorf("StringToSign %q / bytes %q", f["StringToSign"], f["StringToSignBytes"][:20])
	}
	wantCR := "GET\n/lab-trail-bucket/AWSLogs/a%20b%2Bc~d%3De/%ED%95%9C%EA%B8%80%20%C3%BCn%C3%AF/%28x%29%21%2A%27.json.gz\n\nhost:"
	if !strings.HasPrefix(f["CanonicalRequest"], wantCR) {
		t.Errorf("CanonicalRequest %q", f["CanonicalRequest"])
	}
	if !strings.HasSuffix(f["CanonicalRequest"], "\nhost;x-amz-content-sha256;x-amz-date\n"+emptySHA256) {
		t.Errorf("CanonicalRequest %q", f["CanonicalRequest"])
	}
}

func TestForFamily(t *testing.T) {
	now := fixedNow
	anon := httptest.NewRequest("GET", "http://x/bucket/key", nil)
	sigv2 := httptest.NewRequest("GET", "http://x/bucket/key", nil)
	sigv2.Header.Set("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=")
	bearer := httptest.NewRequest("GET", "http://x/bucket/key", nil)
	bearer.Header.Set("Authorization", "Bearer abc")
	verr := func(r *http.Request) *Error {
		_, err := Verify(r, nil, testLookup, now)
		if err == nil {
			t.Fatal("accepted")
		}
		return err.(*Error)
	}
	cases := []struct {
		name       string
		err        *Error
		fam        Family
		code, msg  string
		status     int
		kind       Kind
		wantFields int
	}{
		{"anonymous as query", verr(anon), FamilyQuery, "MissingAuthenticationToken", "Request is missing Authentication Token", 403, KindMissing, 0},
		{"anonymous as json", verr(anon), FamilyJSON, "MissingAuthenticationTokenException", "Request is missing Authentication Token", 400, KindMissing, 0},
		{"anonymous as s3", verr(anon), FamilyS3, "AccessDenied", "Access Denied", 403, KindMissing, 0},
		{"sigv2 as query", verr(sigv2), FamilyQuery, "MissingAuthenticationToken", "Request is missing Authentication Token", 403, KindUnsupported, 0},
		{"sigv2 as s3", verr(sigv2), FamilyS3, "InvalidRequest", "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.", 400, KindUnsupported, 0},
		{"bearer as s3", verr(bearer), FamilyS3, "InvalidArgument", "Unsupported Authorization Type", 400, KindUnsupported, 2},
		{"unknown key as json", errUnknownKey(FamilyQuery, "AKIA"), FamilyJSON, "UnrecognizedClientException", msgBadToken, 400, KindUnknownKey, 0},
		{"mismatch as s3", errMismatch(FamilyQuery, "AKIA", "sts", "cr", "sig"), FamilyS3, "SignatureDoesNotMatch", msgS3Mismatch, 403, KindMismatch, 6},
		{"skew as s3", errSkew(FamilyQuery, "20260307T090000Z", now.Add(-time.Hour), now), FamilyS3, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", 403, KindExpired, 3},
	}
	for _, tc := range cases {
		e := tc.err.ForFamily(tc.fam)
		if e.Family != tc.fam || e.Code != tc.code || e.Message != tc.msg || e.Status != tc.status || e.Kind != tc.kind || len(e.Fields) != tc.wantFields {
			t.Errorf("%s: got %+v", tc.name, e)
		}
		if e.Error() != tc.code+": "+tc.msg {
			t.Errorf("%s: Error() = %q", tc.name, e.Error())
		}
	}
	var nilErr *Error
	if nilErr.ForFamily(FamilyS3) != nil {
		t.Error("nil ForFamily")
	}
}

func TestIncompleteSignatureMessages(t *testing.T) {
	now := fixedNow
	mk := func(authz string, date bool) *http.Request {
		r := httptest.NewRequest("POST", "http://sts.amazonaws.com/", strings.NewReader("Action=GetCallerIdentity"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Authorization", authz)
		if date {
			r.Header.Set("X-Amz-Date", now.Format(isoBasic))
		}
		return r
	}
	cred := "Credential=" + testAKID + "/20260307/ap-northeast-2/sts/aws4_request"
	cases := []struct {
		name, authz string
		date        bool
		msg         string
	}{
		{"only algorithm", "AWS4-HMAC-SHA256", false,
			"Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256"},
		{"no signature", "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host", true,
			"Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host"},
		{"space in credential", "AWS4-HMAC-SHA256 Credential=" + testAKID + " /20260307/ap-northeast-2/sts/aws4_request, SignedHeaders=host, Signature=00", true,
			"'/20260307/ap-northeast-2/sts/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential=" + testAKID + " /20260307/ap-northeast-2/sts/aws4_request, SignedHeaders=host, Signature=00'."},
		{"bad date", "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, Signature=00", false, ""},
	}
	for _, tc := range cases {
		r := mk(tc.authz, tc.date)
		if tc.name == "bad date" {
			r.Header.Set("X-Amz-Date", "2026-03-07T10:00:00Z")
			tc.msg = "Date must be in ISO-8601 'basic format'. Got '2026-03-07T10:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601"
		}
		_, err := Verify(r, []byte("Action=GetCallerIdentity"), testLookup, now)
		e, _ := err.(*Error)
		if e == nil || e.Code != "IncompleteSignature" || e.Status != 400 || e.Message != tc.msg {
			t.Errorf("%s:\n got %v\nwant IncompleteSignature: %s", tc.name, err, tc.msg)
		}
	}
}

func TestVerifyChecksumHeaders(t *testing.T) {
	payload := []byte("hello world")
	h := http.Header{}
	h.Set("X-Amz-Checksum-Crc32", crc32Of("hello world"))
	h.Set("X-Amz-Checksum-Type", "FULL_OBJECT")
	if err := VerifyChecksumHeaders(h, payload); err != nil {
		t.Fatalf("valid: %v", err)
	}
	h.Set("X-Amz-Checksum-Crc32", crc32Of("other"))
	if err := VerifyChecksumHeaders(h, payload); err == nil || err.(*Error).Code != "BadDigest" {
		t.Fatalf("mismatch: %v", err)
	}
	h.Set("X-Amz-Checksum-Crc32", "AAAA")
	if err := VerifyChecksumHeaders(h, payload); err == nil || err.(*Error).Message != "Value for x-amz-checksum-crc32 header is invalid." {
		t.Fatalf("invalid: %v", err)
	}
}
