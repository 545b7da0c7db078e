package s3_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func md5ETag(b []byte) string {
	sum := md5.Sum(b)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

func TestPutGetHeadDeleteObject(t *testing.T) {
	ctx := context.Background()
	_, c := adminClient(t)
	mustCreateBucket(t, c, "objects")
	b := aws.String("objects")
	body := []byte(`{"Records":[]}`)
	key := aws.String("AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/a b+c.json.gz")
	put, err := c.PutObject(ctx, &s3.PutObjectInput{
		Bucket: b, Key: key, Body: bytes.NewReader(body),
		ContentType: aws.String("application/json"), ContentEncoding: aws.String("gzip"),
		Metadata: map[string]string{"Origin": "lab", "step": "D4"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(put.ETag) != md5ETag(body) || put.ServerSideEncryption != s3types.ServerSideEncryptionAes256 {
		t.Fatalf("put %+v", put)
	}

	get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: key, ChecksumMode: s3types.ChecksumModeEnabled})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(get.Body)
	if !bytes.Equal(got, body) || aws.ToString(get.ContentType) != "application/json" || aws.ToString(get.ContentEncoding) != "gzip" ||
		aws.ToString(get.ETag) != md5ETag(body) || aws.ToInt64(get.ContentLength) != int64(len(body)) ||
		get.Metadata["origin"] != "lab" || get.Metadata["step"] != "D4" || !aws.ToTime(get.LastModified).Equal(t0) {
		t.Fatalf("get %+v body %q", get, got)
	}
	if get.ChecksumCRC32 == nil && get.ChecksumCRC64NVME == nil {
		t.Fatalf("checksum mode: no checksum in %+v", get)
	}

	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: key})
	if err != nil || aws.ToInt64(head.ContentLength) != int64(len(body)) || aws.ToString(head.ContentType) != "application/json" ||
		head.ServerSideEncryption != s3types.ServerSideEncryptionAes256 || head.StorageClass != "" {
		t.Fatalf("head %+v %v", head, err)
	}

	// A missing key: NoSuchKey for GET, a body-less 404 for HEAD.
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: aws.String("missing")})
	var nsk *s3types.NoSuchKey
	if !errors.As(err, &nsk) {
		t.Fatalf("missing key: %T %v", err, err)
	}
	wantAPIError(t, err, "NoSuchKey", "The specified key does not exist.")
	_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: aws.String("missing")})
	var nf *s3types.NotFound
	if !errors.As(err, &nf) {
		t.Fatalf("HEAD missing key: %T %v", err, err)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("no-such-bucket"), Key: key})
	wantAPIError(t, err, "NoSuchBucket", "The specified bucket does not exist")

	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: key}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: key}); err != nil {
		t.Fatalf("deleting a missing key is a 204: %v", err)
	}
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: key}); !errors.As(err, &nf) {
		t.Fatalf("after delete: %v", err)
	}
}

func TestRangeAndConditionalReads(t *testing.T) {
	ctx := context.Background()
	_, c := adminClient(t)
	mustCreateBucket(t, c, "ranges")
	b, k := aws.String("ranges"), aws.String("digits")
	mustPut(t, c, "ranges", "digits", "0123456789")

	cases := map[string]struct{ body, contentRange string }{
		"bytes=2-5":  {"2345", "bytes 2-5/10"},
		"bytes=7-":   {"789", "bytes 7-9/10"},
		"bytes=-3":   {"789", "bytes 7-9/10"},
		"bytes=8-99": {"89", "bytes 8-9/10"},
	}
	for rng, want := range cases {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: k, Range: aws.String(rng)})
		if err != nil {
			t.Fatalf("%s: %v", rng, err)
		}
		got, _ := io.ReadAll(out.Body)
		if string(got) != want.body || aws.ToString(out.ContentRange) != want.contentRange || aws.ToInt64(out.ContentLength) != int64(len(want.body)) {
			t.Errorf("%s: body %q range %q", rng, got, aws.ToString(out.ContentRange))
		}
	}
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: k, Range: aws.String("bytes=10-")})
	wantAPIError(t, err, "InvalidRange", "The requested range is not satisfiable")
	if httpStatus(err) != 416 {
		t.Fatalf("InvalidRange status %d", httpStatus(err))
	}

	etag := md5ETag([]byte("0123456789"))
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: k, IfNoneMatch: aws.String(etag)})
	if httpStatus(err) != 304 {
		t.Fatalf("If-None-Match: %v", err)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: k, IfModifiedSince: aws.Time(t0.Add(time.Hour))})
	if httpStatus(err) != 304 {
		t.Fatalf("If-Modified-Since: %v", err)
	}
	if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: k, IfModifiedSince: aws.Time(t0.Add(-time.Hour))}); err != nil {
		t.Fatalf("modified since an hour before: %v", err)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: k, IfMatch: aws.String(`"other"`)})
	wantAPIError(t, err, "PreconditionFailed", "")
	if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: k, IfMatch: aws.String(etag)}); err != nil {
		t.Fatal(err)
	}
	// Response header overrides.
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: k, ResponseContentType: aws.String("text/plain"), ResponseContentDisposition: aws.String("attachment")})
	if err != nil || aws.ToString(out.ContentType) != "text/plain" || aws.ToString(out.ContentDisposition) != "attachment" {
		t.Fatalf("overrides %+v %v", out, err)
	}
	// Conditional write.
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: k, Body: strings.NewReader("x"), IfNoneMatch: aws.String("*")})
	wantAPIError(t, err, "PreconditionFailed", "")
}

