package awsapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/model"
)

// maxBucketPages bounds ListBuckets at S3's default quota of 10,000 buckets.
const maxBucketPages = 10

// ListBuckets implements backend.S3. It pages with max-buckets, which also makes S3
// answer each bucket's Region (unpaginated requests do not), so the Buckets table
// needs no GetBucketLocation per row.
func (b *Backend) ListBuckets(ctx context.Context) ([]model.Bucket, error) {
	var out []model.Bucket
	in := &s3.ListBucketsInput{MaxBuckets: aws.Int32(1000)}
	for range maxBucketPages {
		page, err := b.s3.ListBuckets(ctx, in)
		if err != nil {
			return nil, wrapS3("s3:ListBuckets", err)
		}
		for _, bk := range page.Buckets {
			out = append(out, model.Bucket{Name: aws.ToString(bk.Name), Region: aws.ToString(bk.BucketRegion), CreationDate: aws.ToTime(bk.CreationDate)})
		}
		if aws.ToString(page.ContinuationToken) == "" {
			break
		}
		in.ContinuationToken = page.ContinuationToken
	}
	return out, nil
}

// CreateBucket implements backend.S3. The request goes to the bucket's own Region,
// as S3 requires (a LocationConstraint must match the endpoint), with no constraint
// for us-east-1.
func (b *Backend) CreateBucket(ctx context.Context, in model.NewBucket) (model.Bucket, error) {
	if err := in.Validate(); err != nil {
		return model.Bucket{}, err
	}
	req := &s3.CreateBucketInput{Bucket: aws.String(in.Name)}
	if in.Region != "us-east-1" {
		req.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(in.Region)}
	}
	if _, err := b.s3.CreateBucket(ctx, req, inRegion(in.Region)); err != nil {
		return model.Bucket{}, wrapS3("s3:CreateBucket", err)
	}
	return model.Bucket{Name: in.Name, Region: in.Region}, nil
}

func inRegion(region string) func(*s3.Options) {
	return func(o *s3.Options) {
		if region != "" {
			o.Region = region
		}
	}
}

// GetBucketLocation implements backend.S3, naming us-east-1 and eu-west-1 where S3
// answers its legacy empty and "EU" constraints.
func (b *Backend) GetBucketLocation(ctx context.Context, bucket string) (string, error) {
	out, err := b.s3.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(bucket)})
	if err != nil {
		return "", wrapS3("s3:GetBucketLocation", err)
	}
	switch lc := string(out.LocationConstraint); lc {
	case "":
		return "us-east-1", nil
	case "EU":
		return "eu-west-1", nil
	default:
		return lc, nil
	}
}

// ListObjects implements backend.S3 with ListObjectsV2. Keys are asked for
// URL-encoded, as the AWS CLI does, so keys with characters XML cannot carry still
// list; the SDK does not decode them, so this does.
func (b *Backend) ListObjects(ctx context.Context, bucket, prefix, delimiter, token string, limit int) (model.Listing, error) {
	in := &s3.ListObjectsV2Input{Bucket: aws.String(bucket), EncodingType: s3types.EncodingTypeUrl}
	if prefix != "" {
		in.Prefix = aws.String(prefix)
	}
	if delimiter != "" {
		in.Delimiter = aws.String(delimiter)
	}
	if token != "" {
		in.ContinuationToken = aws.String(token)
	}
	if limit > 0 {
		in.MaxKeys = aws.Int32(int32(min(limit, 1000)))
	}
	out, err := b.s3.ListObjectsV2(ctx, in)
	if err != nil {
		return model.Listing{}, wrapS3("s3:ListBucket", err)
	}
	decode := func(s *string) (string, error) { return aws.ToString(s), nil }
	if out.EncodingType == s3types.EncodingTypeUrl {
		decode = func(s *string) (string, error) { return url.QueryUnescape(aws.ToString(s)) }
	}
	l := model.Listing{Bucket: bucket, Prefix: prefix, Delimiter: delimiter, NextToken: aws.ToString(out.NextContinuationToken)}
	for _, p := range out.CommonPrefixes {
		folder, err := decode(p.Prefix)
		if err != nil {
			return model.Listing{}, fmt.Errorf("s3:ListBucket: undecodable prefix %q: %w", aws.ToString(p.Prefix), err)
		}
		l.Folders = append(l.Folders, folder)
	}
	for _, o := range out.Contents {
		key, err := decode(o.Key)
		if err != nil {
			return model.Listing{}, fmt.Errorf("s3:ListBucket: undecodable key %q: %w", aws.ToString(o.Key), err)
		}
		l.Objects = append(l.Objects, model.Object{Key: key, Size: aws.ToInt64(o.Size), LastModified: aws.ToTime(o.LastModified),
			ETag: aws.ToString(o.ETag), StorageClass: string(o.StorageClass)})
	}
	if !aws.ToBool(out.IsTruncated) {
		l.NextToken = ""
	}
	return l, nil
}

