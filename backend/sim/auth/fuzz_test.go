package auth

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// FuzzVerify feeds arbitrary Authorization headers, query strings, paths,
// dates and bodies to Verify, ParseScope and DecodeChunked: none may panic,
// and every failure must be an *Error with a code and status.
func FuzzVerify(f *testing.F) {
	signed := stsCallerID.build(f, "http://127.0.0.1:1")
	stsCallerID.sign(f, signed, testCreds, fixedNow)
	pre := s3Keys.presign(f, "http://127.0.0.1:1", testCreds, fixedNow, time.Hour)
	chunked := newChunkEncoder(true, strings.Repeat("a", 64), fixedNow).encode("hello chunked world", 5, [][2]string{{"x-amz-checksum-crc32", crc32Of("hello chunked world")}}, true)

	f.Add(signed.Header.Get("Authorization"), "", "/", fixedNow.Format(isoBasic), "", string(stsCallerID.body))
	f.Add("", pre.URL.RawQuery, pre.URL.EscapedPath(), "", "", "")
	f.Add("AWS4-HMAC-SHA256", "", "/", "", "", "")
	f.Add("AWS4-HMAC-SHA256 Credential=/////, SignedHeaders=;;;, Signature=", "", "/a/../../b", "20260307T100000Z", "UNSIGNED-PAYLOAD", "")
	f.Add("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260307/ap-northeast-2/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=00", "X-Amz-Algorithm=x", "/b/%zz/%", "20260307T100000Z", streamingSignedTrailer, chunked)
	f.Add("AWS AKIA:sig", "X-Amz-Credential=%2F%2F&&&=&X-Amz-Expires=-1", "//./", "Fri, 07 Mar 2026 10:00:00 GMT", "zz", "0\r\n\r\n")
	f.Add("AWS4-X Credential==,=,,  ,", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260307T100000Z&X-Amz-Expires=99999999999999999999", "", "99999999T999999Z", streamingUnsignedTrailer, "ffffffffffffffff\r\n")

	f.Fuzz(func(t *testing.T, authz, rawQuery, path, amzDate, contentSHA, body string) {
		r := &http.Request{
			Method: http.MethodPost,
			URL:    &url.URL{Path: path, RawPath: path, RawQuery: rawQuery},
			Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded; charset=utf-8"}},
			Host:   "127.0.0.1:1",
			Body:   http.NoBody,
		}
		for k, v := range map[string]string{"Authorization": authz, "X-Amz-Date": amzDate, "X-Amz-Content-Sha256": contentSHA} {
			if v != "" {
				r.Header.Set(k, v)
			}
		}
		ParseScope(r)
		sig, err := Verify(r, []byte(body), testLookup, fixedNow)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Code == "" || e.Status < 400 || sig != nil {
				t.Fatalf("bad error %#v", err)
			}
			for _, fam := range []Family{FamilyQuery, FamilyJSON, FamilyS3} {
				if g := e.ForFamily(fam); g.Code == "" || g.Status < 400 {
					t.Fatalf("bad %v rendering %#v", fam, g)
				}
			}
		}
		for _, mode := range []string{streamingSigned, streamingSignedTrailer, streamingUnsignedTrailer} {
			s := &Signature{AccessKeyID: testAKID, Date: fixedNow, Region: testRegion, Service: "s3", PayloadHash: mode, DecodedContentLength: -1, Trailers: []string{contentSHA}}
			p, _, derr := DecodeChunked([]byte(body), s, testSecret, strings.Repeat("a", 64))
			if derr == nil && len(p) > len(body) {
				t.Fatalf("decoded %d bytes from %d", len(p), len(body))
			}
			if derr != nil {
				if _, ok := derr.(*Error); !ok || p != nil {
					t.Fatalf("bad decode error %#v", derr)
				}
			}
		}
	})
}
