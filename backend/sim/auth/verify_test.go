package auth

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

var fixedNow = time.Date(2026, 3, 7, 10, 0, 0, 0, time.UTC)

// Requests the SDK signer produces for the services the lab uses.
var (
	iamListUsers = reqSpec{method: "POST", service: "iam",
		headers: http.Header{"Content-Type": {"application/x-www-form-urlencoded; charset=utf-8"}},
		body:    []byte("Action=ListUsers&Version=2010-05-08")}
	stsCallerID = reqSpec{method: "POST", service: "sts",
		headers: http.Header{"Content-Type": {"application/x-www-form-urlencoded; charset=utf-8"}},
		body:    []byte("Action=GetCallerIdentity&Version=2011-06-15")}
	cwDescribeAlarms = reqSpec{method: "POST", service: "monitoring",
		path: "/service/GraniteServiceVersion20100801/operation/DescribeAlarms",
		headers: http.Header{"Smithy-Protocol": {"rpc-v2-cbor"}, "Content-Type": {"application/cbor"},
			"Accept": {"application/cbor"}, "X-Amzn-Query-Mode": {"true"}},
		body: []byte{0xbf, 0x6a, 'M', 'a', 'x', 'R', 'e', 'c', 'o', 'r', 'd', 's', 0x18, 0x32, 0xff}}
	ctLookupEvents = reqSpec{method: "POST", service: "cloudtrail",
		headers: http.Header{"X-Amz-Target": {"com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"},
			"Content-Type": {"application/x-amz-json-1.1"}},
		body: []byte(`{"MaxResults":50}`)}
	s3List = reqSpec{service: "s3", path: "/lab-trail-bucket", query: "list-type=2&prefix=AWSLogs%2F&delimiter=%2F"}
	s3Keys = reqSpec{service: "s3", path: "/lab-trail-bucket/AWSLogs/a b+c~d=e/한글 ünï/(x)!*'.json.gz"}
	s3Put  = reqSpec{method: "PUT", service: "s3", path: "/lab-trail-bucket/notes/hello world.txt",
		headers: http.Header{"Content-Type": {"text/plain"}, "X-Amz-Meta-Owner": {"lab  user"}},
		body:    []byte("hello, simulator\n")}
)

func with(s reqSpec, f func(*reqSpec)) reqSpec {
	s.headers = s.headers.Clone()
	if s.headers == nil {
		s.headers = http.Header{}
	}
	f(&s)
	return s
}

func rewriteAuth(f func(string) string) func(*http.Request) {
	return func(r *http.Request) { r.Header.Set("Authorization", f(r.Header.Get("Authorization"))) }
}

func setBody(b []byte) func(*http.Request) {
	return func(r *http.Request) {
		r.Body = io.NopCloser(bytes.NewReader(b))
		r.ContentLength = int64(len(b))
	}
}

var sigRE = regexp.MustCompile(`, Signature=[0-9a-f]+`)

type verifyCase struct {
	name       string
	spec       reqSpec
	offset     time.Duration // signing time relative to fixedNow
	creds      *aws.Credentials
	presign    bool
	expires    time.Duration
	unsigned   bool // send without signing
	mutate     func(*http.Request)
	wantCode   string // "" = accepted
	wantStatus int
	wantMsg    string // exact message, when set
	wantKind   Kind
}

