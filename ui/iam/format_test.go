package iam

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/uitest"
)

func TestAge(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)
	cases := []struct {
		ago    time.Duration
		en, ko string
	}{
		{10 * time.Second, "Just now", "방금"},
		{time.Minute, "1 minute ago", "1분 전"},
		{5 * time.Minute, "5 minutes ago", "5분 전"},
		{90 * time.Minute, "1 hour ago", "1시간 전"},
		{5 * time.Hour, "5 hours ago", "5시간 전"},
		{30 * time.Hour, "1 day ago", "1일 전"},
		{410 * 24 * time.Hour, "410 days ago", "410일 전"},
	}
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		c := uitest.Common(lang)
		c.Clock = func() time.Time { return now }
		for _, tc := range cases {
			want := tc.en
			if lang == locales.Korean {
				want = tc.ko
			}
			if got := age(c, now.Add(-tc.ago)); got != want {
				t.Errorf("%s %v: %q, want %q", lang, tc.ago, got, want)
			}
		}
	}
}

func TestTagDiff(t *testing.T) {
	before := []model.Tag{{Key: "Name", Value: "lab-user"}, {Key: "Team", Value: "a"}, {Key: "Keep", Value: "k"}}
	after := []model.Tag{{Key: "Name", Value: "lab-user"}, {Key: "Team", Value: "b"}, {Key: "New", Value: ""}, {Key: "Keep", Value: "k"}}
	removed, set := tagDiff(before, after)
	if len(removed) != 0 || !reflect.DeepEqual(set, []model.Tag{{Key: "Team", Value: "b"}, {Key: "New"}}) {
		t.Fatalf("removed %v set %v", removed, set)
	}
	removed, set = tagDiff(before, after[:1])
	if !reflect.DeepEqual(removed, []string{"Team", "Keep"}) || len(set) != 0 {
		t.Fatalf("removed %v set %v", removed, set)
	}
}

func TestCredentialsCSV(t *testing.T) {
	res := addUserResult{user: model.User{UserName: "lab-user", Arn: "arn:aws:iam::123456789012:user/lab-user"}, password: "Suwon#0307",
		key: &model.AccessKey{AccessKeyID: "AKIAEXAMPLE", SecretAccessKey: "se,cret"}}
	want := "User name,Password,Access key ID,Secret access key,Console login link\n" +
		"lab-user,Suwon#0307,AKIAEXAMPLE,\"se,cret\",https://123456789012.signin.aws.amazon.com/console\n"
	if got := string(credentialsCSV(res)); got != want {
		t.Fatalf("csv:\n%s\nwant:\n%s", got, want)
	}
}

func TestErrorTextExplains(t *testing.T) {
	c := uitest.Common(locales.English)
	conflict := &backend.Error{Op: "iam:DeleteGroup", Kind: backend.KindConflict, Code: "DeleteConflict", Message: "Cannot delete entity, must remove users from group first."}
	if got := errorText(c, conflict); got != "It still has users, policies or credentials attached; remove them first. DeleteConflict: Cannot delete entity, must remove users from group first." {
		t.Errorf("conflict: %q", got)
	}
	rb := rolledBack(conflict, nil)
	if !errors.As(rb, new(*backend.Error)) {
		t.Fatal("a rollback error must still be AWS's error")
	}
	if got := errorText(c, rolledBack(denied("iam:AttachGroupPolicy"), errors.New("boom"))); got == "" ||
		!strings.Contains(got, "Undoing the calls that had succeeded also failed: boom") {
		t.Errorf("rollback failure: %q", got)
	}
}

func TestGeneratePassword(t *testing.T) {
	for range 20 {
		pw, err := generatePassword()
		if err != nil || len(pw) != 16 || model.ValidatePassword(pw) != nil {
			t.Fatalf("%q %v", pw, err)
		}
	}
}
