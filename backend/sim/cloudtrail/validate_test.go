package cloudtrail_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/labconsole/labconsole/backend/trailvalidate"
)

// memSource reads the in-memory bucket and the simulator's public keys.
type memSource struct {
	e *env
}

func (m memSource) TrailLocation(ctx context.Context, arn string) (string, string, error) {
	out, err := m.e.ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String(arn)})
	if err != nil {
		return "", "", err
	}
	return aws.ToString(out.Trail.S3BucketName), aws.ToString(out.Trail.S3KeyPrefix), nil
}

func (m memSource) PublicKeys(ctx context.Context, start, end time.Time) ([]trailvalidate.PublicKey, error) {
	out, err := m.e.ct.ListPublicKeys(ctx, &cloudtrail.ListPublicKeysInput{StartTime: aws.Time(start), EndTime: aws.Time(end)})
	if err != nil {
		return nil, err
	}
	var keys []trailvalidate.PublicKey
	for _, k := range out.PublicKeyList {
		keys = append(keys, trailvalidate.PublicKey{Value: k.Value, Fingerprint: aws.ToString(k.Fingerprint)})
	}
	return keys, nil
}

func (m memSource) List(_ context.Context, bucket, prefix, after string) ([]string, error) {
	var out []string
	for _, k := range m.e.buckets.keys(bucket, prefix) {
		if k > after {
			out = append(out, k)
		}
	}
	return out, nil
}

func (m memSource) Get(_ context.Context, bucket, key string) (trailvalidate.Object, error) {
	o, ok := m.e.buckets.get(bucket, key)
	if !ok {
		return trailvalidate.Object{}, trailvalidate.ErrNotFound
	}
	return trailvalidate.Object{Body: o.body, Metadata: o.meta}, nil
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestValidateDeliveredLogs(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	bucket := "validate-logs"
	arn := consoleTrail(t, e, "lab-events-trail", bucket)
	for i := 0; i < 3; i++ {
		must[*iam.CreateUserOutput](t)(e.iam().CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("user-" + string(rune('a'+i)))}))
		must[*cloudtrail.DescribeTrailsOutput](t)(e.ct.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{}))
		e.advance(20 * time.Minute)
	}
	e.advance(2 * time.Hour)
	now := e.sim.Clock().Now()
	opts := trailvalidate.Options{TrailARN: arn, Start: testStart, End: now}
	run := func() *trailvalidate.Result {
		t.Helper()
		res, err := trailvalidate.Validate(ctx, memSource{e}, opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := run()
	dv, di := res.Count(trailvalidate.Digest)
	lv, li := res.Count(trailvalidate.LogFile)
	if !res.OK() || dv < 3 || lv < 3 || di+li != 0 {
		var lines []string
		for _, f := range res.Files {
			lines = append(lines, trailvalidate.Line(f))
		}
		t.Fatalf("untouched files: %d/%d digests, %d/%d logs valid\n%s", dv, dv+di, lv, lv+li, strings.Join(lines, "\n"))
	}

	logs := e.buckets.keys(bucket, "AWSLogs/123456789012/CloudTrail/ap-northeast-2/")
	digests := e.buckets.keys(bucket, "AWSLogs/123456789012/CloudTrail-Digest/ap-northeast-2/")
	problem := func(res *trailvalidate.Result, key string) string {
		for _, f := range res.Files {
			if f.Key == key {
				return f.Problem
			}
		}
		return "(not checked)"
	}

	// A tampered log file.
	orig, _ := e.buckets.get(bucket, logs[0])
	e.buckets.put(bucket, logs[0], gz(t, `{"Records":[]}`), nil)
	if res := run(); res.OK() || problem(res, logs[0]) != "hash value doesn't match" {
		t.Fatalf("tampered log: %q", problem(res, logs[0]))
	}
	e.buckets.put(bucket, logs[0], orig.body, nil)

	// A deleted log file.
	orig1, _ := e.buckets.get(bucket, logs[1])
	e.buckets.del(bucket, logs[1])
	if res := run(); res.OK() || problem(res, logs[1]) != "not found" {
		t.Fatalf("deleted log: %q", problem(res, logs[1]))
	}
	e.buckets.put(bucket, logs[1], orig1.body, nil)
	if res := run(); !res.OK() {
		t.Fatal("restored files should validate again")
	}

	// An added log file, named like CloudTrail's, that no digest lists.
	added := "AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/03/02/123456789012_CloudTrail_ap-northeast-2_20260302T0912Z_AAAAAAAAAAAAAAAA.json.gz"
	e.buckets.put(bucket, added, gz(t, `{"Records":[]}`), nil)
	if res := run(); res.OK() || problem(res, added) != "not listed in any digest" {
		t.Fatalf("added log: %q", problem(res, added))
	}
	e.buckets.del(bucket, added)

	// A tampered digest, then a deleted one.
	d := digests[1]
	dorig, _ := e.buckets.get(bucket, d)
	e.buckets.put(bucket, d, gz(t, strings.Replace(string(gunzip(t, dorig.body)), `"logFiles":[`, `"logFiles":[ `, 1)), dorig.meta)
	if res := run(); res.OK() || problem(res, d) != "signature verification failed" {
		t.Fatalf("tampered digest: %q", problem(res, d))
	}
	e.buckets.del(bucket, d)
	if res := run(); res.OK() || problem(res, d) != "not found" {
		t.Fatalf("deleted digest: %q", problem(res, d))
	}
}
