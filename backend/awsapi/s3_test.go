package awsapi_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/model"
)

func TestS3BucketsAndBrowsing(t *testing.T) {
	ctx := context.Background()
	s, b := newSim(t, "")
	const bucket = "aws-cloudtrail-logs-123456789012-mylog"

	var fes model.Errors
	if _, err := b.CreateBucket(ctx, model.NewBucket{Name: "Bad_Bucket", Region: "ap-northeast-2"}); !errors.As(err, &fes) || fes.For("BucketName").ID != "ValidateBucketNameChars" {
		t.Fatalf("model validation first: %v", err)
	}
	created, err := b.CreateBucket(ctx, model.NewBucket{Name: bucket, Region: "ap-northeast-2"})
	if err != nil || created.Region != "ap-northeast-2" {
		t.Fatalf("create %+v %v", created, err)
	}
	if _, err := b.CreateBucket(ctx, model.NewBucket{Name: bucket, Region: "ap-northeast-2"}); backend.KindOf(err) != backend.KindAlreadyExists {
		t.Fatalf("twice: %v", err)
	}
	// A bucket in another Region: the request goes to that Region's endpoint.
	if _, err := b.CreateBucket(ctx, model.NewBucket{Name: "virginia-bucket", Region: "us-east-1"}); err != nil {
		t.Fatal(err)
	}
	buckets, err := b.ListBuckets(ctx)
	if err != nil || len(buckets) != 2 || buckets[0].Name != bucket || buckets[0].Region != "ap-northeast-2" || buckets[0].CreationDate.IsZero() || buckets[1].Region != "us-east-1" {
		t.Fatalf("buckets %+v %v", buckets, err)
	}
	if r, err := b.GetBucketLocation(ctx, "virginia-bucket"); err != nil || r != "us-east-1" {
		t.Fatalf("location %q %v", r, err)
	}

	keys := []string{
		"AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/123456789012_CloudTrail_ap-northeast-2_20261122T0935Z_AbCdEfGh12345678.json.gz",
		"AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/123456789012_CloudTrail_ap-northeast-2_20261122T0940Z_IjKlMnOp90123456.json.gz",
		"AWSLogs/123456789012/CloudTrail-Digest/ap-northeast-2/2026/11/22/digest.json.gz",
		"AWSLogs/123456789012/odd key+name&=.txt",
	}
	for _, k := range keys {
		if _, err := s.S3().PutObjectInternal(ctx, bucket, k, []byte(`{"Records":[]}`), "application/json", nil, s.Clock().Now()); err != nil {
			t.Fatal(err)
		}
	}
	l, err := b.ListObjects(ctx, bucket, "AWSLogs/123456789012/", "/", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(l.Folders) != "[AWSLogs/123456789012/CloudTrail-Digest/ AWSLogs/123456789012/CloudTrail/]" || len(l.Objects) != 1 ||
		l.Objects[0].Key != keys[3] || l.NextToken != "" || l.FolderName(l.Folders[1]) != "CloudTrail" {
		t.Fatalf("account folder %+v", l)
	}
	day := "AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/"
	l, err = b.ListObjects(ctx, bucket, day, "/", "", 1)
	if err != nil || len(l.Objects) != 1 || l.NextToken == "" {
		t.Fatalf("page 1 %+v %v", l, err)
	}
	o := l.Objects[0]
	if o.Key != keys[0] || o.Size != 14 || o.StorageClass != "STANDARD" || !strings.HasPrefix(o.ETag, `"`) || o.LastModified.IsZero() {
		t.Fatalf("object %+v", o)
	}
	l, err = b.ListObjects(ctx, bucket, day, "/", l.NextToken, 1)
	if err != nil || len(l.Objects) != 1 || l.Objects[0].Key != keys[1] || l.NextToken != "" {
		t.Fatalf("page 2 %+v %v", l, err)
	}

	info, err := b.HeadObject(ctx, bucket, keys[0])
	if err != nil || info.Size != 14 || info.ContentType != "application/json" || info.ServerSideEncryption != "AES256" || info.StorageClass != "STANDARD" {
		t.Fatalf("head %+v %v", info, err)
	}
	data, err := b.GetObject(ctx, bucket, keys[0], 5)
	if err != nil || string(data.Body) != `{"Rec` || !data.Truncated || data.Size != 14 {
		t.Fatalf("capped read %+v %v", data, err)
	}
	data, err = b.GetObject(ctx, bucket, keys[0], 0)
	if err != nil || !bytes.Equal(data.Body, []byte(`{"Records":[]}`)) || data.Truncated {
		t.Fatalf("full read %+v %v", data, err)
	}
	if _, err := s.S3().PutObjectInternal(ctx, bucket, "empty", nil, "", nil, s.Clock().Now()); err != nil {
		t.Fatal(err)
	}
	if data, err = b.GetObject(ctx, bucket, "empty", 1024); err != nil || len(data.Body) != 0 || data.Truncated {
		t.Fatalf("empty object %+v %v", data, err)
	}
	if err := b.DeleteObject(ctx, bucket, "empty"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.HeadObject(ctx, bucket, "empty"); backend.KindOf(err) != backend.KindNotFound {
		t.Fatalf("deleted object: %v", err)
	}
	if _, err := b.GetObject(ctx, bucket, "empty", 0); backend.KindOf(err) != backend.KindNotFound {
		t.Fatalf("deleted object: %v", err)
	}
	if _, err := b.ListObjects(ctx, "no-such-bucket", "", "/", "", 0); backend.KindOf(err) != backend.KindNotFound {
		t.Fatalf("missing bucket: %v", err)
	}
}

func TestS3BucketPolicyAndDenials(t *testing.T) {
	ctx := context.Background()
	s, b := newSim(t, "")
	const bucket = "policy-bucket"
	if _, err := b.CreateBucket(ctx, model.NewBucket{Name: bucket, Region: "ap-northeast-2"}); err != nil {
		t.Fatal(err)
	}
	if doc, ok, err := b.GetBucketPolicy(ctx, bucket); ok || err != nil || doc != "" {
		t.Fatalf("no policy: %q %v %v", doc, ok, err)
	}
	doc := `{"Version":"2012-10-17","Statement":[{"Sid":"AWSCloudTrailAclCheck","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::policy-bucket"}]}`
	if err := b.PutBucketPolicy(ctx, bucket, doc); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := b.GetBucketPolicy(ctx, bucket); !ok || err != nil || got != doc {
		t.Fatalf("policy %q %v %v", got, ok, err)
	}
	err := b.PutBucketPolicy(ctx, bucket, strings.Replace(doc, "policy-bucket", "other-bucket", 1))
	var be *backend.Error
	if !errors.As(err, &be) || be.Kind != backend.KindValidation || be.Code != "MalformedPolicy" || be.Message != "Policy has invalid resource" {
		t.Fatalf("malformed: %#v", err)
	}

	// lab-user without S3 permissions (lab step C9).
	if _, err := b.CreateUser(ctx, model.NewUser{UserName: "lab-user"}); err != nil {
		t.Fatal(err)
	}
	creds, err := s.IAM().AddAccessKey(ctx, "lab-user", s.Clock().Now())
	if err != nil {
		t.Fatal(err)
	}
	user := awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	_, err = user.ListObjects(ctx, bucket, "", "/", "", 0)
	if !errors.As(err, &be) || be.Kind != backend.KindAccessDenied || be.Op != "s3:ListBucket" ||
		be.Message != `User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::policy-bucket" because no identity-based policy allows the s3:ListBucket action` {
		t.Fatalf("denied listing: %#v", err)
	}
	if _, err := user.HeadObject(ctx, bucket, "k"); backend.KindOf(err) != backend.KindAccessDenied {
		t.Fatalf("denied HEAD (a body-less 403): %v", err)
	}
	if _, err := user.ListBuckets(ctx); backend.KindOf(err) != backend.KindAccessDenied {
		t.Fatalf("denied ListBuckets: %v", err)
	}
}
