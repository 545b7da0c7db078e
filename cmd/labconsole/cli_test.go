package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend/sim/awsclitest"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "labconsole-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "labconsole")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building labconsole: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// simProcess is a running `labconsole sim` and the environment it printed.
type simProcess struct {
	cmd *exec.Cmd
	env map[string]string
}

func startSim(t *testing.T, args ...string) *simProcess {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"sim", "--listen", "127.0.0.1:0"}, args...)...)
	cmd.Env = cleanEnv(nil)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &simProcess{cmd: cmd, env: map[string]string{}}
	t.Cleanup(func() { p.stop() })
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	deadline := time.After(20 * time.Second)
	for p.env["AWS_ENDPOINT_URL"] == "" {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatal("labconsole sim exited before printing its endpoint")
			}
			if kv, ok := strings.CutPrefix(line, "export "); ok {
				k, v, _ := strings.Cut(kv, "=")
				p.env[k] = v
			}
		case <-deadline:
			t.Fatal("labconsole sim did not print its endpoint within 20s")
		}
	}
	go func() {
		for range lines {
		}
	}()
	return p
}

func (p *simProcess) stop() {
	if p.cmd.ProcessState != nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
}

// cleanEnv is the test's environment without the caller's AWS settings, plus extra.
func cleanEnv(extra map[string]string) []string { return awsclitest.Env(extra) }

// awsCLIs finds the AWS CLIs to test with (see awsclitest.Find).
func awsCLIs(t *testing.T) []string { return awsclitest.Find(t) }

// awsRun runs the CLI against the simulator and returns stdout, stderr and the exit code.
func (p *simProcess) aws(t *testing.T, cli string, override map[string]string, args ...string) (string, string, int) {
	t.Helper()
	env := map[string]string{}
	for k, v := range p.env {
		env[k] = v
	}
	for k, v := range override {
		env[k] = v
	}
	return awsclitest.Run(t, cli, env, append([]string{"--endpoint-url", env["AWS_ENDPOINT_URL"], "--output", "json"}, args...)...)
}

func mustJSON(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return m
}

func TestAWSCLIAgainstSim(t *testing.T) {
	clis := awsCLIs(t)
	dataDir := t.TempDir()
	p := startSim(t, "--data", dataDir)
	for i, cli := range clis {
		t.Run(filepath.Base(filepath.Dir(cli))+"-"+fmt.Sprint(i), func(t *testing.T) {
			out, errOut, code := p.aws(t, cli, nil, "sts", "get-caller-identity")
			if code != 0 {
				t.Fatalf("sts get-caller-identity: exit %d\n%s", code, errOut)
			}
			id := mustJSON(t, out)
			if id["Account"] != "123456789012" || id["Arn"] != "arn:aws:iam::123456789012:user/Administrator" {
				t.Fatalf("get-caller-identity = %v", id)
			}

			name := fmt.Sprintf("cli-user-%d", i)
			out, errOut, code = p.aws(t, cli, nil, "iam", "create-user", "--user-name", name, "--tags", "Key=Name,Value="+name)
			if code != 0 {
				t.Fatalf("iam create-user: exit %d\n%s", code, errOut)
			}
			user := mustJSON(t, out)["User"].(map[string]any)
			if user["UserName"] != name || user["Arn"] != "arn:aws:iam::123456789012:user/"+name {
				t.Fatalf("create-user = %v", user)
			}

			_, errOut, code = p.aws(t, cli, nil, "iam", "create-user", "--user-name", name)
			if code == 0 || !strings.Contains(errOut, "EntityAlreadyExists") {
				t.Fatalf("duplicate create-user: exit %d, stderr %q", code, errOut)
			}

			out, errOut, code = p.aws(t, cli, nil, "iam", "list-users")
			if code != 0 {
				t.Fatalf("iam list-users: exit %d\n%s", code, errOut)
			}
			if !strings.Contains(out, `"Administrator"`) || !strings.Contains(out, `"`+name+`"`) {
				t.Fatalf("list-users lacks users:\n%s", out)
			}

			_, errOut, code = p.aws(t, cli, map[string]string{"AWS_SECRET_ACCESS_KEY": "wrong-secret-wrong-secret-wrong-secret00"}, "sts", "get-caller-identity")
			if code == 0 || !strings.Contains(errOut, "SignatureDoesNotMatch") {
				t.Fatalf("wrong secret: exit %d, stderr %q", code, errOut)
			}
		})
	}

	// The control API: `labconsole sim advance` with the printed variables.
	adv := exec.Command(binary, "sim", "advance", "10m")
	adv.Env = cleanEnv(p.env)
	out, err := adv.CombinedOutput()
	if err != nil || !strings.Contains(string(out), `"offset": "10m0s"`) {
		t.Fatalf("sim advance: %v\n%s", err, out)
	}

	// Restart on the same data directory: users and clock survive.
	p.stop()
	p2 := startSim(t, "--data", dataDir)
	if p2.env["AWS_ACCESS_KEY_ID"] != p.env["AWS_ACCESS_KEY_ID"] {
		t.Fatal("the administrator's key changed across a restart")
	}
	out2, errOut, code := p2.aws(t, clis[0], nil, "iam", "list-users")
	if code != 0 || !strings.Contains(out2, `"cli-user-0"`) {
		t.Fatalf("after restart list-users: exit %d\n%s\n%s", code, out2, errOut)
	}
}

func TestControlAPIRefusesOtherKeys(t *testing.T) {
	p := startSim(t, "--ephemeral")
	env := map[string]string{}
	for k, v := range p.env {
		env[k] = v
	}
	env["AWS_SECRET_ACCESS_KEY"] = "not-the-secret"
	cmd := exec.Command(binary, "sim", "advance", "10m")
	cmd.Env = cleanEnv(env)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "SignatureDoesNotMatch") {
		t.Fatalf("advance with a wrong secret: err=%v\n%s", err, out)
	}
}

func TestBadDataDirIsAClearError(t *testing.T) {
	dir := t.TempDir()
	accounts := filepath.Join(dir, "accounts")
	os.MkdirAll(accounts, 0o700)
	os.WriteFile(filepath.Join(accounts, "123456789012.db"), []byte(strings.Repeat("garbage ", 1000)), 0o600)
	cases := map[string][]string{
		"corrupt database":   {"sim", "--listen", "127.0.0.1:0", "--data", dir},
		"data dir is a file": {"sim", "--listen", "127.0.0.1:0", "--data", filepath.Join(accounts, "123456789012.db")},
		"console, corrupt":   {"--data", dir},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(binary, args...)
			cmd.Env = cleanEnv(nil)
			out, err := cmd.CombinedOutput()
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.ExitCode() != 1 {
				t.Fatalf("exit = %v, want 1\n%s", err, out)
			}
			if strings.Contains(string(out), "panic") || !strings.Contains(string(out), "labconsole") {
				t.Fatalf("unclear error:\n%s", out)
			}
		})
	}
}
