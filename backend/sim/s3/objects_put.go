package s3

import (
	"bytes"
	"context"
	"crypto/md5"
	"database/sql"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"hash/crc64"
	"net/http"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/auth"
	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// Object limits S3 enforces on upload.
const (
	maxKeyBytes      = 1024
	maxMetadataBytes = 2048
)

var storageClasses = map[string]bool{
	"STANDARD": true, "REDUCED_REDUNDANCY": true, "STANDARD_IA": true, "ONEZONE_IA": true,
	"INTELLIGENT_TIERING": true, "GLACIER": true, "DEEP_ARCHIVE": true, "GLACIER_IR": true,
	"OUTPOSTS": true, "SNOW": true, "EXPRESS_ONEZONE": true,
}

// checksumAlgorithms are the x-amz-checksum-* algorithms S3 stores with an object.
var checksumAlgorithms = []string{"crc32", "crc32c", "crc64nvme", "sha1", "sha256"}

// crc64NVME is S3's default full-object checksum (CRC-64/NVME), which S3 computes
// for every upload that did not send one.
var crc64NVME = crc64.MakeTable(0x9a6c9329ac4bc9b5)

func crc64nvme(b []byte) string {
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint64(nil, crc64.Checksum(b, crc64NVME)))
}

// quotedMD5 is the ETag of a single-part upload.
func quotedMD5(b []byte) string {
	sum := md5.Sum(b)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// objectHeaders reads what an upload says about the object it creates (PutObject,
// CreateMultipartUpload, CopyObject with REPLACE): content headers, user metadata,
// encryption and storage class.
func objectHeaders(h http.Header) (objectAttrs, string, error) {
	a := objectAttrs{
		ContentType:        h.Get("Content-Type"),
		ContentEncoding:    withoutAWSChunked(h.Get("Content-Encoding")),
		CacheControl:       h.Get("Cache-Control"),
		ContentDisposition: h.Get("Content-Disposition"),
		ContentLanguage:    h.Get("Content-Language"),
		Expires:            h.Get("Expires"),
		SSE:                h.Get("X-Amz-Server-Side-Encryption"),
		SSEKMSKeyID:        h.Get("X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id"),
	}
	if a.ContentType == "" {
		a.ContentType = "binary/octet-stream"
	}
	size := 0
	for k, v := range h {
		name, ok := strings.CutPrefix(strings.ToLower(k), "x-amz-meta-")
		if !ok || len(v) == 0 {
			continue
		}
		if a.Meta == nil {
			a.Meta = map[string]string{}
		}
		a.Meta[name] = strings.Join(v, ",")
		size += len(name) + len(a.Meta[name])
	}
	if size > maxMetadataBytes {
		return a, "", errMetadataTooLarge(size)
	}
	switch a.SSE {
	case "", "AES256", "aws:kms", "aws:kms:dsse":
	default:
		return a, "", errInvalidArgument("The encryption method specified is not supported", "x-amz-server-side-encryption", a.SSE)
	}
	class := h.Get("X-Amz-Storage-Class")
	if class == "" {
		class = "STANDARD"
	}
	if !storageClasses[class] {
		return a, "", errInvalidStorageClass()
	}
	return a, class, nil
}

// withoutAWSChunked drops the aws-chunked transfer coding, which describes the
// request body and is not part of the object.
func withoutAWSChunked(enc string) string {
	var keep []string
	for _, e := range strings.Split(enc, ",") {
		if e = strings.TrimSpace(e); e != "" && !strings.EqualFold(e, "aws-chunked") {
			keep = append(keep, e)
		}
	}
	return strings.Join(keep, ",")
}

// checkContentMD5 answers InvalidDigest for a malformed Content-MD5 and BadDigest
// for one that does not match the body.
func checkContentMD5(h http.Header, body []byte) error {
	v := h.Get("Content-Md5")
	if v == "" {
		return nil
	}
	want, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(want) != md5.Size {
		return errInvalidDigest()
	}
	if sum := md5.Sum(body); !bytes.Equal(sum[:], want) {
		return errBadDigest()
	}
	return nil
}

// sentChecksum returns the x-amz-checksum-* the client sent, as an aws-chunked
// trailer or a header (both already verified against the payload).
func sentChecksum(trailers, h http.Header) (alg, value string) {
	for _, src := range []http.Header{trailers, h} {
		for _, a := range checksumAlgorithms {
			if v := src.Get("X-Amz-Checksum-" + a); v != "" {
				return a, v
			}
		}
	}
	return "", ""
}

// checkUpload verifies what a body-carrying upload says about its body.
func checkUpload(c *service.Call) error {
	h := c.Req.HTTP.Header
	if err := checkContentMD5(h, c.Req.Body); err != nil {
		return err
	}
	return auth.VerifyChecksumHeaders(h, c.Req.Body)
}

// bucketDefaultSSE is the encryption a bucket applies to uploads that do not ask for
// one.
func (s *Service) bucketDefaultSSE(ctx context.Context, bucket string) string {
	cfg := &sseConfiguration{}
	if ok, err := s.bucketJSON(ctx, bucket, "encryption", cfg); err == nil && ok && len(cfg.Rules) > 0 && cfg.Rules[0].Default != nil {
		return cfg.Rules[0].Default.SSEAlgorithm
	}
	return "AES256"
}

// writeObject stores body at bucket/key. ifNoneMatch "*" is S3's conditional write:
// it fails with PreconditionFailed when the key exists.
func (s *Service) writeObject(ctx context.Context, bucket, key string, body []byte, attrs objectAttrs, class string, now time.Time, ifNoneMatch string) (string, error) {
	if attrs.SSE == "" {
		attrs.SSE = s.bucketDefaultSSE(ctx, bucket)
	}
	if attrs.ChecksumAlgorithm == "" {
		attrs.ChecksumAlgorithm, attrs.Checksum = "crc64nvme", crc64nvme(body)
	}
	o := objectRow{bucket: bucket, key: key, size: int64(len(body)), etag: quotedMD5(body),
		lastModified: now.UTC().Truncate(time.Millisecond), storageClass: class, attrs: attrs}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, ok, err := loadBucket(ctx, tx, bucket); err != nil || !ok {
			if err == nil {
				err = errNoSuchBucket(bucket)
			}
			return err
		}
		if ifNoneMatch == "*" {
			if _, exists, err := loadObject(ctx, tx, bucket, key); err != nil || exists {
				if err == nil {
					err = errPreconditionFailed("If-None-Match")
				}
				return err
			}
		}
		if err := s.admitObject(ctx, tx, bucket, key, o.size, 0); err != nil {
			return err
		}
		id, err := insertData(ctx, tx, body)
		if err != nil {
			return err
		}
		o.chunks = []chunk{{id, o.size}}
		return storeObject(ctx, tx, o)
	})
	return o.etag, err
}

