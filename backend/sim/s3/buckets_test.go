package s3_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func TestBucketLifecycle(t *testing.T) {
	ctx := context.Background()
	_, c := adminClient(t)
	const name = "aws-cloudtrail-logs-123456789012-mylog"
	mustCreateBucket(t, c, name)
	mustCreateBucket(t, c, "another-bucket")

	lb, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(lb.Buckets) != 2 || aws.ToString(lb.Buckets[0].Name) != "another-bucket" || aws.ToString(lb.Buckets[1].Name) != name {
		t.Fatalf("buckets %+v", lb.Buckets)
	}
	if !aws.ToTime(lb.Buckets[0].CreationDate).Equal(t0) || lb.Buckets[0].BucketRegion != nil || len(aws.ToString(lb.Owner.ID)) != 64 {
		t.Fatalf("bucket %+v owner %+v", lb.Buckets[0], lb.Owner)
	}
	// Paginated requests carry each bucket's Region.
	page, err := c.ListBuckets(ctx, &s3.ListBucketsInput{MaxBuckets: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Buckets) != 1 || aws.ToString(page.Buckets[0].BucketRegion) != "ap-northeast-2" || page.ContinuationToken == nil {
		t.Fatalf("page 1 %+v", page)
	}
	page, err = c.ListBuckets(ctx, &s3.ListBucketsInput{MaxBuckets: aws.Int32(1), ContinuationToken: page.ContinuationToken})
	if err != nil || len(page.Buckets) != 1 || aws.ToString(page.Buckets[0].Name) != name || page.ContinuationToken != nil {
		t.Fatalf("page 2 %+v %v", page, err)
	}

	hb, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(name)})
	if err != nil || aws.ToString(hb.BucketRegion) != "ap-northeast-2" {
		t.Fatalf("HeadBucket %+v %v", hb, err)
	}
	loc, err := c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(name)})
	if err != nil || loc.LocationConstraint != "ap-northeast-2" {
		t.Fatalf("GetBucketLocation %+v %v", loc, err)
	}

	_, err = c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "ap-northeast-2"}})
	var owned *s3types.BucketAlreadyOwnedByYou
	if !errors.As(err, &owned) {
		t.Fatalf("duplicate: %v", err)
	}
	mustPut(t, c, name, "AWSLogs/123456789012/file", "x")
	_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)})
	wantAPIError(t, err, "BucketNotEmpty", "The bucket you tried to delete is not empty")
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(name), Key: aws.String("AWSLogs/123456789012/file")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
	_, err = c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(name)})
	var nf *s3types.NotFound
	if !errors.As(err, &nf) {
		t.Fatalf("HeadBucket after delete: %T %v", err, err)
	}
	_, err = c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(name)})
	wantAPIError(t, err, "NoSuchBucket", "The specified bucket does not exist")
	_, err = c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(name)})
	var nsb *s3types.NoSuchBucket
	if !errors.As(err, &nsb) {
		t.Fatalf("ListObjectsV2 on a deleted bucket: %T %v", err, err)
	}
}

func TestCreateBucketRules(t *testing.T) {
	ctx := context.Background()
	s, c := adminClient(t)
	for _, bad := range []string{"Doc_Example", "ab", "doc-example-bucket-", "192.168.5.4", "my..bucket", "xn--bucket", "bucket--ol-s3"} {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bad),
			CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "ap-northeast-2"}})
		wantAPIError(t, err, "InvalidBucketName", "The specified bucket is not valid.")
	}
	// No constraint means us-east-1, which is not the Region the request was signed for.
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("no-constraint")})
	wantAPIError(t, err, "IllegalLocationConstraintException",
		"The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.")
	_, err = c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("elsewhere"),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}})
	wantAPIError(t, err, "IllegalLocationConstraintException", "")
	_, err = c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bogus"),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "not a region"}})
	wantAPIError(t, err, "InvalidLocationConstraint", "")

	// Signed for us-east-1, a bucket needs no constraint; US East keeps the legacy 200
	// for a bucket created twice, and its location reads as empty.
	east := s3.NewFromConfig(config(s, s.AdminCredentials()), func(o *s3.Options) { o.UsePathStyle = true; o.Region = "us-east-1" })
	for range 2 {
		if _, err := east.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("virginia")}); err != nil {
			t.Fatal(err)
		}
	}
	loc, err := east.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("virginia")})
	if err != nil || loc.LocationConstraint != "" {
		t.Fatalf("us-east-1 location %q %v", loc.LocationConstraint, err)
	}
}

