package cloudtrail_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	ct "github.com/labconsole/labconsole/backend/sim/cloudtrail"
	"github.com/labconsole/labconsole/backend/sim/protocol"
)

const (
	keyID     = "1234abcd-12ab-34cd-56ef-1234567890ab"
	keyARN    = "arn:aws:kms:ap-northeast-2:123456789012:key/" + keyID
	offID     = "0000abcd-12ab-34cd-56ef-1234567890ab"
	offARN    = "arn:aws:kms:ap-northeast-2:123456789012:key/" + offID
	aliasName = "alias/cloudtrail-lab"
)

// fakeKeys stands in for KMS: one enabled key with an alias, one disabled key.
type fakeKeys struct{ disabled bool }

func (f *fakeKeys) ResolveKey(_ context.Context, region, id string) (string, bool, error) {
	switch id {
	case keyID, keyARN, aliasName, "arn:aws:kms:ap-northeast-2:123456789012:" + aliasName:
		return keyARN, !f.disabled, nil
	case offID, offARN:
		return offARN, false, nil
	}
	return "", false, protocol.Errorf(400, "NotFoundException", "Key '%s' does not exist", id)
}

func TestKMSKeySettings(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.bucketFor("kms-bucket", "", "kms-trail")
	create := func(key string) (*cloudtrail.CreateTrailOutput, error) {
		return e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("kms-trail"), S3BucketName: aws.String("kms-bucket"),
			KmsKeyId: aws.String(key), EnableLogFileValidation: aws.Bool(true)})
	}
	ct.SetKeys(e.sim.CloudTrail(), nil)
	_, err := create(keyID)
	wantCode(t, err, "KmsKeyNotFoundException") // no KMS: no key exists

	keys := &fakeKeys{}
	ct.SetKeys(e.sim.CloudTrail(), keys)
	for _, c := range []struct{ key, code string }{
		{"not-a-key", "InvalidKmsKeyIdException"},
		{"alias", "InvalidKmsKeyIdException"},
		{"arn:aws:kms:ap-northeast-2:123456789012:key/xyz", "InvalidKmsKeyIdException"},
		{"alias/no-such-alias", "KmsKeyNotFoundException"},
		{"ffffffff-12ab-34cd-56ef-1234567890ab", "KmsKeyNotFoundException"},
		{strings.Replace(keyARN, "ap-northeast-2", "us-east-1", 1), "KmsKeyNotFoundException"},
		{strings.Replace(keyARN, "123456789012", "210987654321", 1), "KmsKeyNotFoundException"},
		{offID, "KmsException"},
	} {
		_, err := create(c.key)
		if msg := wantCode(t, err, c.code); msg == "" {
			t.Errorf("%s: empty message", c.key)
		}
	}
	// Every accepted form is stored as the key's ARN.
	for _, form := range []string{keyID, aliasName, "arn:aws:kms:ap-northeast-2:123456789012:" + aliasName} {
		out, err := create(form)
		if err != nil || aws.ToString(out.KmsKeyId) != keyARN {
			t.Fatalf("%s: CreateTrail = %+v %v", form, out, err)
		}
		must[*cloudtrail.DeleteTrailOutput](t)(e.ct.DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String("kms-trail")}))
	}
	out := must[*cloudtrail.CreateTrailOutput](t)(create(keyARN))
	if aws.ToString(out.KmsKeyId) != keyARN {
		t.Fatalf("KmsKeyId = %s", aws.ToString(out.KmsKeyId))
	}

	// Delivered log files and digests are SSE-KMS with the trail's key.
	must[*cloudtrail.StartLoggingOutput](t)(e.ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("kms-trail")}))
	e.advance(61 * time.Minute)
	files := e.buckets.keys("kms-bucket", "AWSLogs/")
	var logs, digests int
	for _, k := range files {
		head, err := e.buckets.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("kms-bucket"), Key: aws.String(k)})
		if err != nil {
			t.Fatal(err)
		}
		if head.ServerSideEncryption != s3types.ServerSideEncryptionAwsKms || aws.ToString(head.SSEKMSKeyId) != keyARN {
			t.Fatalf("%s: encryption %s %s", k, head.ServerSideEncryption, aws.ToString(head.SSEKMSKeyId))
		}
		if strings.Contains(k, "/CloudTrail-Digest/") {
			digests++
		} else {
			logs++
		}
	}
	if logs == 0 || digests == 0 {
		t.Fatalf("delivered %v", files)
	}
	// The key is disabled: delivery fails and says why.
	keys.disabled = true
	must[*cloudtrail.DescribeTrailsOutput](t)(e.ct.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{}))
	e.advance(6 * time.Minute)
	st := must[*cloudtrail.GetTrailStatusOutput](t)(e.ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("kms-trail")}))
	if aws.ToString(st.LatestDeliveryError) != "KMS.DisabledException" {
		t.Fatalf("status with a disabled key: %+v", st)
	}
	// UpdateTrail with "" turns SSE-KMS off.
	up := must[*cloudtrail.UpdateTrailOutput](t)(e.ct.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("kms-trail"), KmsKeyId: aws.String("")}))
	if up.KmsKeyId != nil {
		t.Fatalf("KmsKeyId after clearing: %s", aws.ToString(up.KmsKeyId))
	}
}

