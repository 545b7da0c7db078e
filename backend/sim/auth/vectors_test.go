package auth

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// Worked examples published in AWS's documentation (General Reference "Create a
// canonical request" IAM example; S3 API Reference "Signature Calculations for
// the Authorization Header", "Query String Authentication" and "Transferring
// Payload in Multiple Chunks"). They pin the implementation to AWS's own
// numbers independently of the Go SDK signer.

const docSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

func docLookup(id string) (string, bool) {
	switch id {
	case "AKIAIOSFODNN7EXAMPLE":
		return docSecret, true
	case "AKIDEXAMPLE":
		return "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", true
	}
	return "", false
}

func docRequest(t *testing.T, method, url string, headers map[string]string, body string) *http.Request {
	t.Helper()
	r, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	return r
}

func TestAWSDocumentationVectors(t *testing.T) {
	s3Day := time.Date(2013, 5, 24, 0, 5, 0, 0, time.UTC)
	cases := []struct {
		name string
		req  *http.Request
		body string
		now  time.Time
	}{
		{
			name: "IAM ListUsers (General Reference)",
			req: docRequest(t, "GET", "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08", map[string]string{
				"Content-Type":  "application/x-www-form-urlencoded; charset=utf-8",
				"X-Amz-Date":    "20150830T123600Z",
				"Authorization": "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
			}, ""),
			now: time.Date(2015, 8, 30, 12, 40, 0, 0, time.UTC),
		},
		{
			name: "S3 GET object with Range",
			req: docRequest(t, "GET", "https://examplebucket.s3.amazonaws.com/test.txt", map[string]string{
				"Range":                "bytes=0-9",
				"X-Amz-Content-Sha256": emptySHA256,
				"X-Amz-Date":           "20130524T000000Z",
				"Authorization":        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
			}, ""),
			now: s3Day,
		},
		{
			name: "S3 PUT object with Date and storage class",
			req: docRequest(t, "PUT", "https://examplebucket.s3.amazonaws.com/test$file.text", map[string]string{
				"Date":                 "Fri, 24 May 2013 00:00:00 GMT",
				"X-Amz-Date":           "20130524T000000Z",
				"X-Amz-Storage-Class":  "REDUCED_REDUNDANCY",
				"X-Amz-Content-Sha256": "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
				"Authorization":        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
			}, "Welcome to Amazon S3."),
			body: "Welcome to Amazon S3.",
			now:  s3Day,
		},
		{
			name: "S3 GET bucket lifecycle (valueless param)",
			req: docRequest(t, "GET", "https://examplebucket.s3.amazonaws.com/?lifecycle", map[string]string{
				"X-Amz-Content-Sha256": emptySHA256,
				"X-Amz-Date":           "20130524T000000Z",
				"Authorization":        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
			}, ""),
			now: s3Day,
		},
		{
			name: "S3 list objects max-keys and prefix",
			req: docRequest(t, "GET", "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J", map[string]string{
				"X-Amz-Content-Sha256": emptySHA256,
				"X-Amz-Date":           "20130524T000000Z",
				"Authorization":        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
			}, ""),
			now: s3Day,
		},
		{
			name: "S3 presigned GET",
			req:  docRequest(t, "GET", "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", nil, ""),
			now:  s3Day,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body
			if _, err := Verify(tc.req, []byte(body), docLookup, tc.now); err != nil {
				t.Fatalf("rejected: %v %+v", err, err.(*Error).Fields)
			}
			// One byte off in the signature must fail.
			bad := tc.req.Clone(tc.req.Context())
			if bad.URL.Query().Get("X-Amz-Signature") != "" {
				bad.URL.RawQuery = strings.Replace(bad.URL.RawQuery, "X-Amz-Signature=a", "X-Amz-Signature=b", 1)
			} else {
				h := bad.Header.Get("Authorization")
				bad.Header.Set("Authorization", h[:len(h)-1]+"0")
			}
			if _, err := Verify(bad, []byte(body), docLookup, tc.now); err == nil {
				t.Fatal("corrupted signature accepted")
			}
		})
	}
}

// TestAWSStreamingVector replays the 65 KB chunked upload from "Transferring
// Payload in Multiple Chunks": seed, two data chunks and the final chunk.
func TestAWSStreamingVector(t *testing.T) {
	const (
		seed   = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
		chunk1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"
		chunk2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497"
		final  = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"
	)
	data := strings.Repeat("a", 66560)
	body := "10000;chunk-signature=" + chunk1 + "\r\n" + data[:65536] + "\r\n" +
		"400;chunk-signature=" + chunk2 + "\r\n" + data[65536:] + "\r\n" +
		"0;chunk-signature=" + final + "\r\n\r\n"
	if len(body) != 66824 {
		t.Fatalf("body length %d", len(body))
	}
	req := docRequest(t, "PUT", "https://s3.amazonaws.com/examplebucket/chunkObject.txt", map[string]string{
		"Content-Encoding":             "aws-chunked",
		"X-Amz-Content-Sha256":         streamingSigned,
		"X-Amz-Date":                   "20130524T000000Z",
		"X-Amz-Decoded-Content-Length": "66560",
		"X-Amz-Storage-Class":          "REDUCED_REDUNDANCY",
		"Authorization":                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=" + seed,
	}, body)
	sig, err := Verify(req, []byte(body), docLookup, time.Date(2013, 5, 24, 0, 1, 0, 0, time.UTC))
	if err != nil {
		t.Fatalf("seed rejected: %v", err)
	}
	if !sig.Streaming() || sig.SeedSignature != seed || sig.DecodedContentLength != 66560 {
		t.Fatalf("signature = %+v", sig)
	}
	payload, trailers, err := DecodeChunked([]byte(body), sig, docSecret, sig.SeedSignature)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if string(payload) != data || len(trailers) != 0 {
		t.Fatalf("payload %d bytes, trailers %v", len(payload), trailers)
	}
}