func TestBucketConfiguration(t *testing.T) {
	ctx := context.Background()
	_, c := adminClient(t)
	b := aws.String("configured")
	mustCreateBucket(t, c, "configured")

	acl, err := c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: b})
	if err != nil {
		t.Fatal(err)
	}
	if len(acl.Grants) != 1 || acl.Grants[0].Permission != s3types.PermissionFullControl ||
		acl.Grants[0].Grantee.Type != s3types.TypeCanonicalUser || aws.ToString(acl.Grants[0].Grantee.ID) != aws.ToString(acl.Owner.ID) {
		t.Fatalf("ACL %+v", acl)
	}

	enc, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b})
	if err != nil {
		t.Fatal(err)
	}
	if r := enc.ServerSideEncryptionConfiguration.Rules; len(r) != 1 || r[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm != s3types.ServerSideEncryptionAes256 {
		t.Fatalf("default encryption %+v", enc.ServerSideEncryptionConfiguration)
	}
	_, err = c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b, ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{
		Rules: []s3types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{
			SSEAlgorithm: s3types.ServerSideEncryptionAwsKms, KMSMasterKeyID: aws.String("alias/aws/s3")}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	enc, _ = c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b})
	if d := enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault; d.SSEAlgorithm != s3types.ServerSideEncryptionAwsKms || aws.ToString(d.KMSMasterKeyID) != "alias/aws/s3" {
		t.Fatalf("kms encryption %+v", d)
	}
	po, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("k")})
	if err != nil || po.ServerSideEncryption != s3types.ServerSideEncryptionAwsKms {
		t.Fatalf("object under bucket default: %+v %v", po, err)
	}
	if _, err := c.DeleteBucketEncryption(ctx, &s3.DeleteBucketEncryptionInput{Bucket: b}); err != nil {
		t.Fatal(err)
	}
	enc, _ = c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b})
	if enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm != s3types.ServerSideEncryptionAes256 {
		t.Fatal("deleting the configuration restores SSE-S3")
	}

	_, err = c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
	wantAPIError(t, err, "NoSuchTagSet", "The TagSet does not exist")
	tags := []s3types.Tag{{Key: aws.String("Name"), Value: aws.String("lab")}, {Key: aws.String("team"), Value: aws.String("")}}
	if _, err := c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b, Tagging: &s3types.Tagging{TagSet: tags}}); err != nil {
		t.Fatal(err)
	}
	gt, err := c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
	if err != nil || len(gt.TagSet) != 2 || aws.ToString(gt.TagSet[0].Key) != "Name" || aws.ToString(gt.TagSet[0].Value) != "lab" {
		t.Fatalf("tags %+v %v", gt, err)
	}
	_, err = c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b, Tagging: &s3types.Tagging{TagSet: append(tags, tags[0])}})
	wantAPIError(t, err, "InvalidTag", "Cannot provide multiple Tags with the same key")
	if _, err := c.DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: b}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: b})
	wantAPIError(t, err, "NoSuchTagSet", "")

	pab, err := c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b})
	if err != nil || !aws.ToBool(pab.PublicAccessBlockConfiguration.BlockPublicPolicy) || !aws.ToBool(pab.PublicAccessBlockConfiguration.RestrictPublicBuckets) {
		t.Fatalf("new buckets block public access: %+v %v", pab, err)
	}
	if _, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b})
	wantAPIError(t, err, "NoSuchPublicAccessBlockConfiguration", "")
	v, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b})
	if err != nil || v.Status != "" {
		t.Fatalf("versioning %+v %v", v, err)
	}
	// A sub-resource the simulator does not implement answers S3's NotImplemented.
	_, err = c.GetBucketWebsite(ctx, &s3.GetBucketWebsiteInput{Bucket: b})
	wantAPIError(t, err, "NotImplemented", "")
}
