// Package awsclitest finds and runs the real AWS CLIs for tests: the one on PATH
// (often pip's v1, whose botocore speaks JSON 1.0 or rpc-v2-cbor to CloudWatch) and
// Debian's v2 at /usr/bin/aws (awsQuery). A developer without a CLI gets a skip; CI
// sets LABCONSOLE_REQUIRE_AWSCLI so a missing CLI fails instead of passing quietly.
package awsclitest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Find returns the distinct installed AWS CLIs (by version), or skips the test.
func Find(t testing.TB) []string {
	t.Helper()
	var found []string
	seen := map[string]bool{}
	candidates := []string{"/usr/bin/aws"}
	if p, err := exec.LookPath("aws"); err == nil {
		candidates = append([]string{p}, candidates...)
	}
	for _, c := range candidates {
		out, err := exec.Command(c, "--version").CombinedOutput()
		fields := strings.Fields(string(out))
		if err != nil || len(fields) == 0 {
			continue
		}
		if v := fields[0]; !seen[v] {
			seen[v] = true
			found = append(found, c)
			t.Logf("AWS CLI %s: %s", c, v)
		}
	}
	if len(found) == 0 {
		if os.Getenv("LABCONSOLE_REQUIRE_AWSCLI") != "" {
			t.Fatal("the AWS CLI is required (LABCONSOLE_REQUIRE_AWSCLI is set) but no aws command was found")
		}
		t.Skip("no AWS CLI installed (apt-get install awscli); skipping")
	}
	return found
}

// Env is the caller's environment without any AWS_* setting, so a developer's real
// profile can never be used, plus extra (KEY=VALUE pairs win over the defaults).
func Env(extra map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			env = append(env, kv)
		}
	}
	defaults := map[string]string{
		"AWS_CONFIG_FILE":             "/nonexistent/labconsole-test",
		"AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/labconsole-test",
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_PAGER":                   "",
	}
	for k, v := range defaults {
		if _, ok := extra[k]; !ok {
			env = append(env, k+"="+v)
		}
	}
	for k, v := range extra {
		env = append(env, k+"="+v)
	}
	return env
}

// Run runs cli with args in env and returns stdout, stderr and the exit code.
func Run(t testing.TB, cli string, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(cli, args...)
	cmd.Env = Env(env)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %s: %v", cli, err)
	}
	return out.String(), errb.String(), code
}

// Admin returns aws(args…): cli against the simulator served at url, as the
// account's administrator (its access key, secret key and Region), with JSON output
// and a single attempt, so a refused call fails at once.
func Admin(t testing.TB, cli, url, accessKeyID, secretAccessKey, region string) func(args ...string) (stdout, stderr string, code int) {
	env := map[string]string{"AWS_ACCESS_KEY_ID": accessKeyID, "AWS_SECRET_ACCESS_KEY": secretAccessKey,
		"AWS_DEFAULT_REGION": region, "AWS_MAX_ATTEMPTS": "1"}
	return func(args ...string) (string, string, int) {
		t.Helper()
		return Run(t, cli, env, append([]string{"--endpoint-url", url, "--output", "json"}, args...)...)
	}
}
