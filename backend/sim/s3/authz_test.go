package s3_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

const (
	s3FullAccess       = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
	cloudTrailFullAccs = "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess"
)

// TestLabUserNeedsS3Permissions replays C9–C11: lab-user, with CloudTrail rights
// only, cannot list the trail bucket, and can once AmazonS3FullAccess is attached.
func TestLabUserNeedsS3Permissions(t *testing.T) {
	ctx := context.Background()
	s, admin := adminClient(t)
	mustCreateBucket(t, admin, trailBucket)
	mustPut(t, admin, trailBucket, "AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/x.json.gz", "gz")
	user := userClient(t, s, "lab-user", cloudTrailFullAccs)

	_, err := user.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(trailBucket), Prefix: aws.String("AWSLogs/123456789012/"), Delimiter: aws.String("/")})
	wantAPIError(t, err, "AccessDenied", `User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::aws-cloudtrail-logs-123456789012-mylog" because no identity-based policy allows the s3:ListBucket action`)
	if httpStatus(err) != 403 {
		t.Fatalf("status %d", httpStatus(err))
	}
	_, err = user.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(trailBucket)})
	if httpStatus(err) != 403 {
		t.Fatalf("HeadBucket denied: %v", err)
	}
	_, err = user.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("lab-user-bucket"),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "ap-northeast-2"}})
	wantAPIError(t, err, "AccessDenied", `User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: s3:CreateBucket on resource: "arn:aws:s3:::lab-user-bucket" because no identity-based policy allows the s3:CreateBucket action`)

	// C10: the administrator attaches AmazonS3FullAccess to lab-user.
	iamc := iam.NewFromConfig(config(s, s.AdminCredentials()))
	if _, err := iamc.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("lab-user"), PolicyArn: aws.String(s3FullAccess)}); err != nil {
		t.Fatal(err)
	}
	out, err := user.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(trailBucket), Prefix: aws.String("AWSLogs/123456789012/"), Delimiter: aws.String("/")})
	if err != nil || len(out.CommonPrefixes) != 1 {
		t.Fatalf("after attaching AmazonS3FullAccess: %+v %v", out, err)
	}
}

func TestListAllMyBucketsDenied(t *testing.T) {
	s, _ := adminClient(t)
	user := userClient(t, s, "nobody")
	_, err := user.ListBuckets(context.Background(), &s3.ListBucketsInput{})
	wantAPIError(t, err, "AccessDenied", "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action")
}

