package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/labcheck/labchecktest"
	"github.com/labconsole/labconsole/backend/labres"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/model"
)

// labAccount does part B and the lab's trail through the tagging decorator, and
// makes ops-user without it, in the simulated account in dir.
func labAccount(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	s, err := sim.New(ctx, sim.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	admin := labchecktest.Admin(s)
	b := labres.Tagging(admin, "lab1")
	labchecktest.PartB(t, b)
	_, err = b.CreateTrail(ctx, model.ConsoleNewTrail("lab-trail", "lab-cli-bucket-0307"))
	labchecktest.Must(t, err)
	_, err = admin.CreateUser(ctx, model.NewUser{UserName: "ops-user"})
	labchecktest.Must(t, err)
}

// accountUsers opens the simulated account in dir and lists its users and counts its
// trails; groupErr is GetGroup's answer for the lab's group.
func accountUsers(t *testing.T, dir string) (users []string, trails int, groupErr error) {
	t.Helper()
	ctx := context.Background()
	s, err := sim.New(ctx, sim.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := labchecktest.Admin(s)
	page, err := b.ListUsers(ctx, model.PageRequest{})
	labchecktest.Must(t, err)
	for _, u := range page.Items {
		users = append(users, u.UserName)
	}
	tr, err := b.ListTrails(ctx)
	labchecktest.Must(t, err)
	_, _, groupErr = b.GetGroup(ctx, "lab-cloudtrail-group")
	return users, len(tr), groupErr
}

func TestLabCleanupYes(t *testing.T) {
	dir := t.TempDir()
	labAccount(t, dir)
	var out, errOut bytes.Buffer
	code := runLabCleanup([]string{"--data", dir, "--yes", "--lang", "en"}, strings.NewReader(""), &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	for _, want := range []string{
		"Resources of lab1 (", "tag labconsole:lab=lab1",
		"Trail lab-trail — tagged labconsole:lab=lab1",
		"S3 bucket lab-cli-bucket-0307 — tagged labconsole:lab=lab1; the lab trail lab-trail delivers its logs here",
		"Console password of lab-user — belongs to the lab user lab-user",
		"User group lab-cloudtrail-group — user groups cannot be tagged; every member is a lab user (lab-user)",
		"✓ User lab-user — deleted",
		"Deleted 7 lab resources",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "ops-user") || strings.Contains(out.String(), "Type yes") {
		t.Errorf("output names ops-user or asked with --yes:\n%s", out.String())
	}
	users, trails, groupErr := accountUsers(t, dir)
	if strings.Join(users, ",") != "Administrator,ops-user" || trails != 0 {
		t.Errorf("after clean-up: users %v, %d trails", users, trails)
	}
	if backend.KindOf(groupErr) != backend.KindNotFound {
		t.Errorf("lab-cloudtrail-group after clean-up: %v", groupErr)
	}

	// Run again: nothing left, in Korean.
	out.Reset()
	if code := runLabCleanup([]string{"--data", dir, "--lang", "ko"}, strings.NewReader(""), &out, &errOut); code != 0 || !strings.Contains(out.String(), "남은 실습 리소스가 없습니다") {
		t.Fatalf("second run: exit %d\n%s", code, out.String())
	}
}

// TestLabCleanupAsksFirst: without --yes, anything but "yes" deletes nothing.
func TestLabCleanupAsksFirst(t *testing.T) {
	dir := t.TempDir()
	labAccount(t, dir)
	var out, errOut bytes.Buffer
	code := runLabCleanup([]string{"--data", dir, "--lang", "ko"}, strings.NewReader("y\n"), &out, &errOut)
	if code != 1 || !strings.Contains(out.String(), "yes를 입력하세요") || !strings.Contains(out.String(), "아무것도 삭제하지 않았습니다") {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	if users, trails, _ := accountUsers(t, dir); trails != 1 || !strings.Contains(strings.Join(users, ","), "lab-user") {
		t.Fatalf("declined clean-up deleted something: %v, %d trails", users, trails)
	}
	out.Reset()
	code = runLab([]string{"cleanup", "--data", dir, "--lang", "en", "--yes"}, &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), "Deleted 7 lab resources") {
		t.Fatalf("lab cleanup through runLab: exit %d\n%s%s", code, out.String(), errOut.String())
	}
}

func TestLabCleanupUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := runLabCleanup([]string{"--backend", "nope", "--data", t.TempDir()}, strings.NewReader(""), &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "--backend must be sim or aws") {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if code := runLabCleanup([]string{"extra"}, strings.NewReader(""), &out, &errOut); code != 2 {
		t.Fatalf("stray argument: exit %d", code)
	}
}
