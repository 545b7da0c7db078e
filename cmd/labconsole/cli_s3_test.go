package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAWSCLIS3 drives the simulated S3 with both AWS CLIs against `labconsole sim`:
// the high-level s3 commands (mb, cp with a 20 MB multipart upload, ls, rm, rb) and
// s3api calls, path-style (both CLIs address buckets in the path when given an
// --endpoint-url, on an IP address or localhost alike), then the lab's denied listing
// for a user without S3 permissions (step C9).
func TestAWSCLIS3(t *testing.T) {
	clis := awsCLIs(t)
	p := startSim(t, "--ephemeral")
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	big := filepath.Join(dir, "big.bin")
	if err := os.WriteFile(small, []byte(`{"Records":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	data := make([]byte, 20<<20)
	_, _ = rand.NewChaCha8([32]byte{3, 4}).Read(data)
	if err := os.WriteFile(big, data, 0o600); err != nil {
		t.Fatal(err)
	}
	const day = "AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/"
	for i, cli := range clis {
		t.Run(filepath.Base(filepath.Dir(cli))+"-"+fmt.Sprint(i), func(t *testing.T) {
			bucket := fmt.Sprintf("lab-cli-bucket-%d", i)
			run := func(args ...string) string {
				t.Helper()
				out, errOut, code := p.aws(t, cli, nil, args...)
				if code != 0 {
					t.Fatalf("aws %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
				}
				return out
			}
			if out := run("s3", "mb", "s3://"+bucket); !strings.Contains(out, "make_bucket: "+bucket) {
				t.Fatalf("mb: %q", out)
			}
			run("s3", "cp", small, "s3://"+bucket+"/"+day+"small.json", "--only-show-errors")
			run("s3", "cp", big, "s3://"+bucket+"/archive/big.bin", "--only-show-errors")

			out := run("s3", "ls", "s3://"+bucket+"/")
			if !strings.Contains(out, "PRE AWSLogs/") || !strings.Contains(out, "PRE archive/") {
				t.Fatalf("ls root:\n%s", out)
			}
			out = run("s3", "ls", "s3://"+bucket+"/"+day)
			if !strings.Contains(out, " 14 small.json") {
				t.Fatalf("ls day folder:\n%s", out)
			}
			out = run("s3", "ls", "s3://"+bucket+"/archive/")
			if !strings.Contains(out, "20971520 big.bin") {
				t.Fatalf("ls archive:\n%s", out)
			}

			listing := mustJSON(t, run("s3api", "list-objects-v2", "--bucket", bucket, "--delimiter", "/"))
			if fmt.Sprint(listing["CommonPrefixes"]) != "[map[Prefix:AWSLogs/] map[Prefix:archive/]]" {
				t.Fatalf("list-objects-v2: %v", listing)
			}

			got := filepath.Join(dir, fmt.Sprintf("got-%d.bin", i))
			head := mustJSON(t, run("s3api", "get-object", "--bucket", bucket, "--key", "archive/big.bin", got))
			etag, _ := head["ETag"].(string)
			if fmt.Sprint(head["ContentLength"]) != "2.097152e+07" || !strings.HasSuffix(etag, `-3"`) {
				t.Fatalf("get-object of the multipart object: %v", head)
			}
			if b, err := os.ReadFile(got); err != nil || !bytes.Equal(b, data) {
				t.Fatalf("downloaded object differs (%d bytes, %v)", len(b), err)
			}
			part := mustJSON(t, run("s3api", "get-object", "--bucket", bucket, "--key", day+"small.json", "--range", "bytes=2-8", got))
			if part["ContentRange"] != "bytes 2-8/14" {
				t.Fatalf("ranged get-object: %v", part)
			}
			if b, _ := os.ReadFile(got); string(b) != "Records" {
				t.Fatalf("range body %q", b)
			}

			if out := run("s3", "rm", "s3://"+bucket+"/"+day+"small.json"); !strings.Contains(out, "delete: s3://"+bucket+"/"+day+"small.json") {
				t.Fatalf("rm: %q", out)
			}
			_, errOut, code := p.aws(t, cli, nil, "s3", "rb", "s3://"+bucket)
			if code == 0 || !strings.Contains(errOut, "BucketNotEmpty") {
				t.Fatalf("rb of a bucket with objects: exit %d %q", code, errOut)
			}
			if out := run("s3", "rb", "s3://"+bucket, "--force"); !strings.Contains(out, "remove_bucket: "+bucket) {
				t.Fatalf("rb --force: %q", out)
			}
			_, errOut, code = p.aws(t, cli, nil, "s3api", "head-bucket", "--bucket", bucket)
			if code == 0 || !strings.Contains(errOut, "404") {
				t.Fatalf("head-bucket after rb: exit %d %q", code, errOut)
			}
		})
	}

	// C9: lab-user, without S3 permissions, cannot browse the trail bucket.
	const trailBucket = "aws-cloudtrail-logs-123456789012-mylog"
	if _, errOut, code := p.aws(t, clis[0], nil, "s3", "mb", "s3://"+trailBucket); code != 0 {
		t.Fatalf("mb: %s", errOut)
	}
	if _, errOut, code := p.aws(t, clis[0], nil, "iam", "create-user", "--user-name", "lab-user"); code != 0 {
		t.Fatalf("create-user: %s", errOut)
	}
	out, errOut, code := p.aws(t, clis[0], nil, "iam", "create-access-key", "--user-name", "lab-user")
	if code != 0 {
		t.Fatalf("create-access-key: %s", errOut)
	}
	key := mustJSON(t, out)["AccessKey"].(map[string]any)
	asUser := map[string]string{"AWS_ACCESS_KEY_ID": key["AccessKeyId"].(string), "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"].(string)}
	const want = `An error occurred (AccessDenied) when calling the ListObjectsV2 operation: User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::aws-cloudtrail-logs-123456789012-mylog" because no identity-based policy allows the s3:ListBucket action`
	for _, cli := range clis {
		_, errOut, code := p.aws(t, cli, asUser, "s3", "ls", "s3://"+trailBucket+"/AWSLogs/")
		if code == 0 || !strings.Contains(errOut, want) {
			t.Fatalf("%s as lab-user: exit %d\n%s", cli, code, errOut)
		}
	}
}
