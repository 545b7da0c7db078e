package auth

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// End-to-end tests with the real SDK clients: whatever the SDK sends (header
// checksums over HTTP, aws-chunked bodies with trailing checksums over HTTPS)
// must verify and decode back to the original bytes.

// sdkConfig builds aws.Config by hand: config.LoadDefaultConfig would pick up
// this machine's AWS_CA_BUNDLE and profile settings.
func sdkConfig(vs *verifyServer, creds aws.Credentials) aws.Config {
	return aws.Config{
		Region:       testRegion,
		Credentials:  credentials.NewStaticCredentialsProvider(creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken),
		BaseEndpoint: aws.String(vs.URL),
		HTTPClient:   vs.Client(),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
}

// next returns the outcome of the request the server saw last.
func (vs *verifyServer) next(t *testing.T) outcome {
	t.Helper()
	select {
	case o := <-vs.results:
		return o
	case <-time.After(5 * time.Second):
		t.Fatal("server saw no request")
	}
	return outcome{}
}

// writeQueryError renders an awsQuery error so the SDK reports the code.
func writeQueryError(w http.ResponseWriter, e *Error) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(e.Status)
	fmt.Fprintf(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`, e.Code, e.Message)
}

func TestSDKSTSGetCallerIdentity(t *testing.T) {
	vs := newVerifyServer(t, false)
	vs.respond = func(w http.ResponseWriter, r *http.Request, o outcome) {
		if o.err != nil {
			writeQueryError(w, o.err)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprintf(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/lab</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`)
	}
	cases := []struct {
		name     string
		creds    aws.Credentials
		wantCode string
	}{
		{"valid", testCreds, ""},
		{"session token", aws.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret, SessionToken: "tok"}, ""},
		{"wrong secret", aws.Credentials{AccessKeyID: testAKID, SecretAccessKey: "nope"}, "SignatureDoesNotMatch"},
		{"unknown key", aws.Credentials{AccessKeyID: "AKIANOBODY", SecretAccessKey: testSecret}, "InvalidClientTokenId"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := sts.NewFromConfig(sdkConfig(vs, tc.creds)).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
			o := vs.next(t)
			if tc.wantCode == "" {
				if err != nil || o.err != nil {
					t.Fatalf("client err %v, server err %v", err, o.err)
				}
				if aws.ToString(out.Account) != "123456789012" || o.sig.Service != "sts" || o.sig.Region != testRegion {
					t.Fatalf("out=%+v sig=%+v", out, o.sig)
				}
				return
			}
			var apiErr smithy.APIError
			if !errors.As(err, &apiErr) || apiErr.ErrorCode() != tc.wantCode || o.err == nil || o.err.Code != tc.wantCode {
				t.Fatalf("client err %v, server err %v, want %s", err, o.err, tc.wantCode)
			}
		})
	}
}

func TestSDKS3Uploads(t *testing.T) {
	payload := make([]byte, 100*1024+17)
	rand.Read(payload)
	algs := []types.ChecksumAlgorithm{"", types.ChecksumAlgorithmCrc32, types.ChecksumAlgorithmCrc32c,
		types.ChecksumAlgorithmCrc64nvme, types.ChecksumAlgorithmSha1, types.ChecksumAlgorithmSha256}
	for _, tlsOn := range []bool{false, true} {
		vs := newVerifyServer(t, tlsOn)
		var decoded []byte
		var trailers http.Header
		var decodeErr error
		vs.respond = func(w http.ResponseWriter, r *http.Request, o outcome) {
			decoded, trailers, decodeErr = nil, nil, nil
			if o.err != nil {
				http.Error(w, o.err.Code, o.err.Status)
				return
			}
			decoded, trailers, decodeErr = DecodeChunked(o.body, o.sig, testSecret, o.sig.SeedSignature)
			w.Header().Set("ETag", `"etag"`)
		}
		for _, alg := range algs {
			t.Run(fmt.Sprintf("tls=%v/checksum=%s", tlsOn, alg), func(t *testing.T) {
				cfg := sdkConfig(vs, testCreds)
				if alg != "" {
					cfg.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenSupported
				}
				client := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
				ctx := context.Background()
				key := "uploads/a b+c~d=e/한글.bin"

				_, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("lab-bucket"), Key: aws.String(key),
					Body: bytes.NewReader(payload), ChecksumAlgorithm: alg})
				o := vs.next(t)
				if err != nil || o.err != nil || decodeErr != nil {
					t.Fatalf("PutObject: client %v, verify %v, decode %v", err, o.err, decodeErr)
				}
				if !bytes.Equal(decoded, payload) {
					t.Fatalf("decoded %d bytes, want %d", len(decoded), len(payload))
				}
				wantStreaming := tlsOn && alg != ""
				if o.sig.Streaming() != wantStreaming {
					t.Fatalf("payload hash %s, want streaming=%v", o.sig.PayloadHash, wantStreaming)
				}
				if wantStreaming && trailers.Get("x-amz-checksum-"+strings.ToLower(string(alg))) == "" {
					t.Fatalf("trailers = %v", trailers)
				}

				_, err = client.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("lab-bucket"), Key: aws.String(key),
					PartNumber: aws.Int32(1), UploadId: aws.String("upload-1"), Body: bytes.NewReader(payload), ChecksumAlgorithm: alg})
				o = vs.next(t)
				if err != nil || o.err != nil || decodeErr != nil || !bytes.Equal(decoded, payload) {
					t.Fatalf("UploadPart: client %v, verify %v, decode %v, %d bytes", err, o.err, decodeErr, len(decoded))
				}

				// Wrong secret must be refused by the server.
				cfg.Credentials = credentials.NewStaticCredentialsProvider(testAKID, "x", "")
				bad := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
				_, err = bad.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("lab-bucket"), Key: aws.String(key),
					Body: bytes.NewReader(payload), ChecksumAlgorithm: alg})
				if o = vs.next(t); err == nil || o.err == nil || o.err.Code != "SignatureDoesNotMatch" {
					t.Fatalf("wrong secret: client %v, server %v", err, o.err)
				}
			})
		}
	}
}

