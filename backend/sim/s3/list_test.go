package s3_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

const trailBucket = "aws-cloudtrail-logs-123456789012-mylog"

// labKeys is the trail bucket as the lab browses it (C11, D3–D4).
var labKeys = []string{
	"AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/21/123456789012_CloudTrail_ap-northeast-2_20261121T2355Z_Zq8FEXWOpXXAFh9d.json.gz",
	"AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/123456789012_CloudTrail_ap-northeast-2_20261122T0935Z_AbCdEfGh12345678.json.gz",
	"AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/123456789012_CloudTrail_ap-northeast-2_20261122T0940Z_IjKlMnOp90123456.json.gz",
	"AWSLogs/123456789012/CloudTrail-Digest/ap-northeast-2/2026/11/22/123456789012_CloudTrail-Digest_ap-northeast-2_lab-events-trail_ap-northeast-2_20261122T093500Z.json.gz",
	"AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/22/123456789012_CloudTrail_us-east-1_20261122T0935Z_QrStUvWx78901234.json.gz",
}

func keysOf(out *s3.ListObjectsV2Output) (keys, prefixes []string) {
	for _, o := range out.Contents {
		keys = append(keys, aws.ToString(o.Key))
	}
	for _, p := range out.CommonPrefixes {
		prefixes = append(prefixes, aws.ToString(p.Prefix))
	}
	return keys, prefixes
}

func TestListLabLayout(t *testing.T) {
	ctx := context.Background()
	_, c := adminClient(t)
	mustCreateBucket(t, c, trailBucket)
	for _, k := range labKeys {
		mustPut(t, c, trailBucket, k, "gz")
	}
	browse := func(prefix string) ([]string, []string, *s3.ListObjectsV2Output) {
		t.Helper()
		out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(trailBucket), Prefix: aws.String(prefix), Delimiter: aws.String("/")})
		if err != nil {
			t.Fatal(err)
		}
		keys, prefixes := keysOf(out)
		return keys, prefixes, out
	}
	_, p, _ := browse("")
	if fmt.Sprint(p) != "[AWSLogs/]" {
		t.Fatalf("root %v", p)
	}
	// C11: two folders; S3's byte order puts CloudTrail-Digest/ ('-') before CloudTrail/ ('/').
	keys, p, out := browse("AWSLogs/123456789012/")
	if fmt.Sprint(p) != "[AWSLogs/123456789012/CloudTrail-Digest/ AWSLogs/123456789012/CloudTrail/]" || len(keys) != 0 ||
		aws.ToInt32(out.KeyCount) != 2 || aws.ToBool(out.IsTruncated) || aws.ToString(out.Delimiter) != "/" || aws.ToString(out.Prefix) != "AWSLogs/123456789012/" {
		t.Fatalf("account folder %v %v %+v", p, keys, out)
	}
	_, p, _ = browse("AWSLogs/123456789012/CloudTrail/")
	if fmt.Sprint(p) != "[AWSLogs/123456789012/CloudTrail/ap-northeast-2/ AWSLogs/123456789012/CloudTrail/us-east-1/]" {
		t.Fatalf("regions %v", p)
	}
	_, p, _ = browse("AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/")
	if fmt.Sprint(p) != "[AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/21/ AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/]" {
		t.Fatalf("days %v", p)
	}
	keys, p, out = browse("AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/")
	if len(p) != 0 || !slices.Equal(keys, labKeys[1:3]) {
		t.Fatalf("D4 objects %v %v", keys, p)
	}
	o := out.Contents[0]
	if aws.ToInt64(o.Size) != 2 || o.StorageClass != s3types.ObjectStorageClassStandard || aws.ToString(o.ETag) != md5ETag([]byte("gz")) || !aws.ToTime(o.LastModified).Equal(t0) {
		t.Fatalf("object entry %+v", o)
	}
	// Without a delimiter every key, in byte order.
	all, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(trailBucket)})
	if err != nil {
		t.Fatal(err)
	}
	keys, _ = keysOf(all)
	want := slices.Clone(labKeys)
	slices.Sort(want)
	if !slices.Equal(keys, want) {
		t.Fatalf("all keys %v", keys)
	}
}

