package sim_test

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// signed builds a request signed with the administrator's key for service.
func signed(t *testing.T, srvURL, method, path, service string, header map[string]string, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, srvURL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return req
}

func sign(t *testing.T, req *http.Request, body, service string, creds aws.Credentials) {
	t.Helper()
	sum := sha256.Sum256([]byte(body))
	hash := hex.EncodeToString(sum[:])
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hash, service, "ap-northeast-2", time.Now()); err != nil {
		t.Fatal(err)
	}
}

// TestMalformedRequestsGetAWSShapedErrors sends broken requests over real HTTP and
// checks each gets a 4xx in its own protocol's error shape, never a 5xx or a hang.
func TestMalformedRequestsGetAWSShapedErrors(t *testing.T) {
	s := newSim(t)
	srv := httptest.NewServer(s)
	defer srv.Close()
	admin := s.AdminCredentials()
	creds := aws.Credentials{AccessKeyID: admin.AccessKeyID, SecretAccessKey: admin.SecretAccessKey}
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
	cases := []struct {
		name       string
		method     string
		path       string
		service    string
		header     map[string]string
		body       string
		sign       bool
		wantStatus int
		wantIn     []string // substrings of the body
	}{
		{"unsigned query call", "POST", "/", "iam", form, "Action=ListUsers&Version=2010-05-08", false, 403,
			[]string{"<ErrorResponse", "<Code>MissingAuthenticationToken</Code>"}},
		{"unknown IAM action", "POST", "/", "iam", form, "Action=FlyToTheMoon&Version=2010-05-08", true, 400,
			[]string{"<Code>InvalidAction</Code>"}},
		{"IAM wrong type for MaxItems", "POST", "/", "iam", form, "Action=ListUsers&Version=2010-05-08&MaxItems=lots", true, 400,
			[]string{"<Code>InvalidParameterValue</Code>"}},
		{"IAM invalid user name", "POST", "/", "iam", form, "Action=CreateUser&Version=2010-05-08&UserName=has%20space", true, 400,
			[]string{"<Code>ValidationError</Code>", "regular expression pattern"}},
		{"query without action", "POST", "/", "iam", form, "Version=2010-05-08", true, 400,
			[]string{"<ErrorResponse", "<Code>MissingAction</Code>"}},
		{"garbage form encoding", "POST", "/", "iam", form, "Action=%zz", true, 404, // AWS documents 404 for MalformedQueryString
			[]string{"<Code>MalformedQueryString</Code>"}},
		{"unsigned JSON call", "POST", "/", "cloudtrail", map[string]string{"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.ListTrails"}, "{}", false, 400,
			[]string{`"__type"`}},
		{"bad CBOR path", "POST", "/service/GraniteServiceVersion20100801/operation/", "monitoring", map[string]string{"Content-Type": "application/cbor", "Smithy-Protocol": "rpc-v2-cbor"}, "", false, 404,
			[]string{"UnknownOperationException"}}, // CBOR text strings are readable in the bytes
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := signed(t, srv.URL, c.method, c.path, c.service, c.header, c.body)
			if c.sign {
				sign(t, req, c.body, c.service, creds)
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != c.wantStatus {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, c.wantStatus, b)
			}
			for _, w := range c.wantIn {
				if !strings.Contains(string(b), w) {
					t.Errorf("body lacks %q:\n%s", w, b)
				}
			}
		})
	}
}

// TestGzipQueryBody: botocore gzips large PutMetricData bodies in awsQuery too; the
// router must inflate them before recognising the protocol, and verify the signature
// on the bytes as sent.
func TestGzipQueryBody(t *testing.T) {
	s := newSim(t)
	srv := httptest.NewServer(s)
	defer srv.Close()
	form := "Action=PutMetricData&Version=2010-08-01&Namespace=Lab&MetricData.member.1.MetricName=Gzipped&MetricData.member.1.Value=1"
	var zb strings.Builder
	zw := gzip.NewWriter(&zb)
	zw.Write([]byte(form))
	zw.Close()
	body := zb.String()
	req := signed(t, srv.URL, "POST", "/", "monitoring", map[string]string{
		"Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Content-Encoding": "gzip"}, body)
	admin := s.AdminCredentials()
	sign(t, req, body, "monitoring", aws.Credentials{AccessKeyID: admin.AccessKeyID, SecretAccessKey: admin.SecretAccessKey})
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "PutMetricDataResponse") {
		t.Fatalf("status %d:\n%s", resp.StatusCode, b)
	}
}
