package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestServeRefusesRealAWS(t *testing.T) {
	cmd := exec.Command(binary, "serve", "--backend", "aws", "--data", t.TempDir())
	cmd.Env = cleanEnv(nil)
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "never a real AWS account") {
		t.Fatalf("serve --backend aws: %v\n%s", err, out)
	}
}

func TestServeStartsAndStopsOnSIGTERM(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(binary, "serve", "--listen", "127.0.0.1:0", "--data", dir)
	cmd.Env = cleanEnv(nil)
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stdout)
	var printed strings.Builder
	for lines.Scan() {
		printed.WriteString(lines.Text() + "\n")
		if strings.Contains(lines.Text(), "students connect with") {
			break
		}
	}
	if !strings.Contains(printed.String(), "host key SHA256:") {
		t.Fatalf("serve did not print its host key:\n%s", printed.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "ssh_host_ed25519")); err != nil {
		t.Fatalf("no host key in the data directory: %v", err)
	}
	go func() {
		for lines.Scan() {
		}
	}()
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve exited with %v after SIGTERM", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
}
