package cloudtrail_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/labconsole/labconsole/model"
)

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// consoleTrail creates the lab's trail the way the console does: multi-region, log
// file validation on, logging started.
func consoleTrail(t *testing.T, e *env, name, bucket string) string {
	t.Helper()
	ctx := context.Background()
	e.bucketFor(bucket, "", name)
	out := must[*cloudtrail.CreateTrailOutput](t)(e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String(name), S3BucketName: aws.String(bucket),
		IsMultiRegionTrail: aws.Bool(true), EnableLogFileValidation: aws.Bool(true)}))
	must[*cloudtrail.StartLoggingOutput](t)(e.ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String(name)}))
	return aws.ToString(out.TrailARN)
}

var logKey = regexp.MustCompile(`^AWSLogs/123456789012/CloudTrail/([a-z0-9-]+)/(\d{4})/(\d{2})/(\d{2})/123456789012_CloudTrail_([a-z0-9-]+)_(\d{8}T\d{4}Z)_[A-Za-z0-9]{16}\.json\.gz$`)

func TestDeliveryAndDigests(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	bucket := "aws-cloudtrail-logs-123456789012-mylog"
	arn := consoleTrail(t, e, "lab-events-trail", bucket)
	must[*iam.CreateUserOutput](t)(e.iam().CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user")}))
	e.advance(2 * time.Minute)
	must[*cloudtrail.DescribeTrailsOutput](t)(e.ct.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{}))
	if keys := e.buckets.keys(bucket, "AWSLogs/"); len(keys) != 0 {
		t.Fatalf("delivered before 5 minutes: %v", keys)
	}

	e.advance(4 * time.Minute) // 09:06: the 09:05 delivery is due
	keys := e.buckets.keys(bucket, "AWSLogs/123456789012/CloudTrail/")
	if len(keys) != 2 {
		t.Fatalf("want a file for ap-northeast-2 and one for the global IAM events in us-east-1, got %v", keys)
	}
	names := map[string]bool{}
	for _, k := range keys {
		m := logKey.FindStringSubmatch(k)
		if m == nil || m[1] != m[5] || m[6] != "20260302T0905Z" || m[2]+m[3]+m[4] != "20260302" {
			t.Fatalf("log file key %q does not follow AWS's layout", k)
		}
		obj, _ := e.buckets.get(bucket, k)
		var file struct{ Records []map[string]any }
		if err := json.Unmarshal(gunzip(t, obj.body), &file); err != nil {
			t.Fatal(err)
		}
		for _, r := range file.Records {
			names[r["eventName"].(string)] = true
			if r["awsRegion"] != m[1] {
				t.Errorf("record of %v in the %s file", r["awsRegion"], m[1])
			}
		}
	}
	for _, want := range []string{"StartLogging", "CreateUser", "DescribeTrails", "GetBucketAcl"} {
		if !names[want] {
			t.Errorf("log files lack %s (have %v)", want, names)
		}
	}
	if names["CreateTrail"] || names["PutObject"] {
		t.Errorf("CreateTrail predates logging and PutObject is a data event: %v", names)
	}
	st := must[*cloudtrail.GetTrailStatusOutput](t)(e.ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("lab-events-trail")}))
	if !aws.ToTime(st.LatestDeliveryTime).Equal(testStart.Add(5*time.Minute)) || st.LatestDeliveryError != nil {
		t.Fatalf("status after delivery: %+v", st)
	}

	e.advance(2 * time.Hour) // two hourly digests per region
	digests := e.buckets.keys(bucket, "AWSLogs/123456789012/CloudTrail-Digest/ap-northeast-2/")
	if len(digests) != 2 {
		t.Fatalf("digests = %v", digests)
	}
	want := "AWSLogs/123456789012/CloudTrail-Digest/ap-northeast-2/2026/03/02/123456789012_CloudTrail-Digest_ap-northeast-2_lab-events-trail_ap-northeast-2_20260302T100000Z.json.gz"
	if digests[0] != want {
		t.Fatalf("digest key %q, want %q", digests[0], want)
	}
	if us := e.buckets.keys(bucket, "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/"); len(us) != 2 {
		t.Fatalf("us-east-1 digests = %v", us)
	}
	keysOut := must[*cloudtrail.ListPublicKeysOutput](t)(e.ct.ListPublicKeys(ctx, &cloudtrail.ListPublicKeysInput{StartTime: aws.Time(testStart), EndTime: aws.Time(testStart.Add(3 * time.Hour))}))
	pub := map[string]*rsa.PublicKey{}
	for _, k := range keysOut.PublicKeyList {
		p, err := x509.ParsePKCS1PublicKey(k.Value)
		if err != nil {
			t.Fatalf("ListPublicKeys Value is not DER PKCS#1: %v", err)
		}
		pub[aws.ToString(k.Fingerprint)] = p
	}
	var prevSig string
	for i, key := range digests {
		obj, _ := e.buckets.get(bucket, key)
		raw := gunzip(t, obj.body)
		var d map[string]any
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatal(err)
		}
		if d["digestS3Object"] != key || d["digestS3Bucket"] != bucket || d["digestSignatureAlgorithm"] != "SHA256withRSA" || d["awsAccountId"] != "123456789012" {
			t.Fatalf("digest %d fields: %v", i, d)
		}
		if obj.meta["signature-algorithm"] != "SHA256withRSA" {
			t.Fatalf("metadata %v", obj.meta)
		}
		sum := sha256.Sum256(raw)
		prev := "null"
		if i == 0 {
			if d["previousDigestSignature"] != nil || d["previousDigestS3Object"] != nil {
				t.Fatalf("the first digest has a previous one: %v", d)
			}
		} else {
			prev = d["previousDigestSignature"].(string)
			if prev != prevSig || d["previousDigestS3Object"] != digests[i-1] || d["previousDigestHashAlgorithm"] != "SHA-256" {
				t.Fatalf("digest %d does not chain: %v", i, d)
			}
		}
		toSign := d["digestEndTime"].(string) + "\n" + bucket + "/" + key + "\n" + hex.EncodeToString(sum[:]) + "\n" + prev
		h := sha256.Sum256([]byte(toSign))
		sig, _ := hex.DecodeString(obj.meta["signature"])
		k := pub[d["digestPublicKeyFingerprint"].(string)]
		if k == nil || rsa.VerifyPKCS1v15(k, crypto.SHA256, h[:], sig) != nil {
			t.Fatalf("digest %d signature does not verify", i)
		}
		prevSig = obj.meta["signature"]
		files := d["logFiles"].([]any)
		if i == 0 {
			if len(files) < 1 || d["oldestEventTime"] == nil {
				t.Fatalf("first digest log files: %v", d)
			}
			lf := files[0].(map[string]any)
			logObj, _ := e.buckets.get(bucket, lf["s3Object"].(string))
			lsum := sha256.Sum256(gunzip(t, logObj.body))
			if lf["hashValue"] != hex.EncodeToString(lsum[:]) || lf["hashAlgorithm"] != "SHA-256" {
				t.Fatalf("log file hash in the digest: %v", lf)
			}
		}
	}
	st = must[*cloudtrail.GetTrailStatusOutput](t)(e.ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(arn)}))
	if st.LatestDigestDeliveryTime == nil || !aws.ToTime(st.LatestDigestDeliveryTime).Equal(testStart.Add(2*time.Hour)) {
		t.Fatalf("LatestDigestDeliveryTime = %v", st.LatestDigestDeliveryTime)
	}
}

