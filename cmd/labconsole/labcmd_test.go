package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend/labcheck/labchecktest"
	"github.com/labconsole/labconsole/backend/sim"
)

// TestLabCheckPartB: the checklist fails on a fresh account and passes once part B is
// done through the backend on the same data directory the console would open.
func TestLabCheckPartB(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := runLab([]string{"check", "--data", dir, "--part", "B", "--lang", "en"}, &out, &errOut); code != 1 {
		t.Fatalf("fresh account: exit %d, want 1\n%s%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "✗ B1") || !strings.Contains(out.String(), "no user group lab-cloudtrail-group yet") {
		t.Fatalf("fresh account output:\n%s", out.String())
	}

	s, err := sim.New(context.Background(), sim.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	b := labchecktest.Admin(s)
	labchecktest.PartB(t, b)
	u, err := b.SignIn(context.Background(), "lab-user", labchecktest.Password)
	labchecktest.Must(t, err)
	_ = u
	s.Close()

	out.Reset()
	code := runLab([]string{"check", "--data", dir, "--part", "B", "--lang", "ko"}, &out, &errOut)
	// B13 passes from another process through lab-user's ConsoleLogin event.
	if code != 0 || !strings.Contains(out.String(), "✓ B1") || !strings.Contains(out.String(), "✓ B13") {
		t.Fatalf("after part B: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "6단계 중 6단계 완료") {
		t.Fatalf("not in Korean:\n%s", out.String())
	}
}

func TestLabCheckUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := runLab(nil, &out, &errOut); code != 2 {
		t.Fatalf("exit %d", code)
	}
	if code := runLab([]string{"check", "--lab", "nope", "--data", t.TempDir()}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), `no lab "nope"`) {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
}

// TestLabCheckLab2: --lab lab2 checks the Lab 2 example; on a fresh account every
// step is open and the command exits 1.
func TestLabCheckLab2(t *testing.T) {
	var out, errOut bytes.Buffer
	code := runLab([]string{"check", "--lab", "lab2", "--data", t.TempDir(), "--lang", "en"}, &out, &errOut)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out.String(), errOut.String())
	}
	for _, want := range []string{"Lab 2 — CloudTrail log file integrity", "✗ A1", "✗ B2", "no trail lab2-integrity-trail", "lab2: 0 of 6 steps done"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