func TestUploadChecks(t *testing.T) {
	ctx := context.Background()
	_, c := adminClient(t)
	mustCreateBucket(t, c, "checks")
	b := aws.String("checks")
	wrong := md5.Sum([]byte("something else"))
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("k"), Body: strings.NewReader("body"),
		ContentMD5: aws.String(base64.StdEncoding.EncodeToString(wrong[:]))})
	wantAPIError(t, err, "BadDigest", "")
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("k"), Body: strings.NewReader("body"), StorageClass: "SHINY"})
	wantAPIError(t, err, "InvalidStorageClass", "")
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("k"), Body: strings.NewReader("body"),
		Metadata: map[string]string{"big": strings.Repeat("x", 2100)}})
	wantAPIError(t, err, "MetadataTooLarge", "")
	put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("k"), Body: strings.NewReader("body"),
		ChecksumAlgorithm: s3types.ChecksumAlgorithmSha256, StorageClass: s3types.StorageClassStandardIa})
	if err != nil || put.ChecksumSHA256 == nil {
		t.Fatalf("sha256 upload %+v %v", put, err)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: aws.String("k"), ChecksumMode: s3types.ChecksumModeEnabled})
	if err != nil || head.StorageClass != s3types.StorageClassStandardIa || aws.ToString(head.ChecksumSHA256) != aws.ToString(put.ChecksumSHA256) {
		t.Fatalf("head %+v %v", head, err)
	}
}

func TestDeleteObjectsAndCopy(t *testing.T) {
	ctx := context.Background()
	_, c := adminClient(t)
	mustCreateBucket(t, c, "multi")
	mustCreateBucket(t, c, "target")
	b := aws.String("multi")
	for _, k := range []string{"a", "b", "c/d"} {
		mustPut(t, c, "multi", k, "data-"+k)
	}

	cp, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("target"), Key: aws.String("copied/a"), CopySource: aws.String("multi/a")})
	if err != nil || aws.ToString(cp.CopyObjectResult.ETag) != md5ETag([]byte("data-a")) {
		t.Fatalf("copy %+v %v", cp, err)
	}
	got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("target"), Key: aws.String("copied/a")})
	if err != nil {
		t.Fatal(err)
	}
	if body, _ := io.ReadAll(got.Body); string(body) != "data-a" {
		t.Fatalf("copied body %q", body)
	}
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: b, Key: aws.String("a"), CopySource: aws.String("multi/a")})
	wantAPIError(t, err, "InvalidRequest", "")
	if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: b, Key: aws.String("a"), CopySource: aws.String("multi/a"),
		MetadataDirective: s3types.MetadataDirectiveReplace, ContentType: aws.String("text/plain")}); err != nil {
		t.Fatalf("copy onto itself with REPLACE: %v", err)
	}
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: b, Key: aws.String("x"), CopySource: aws.String("multi/nope")})
	wantAPIError(t, err, "NoSuchKey", "")

	del, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: b, Delete: &s3types.Delete{Objects: []s3types.ObjectIdentifier{
		{Key: aws.String("a")}, {Key: aws.String("c/d")}, {Key: aws.String("never-existed")},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(del.Deleted) != 3 || len(del.Errors) != 0 {
		t.Fatalf("deleted %+v errors %+v", del.Deleted, del.Errors)
	}
	quiet, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: b, Delete: &s3types.Delete{Quiet: aws.Bool(true), Objects: []s3types.ObjectIdentifier{{Key: aws.String("b")}}}})
	if err != nil || len(quiet.Deleted) != 0 {
		t.Fatalf("quiet %+v %v", quiet, err)
	}
	left, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: b})
	if err != nil || aws.ToInt32(left.KeyCount) != 0 {
		t.Fatalf("left %+v %v", left, err)
	}
}

// TestPresignedGet: a presigned URL (query-string SigV4) downloads without headers.
func TestPresignedGet(t *testing.T) {
	ctx := context.Background()
	s, c := adminClient(t)
	mustCreateBucket(t, c, "presigned")
	mustPut(t, c, "presigned", "report.txt", "hello")
	req, err := s3.NewPresignClient(c).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("presigned"), Key: aws.String("report.txt"),
		ResponseContentDisposition: aws.String("attachment")})
	if err != nil {
		t.Fatal(err)
	}
	hr, _ := http.NewRequest(req.Method, req.URL, nil)
	resp, err := s.RoundTripper().RoundTrip(hr)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(body) != "hello" || resp.Header.Get("Content-Disposition") != "attachment" {
		t.Fatalf("presigned GET: %d %q %v", resp.StatusCode, body, resp.Header)
	}
}