func TestVerifyThroughServer(t *testing.T) {
	badSecret := aws.Credentials{AccessKeyID: testAKID, SecretAccessKey: "not-the-secret"}
	unknown := aws.Credentials{AccessKeyID: "AKIAUNKNOWNKEY000000", SecretAccessKey: testSecret}
	withToken := aws.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret, SessionToken: "FwoGZXIvYXdzEXAMPLE//token+="}
	const (
		expiredMsg = "Signature expired: 20260307T094000Z is now earlier than 20260307T094500Z (20260307T100000Z - 15 min.)"
		futureMsg  = "Signature not yet current: 20260307T102000Z is still later than 20260307T101500Z (20260307T100000Z + 15 min.)"
	)
	cases := []verifyCase{
		// Accepted requests, one per protocol shape.
		{name: "iam query POST", spec: iamListUsers},
		{name: "sts query POST", spec: stsCallerID},
		{name: "monitoring cbor path", spec: cwDescribeAlarms},
		{name: "cloudtrail json", spec: ctLookupEvents},
		{name: "s3 ListObjectsV2 prefix", spec: s3List},
		{name: "s3 keys with space unicode plus tilde equals", spec: s3Keys},
		{name: "s3 put hex payload", spec: s3Put},
		{name: "s3 put unsigned payload", spec: with(s3Put, func(s *reqSpec) { s.payload = unsignedPayload })},
		{name: "s3 empty-valued and repeated params", spec: with(s3List, func(s *reqSpec) { s.query = "acl=&versionId=b&versionId=a&x-id=GetObject" })},
		{name: "query order as sent does not matter", spec: s3List, mutate: func(r *http.Request) {
			r.URL.RawQuery = "prefix=AWSLogs%2F&list-type=2&delimiter=/"
		}},
		{name: "repeated and spaced headers", spec: with(stsCallerID, func(s *reqSpec) {
			s.headers["X-Lab-Trace"] = []string{"one", "two   words  here"}
		})},
		{name: "session token", spec: stsCallerID, creds: &withToken},
		{name: "skew just inside window", spec: stsCallerID, offset: -14 * time.Minute},
		{name: "non-s3 path double encoded", spec: reqSpec{service: "execute-api", path: "/prod/my fn:alias/ሴ", query: "q=a%20b"}},
		{name: "presigned s3 get", spec: s3Keys, presign: true, expires: 15 * time.Minute},
		{name: "presigned s3 get old but unexpired", spec: s3Keys, presign: true, expires: 24 * time.Hour, offset: -20 * time.Hour},
		{name: "presigned sts get", spec: reqSpec{service: "sts", query: "Action=GetCallerIdentity&Version=2011-06-15"}, presign: true},

		// Wrong secret.
		{name: "wrong secret query", spec: stsCallerID, creds: &badSecret, wantCode: "SignatureDoesNotMatch", wantStatus: 403, wantMsg: msgMismatch, wantKind: KindMismatch},
		{name: "wrong secret cbor", spec: cwDescribeAlarms, creds: &badSecret, wantCode: "InvalidSignatureException", wantStatus: 400, wantMsg: msgMismatch},
		{name: "wrong secret json", spec: ctLookupEvents, creds: &badSecret, wantCode: "InvalidSignatureException", wantStatus: 400, wantMsg: msgMismatch},
		{name: "wrong secret s3", spec: s3Keys, creds: &badSecret, wantCode: "SignatureDoesNotMatch", wantStatus: 403, wantMsg: msgS3Mismatch},
		{name: "wrong secret s3 presigned", spec: s3Keys, creds: &badSecret, presign: true, expires: time.Hour, wantCode: "SignatureDoesNotMatch", wantStatus: 403},

		// Unknown access key.
		{name: "unknown key query", spec: iamListUsers, creds: &unknown, wantCode: "InvalidClientTokenId", wantStatus: 403, wantMsg: "The security token included in the request is invalid.", wantKind: KindUnknownKey},
		{name: "unknown key json", spec: ctLookupEvents, creds: &unknown, wantCode: "UnrecognizedClientException", wantStatus: 400, wantMsg: "The security token included in the request is invalid."},
		{name: "unknown key s3", spec: s3List, creds: &unknown, wantCode: "InvalidAccessKeyId", wantStatus: 403, wantMsg: "The AWS Access Key Id you provided does not exist in our records."},

		// Tampering after signing.
		{name: "tampered header", spec: with(stsCallerID, func(s *reqSpec) { s.headers.Set("X-Lab-Trace", "a") }),
			mutate: func(r *http.Request) { r.Header.Set("X-Lab-Trace", "b") }, wantCode: "SignatureDoesNotMatch", wantStatus: 403},
		{name: "tampered content-type", spec: iamListUsers,
			mutate: func(r *http.Request) { r.Header.Set("Content-Type", "application/json") }, wantCode: "SignatureDoesNotMatch", wantStatus: 403},
		{name: "tampered body query", spec: stsCallerID, mutate: setBody([]byte("Action=GetCallerIdentity&Version=2011-06-16")),
			wantCode: "SignatureDoesNotMatch", wantStatus: 403},
		{name: "tampered body json", spec: ctLookupEvents, mutate: setBody([]byte(`{"MaxResults":51}`)),
			wantCode: "InvalidSignatureException", wantStatus: 400},
		{name: "tampered body s3 hex payload", spec: s3Put, mutate: setBody([]byte("hello, SIMULATOR\n")),
			wantCode: "XAmzContentSHA256Mismatch", wantStatus: 400, wantMsg: "The provided 'x-amz-content-sha256' header does not match what was computed.", wantKind: KindPayload},
		{name: "tampered query s3", spec: s3List, mutate: func(r *http.Request) { r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "AWSLogs", "AWSLogz", 1) },
			wantCode: "SignatureDoesNotMatch", wantStatus: 403},
		{name: "tampered path s3", spec: s3Keys, mutate: func(r *http.Request) {
			r.URL.Path = strings.Replace(r.URL.Path, "a b", "a c", 1)
			r.URL.RawPath = strings.Replace(r.URL.RawPath, "a%20b", "a%20c", 1)
		},
			wantCode: "SignatureDoesNotMatch", wantStatus: 403},
		{name: "tampered method", spec: s3Keys, mutate: func(r *http.Request) { r.Method = http.MethodDelete },
			wantCode: "SignatureDoesNotMatch", wantStatus: 403},

		// Clock skew and presigned expiry.
		{name: "skew past query", spec: stsCallerID, offset: -20 * time.Minute, wantCode: "SignatureDoesNotMatch", wantStatus: 403, wantMsg: expiredMsg, wantKind: KindExpired},
		{name: "skew future json", spec: ctLookupEvents, offset: 20 * time.Minute, wantCode: "InvalidSignatureException", wantStatus: 400, wantMsg: futureMsg},
		{name: "skew s3", spec: s3List, offset: -20 * time.Minute, wantCode: "RequestTimeTooSkewed", wantStatus: 403, wantMsg: "The difference between the request time and the current time is too large."},
		{name: "presign expired s3", spec: s3Keys, presign: true, expires: time.Hour, offset: -2 * time.Hour, wantCode: "AccessDenied", wantStatus: 403, wantMsg: "Request has expired", wantKind: KindExpired},
		{name: "presign not yet valid s3", spec: s3Keys, presign: true, expires: time.Hour, offset: time.Hour, wantCode: "AccessDenied", wantStatus: 403, wantMsg: "Request is not yet valid"},
		{name: "presign over a week s3", spec: s3Keys, presign: true, expires: 8 * 24 * time.Hour, wantCode: "AuthorizationQueryParametersError", wantStatus: 400,
			wantMsg: "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds"},
		{name: "presign sts ignores expires", spec: reqSpec{service: "sts", query: "Action=GetCallerIdentity&Version=2011-06-15"}, presign: true, expires: time.Hour, offset: -20 * time.Minute,
			wantCode: "SignatureDoesNotMatch", wantStatus: 403, wantMsg: expiredMsg},

		// Missing or malformed authentication.
		{name: "missing auth query", spec: stsCallerID, unsigned: true, wantCode: "MissingAuthenticationToken", wantStatus: 403, wantMsg: "Request is missing Authentication Token", wantKind: KindMissing},
		{name: "missing auth json", spec: ctLookupEvents, unsigned: true, wantCode: "MissingAuthenticationTokenException", wantStatus: 400, wantMsg: "Request is missing Authentication Token"},
		{name: "missing signature component", spec: stsCallerID, mutate: rewriteAuth(func(h string) string { return sigRE.ReplaceAllString(h, "") }),
			wantCode: "IncompleteSignature", wantStatus: 400, wantKind: KindMalformed},
		{name: "credential with four parts", spec: stsCallerID, mutate: rewriteAuth(func(h string) string { return strings.Replace(h, "/aws4_request", "", 1) }),
			wantCode: "IncompleteSignature", wantStatus: 400,
			wantMsg: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '" + testAKID + "/20260307/ap-northeast-2/sts'"},
		{name: "scope date mismatch", spec: stsCallerID, mutate: rewriteAuth(func(h string) string { return strings.Replace(h, "/20260307/", "/20260306/", 1) }),
			wantCode: "SignatureDoesNotMatch", wantStatus: 403, wantKind: KindScope,
			wantMsg: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260306' != '20260307', from '20260307T100000Z'."},
		{name: "host not signed", spec: stsCallerID, mutate: rewriteAuth(func(h string) string { return strings.Replace(h, "host;", "", 1) }),
			wantCode: "SignatureDoesNotMatch", wantStatus: 403, wantMsg: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."},
		{name: "sigv4a algorithm", spec: stsCallerID, mutate: rewriteAuth(func(h string) string { return strings.Replace(h, "AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256", 1) }),
			wantCode: "IncompleteSignature", wantStatus: 400, wantMsg: "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256' (only AWS4-HMAC-SHA256 for now). ", wantKind: KindUnsupported},
		{name: "missing x-amz-date", spec: stsCallerID, mutate: func(r *http.Request) { r.Header.Del("X-Amz-Date") },
			wantCode: "IncompleteSignature", wantStatus: 400},
		{name: "s3 missing content sha", spec: s3List, mutate: func(r *http.Request) { r.Header.Del("X-Amz-Content-Sha256") },
			wantCode: "InvalidRequest", wantStatus: 400, wantMsg: "Missing required header for this request: x-amz-content-sha256"},
		{name: "s3 invalid content sha", spec: s3List, mutate: func(r *http.Request) { r.Header.Set("X-Amz-Content-Sha256", "abc") },
			wantCode: "InvalidArgument", wantStatus: 400, wantMsg: msgS3BadHash},
		{name: "s3 unsigned amz header", spec: s3Put, mutate: func(r *http.Request) { r.Header.Set("X-Amz-Meta-Extra", "1") },
			wantCode: "AccessDenied", wantStatus: 403, wantMsg: "There were headers present in the request which were not signed", wantKind: KindUnsignedHeaders},
		{name: "s3 mixed auth", spec: s3Keys, presign: true, expires: time.Hour, mutate: func(r *http.Request) { r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=x") },
			wantCode: "InvalidArgument", wantStatus: 400},
		{name: "s3 presign missing expires", spec: s3Keys, presign: true, mutate: func(r *http.Request) {}, wantCode: "AuthorizationQueryParametersError", wantStatus: 400, wantMsg: msgS3Presign},
	}
	vs := newVerifyServer(t, false)
	vs.now = func() time.Time { return fixedNow }
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			creds := testCreds
			if tc.creds != nil {
				creds = *tc.creds
			}
			var req *http.Request
			switch {
			case tc.presign:
				req = tc.spec.presign(t, vs.URL, creds, fixedNow.Add(tc.offset), tc.expires)
			default:
				req = tc.spec.build(t, vs.URL)
				if !tc.unsigned {
					tc.spec.sign(t, req, creds, fixedNow.Add(tc.offset))
				}
			}
			if tc.mutate != nil {
				tc.mutate(req)
			}
			o := vs.do(t, req)
			checkOutcome(t, o, tc)
			if tc.wantCode == "" {
				if o.sig.AccessKeyID != testAKID || o.sig.Region != testRegion || o.sig.Service != tc.spec.service || o.sig.Presigned != tc.presign {
					t.Errorf("signature = %+v", o.sig)
				}
				if creds.SessionToken != "" && o.sig.SessionToken != creds.SessionToken {
					t.Errorf("session token = %q", o.sig.SessionToken)
				}
			}
		})
	}
}

func checkOutcome(t *testing.T, o outcome, tc verifyCase) {
	t.Helper()
	if tc.wantCode == "" {
		if o.err != nil {
			t.Fatalf("rejected: %v %+v", o.err, o.err.Fields)
		}
		return
	}
	if o.err == nil {
		t.Fatalf("accepted, want %s", tc.wantCode)
	}
	if o.err.Code != tc.wantCode || o.err.Status != tc.wantStatus {
		t.Errorf("got %s/%d (%s), want %s/%d", o.err.Code, o.err.Status, o.err.Message, tc.wantCode, tc.wantStatus)
	}
	if tc.wantMsg != "" && o.err.Message != tc.wantMsg {
		t.Errorf("message\n got %q\nwant %q", o.err.Message, tc.wantMsg)
	}
	if tc.wantKind != "" && o.err.Kind != tc.wantKind {
		t.Errorf("kind = %s, want %s", o.err.Kind, tc.wantKind)
	}
}