// TestBucketPolicyGrantsAndDenies: a bucket policy allows a user without identity
// policies, an explicit Deny in it stops even the administrator, and a missing key
// reads as the s3:ListBucket denial to a caller who may not list the bucket.
func TestBucketPolicyGrantsAndDenies(t *testing.T) {
	ctx := context.Background()
	s, admin := adminClient(t)
	mustCreateBucket(t, admin, "shared-bucket")
	mustPut(t, admin, "shared-bucket", "reports/a.txt", "report")
	user := userClient(t, s, "reader")
	doc := `{"Version":"2012-10-17","Statement":[
		{"Sid":"ReadReports","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared-bucket/reports/*"},
		{"Sid":"KeepReports","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::shared-bucket/reports/*"}]}`
	if _, err := admin.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("shared-bucket"), Policy: aws.String(doc)}); err != nil {
		t.Fatal(err)
	}
	got, err := admin.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("shared-bucket")})
	if err != nil || aws.ToString(got.Policy) != doc {
		t.Fatalf("GetBucketPolicy %v", err)
	}
	if _, err := user.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("shared-bucket"), Key: aws.String("reports/a.txt")}); err != nil {
		t.Fatalf("allowed by the bucket policy: %v", err)
	}
	_, err = user.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("shared-bucket"), Key: aws.String("reports/missing.txt")})
	wantAPIError(t, err, "AccessDenied", "")
	if !strings.Contains(err.Error(), `s3:ListBucket on resource: "arn:aws:s3:::shared-bucket"`) {
		t.Fatalf("a missing key without s3:ListBucket: %v", err)
	}
	_, err = admin.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("shared-bucket"), Key: aws.String("reports/missing.txt")})
	var nsk *s3types.NoSuchKey
	if !errors.As(err, &nsk) {
		t.Fatalf("the administrator may list, so sees NoSuchKey: %v", err)
	}
	_, err = admin.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("shared-bucket"), Key: aws.String("reports/a.txt")})
	wantAPIError(t, err, "AccessDenied", "")
	if !strings.Contains(err.Error(), "explicit deny in a resource-based policy") {
		t.Fatalf("explicit deny wording: %v", err)
	}
	// DeleteObjects reports the denied key in its result and deletes the rest.
	mustPut(t, admin, "shared-bucket", "tmp/b.txt", "b")
	del, err := admin.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("shared-bucket"), Delete: &s3types.Delete{Objects: []s3types.ObjectIdentifier{
		{Key: aws.String("reports/a.txt")}, {Key: aws.String("tmp/b.txt")}}}})
	if err != nil || len(del.Deleted) != 1 || len(del.Errors) != 1 || aws.ToString(del.Errors[0].Code) != "AccessDenied" || aws.ToString(del.Errors[0].Key) != "reports/a.txt" {
		t.Fatalf("DeleteObjects %+v %v", del, err)
	}
	if _, err := admin.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String("shared-bucket")}); err != nil {
		t.Fatal(err)
	}
	_, err = admin.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("shared-bucket")})
	wantAPIError(t, err, "NoSuchBucketPolicy", "The bucket policy does not exist")
}

func TestPutBucketPolicyValidation(t *testing.T) {
	ctx := context.Background()
	_, admin := adminClient(t)
	mustCreateBucket(t, admin, "policy-bucket")
	put := func(doc string) error {
		_, err := admin.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("policy-bucket"), Policy: aws.String(doc)})
		return err
	}
	stmt := func(principal, action, resource string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + principal + `,"Action":"` + action + `","Resource":"` + resource + `"}]}`
	}
	svc := `{"Service":"cloudtrail.amazonaws.com"}`
	wantAPIError(t, put(`not json`), "MalformedPolicy", "")
	wantAPIError(t, put(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::policy-bucket/*"}]}`),
		"MalformedPolicy", "Missing required field Principal")
	wantAPIError(t, put(stmt(svc, "s3:PutObject", "arn:aws:s3:::other-bucket/*")), "MalformedPolicy", "Policy has invalid resource")
	wantAPIError(t, put(stmt(svc, "iam:CreateUser", "arn:aws:s3:::policy-bucket")), "MalformedPolicy", "Policy has invalid action")
	// The CloudTrail delivery policy (as the trail wizard writes it) is accepted.
	if err := put(stmt(svc, "s3:GetBucketAcl", "arn:aws:s3:::policy-bucket")); err != nil {
		t.Fatal(err)
	}
	if err := put(stmt(svc, "s3:PutObject", "arn:aws:s3:::policy-*/AWSLogs/123456789012/*")); err != nil {
		t.Fatal(err)
	}
	// Block Public Access (on by default) refuses a public policy until it is lifted.
	public := stmt(`"*"`, "s3:GetObject", "arn:aws:s3:::policy-bucket/*")
	err := put(public)
	wantAPIError(t, err, "AccessDenied", "")
	if !strings.Contains(err.Error(), "BlockPublicPolicy") {
		t.Fatalf("public policy: %v", err)
	}
	if _, err := admin.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String("policy-bucket")}); err != nil {
		t.Fatal(err)
	}
	if err := put(public); err != nil {
		t.Fatalf("public policy without Block Public Access: %v", err)
	}
	_, err = admin.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("no-such-bucket"), Policy: aws.String(public)})
	wantAPIError(t, err, "NoSuchBucket", "")
}
