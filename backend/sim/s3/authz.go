package s3

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// querier is what both *sql.DB and *sql.Tx offer for reads.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// bucketRow is a bucket as its operations need it.
type bucketRow struct {
	name    string
	region  string
	created time.Time
	policy  string // "" when the bucket has none
}

func bucketARN(bucket string) string      { return "arn:aws:s3:::" + bucket }
func objectARN(bucket, key string) string { return "arn:aws:s3:::" + bucket + "/" + key }

// loadBucket reads a bucket; ok is false when it does not exist.
func loadBucket(ctx context.Context, q querier, name string) (bucketRow, bool, error) {
	var b bucketRow
	var created int64
	var policy sql.NullString
	err := q.QueryRowContext(ctx, `SELECT name, region, created, policy FROM s3_buckets WHERE name = ?`, name).
		Scan(&b.name, &b.region, &created, &policy)
	if errors.Is(err, sql.ErrNoRows) {
		return b, false, nil
	}
	if err != nil {
		return b, false, err
	}
	b.created, b.policy = time.UnixMilli(created).UTC(), policy.String
	return b, true, nil
}

// authorizeBucket answers NoSuchBucket for a bucket that does not exist (S3 tells a
// caller so whatever its permissions), then asks whether the caller may perform
// action on the bucket, with the bucket policy as the resource policy and the ARN
// quoted in a denial as S3 words it.
func (s *Service) authorizeBucket(c *service.Call, bucket, action string, context map[string][]string) (bucketRow, error) {
	b, ok, err := loadBucket(c.Ctx, s.db.SQL(), bucket)
	if err != nil {
		return b, err
	}
	if !ok {
		return b, errNoSuchBucket(bucket)
	}
	return b, c.AuthorizeRequest(service.AuthzRequest{
		Action: action, Resource: bucketARN(bucket), Context: context,
		ResourcePolicy: b.policy, QuoteResource: true,
	})
}

// authorizeObject is authorizeBucket for an object-level action on bucket/key.
func (s *Service) authorizeObject(c *service.Call, bucket, key, action string) (bucketRow, error) {
	b, ok, err := loadBucket(c.Ctx, s.db.SQL(), bucket)
	if err != nil {
		return b, err
	}
	if !ok {
		return b, errNoSuchBucket(bucket)
	}
	return b, s.authorizeKey(c, b, key, action)
}

func (s *Service) authorizeKey(c *service.Call, b bucketRow, key, action string) error {
	return c.AuthorizeRequest(service.AuthzRequest{
		Action: action, Resource: objectARN(b.name, key),
		ResourcePolicy: b.policy, QuoteResource: true,
	})
}

// missingKey is S3's answer for a key that does not exist: NoSuchKey to a caller who
// may list the bucket, otherwise the s3:ListBucket denial, so that a caller cannot
// probe which keys exist (the reference's real GetObject example).
func (s *Service) missingKey(c *service.Call, b bucketRow, key string) error {
	err := c.AuthorizeRequest(service.AuthzRequest{
		Action: "s3:ListBucket", Resource: bucketARN(b.name),
		ResourcePolicy: b.policy, QuoteResource: true,
	})
	if err != nil {
		return err
	}
	return errNoSuchKey(key)
}

// recordInput is what the recorder reads from an S3 call's input.
type recordInput struct {
	Bucket string
	Key    string
}

// record fills the CloudTrail hints S3 records carry: requestParameters with
// bucketName, Host and key as S3 names them, the bucket as the resource of
// bucket-level calls, object-level calls (and listings) as data events, and
// additionalEventData. S3 records no responseElements for most calls.
func record(c *service.Call, bucket, key string, data bool, params map[string]any) {
	p := map[string]any{}
	if bucket != "" {
		p["bucketName"] = bucket
	}
	if c.Req != nil && c.Req.HTTP != nil {
		p["Host"] = hostOf(c.Req.HTTP)
	}
	if key != "" {
		p["key"] = key
	}
	for k, v := range params {
		p[k] = v
	}
	c.Record.RequestParameters = p
	c.Record.OmitResponse = true
	c.Record.DataEvent = data
	// The recorder names a data event's object and bucket (ARNs in the record, the
	// bucket's name in Event history) from the input's Bucket and Key.
	c.Input = &recordInput{Bucket: bucket, Key: key}
	if !data && bucket != "" {
		c.Record.Resources = []service.EventResource{{Type: "AWS::S3::Bucket", Name: bucket}}
	}
	extra := map[string]any{
		"SignatureVersion":     "SigV4",
		"AuthenticationMethod": "AuthHeader",
		"bytesTransferredIn":   0,
		"bytesTransferredOut":  0,
	}
	if c.Req != nil {
		extra["bytesTransferredIn"] = len(c.Req.Body)
		if c.Req.HTTP != nil && strings.Contains(c.Req.HTTP.URL.RawQuery, "X-Amz-Signature=") {
			extra["AuthenticationMethod"] = "QueryString"
		}
	}
	c.Record.AdditionalEventData = extra
}

// recordBytesOut notes the bytes a read returned.
func recordBytesOut(c *service.Call, n int) {
	if c.Record.AdditionalEventData != nil {
		c.Record.AdditionalEventData["bytesTransferredOut"] = n
	}
}
