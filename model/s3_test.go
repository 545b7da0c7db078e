package model

import (
	"errors"
	"testing"
)

func TestValidateBucketName(t *testing.T) {
	cases := []struct {
		name string
		id   string // "" = valid
	}{
		{"aws-cloudtrail-logs-123456789012-mylog", ""},
		{"abc", ""},
		{"my.bucket.name", ""},
		{"a1-2.b", ""},
		{"", "ValidateRequired"},
		{"ab", "ValidateBucketNameLength"},
		{"a234567890123456789012345678901234567890123456789012345678901234", "ValidateBucketNameLength"},
		{"doc_example_bucket", "ValidateBucketNameChars"},
		{"DocExampleBucket", "ValidateBucketNameChars"},
		{"doc-example-bucket-", "ValidateBucketNameEdges"},
		{".bucket", "ValidateBucketNameEdges"},
		{"my..bucket", "ValidateBucketNameAdjacentPeriods"},
		{"192.168.5.4", "ValidateBucketNameIPAddress"},
		{"999.999.999.999", "ValidateBucketNameIPAddress"},
		{"1.2.3.4.5", ""},
		{"xn--bucket", "ValidateBucketNamePrefix"},
		{"sthree-bucket", "ValidateBucketNamePrefix"},
		{"amzn-s3-demo-bucket", "ValidateBucketNamePrefix"},
		{"bucket-s3alias", "ValidateBucketNameSuffix"},
		{"bucket--ol-s3", "ValidateBucketNameSuffix"},
		{"bucket.mrap", "ValidateBucketNameSuffix"},
		{"bucket--x-s3", "ValidateBucketNameSuffix"},
		{"bucket--table-s3", "ValidateBucketNameSuffix"},
	}
	for _, c := range cases {
		err := ValidateBucketName(c.name)
		if c.id == "" {
			if err != nil {
				t.Errorf("%q: unexpected %v", c.name, err)
			}
			continue
		}
		var fe *FieldError
		if !errors.As(err, &fe) || fe.ID != c.id || fe.AWS != InvalidBucketNameMessage || fe.Field != "BucketName" {
			t.Errorf("%q: got %#v, want ID %s", c.name, err, c.id)
		}
	}
}

func TestNewBucketValidate(t *testing.T) {
	if err := (NewBucket{Name: "lab-bucket", Region: "ap-northeast-2"}).Validate(); err != nil {
		t.Fatal(err)
	}
	var errs Errors
	if err := (NewBucket{Name: "X"}).Validate(); !errors.As(err, &errs) || len(errs) != 2 || errs.For("Region") == nil {
		t.Fatalf("got %v", err)
	}
}

func TestListingNames(t *testing.T) {
	l := Listing{Prefix: "AWSLogs/123456789012/", Delimiter: "/"}
	if got := l.FolderName("AWSLogs/123456789012/CloudTrail-Digest/"); got != "CloudTrail-Digest" {
		t.Fatalf("FolderName = %q", got)
	}
	if got := (Object{Key: "a/b/c.json.gz"}).Name("a/b/"); got != "c.json.gz" {
		t.Fatalf("Name = %q", got)
	}
}
