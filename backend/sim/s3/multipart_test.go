package s3_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

const mib = 1 << 20

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.NewChaCha8([32]byte{1, 2}).Read(b)
	return b
}

// uploadParts runs a multipart upload of body in parts of partSize, as
// feature/s3/manager would, and returns the completed object's ETag.
func uploadParts(t *testing.T, c *s3.Client, bucket, key string, body []byte, partSize int) string {
	t.Helper()
	ctx := context.Background()
	mu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String(key), ContentType: aws.String("application/gzip")})
	if err != nil {
		t.Fatal(err)
	}
	var parts []s3types.CompletedPart
	for n, off := int32(1), 0; off < len(body); n, off = n+1, off+partSize {
		chunk := body[off:min(off+partSize, len(body))]
		up, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(bucket), Key: aws.String(key), UploadId: mu.UploadId,
			PartNumber: aws.Int32(n), Body: bytes.NewReader(chunk)})
		if err != nil {
			t.Fatalf("part %d: %v", n, err)
		}
		if aws.ToString(up.ETag) != md5ETag(chunk) {
			t.Fatalf("part %d ETag %s", n, aws.ToString(up.ETag))
		}
		parts = append(parts, s3types.CompletedPart{PartNumber: aws.Int32(n), ETag: up.ETag})
	}
	lp, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(bucket), Key: aws.String(key), UploadId: mu.UploadId})
	if err != nil || len(lp.Parts) != len(parts) || aws.ToInt64(lp.Parts[0].Size) != int64(min(partSize, len(body))) {
		t.Fatalf("ListParts %+v %v", lp, err)
	}
	done, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String(key), UploadId: mu.UploadId,
		MultipartUpload: &s3types.CompletedMultipartUpload{Parts: parts}})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(done.ETag)
}

// multipartETag is S3's ETag of a multipart object: MD5 of the parts' MD5s, dash, count.
func multipartETag(body []byte, partSize int) string {
	var sums []byte
	n := 0
	for off := 0; off < len(body); off += partSize {
		s := md5.Sum(body[off:min(off+partSize, len(body))])
		sums = append(sums, s[:]...)
		n++
	}
	s := md5.Sum(sums)
	return fmt.Sprintf(`"%s-%d"`, hex.EncodeToString(s[:]), n)
}

func TestMultipart20MB(t *testing.T) {
	ctx := context.Background()
	s, c := adminClient(t)
	mustCreateBucket(t, c, "big")
	body := randomBytes(20 * mib)
	etag := uploadParts(t, c, "big", "logs/archive.gz", body, 8*mib)
	if want := multipartETag(body, 8*mib); etag != want {
		t.Fatalf("ETag %s, want %s", etag, want)
	}
	get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("big"), Key: aws.String("logs/archive.gz")})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(get.Body)
	if !bytes.Equal(got, body) || aws.ToString(get.ETag) != etag || aws.ToString(get.ContentType) != "application/gzip" || aws.ToInt32(get.PartsCount) != 3 {
		t.Fatalf("read back %d bytes, ETag %s, type %s, parts %d", len(got), aws.ToString(get.ETag), aws.ToString(get.ContentType), aws.ToInt32(get.PartsCount))
	}
	// A range across the boundary of parts 1 and 2 reads from both.
	rng, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("big"), Key: aws.String("logs/archive.gz"), Range: aws.String(fmt.Sprintf("bytes=%d-%d", 8*mib-10, 8*mib+9))})
	if err != nil {
		t.Fatal(err)
	}
	if part, _ := io.ReadAll(rng.Body); !bytes.Equal(part, body[8*mib-10:8*mib+10]) {
		t.Fatal("range across parts")
	}
	if n, err := s.S3().StoredBytes(ctx); err != nil || n != 20*mib {
		t.Fatalf("StoredBytes %d %v", n, err)
	}
	// Overwriting the object frees the parts' bodies.
	mustPut(t, c, "big", "logs/archive.gz", "small")
	if n, _ := s.S3().StoredBytes(ctx); n != 5 {
		t.Fatalf("StoredBytes after overwrite %d", n)
	}
}