// HeadObject implements backend.S3.
func (b *Backend) HeadObject(ctx context.Context, bucket, key string) (model.ObjectInfo, error) {
	out, err := b.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return model.ObjectInfo{}, wrapS3("s3:GetObject", err)
	}
	return model.ObjectInfo{
		Bucket: bucket, Key: key, Size: aws.ToInt64(out.ContentLength), LastModified: aws.ToTime(out.LastModified),
		ETag: aws.ToString(out.ETag), ContentType: aws.ToString(out.ContentType), ContentEncoding: aws.ToString(out.ContentEncoding),
		StorageClass: storageClass(string(out.StorageClass)), ServerSideEncryption: string(out.ServerSideEncryption), Metadata: out.Metadata,
	}, nil
}

// storageClass is S3's class, which HEAD and GET leave out for STANDARD.
func storageClass(c string) string {
	if c == "" {
		return "STANDARD"
	}
	return c
}

// GetObject implements backend.S3. A capped read asks S3 for that range only, so
// opening a large object to look at it does not download all of it.
func (b *Backend) GetObject(ctx context.Context, bucket, key string, maxBytes int64) (model.ObjectData, error) {
	in := &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if maxBytes > 0 {
		in.Range = aws.String(fmt.Sprintf("bytes=0-%d", maxBytes-1))
	}
	out, err := b.s3.GetObject(ctx, in)
	var api smithy.APIError
	if maxBytes > 0 && errors.As(err, &api) && api.ErrorCode() == "InvalidRange" {
		// An empty object has no byte 0: S3 refuses any range on it.
		in.Range = nil
		out, err = b.s3.GetObject(ctx, in)
	}
	if err != nil {
		return model.ObjectData{}, wrapS3("s3:GetObject", err)
	}
	defer out.Body.Close()
	r := io.Reader(out.Body)
	if maxBytes > 0 {
		r = io.LimitReader(out.Body, maxBytes)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		return model.ObjectData{}, wrapS3("s3:GetObject", err)
	}
	size := aws.ToInt64(out.ContentLength)
	if total, ok := rangeTotal(aws.ToString(out.ContentRange)); ok {
		size = total
	}
	return model.ObjectData{
		ObjectInfo: model.ObjectInfo{
			Bucket: bucket, Key: key, Size: size, LastModified: aws.ToTime(out.LastModified), ETag: aws.ToString(out.ETag),
			ContentType: aws.ToString(out.ContentType), ContentEncoding: aws.ToString(out.ContentEncoding),
			StorageClass: storageClass(string(out.StorageClass)), ServerSideEncryption: string(out.ServerSideEncryption), Metadata: out.Metadata,
		},
		Body:      body,
		Truncated: int64(len(body)) < size,
	}, nil
}

// rangeTotal reads the object size from a Content-Range ("bytes 0-99/1234").
func rangeTotal(cr string) (int64, bool) {
	var from, to, total int64
	if _, err := fmt.Sscanf(cr, "bytes %d-%d/%d", &from, &to, &total); err != nil {
		return 0, false
	}
	return total, true
}

// DeleteObject implements backend.S3.
func (b *Backend) DeleteObject(ctx context.Context, bucket, key string) error {
	_, err := b.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	return wrapS3("s3:DeleteObject", err)
}

// GetBucketPolicy implements backend.S3: a bucket without a policy is not an error
// to the console, which shows "No policy".
func (b *Backend) GetBucketPolicy(ctx context.Context, bucket string) (string, bool, error) {
	out, err := b.s3.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(bucket)})
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorCode() == "NoSuchBucketPolicy" {
		return "", false, nil
	}
	if err != nil {
		return "", false, wrapS3("s3:GetBucketPolicy", err)
	}
	return aws.ToString(out.Policy), true, nil
}

// PutBucketPolicy implements backend.S3.
func (b *Backend) PutBucketPolicy(ctx context.Context, bucket, doc string) error {
	_, err := b.s3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(doc)})
	return wrapS3("s3:PutBucketPolicy", err)
}
