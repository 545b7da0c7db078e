package s3_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/labconsole/labconsole/backend/sim"
)

const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

func hmacHex(key []byte, s string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s))
	return m.Sum(nil)
}

// streamingPut builds a PutObject whose body is aws-chunked the way the AWS CLI and
// the Java/.NET SDKs send it: each chunk signed, chaining from the seed signature
// (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), or unsigned with a trailing CRC32
// (STREAMING-UNSIGNED-PAYLOAD-TRAILER).
func streamingPut(t *testing.T, s *sim.Sim, url, payload string, signed bool, corrupt bool) *http.Request {
	t.Helper()
	creds := s.AdminCredentials()
	now := time.Now().UTC()
	mode := "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
	if signed {
		mode = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	}
	req, _ := http.NewRequest(http.MethodPut, url, nil)
	req.Header.Set("Content-Encoding", "aws-chunked")
	req.Header.Set("X-Amz-Content-Sha256", mode)
	req.Header.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(len(payload)))
	req.Header.Set("Content-Type", "text/plain")
	if !signed {
		req.Header.Set("X-Amz-Trailer", "x-amz-checksum-crc32")
	}
	// The seed signature covers the headers; Content-Length is set after framing.
	err := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }).SignHTTP(context.Background(),
		aws.Credentials{AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey}, req, mode, "s3", sim.DefaultRegion, now)
	if err != nil {
		t.Fatal(err)
	}
	seed := req.Header.Get("Authorization")
	seed = seed[strings.LastIndex(seed, "Signature=")+len("Signature="):]
	key := []byte("AWS4" + creds.SecretAccessKey)
	for _, p := range []string{now.Format("20060102"), sim.DefaultRegion, "s3", "aws4_request"} {
		key = hmacHex(key, p)
	}
	scope := now.Format("20060102") + "/" + sim.DefaultRegion + "/s3/aws4_request"
	prev := seed
	var body strings.Builder
	chunk := func(data string) {
		if !signed {
			fmt.Fprintf(&body, "%x\r\n%s", len(data), data)
		} else {
			h := sha256.Sum256([]byte(data))
			prev = hex.EncodeToString(hmacHex(key, strings.Join([]string{"AWS4-HMAC-SHA256-PAYLOAD", now.Format("20060102T150405Z"), scope, prev, emptySHA256, hex.EncodeToString(h[:])}, "\n")))
			if corrupt {
				prev = strings.Repeat("0", 64)
			}
			fmt.Fprintf(&body, "%x;chunk-signature=%s\r\n%s", len(data), prev, data)
		}
		if data != "" {
			body.WriteString("\r\n")
		}
	}
	for p := payload; len(p) > 0; {
		n := min(len(p), 64*1024)
		chunk(p[:n])
		p = p[n:]
	}
	chunk("")
	if !signed {
		sum := binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE([]byte(payload)))
		body.WriteString("x-amz-checksum-crc32:" + base64.StdEncoding.EncodeToString(sum) + "\r\n")
	}
	body.WriteString("\r\n")
	req.Body = io.NopCloser(strings.NewReader(body.String()))
	req.ContentLength = int64(body.Len())
	return req
}

// TestAWSChunkedUploads sends aws-chunked PutObjects through the router: the chunks
// are verified and decoded, S3 stores the payload (not the framing), and the
// aws-chunked coding is not kept as the object's Content-Encoding.
func TestAWSChunkedUploads(t *testing.T) {
	ctx := context.Background()
	s, c := adminClient(t)
	mustCreateBucket(t, c, "chunked")
	payload := strings.Repeat("CloudTrail log line\n", 10_000)
	for _, signed := range []bool{true, false} {
		key := fmt.Sprintf("signed-%v.txt", signed)
		resp, err := s.RoundTripper().RoundTrip(streamingPut(t, s, endpoint+"/chunked/"+key, payload, signed, false))
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 {
			b, _ := io.ReadAll(resp.Body)
			t.Fatalf("signed=%v: %d %s", signed, resp.StatusCode, b)
		}
		get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("chunked"), Key: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(get.Body)
		if string(got) != payload || get.ContentEncoding != nil || aws.ToString(get.ContentType) != "text/plain" {
			t.Fatalf("signed=%v: stored %d bytes, encoding %v", signed, len(got), get.ContentEncoding)
		}
	}
	resp, err := s.RoundTripper().RoundTrip(streamingPut(t, s, endpoint+"/chunked/bad", payload, true, true))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(resp.Body); resp.StatusCode != 403 || !strings.Contains(string(b), "<Code>SignatureDoesNotMatch</Code>") {
		t.Fatalf("corrupt chunk signature: %d %s", resp.StatusCode, b)
	}
}