func TestSDKS3ReadsAndPresign(t *testing.T) {
	vs := newVerifyServer(t, false)
	vs.respond = func(w http.ResponseWriter, r *http.Request, o outcome) {
		if o.err != nil {
			http.Error(w, o.err.Code, o.err.Status)
			return
		}
		if r.URL.Query().Get("list-type") == "2" {
			w.Header().Set("Content-Type", "application/xml")
			io.WriteString(w, `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>lab-bucket</Name><Prefix>AWSLogs/</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>`)
			return
		}
		io.WriteString(w, "object body")
	}
	client := s3.NewFromConfig(sdkConfig(vs, testCreds), func(o *s3.Options) { o.UsePathStyle = true })
	ctx := context.Background()

	if _, err := client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("lab-bucket"), Prefix: aws.String("AWSLogs/"), Delimiter: aws.String("/")}); err != nil {
		t.Fatalf("ListObjectsV2: %v", err)
	}
	if o := vs.next(t); o.err != nil {
		t.Fatalf("ListObjectsV2 verify: %v", o.err)
	}
	for _, key := range []string{"AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/03/07/file.json.gz", "sp ace/plus+/tilde~/eq=/ü/한", "dot/./dot/../x"} {
		out, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("lab-bucket"), Key: aws.String(key)})
		if err != nil {
			t.Fatalf("GetObject %q: %v", key, err)
		}
		out.Body.Close()
		if o := vs.next(t); o.err != nil {
			t.Fatalf("GetObject %q verify: %v %+v", key, o.err, o.err.Fields)
		}

		pre, err := s3.NewPresignClient(client).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("lab-bucket"), Key: aws.String(key)},
			s3.WithPresignExpires(10*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := vs.Client().Get(pre.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		o := vs.next(t)
		if o.err != nil || !o.sig.Presigned || o.sig.Expires != 10*time.Minute {
			t.Fatalf("presigned %q: %v sig=%+v url=%s", key, o.err, o.sig, pre.URL)
		}
	}
}

// TestSDKOtherServices signs one call per remaining lab service with its real
// client; only the server-side verification matters, not the dummy response.
func TestSDKOtherServices(t *testing.T) {
	vs := newVerifyServer(t, false)
	vs.respond = func(w http.ResponseWriter, r *http.Request, o outcome) {
		if o.err != nil {
			http.Error(w, o.err.Code, o.err.Status)
		}
	}
	cfg := sdkConfig(vs, testCreds)
	ctx := context.Background()
	calls := map[string]func() error{
		"iam": func() error {
			_, err := iam.NewFromConfig(cfg).ListUsers(ctx, &iam.ListUsersInput{PathPrefix: aws.String("/lab/")})
			return err
		},
		"monitoring": func() error {
			_, err := cloudwatch.NewFromConfig(cfg).DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNamePrefix: aws.String("billing ")})
			return err
		},
		"cloudtrail": func() error {
			_, err := cloudtrail.NewFromConfig(cfg).DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
			return err
		},
	}
	for service, call := range calls {
		t.Run(service, func(t *testing.T) {
			_ = call() // dummy responses need not parse
			o := vs.next(t)
			if o.err != nil {
				t.Fatalf("verify: %v", o.err)
			}
			if o.sig.Service != service {
				t.Fatalf("service = %s", o.sig.Service)
			}
		})
	}
}
