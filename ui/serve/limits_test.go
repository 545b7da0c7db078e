package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	gossh "golang.org/x/crypto/ssh"

	"github.com/labconsole/labconsole/backend/sim"
	sims3 "github.com/labconsole/labconsole/backend/sim/s3"
)

type roundTripper struct{ http.RoundTripper }

func (r roundTripper) Do(req *http.Request) (*http.Response, error) { return r.RoundTrip(req) }

// s3Of is the real S3 client on the sandbox a live session holds.
func (ts *testServer) s3Of(t *testing.T, id Identity) *s3.Client {
	t.Helper()
	sb, ok := ts.pool.attach(context.Background(), id.SandboxName())
	if !ok {
		t.Fatalf("sandbox %s is not open", id.SandboxName())
	}
	t.Cleanup(func() { ts.pool.release(sb) })
	c := sb.sim.AdminCredentials()
	return s3.NewFromConfig(aws.Config{
		Region:       sb.sim.Region(),
		Credentials:  credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, ""),
		HTTPClient:   roundTripper{sb.sim.RoundTripper()},
		BaseEndpoint: aws.String("http://sim.labconsole.internal"),
	}, func(o *s3.Options) { o.UsePathStyle = true })
}

func fillBucket(t *testing.T, c *s3.Client, bucket string, n int) error {
	t.Helper()
	ctx := context.Background()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "ap-northeast-2"}}); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(fmt.Sprintf("obj-%d", i)),
			Body: bytes.NewReader([]byte("x"))}); err != nil {
			return err
		}
	}
	return nil
}

// Two students over SSH on a server with --max-objects 3: each sandbox has its own
// three objects; the fourth is refused with S3's AccountProblem naming the limit.
func TestSandboxStorageLimitsOverSSH(t *testing.T) {
	ts := startServer(t, Config{Sim: sim.Options{S3Limits: sims3.Limits{MaxObjects: 3, MaxBytes: 1 << 20}}})

	var ids []Identity
	for range 2 {
		k := newKey(t)
		c := ts.connect(t, clientOpts{key: k})
		c.waitFor(0, "Administrator")
		ids = append(ids, keyIdentity(k))
	}
	for i, id := range ids {
		err := fillBucket(t, ts.s3Of(t, id), fmt.Sprintf("student-%d-bucket", i), 4)
		var api smithy.APIError
		if !errors.As(err, &api) || api.ErrorCode() != "AccountProblem" || !strings.Contains(api.ErrorMessage(), "at most 3 objects") {
			t.Fatalf("student %d's fourth object: %v", i, err)
		}
		var re interface{ HTTPStatusCode() int }
		if !errors.As(err, &re) || re.HTTPStatusCode() != 403 {
			t.Fatalf("student %d: status of the refusal: %v", i, err)
		}
	}
}

// The instructor's table over SSH shows a student's lab progress as their panel saves
// it, without the student doing anything else.
func TestInstructorSeesLabProgressOverSSH(t *testing.T) {
	teacher := newKey(t)
	ts := startServer(t, Config{Instructors: instructorFile(t, teacher)})
	k := newKey(t)
	student := ts.connect(t, clientOpts{key: k})
	student.waitFor(0, "Administrator")
	inst := ts.connect(t, clientOpts{key: teacher, width: 160, height: 30})
	fp := gossh.FingerprintSHA256(k.PublicKey())
	inst.waitFor(0, fp[:24], "0/19", "not started")

	from := inst.mark()
	saveProgress(t, filepath.Join(ts.cfg.DataDir, "sandboxes", keyIdentity(k).SandboxName()), []string{"A1", "A2", "A5"}, false)
	inst.waitFor(from, "3/19", "A7 ")

	// The read-only view of the student's sandbox says the same in its banner.
	from = inst.mark()
	inst.press("enter")
	inst.waitFor(from, "Read-only view", "Lab 3/19: A7 ")
}