func TestSelectorsDecideDelivery(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	bucket := "sel-logs"
	e.bucketFor(bucket, "", "writes")
	must[*cloudtrail.CreateTrailOutput](t)(e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("writes"), S3BucketName: aws.String(bucket), IncludeGlobalServiceEvents: aws.Bool(false)}))
	must[*cloudtrail.PutEventSelectorsOutput](t)(e.ct.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: aws.String("writes"),
		EventSelectors: []types.EventSelector{{ReadWriteType: types.ReadWriteTypeWriteOnly, IncludeManagementEvents: aws.Bool(true)}}}))
	must[*cloudtrail.StartLoggingOutput](t)(e.ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("writes")}))
	must[*cloudtrail.DescribeTrailsOutput](t)(e.ct.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{}))
	must[*iam.CreateUserOutput](t)(e.iam().CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("global-user")}))
	must[*cloudtrail.AddTagsOutput](t)(e.ct.AddTags(ctx, &cloudtrail.AddTagsInput{ResourceId: aws.String(model.TrailARN("ap-northeast-2", "123456789012", "writes")),
		TagsList: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}))
	e.advance(6 * time.Minute)
	keys := e.buckets.keys(bucket, "AWSLogs/")
	if len(keys) != 1 || !strings.Contains(keys[0], "/ap-northeast-2/") {
		t.Fatalf("a single-region trail without global events delivers only its region: %v", keys)
	}
	obj, _ := e.buckets.get(bucket, keys[0])
	body := string(gunzip(t, obj.body))
	if strings.Contains(body, `"DescribeTrails"`) || strings.Contains(body, `"CreateUser"`) || !strings.Contains(body, `"AddTags"`) {
		t.Fatalf("write-only selector delivered: %s", body)
	}
}

