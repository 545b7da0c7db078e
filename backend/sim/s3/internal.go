package s3

import (
	"context"
	"strings"
	"time"

	"github.com/labconsole/labconsole/model"
)

// The in-process API: what other simulated services do to S3 as AWS's own services
// do (CloudTrail checking and writing to its trail's bucket, billing pricing
// storage). These calls are not requests of a principal, so they are neither
// authorized nor recorded; callers that act for a principal (CloudTrail's
// CreateTrail checking the bucket policy) evaluate the policy themselves. Errors are
// the *protocol.Error the API would answer, so callers can pass them on.

// BucketExists reports whether the account has bucket.
func (s *Service) BucketExists(ctx context.Context, bucket string) (bool, error) {
	_, ok, err := loadBucket(ctx, s.db.SQL(), bucket)
	return ok, err
}

// BucketPolicy returns bucket's policy document; ok is false when it has none. A
// bucket that does not exist is NoSuchBucket.
func (s *Service) BucketPolicy(ctx context.Context, bucket string) (doc string, ok bool, err error) {
	b, exists, err := loadBucket(ctx, s.db.SQL(), bucket)
	if err != nil {
		return "", false, err
	}
	if !exists {
		return "", false, errNoSuchBucket(bucket)
	}
	return b.policy, b.policy != "", nil
}

// BucketRegion returns the Region bucket lives in (NoSuchBucket when it does not
// exist).
func (s *Service) BucketRegion(ctx context.Context, bucket string) (string, error) {
	b, exists, err := loadBucket(ctx, s.db.SQL(), bucket)
	if err != nil {
		return "", err
	}
	if !exists {
		return "", errNoSuchBucket(bucket)
	}
	return b.region, nil
}

// CreateBucketInternal creates bucket in region with S3's name rules
// (InvalidBucketName) and BucketAlreadyOwnedByYou for an existing bucket.
func (s *Service) CreateBucketInternal(ctx context.Context, bucket, region string, now time.Time) error {
	if model.ValidateBucketName(bucket) != nil {
		return errInvalidBucketName(bucket)
	}
	if !regionPattern.MatchString(region) {
		return errInvalidLocationConstraint(region)
	}
	return s.insertBucket(ctx, bucket, region, now)
}

// PutBucketPolicyInternal sets bucket's policy after the checks PutBucketPolicy
// applies (MalformedPolicy, NoSuchBucket). Block Public Access is not consulted: the
// callers are AWS services writing the policies their consoles write.
func (s *Service) PutBucketPolicyInternal(ctx context.Context, bucket, doc string) error {
	if ok, err := s.BucketExists(ctx, bucket); err != nil || !ok {
		if err == nil {
			err = errNoSuchBucket(bucket)
		}
		return err
	}
	if _, err := validateBucketPolicy(bucket, doc); err != nil {
		return err
	}
	return s.setPolicy(ctx, bucket, doc)
}

// PutObjectInternal stores body at bucket/key as PutObject does (ETag the quoted
// MD5, STANDARD storage, the bucket's default encryption) and returns the ETag.
// meta keys are x-amz-meta-* names without the prefix.
func (s *Service) PutObjectInternal(ctx context.Context, bucket, key string, body []byte, contentType string, meta map[string]string, now time.Time) (etag string, err error) {
	return s.PutObjectInternalSSE(ctx, bucket, key, body, contentType, meta, "", "", now)
}

// PutObjectInternalSSE is PutObjectInternal with the server-side encryption the
// writer asks for (x-amz-server-side-encryption, and the KMS key for aws:kms), as
// CloudTrail writes a trail's files with its KMS key; "" is the bucket's default.
func (s *Service) PutObjectInternalSSE(ctx context.Context, bucket, key string, body []byte, contentType string, meta map[string]string, sse, kmsKeyID string, now time.Time) (etag string, err error) {
	if key == "" || len(key) > maxKeyBytes {
		return "", errInvalidArgument("Invalid key", "key", key)
	}
	if contentType == "" {
		contentType = "binary/octet-stream"
	}
	attrs := objectAttrs{ContentType: contentType, SSE: sse, SSEKMSKeyID: kmsKeyID}
	if len(meta) > 0 {
		attrs.Meta = make(map[string]string, len(meta))
		for k, v := range meta {
			attrs.Meta[strings.ToLower(k)] = v
		}
	}
	return s.writeObject(ctx, bucket, key, body, attrs, "STANDARD", now, "")
}

// StoredBytes is the account's S3 storage: every object's bytes plus the parts of
// unfinished multipart uploads, which S3 bills too.
func (s *Service) StoredBytes(ctx context.Context) (int64, error) {
	var objects, parts int64
	err := s.db.SQL().QueryRowContext(ctx, `SELECT (SELECT coalesce(sum(size), 0) FROM s3_objects), (SELECT coalesce(sum(size), 0) FROM s3_parts)`).
		Scan(&objects, &parts)
	return objects + parts, err
}