// TestListPagination pages through folders that hold more keys than the scan steps
// over before seeking, and checks no entry is lost or repeated.
func TestListPagination(t *testing.T) {
	ctx := context.Background()
	s, c := adminClient(t)
	mustCreateBucket(t, c, "paged")
	var want []string // entries of a "/" listing under "p/"
	for i := range 12 {
		folder := fmt.Sprintf("p/f%02d/", i)
		for j := range 20 {
			if _, err := s.S3().PutObjectInternal(ctx, "paged", fmt.Sprintf("%sk%02d", folder, j), []byte("x"), "", nil, t0); err != nil {
				t.Fatal(err)
			}
		}
		want = append(want, folder)
		key := fmt.Sprintf("p/g%02d", i)
		mustPut(t, c, "paged", key, "y")
		want = append(want, key)
	}
	slices.Sort(want)
	for _, pageSize := range []int32{1, 5, 7, 24, 1000} {
		var got []string
		var token *string
		for pages := 0; ; pages++ {
			out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("paged"), Prefix: aws.String("p/"), Delimiter: aws.String("/"),
				MaxKeys: aws.Int32(pageSize), ContinuationToken: token})
			if err != nil {
				t.Fatal(err)
			}
			keys, prefixes := keysOf(out)
			if n := int32(len(keys) + len(prefixes)); n != aws.ToInt32(out.KeyCount) || n > pageSize {
				t.Fatalf("page size %d: KeyCount %d for %d entries", pageSize, aws.ToInt32(out.KeyCount), n)
			}
			got = append(got, prefixes...)
			got = append(got, keys...)
			if !aws.ToBool(out.IsTruncated) {
				if out.NextContinuationToken != nil {
					t.Fatal("a complete page has no next token")
				}
				break
			}
			token = out.NextContinuationToken
			if pages > 100 {
				t.Fatal("pagination does not end")
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("page size %d: got %v\nwant %v", pageSize, got, want)
		}
	}

	// StartAfter inside a folder skips the whole folder; v1 Marker/NextMarker agree.
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("paged"), Prefix: aws.String("p/"), Delimiter: aws.String("/"),
		StartAfter: aws.String("p/f10/k03"), MaxKeys: aws.Int32(2)})
	if err != nil {
		t.Fatal(err)
	}
	if k, p := keysOf(out); fmt.Sprint(k, p) != "[p/g00] [p/f11/]" || aws.ToString(out.StartAfter) != "p/f10/k03" {
		t.Fatalf("start-after: %v %v", k, p)
	}
	v1, err := c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String("paged"), Prefix: aws.String("p/"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(3)})
	if err != nil || !aws.ToBool(v1.IsTruncated) || aws.ToString(v1.NextMarker) != "p/f02/" || len(v1.CommonPrefixes) != 3 || aws.ToString(v1.Marker) != "" {
		t.Fatalf("v1 %+v %v", v1, err)
	}
	v1, err = c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String("paged"), Prefix: aws.String("p/"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(3), Marker: v1.NextMarker})
	if err != nil || aws.ToString(v1.CommonPrefixes[0].Prefix) != "p/f03/" {
		t.Fatalf("v1 page 2 %+v %v", v1, err)
	}
	v1, err = c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String("paged"), Prefix: aws.String("p/g")})
	if err != nil || len(v1.Contents) != 12 || v1.Contents[0].Owner == nil || aws.ToBool(v1.IsTruncated) || v1.NextMarker != nil {
		t.Fatalf("v1 without delimiter %+v %v", v1, err)
	}
	empty, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("paged"), MaxKeys: aws.Int32(0)})
	if err != nil || aws.ToInt32(empty.KeyCount) != 0 || aws.ToBool(empty.IsTruncated) {
		t.Fatalf("max-keys 0: %+v %v", empty, err)
	}
	_, err = c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("paged"), ContinuationToken: aws.String("not*base64")})
	wantAPIError(t, err, "InvalidArgument", "The continuation token provided is incorrect")
}

func TestListURLEncoding(t *testing.T) {
	ctx := context.Background()
	_, c := adminClient(t)
	mustCreateBucket(t, c, "encoded")
	const key = "dir one/a b+c&d=é.txt"
	mustPut(t, c, "encoded", key, "x")
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("encoded"), EncodingType: s3types.EncodingTypeUrl})
	if err != nil {
		t.Fatal(err)
	}
	raw := aws.ToString(out.Contents[0].Key)
	if dec, err := url.QueryUnescape(raw); err != nil || dec != key || raw == key {
		t.Fatalf("encoded key %q decodes to %q", raw, dec)
	}
	out, err = c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("encoded"), Delimiter: aws.String("/")})
	if err != nil || aws.ToString(out.CommonPrefixes[0].Prefix) != "dir one/" {
		t.Fatalf("plain %+v %v", out, err)
	}
}

// TestListOddDelimiters drives the in-SQLite skip-scan with delimiters of several
// characters and outside ASCII, under a non-ASCII prefix, with folders big enough
// to be sought past.
func TestListOddDelimiters(t *testing.T) {
	ctx := context.Background()
	s, c := adminClient(t)
	mustCreateBucket(t, c, "odd")
	for _, folder := range []string{"자료/a", "자료/b", "자료/c"} {
		for _, delim := range []string{"--", "é"} {
			for j := range 12 {
				if _, err := s.S3().PutObjectInternal(ctx, "odd", fmt.Sprintf("%s%sx%02d", folder, delim, j), []byte("x"), "", nil, t0); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for delim, want := range map[string]string{
		"--": "[자료/a-- 자료/b-- 자료/c--]",
		"é":  "[자료/aé 자료/bé 자료/cé]",
	} {
		out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("odd"), Prefix: aws.String("자료/"), Delimiter: aws.String(delim)})
		if err != nil {
			t.Fatal(err)
		}
		keys, prefixes := keysOf(out)
		if fmt.Sprint(prefixes) != want || len(keys) != 36 {
			t.Fatalf("delimiter %q: prefixes %v, %d keys", delim, prefixes, len(keys))
		}
	}
}
