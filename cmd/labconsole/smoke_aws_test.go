package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealBinaryOnAWSModeInTmux is a smoke run of the real binary the way issue #9's
// CI runs real-AWS mode: `labconsole sim` on a free port, then `labconsole --backend
// aws` in a tmux pane with AWS_PROFILE (the administrator's key from what sim
// printed) and AWS_ENDPOINT_URL; the header shows the AWS mode, the account and
// the identity the simulator answers. Skipped without tmux unless
// LABCONSOLE_REQUIRE_AWSCLI is set (CI installs tmux and sets it).
func TestRealBinaryOnAWSModeInTmux(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		if os.Getenv("LABCONSOLE_REQUIRE_AWSCLI") != "" {
			t.Fatal("tmux is not installed; CI must install it (.ci/run)")
		}
		t.Skip("tmux is not installed")
	}
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "labconsole")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// labconsole sim on a free loopback port.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	sim := exec.Command(bin, "sim", "--listen", addr, "--ephemeral")
	simOut, err := sim.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	sim.Stderr = os.Stderr
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = sim.Process.Kill()
		_ = sim.Wait()
	})
	exports := map[string]string{}
	lines := bufio.NewScanner(simOut)
	for lines.Scan() && len(exports) < 4 {
		if k, v, ok := strings.Cut(strings.TrimPrefix(lines.Text(), "export "), "="); ok && strings.HasPrefix(lines.Text(), "export ") {
			exports[k] = v
		}
	}
	go func() { // keep the pipe drained
		for lines.Scan() {
		}
	}()
	if exports["AWS_ACCESS_KEY_ID"] == "" || exports["AWS_ENDPOINT_URL"] != "http://"+addr {
		t.Fatalf("labconsole sim printed %v", exports)
	}
	waitListening(t, addr)

	// The student's profile with the key sim printed.
	if err := os.WriteFile(filepath.Join(dir, "config"), []byte("[profile admin]\nregion = ap-northeast-2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	creds := fmt.Sprintf("[admin]\naws_access_key_id = %s\naws_secret_access_key = %s\n", exports["AWS_ACCESS_KEY_ID"], exports["AWS_SECRET_ACCESS_KEY"])
	if err := os.WriteFile(filepath.Join(dir, "credentials"), []byte(creds), 0o600); err != nil {
		t.Fatal(err)
	}

	socket := fmt.Sprintf("labconsole-smoke-%d", os.Getpid())
	tm := func(args ...string) (string, error) {
		out, err := exec.Command(tmux, append([]string{"-L", socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
		return string(out), err
	}
	run := []string{"env", "-u", "TMUX", "-u", "AWS_ACCESS_KEY_ID", "-u", "AWS_SECRET_ACCESS_KEY", "-u", "AWS_SESSION_TOKEN",
		"-u", "AWS_REGION", "-u", "AWS_DEFAULT_REGION", "-u", "AWS_CA_BUNDLE",
		"HOME=" + dir, "AWS_CONFIG_FILE=" + filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(dir, "credentials"),
		"AWS_PROFILE=admin", "AWS_ENDPOINT_URL=" + exports["AWS_ENDPOINT_URL"], "LANG=en_US.UTF-8",
		bin, "--backend", "aws", "--lang", "en"}
	if out, err := tm(append([]string{"new-session", "-d", "-s", "lab", "-x", "120", "-y", "30", "--"}, run...)...); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { _, _ = tm("kill-server") })

	want := []string{"AWS", "Account 1234-5678-9012", "Identity Administrator", "Region ap-northeast-2"}
	var pane string
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		pane, err = tm("capture-pane", "-p", "-t", "lab")
		if err == nil && containsAll(firstLine(pane), want) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	header := firstLine(pane)
	if !containsAll(header, want) {
		t.Fatalf("the header lacks %q:\n%s", want, pane)
	}
	t.Logf("header: %s", header)
	if strings.Contains(header, "SIMULATOR") {
		t.Fatalf("the header shows the simulator mode: %s", header)
	}
	// q quits the console, which ends the pane's session.
	if _, err := tm("send-keys", "-t", "lab", "q"); err != nil {
		t.Fatal(err)
	}
	for time.Now().Before(deadline) {
		if _, err := tm("has-session", "-t", "lab"); err != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("q did not quit the console")
}

func firstLine(s string) string { l, _, _ := strings.Cut(strings.TrimLeft(s, "\n"), "\n"); return l }

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// waitListening waits for addr to accept connections.
func waitListening(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("labconsole sim never listened on %s: %v", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