// TestDataEventsOnlyWhereSelected: S3 object-level calls are data events, absent
// from Event history and delivered only by a trail whose selectors pick them.
func TestDataEventsOnlyWhereSelected(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	bucket := "data-logs"
	e.bucketFor(bucket, "", "data-trail")
	must[*cloudtrail.CreateTrailOutput](t)(e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("data-trail"), S3BucketName: aws.String(bucket)}))
	must[*cloudtrail.PutEventSelectorsOutput](t)(e.ct.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: aws.String("data-trail"),
		AdvancedEventSelectors: []types.AdvancedEventSelector{{Name: aws.String("S3 writes to the app bucket"), FieldSelectors: []types.AdvancedFieldSelector{
			{Field: aws.String("eventCategory"), Equals: []string{"Data"}},
			{Field: aws.String("resources.type"), Equals: []string{"AWS::S3::Object"}},
			{Field: aws.String("resources.ARN"), StartsWith: []string{"arn:aws:s3:::app-bucket/"}},
			{Field: aws.String("readOnly"), Equals: []string{"false"}},
		}}}}))
	must[*cloudtrail.StartLoggingOutput](t)(e.ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("data-trail")}))
	e.buckets.create("app-bucket")
	e.buckets.put("app-bucket", "index.html", []byte("<h1>lab</h1>"), nil)
	e.buckets.get("app-bucket", "index.html")
	e.advance(6 * time.Minute)
	if evs := lookup(t, e.ct, types.LookupAttributeKeyEventName, "PutObject"); len(evs) != 0 {
		t.Fatalf("data events in Event history: %d", len(evs))
	}
	keys := e.buckets.keys(bucket, "AWSLogs/123456789012/CloudTrail/")
	if len(keys) != 1 {
		t.Fatalf("log files = %v", keys)
	}
	obj, _ := e.buckets.get(bucket, keys[0])
	var file struct{ Records []map[string]any }
	if err := json.Unmarshal(gunzip(t, obj.body), &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Records) != 1 {
		t.Fatalf("want only the PutObject, got %d records", len(file.Records))
	}
	r := file.Records[0]
	res := r["resources"].([]any)
	if r["eventName"] != "PutObject" || r["eventCategory"] != "Data" || r["managementEvent"] != false || len(res) != 2 ||
		res[0].(map[string]any)["ARN"] != "arn:aws:s3:::app-bucket/index.html" {
		t.Fatalf("data event record %v", r)
	}
}
