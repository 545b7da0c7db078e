package awsapi

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/sim"
	sims3 "github.com/labconsole/labconsole/backend/sim/s3"
	"github.com/labconsole/labconsole/model"
)

// TestS3AccountProblemIsALimit: the simulator's per-sandbox storage limit answers
// S3's AccountProblem (403); through the real SDK client it becomes
// KindLimitExceeded with AWS's code and message kept, not an access denial.
func TestS3AccountProblemIsALimit(t *testing.T) {
	ctx := context.Background()
	s, err := sim.New(ctx, sim.Options{S3Limits: sims3.Limits{MaxObjects: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	b := NewSimulator(SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	if _, err := b.CreateBucket(ctx, model.NewBucket{Name: "lab-quota-bucket", Region: s.Region()}); err != nil {
		t.Fatal(err)
	}
	put := func(key string) error {
		_, err := b.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("lab-quota-bucket"), Key: aws.String(key), Body: strings.NewReader("x")})
		return wrapS3("s3:PutObject", err)
	}
	if err := put("one"); err != nil {
		t.Fatal(err)
	}
	err = put("two")
	be, ok := err.(*backend.Error)
	if !ok || be.Code != "AccountProblem" || be.Kind != backend.KindLimitExceeded || !strings.Contains(be.Message, "at most 1 objects") {
		t.Fatalf("PutObject over the limit = %#v, want AccountProblem as KindLimitExceeded", err)
	}
	// The shared table does not know the code: only S3's classification does.
	if backend.KindForCode("AccountProblem") != backend.KindUnknown {
		t.Fatal("AccountProblem is classified for every service")
	}
}
