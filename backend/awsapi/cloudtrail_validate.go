package awsapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend/trailvalidate"
)

// ValidateTrailLogs implements backend.CloudTrail with the SDK as the validator's
// source: DescribeTrails, ListPublicKeys (in the backend's region, whose digests are
// validated), ListObjectsV2 and GetObject.
func (b *Backend) ValidateTrailLogs(ctx context.Context, o trailvalidate.Options, progress func(trailvalidate.FileResult)) (*trailvalidate.Result, error) {
	if o.Region == "" {
		o.Region = b.info.Region
	}
	return trailvalidate.Validate(ctx, validateSource{b}, o, progress)
}

type validateSource struct{ b *Backend }

func (v validateSource) TrailLocation(ctx context.Context, arn string) (string, string, error) {
	out, err := v.b.cloudtrail.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{TrailNameList: []string{arn}, IncludeShadowTrails: aws.Bool(true)})
	if err != nil {
		return "", "", wrap("cloudtrail:DescribeTrails", err)
	}
	for _, t := range out.TrailList {
		if aws.ToString(t.TrailARN) == arn {
			return aws.ToString(t.S3BucketName), aws.ToString(t.S3KeyPrefix), nil
		}
	}
	return "", "", fmt.Errorf("A trail could not be found for %s", arn)
}

func (v validateSource) PublicKeys(ctx context.Context, start, end time.Time) ([]trailvalidate.PublicKey, error) {
	in := &cloudtrail.ListPublicKeysInput{StartTime: aws.Time(start), EndTime: aws.Time(end)}
	var keys []trailvalidate.PublicKey
	for {
		out, err := v.b.cloudtrail.ListPublicKeys(ctx, in)
		if err != nil {
			return nil, wrap("cloudtrail:ListPublicKeys", err)
		}
		for _, k := range out.PublicKeyList {
			keys = append(keys, trailvalidate.PublicKey{Value: k.Value, Fingerprint: aws.ToString(k.Fingerprint)})
		}
		if out.NextToken == nil || aws.ToString(out.NextToken) == "" {
			return keys, nil
		}
		in.NextToken = out.NextToken
	}
}

func (v validateSource) List(ctx context.Context, bucket, prefix, after string) ([]string, error) {
	in := &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)}
	if after != "" {
		in.StartAfter = aws.String(after)
	}
	var keys []string
	p := s3.NewListObjectsV2Paginator(v.b.s3, in)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, wrap("s3:ListObjectsV2", err)
		}
		for _, o := range out.Contents {
			keys = append(keys, aws.ToString(o.Key))
		}
	}
	return keys, nil
}

func (v validateSource) Get(ctx context.Context, bucket, key string) (trailvalidate.Object, error) {
	out, err := v.b.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	var nsk *s3types.NoSuchKey
	var api smithy.APIError
	switch {
	case errors.As(err, &nsk), errors.As(err, &api) && api.ErrorCode() == "NoSuchKey":
		return trailvalidate.Object{}, trailvalidate.ErrNotFound
	case err != nil:
		return trailvalidate.Object{}, wrap("s3:GetObject", err)
	}
	defer out.Body.Close()
	body, err := io.ReadAll(out.Body)
	if err != nil {
		return trailvalidate.Object{}, err
	}
	return trailvalidate.Object{Body: body, Metadata: out.Metadata}, nil
}
