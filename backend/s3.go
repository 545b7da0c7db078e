package backend

import (
	"context"

	"github.com/labconsole/labconsole/model"
)

// S3 is the S3 part of the console: the Buckets list and Create bucket form, the
// object browser the lab uses to follow a trail's logs (AWSLogs/<account>/CloudTrail/
// <region>/YYYY/MM/DD/), a log file's content, and bucket policies.
type S3 interface {
	// ListBuckets lists every bucket of the account with its Region.
	ListBuckets(ctx context.Context) ([]model.Bucket, error)
	// CreateBucket validates the name with S3's rules first, then creates the
	// bucket in in.Region.
	CreateBucket(ctx context.Context, in model.NewBucket) (model.Bucket, error)
	// GetBucketLocation is the bucket's Region ("us-east-1" where S3 says nothing).
	GetBucketLocation(ctx context.Context, bucket string) (string, error)
	// ListObjects is one page of a folder: with delimiter "/", the sub-folders
	// (common prefixes) and the objects directly under prefix. token is the
	// previous page's NextToken; limit 0 means S3's maximum of 1,000.
	ListObjects(ctx context.Context, bucket, prefix, delimiter, token string, limit int) (model.Listing, error)
	// HeadObject describes an object without reading it.
	HeadObject(ctx context.Context, bucket, key string) (model.ObjectInfo, error)
	// GetObject reads at most maxBytes of an object (all of it when maxBytes <= 0);
	// Truncated says when there was more.
	GetObject(ctx context.Context, bucket, key string, maxBytes int64) (model.ObjectData, error)
	// DeleteObject deletes a key (deleting a key that does not exist succeeds).
	DeleteObject(ctx context.Context, bucket, key string) error
	// GetBucketPolicy returns the bucket policy; ok is false when it has none.
	GetBucketPolicy(ctx context.Context, bucket string) (doc string, ok bool, err error)
	// PutBucketPolicy replaces the bucket policy.
	PutBucketPolicy(ctx context.Context, bucket, doc string) error
}