func TestMultipartErrors(t *testing.T) {
	ctx := context.Background()
	_, c := adminClient(t)
	mustCreateBucket(t, c, "mp-errors")
	b, k := aws.String("mp-errors"), aws.String("obj")
	mu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
	if err != nil {
		t.Fatal(err)
	}
	small := []byte(strings.Repeat("s", 1024))
	var parts []s3types.CompletedPart
	for n := int32(1); n <= 2; n++ {
		up, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: mu.UploadId, PartNumber: aws.Int32(n), Body: bytes.NewReader(small)})
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, s3types.CompletedPart{PartNumber: aws.Int32(n), ETag: up.ETag})
	}
	complete := func(ps ...s3types.CompletedPart) error {
		_, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: mu.UploadId,
			MultipartUpload: &s3types.CompletedMultipartUpload{Parts: ps}})
		return err
	}
	wantAPIError(t, complete(parts[1], parts[0]), "InvalidPartOrder", "")
	wantAPIError(t, complete(parts[0], s3types.CompletedPart{PartNumber: aws.Int32(2), ETag: aws.String(`"0123"`)}), "InvalidPart", "")
	wantAPIError(t, complete(parts...), "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size")
	_, err = c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: mu.UploadId, PartNumber: aws.Int32(10001), Body: bytes.NewReader(small)})
	wantAPIError(t, err, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive")

	ups, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: b})
	if err != nil || len(ups.Uploads) != 1 || aws.ToString(ups.Uploads[0].UploadId) != aws.ToString(mu.UploadId) {
		t.Fatalf("uploads %+v %v", ups, err)
	}
	// A single small part is a valid (last) part.
	if err := complete(parts[0]); err != nil {
		t.Fatal(err)
	}
	_, err = c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: mu.UploadId, PartNumber: aws.Int32(3), Body: bytes.NewReader(small)})
	wantAPIError(t, err, "NoSuchUpload", "")
	var nsu *s3types.NoSuchUpload

	mu2, _ := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
	if _, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: mu2.UploadId, PartNumber: aws.Int32(1), Body: bytes.NewReader(small)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: b, Key: k, UploadId: mu2.UploadId}); err != nil {
		t.Fatal(err)
	}
	_, err = c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: b, Key: k, UploadId: mu2.UploadId})
	if !errors.As(err, &nsu) {
		t.Fatalf("abort twice: %v", err)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: k})
	if err != nil || aws.ToInt64(head.ContentLength) != 1024 || !strings.HasSuffix(aws.ToString(head.ETag), `-1"`) {
		t.Fatalf("object of one part %+v %v", head, err)
	}
}

// TestUnsignedPayloadUploads: over HTTPS the SDK sends uploads with
// UNSIGNED-PAYLOAD and a checksum header, which S3 verifies against the body.
func TestUnsignedPayloadUploads(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	cfg := config(s, s.AdminCredentials())
	cfg.BaseEndpoint = aws.String("https://sim.labconsole.internal")
	c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	mustCreateBucket(t, c, "unsigned")
	body := randomBytes(6 * mib)
	put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("unsigned"), Key: aws.String("k"), Body: io.MultiReader(bytes.NewReader(body)),
		ContentLength: aws.Int64(int64(len(body))), ContentEncoding: aws.String("gzip")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(put.ETag) != md5ETag(body) {
		t.Fatalf("ETag %s", aws.ToString(put.ETag))
	}
	if etag := uploadParts(t, c, "unsigned", "mp", body, 5*mib); etag != multipartETag(body, 5*mib) {
		t.Fatalf("multipart ETag %s", etag)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("unsigned"), Key: aws.String("k")})
	if err != nil || aws.ToString(head.ContentEncoding) != "gzip" || aws.ToInt64(head.ContentLength) != int64(len(body)) {
		t.Fatalf("head %+v %v", head, err)
	}
}
