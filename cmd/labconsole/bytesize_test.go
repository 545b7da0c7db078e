package main

import (
	"os/exec"
	"strings"
	"testing"
)

func TestByteSizeFlag(t *testing.T) {
	for in, want := range map[string]int64{
		"0": 0, "1048576": 1 << 20, "256MiB": 256 << 20, "512KiB": 512 << 10, "1GB": 1e9, "2GiB": 2 << 30,
		"10M": 10 << 20, "100B": 100, " 3 MiB ": 3 << 20,
	} {
		var b byteSize
		if err := b.Set(in); err != nil || int64(b) != want {
			t.Errorf("%q: %d %v, want %d", in, b, err, want)
		}
	}
	for _, in := range []string{"", "-1", "lots", "1.5GiB", "12XB", "99999999999TiB"} {
		var b byteSize
		if err := b.Set(in); err == nil {
			t.Errorf("%q was accepted as %d", in, b)
		}
	}
}

func TestServeRefusesBadLimits(t *testing.T) {
	for _, args := range [][]string{{"--max-bytes", "lots"}, {"--max-objects", "-1"}, {"--max-bytes", "-5MiB"}} {
		cmd := exec.Command(binary, append([]string{"serve", "--data", t.TempDir()}, args...)...)
		cmd.Env = cleanEnv(nil)
		out, err := cmd.CombinedOutput()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), strings.TrimPrefix(args[0], "--")) {
			t.Errorf("serve %v: %v\n%s", args, err, out)
		}
	}
}