// cloudTrailKeyPolicy is the default key policy plus the statement the CloudTrail
// console adds to a key it creates for a trail.
func cloudTrailKeyPolicy(trailARN string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[
		{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},
		{"Sid":"Allow CloudTrail to encrypt logs","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*",
		 "Condition":{"StringEquals":{"AWS:SourceArn":%q},"StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:123456789012:trail/*"}}}]}`, trailARN)
}

func TestKMSWithSimulatedKMS(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	c := e.sim.AdminCredentials()
	kc := kms.NewFromConfig(e.config(c.AccessKeyID, c.SecretAccessKey, e.sim.Region()))
	e.bucketFor("kms-bucket", "", "kms-trail")
	trailARN := "arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/kms-trail"
	key := must[*kms.CreateKeyOutput](t)(kc.CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String("CloudTrail logs")})).KeyMetadata
	must[*kms.CreateAliasOutput](t)(kc.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/cloudtrail-lab"), TargetKeyId: key.KeyId}))
	create := func(id string) (*cloudtrail.CreateTrailOutput, error) {
		return e.ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("kms-trail"), S3BucketName: aws.String("kms-bucket"), KmsKeyId: aws.String(id)})
	}
	_, err := create("alias/no-such-alias")
	wantCode(t, err, "KmsKeyNotFoundException")
	// The default key policy does not let CloudTrail encrypt.
	_, err = create("alias/cloudtrail-lab")
	if msg := wantCode(t, err, "InsufficientEncryptionPolicyException"); msg != "Insufficient permissions to access S3 bucket kms-bucket or KMS key "+aws.ToString(key.Arn)+"." {
		t.Fatalf("message %q", msg)
	}
	must[*kms.PutKeyPolicyOutput](t)(kc.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: key.KeyId, PolicyName: aws.String("default"), Policy: aws.String(cloudTrailKeyPolicy(trailARN))}))
	out := must[*cloudtrail.CreateTrailOutput](t)(create("alias/cloudtrail-lab"))
	if aws.ToString(out.KmsKeyId) != aws.ToString(key.Arn) {
		t.Fatalf("KmsKeyId = %s, want %s", aws.ToString(out.KmsKeyId), aws.ToString(key.Arn))
	}
	must[*cloudtrail.StartLoggingOutput](t)(e.ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("kms-trail")}))
	e.advance(6 * time.Minute)
	files := e.buckets.keys("kms-bucket", "AWSLogs/")
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	head := must[*s3.HeadObjectOutput](t)(e.buckets.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("kms-bucket"), Key: aws.String(files[0])}))
	if head.ServerSideEncryption != s3types.ServerSideEncryptionAwsKms || aws.ToString(head.SSEKMSKeyId) != aws.ToString(key.Arn) {
		t.Fatalf("encryption %s %s", head.ServerSideEncryption, aws.ToString(head.SSEKMSKeyId))
	}
	must[*kms.DisableKeyOutput](t)(kc.DisableKey(ctx, &kms.DisableKeyInput{KeyId: key.KeyId}))
	_, err = e.ct.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String("kms-trail"), KmsKeyId: key.KeyId})
	wantCode(t, err, "KmsException")
}