func (s *Service) putObject(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	h := c.Req.HTTP.Header
	record(c, t.bucket, t.key, true, nil)
	if len(t.key) > maxKeyBytes {
		return nil, protocol.NewError(400, "KeyTooLongError", "Your key is too long")
	}
	attrs, class, err := objectHeaders(h)
	if err != nil {
		return nil, err
	}
	if err := checkUpload(c); err != nil {
		return nil, err
	}
	if _, err := s.authorizeObject(c, t.bucket, t.key, "s3:PutObject"); err != nil {
		return nil, err
	}
	attrs.ChecksumAlgorithm, attrs.Checksum = sentChecksum(c.Trailers, h)
	etag, err := s.writeObject(c.Ctx, t.bucket, t.key, c.Req.Body, attrs, class, c.Now, h.Get("If-None-Match"))
	if err != nil {
		return nil, err
	}
	r := newResponse()
	r.header.Set("ETag", etag)
	if attrs.SSE == "" {
		attrs.SSE = s.bucketDefaultSSE(c.Ctx, t.bucket)
	}
	r.header.Set("X-Amz-Server-Side-Encryption", attrs.SSE)
	if attrs.ChecksumAlgorithm != "" {
		r.header.Set("X-Amz-Checksum-"+attrs.ChecksumAlgorithm, attrs.Checksum)
		r.header.Set("X-Amz-Checksum-Type", "FULL_OBJECT")
	}
	return r, nil
}
