package cloudtrail

import (
	"context"
	"sync"
	"time"

	"github.com/labconsole/labconsole/backend/sim/policy"
	"github.com/labconsole/labconsole/backend/sim/trail"
)

// logPrefix is where a trail writes in its bucket: [prefix/]AWSLogs/<account>/.
func logPrefix(prefix, account string) string {
	p := "AWSLogs/" + account + "/"
	if prefix != "" {
		p = prefix + "/" + p
	}
	return p
}

// checkBucket is CreateTrail's and UpdateTrail's check of the destination: the bucket
// must exist and its policy must let CloudTrail, for this trail (aws:SourceArn), read
// the bucket ACL and write under the trail's log prefix with
// bucket-owner-full-control. The decision is the policy engine's, with CloudTrail's
// service principal as the caller, exactly as S3 will decide each delivery.
func (s *Service) checkBucket(ctx context.Context, bucket, prefix, trailARN, region string, now time.Time) error {
	b := s.s3()
	if b == nil {
		return bucketMissing(bucket)
	}
	ok, err := b.BucketExists(ctx, bucket)
	if err != nil {
		return err
	}
	if !ok {
		return bucketMissing(bucket)
	}
	s.recordACLCheck(bucket, region, now)
	doc, has, err := b.BucketPolicy(ctx, bucket)
	if err != nil {
		return err
	}
	if !has {
		return insufficientPolicy(bucket)
	}
	probe := logPrefix(prefix, s.account) + "CloudTrail/" + region + "/"
	if !s.allows(doc, "s3:GetBucketAcl", "arn:aws:s3:::"+bucket, trailARN, "", now) ||
		!s.allows(doc, "s3:PutObject", "arn:aws:s3:::"+bucket+"/"+probe, trailARN, "", now) {
		return insufficientPolicy(bucket)
	}
	return nil
}

// allows evaluates the bucket policy for CloudTrail's service principal.
// kmsKey is the trail's KMS key, whose SSE-KMS headers the PutObject carries.
func (s *Service) allows(doc, action, resource, trailARN, kmsKey string, now time.Time) bool {
	d, err := parsedPolicy(doc)
	if err != nil {
		return false
	}
	req := &policy.Request{
		Principal: policy.Principal{Type: policy.PrincipalService, Service: ServicePrincipal},
		Action:    action,
		Resource:  resource,
		Time:      now,
	}
	req.SetContext("aws:SourceArn", trailARN)
	req.SetContext("aws:SourceAccount", s.account)
	req.SetContext("aws:SecureTransport", "true")
	if action == "s3:PutObject" {
		req.SetContext("s3:x-amz-acl", "bucket-owner-full-control")
		req.SetContext("s3:x-amz-server-side-encryption", "AES256")
		if kmsKey != "" {
			req.SetContext("s3:x-amz-server-side-encryption", "aws:kms")
			req.SetContext("s3:x-amz-server-side-encryption-aws-kms-key-id", kmsKey)
		}
	}
	return policy.Evaluate(req, nil, d, nil).Allowed()
}

// policies caches parsed bucket policies by text: deliveries check the same policy
// every five simulated minutes.
var policies = struct {
	sync.Mutex
	m map[string]*policy.Document
}{m: map[string]*policy.Document{}}

func parsedPolicy(doc string) (*policy.Document, error) {
	policies.Lock()
	d, ok := policies.m[doc]
	policies.Unlock()
	if ok {
		return d, nil
	}
	d, err := policy.ParseResource(doc)
	if err != nil {
		return nil, err
	}
	policies.Lock()
	if len(policies.m) > 256 {
		policies.m = map[string]*policy.Document{}
	}
	policies.m[doc] = d
	policies.Unlock()
	return d, nil
}

// recordACLCheck records CloudTrail's own GetBucketAcl on the bucket, which AWS
// shows in the trail's logs ("GetBucketAcl by cloudtrail.amazonaws.com").
func (s *Service) recordACLCheck(bucket, region string, now time.Time) {
	if s.recorder == nil {
		return
	}
	s.recorder.RecordServiceCall(trail.ServiceCall{
		Service:           ServicePrincipal,
		EventSource:       "s3.amazonaws.com",
		EventName:         "GetBucketAcl",
		Region:            region,
		Time:              now,
		ReadOnly:          true,
		RequestParameters: map[string]any{"bucketName": bucket, "Host": bucket + ".s3." + region + ".amazonaws.com", "acl": ""},
		Resources:         []trail.RecordRes{{ARN: "arn:aws:s3:::" + bucket, AccountID: s.account, Type: "AWS::S3::Bucket"}},
		AdditionalData:    map[string]any{"SignatureVersion": "SigV4", "AuthenticationMethod": "AuthHeader", "CipherSuite": "TLS_AES_128_GCM_SHA256", "bytesTransferredIn": 0, "bytesTransferredOut": 0},
	})
}
