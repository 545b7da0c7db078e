package iam

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
)

func labGroup(t *testing.T, b backend.Backend) {
	t.Helper()
	ctx := context.Background()
	if _, err := b.CreateGroup(ctx, model.NewGroup{GroupName: "lab-cloudtrail-group"}); err != nil {
		t.Fatal(err)
	}
	if err := b.AttachGroupPolicy(ctx, "lab-cloudtrail-group", "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess"); err != nil {
		t.Fatal(err)
	}
}

// The lab's step 1 keys: name, skip the access key box, tick console access, choose
// a custom password and type it.
func detailsKeys(name, password string) []string {
	return []string{name, "tab", "tab", "space", "tab", "down", "tab", password}
}

func TestAddUsersStep1Validation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		lang     locales.Lang
		user, pw string
		field    string
		want     string
	}{
		{"no name en", locales.English, "", "Suwon#0307", fName, "This field is required."},
		{"no name ko", locales.Korean, "", "Suwon#0307", fName, "필수 항목입니다."},
		{"bad name en", locales.English, "lab user", "Suwon#0307", fName, "Use only letters, numbers"},
		{"short password en", locales.English, "lab-user", "Su#03", fPassword, "The password must be 8 to 128 characters."},
		{"short password ko", locales.Korean, "lab-user", "Su#03", fPassword, "비밀번호는 8~128자여야 합니다."},
		{"weak password en", locales.English, "lab-user", "suwonsuwon", fPassword, "at least 3 of"},
		{"weak password ko", locales.Korean, "lab-user", "suwonsuwon", fPassword, "3가지 이상"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := NewAddUsers(simCommon(t, tc.lang))
			d := newDriver(t, a)
			d.keys(append(detailsKeys(tc.user, tc.pw), "ctrl+n")...)
			if a.Step() != stepDetails {
				t.Fatalf("step = %d, invalid input must keep step 1", a.Step())
			}
			if got := a.details.Field(tc.field).Error(); !strings.Contains(got, tc.want) {
				t.Errorf("%s error = %q, want %q", tc.field, got, tc.want)
			}
			contains(t, d.view(), tc.want)
		})
	}
}

func TestAddUsersTagValidation(t *testing.T) {
	t.Parallel()
	a := NewAddUsers(simCommon(t, locales.Korean))
	d := newDriver(t, a)
	d.keys(append(detailsKeys("lab-user", "Suwon#0307"), "ctrl+n", "ctrl+n", "aws:Name", "tab", "x", "ctrl+n")...)
	if a.Step() != stepTags {
		t.Fatalf("step = %d, want tags", a.Step())
	}
	contains(t, d.view(), `"aws:"`)
}

// TestAddUsersLab runs B6–B11 and checks what was made, the CSV and the success page.
func TestAddUsersLab(t *testing.T) {
	t.Parallel()
	c := simCommon(t, locales.English)
	labGroup(t, c.Backend)
	a := NewAddUsers(c)
	d := newDriver(t, a)
	d.keys(append(detailsKeys("lab-user", "Suwon#0307"), "ctrl+n")...)
	if a.Step() != stepPermissions {
		t.Fatalf("step = %d; view:\n%s", a.Step(), d.view())
	}
	d.keys("tab", "space", "ctrl+n", "Name", "tab", "lab-user", "ctrl+n")
	if a.Step() != stepReview {
		t.Fatalf("step = %d; view:\n%s", a.Step(), d.view())
	}
	contains(t, d.view(), "lab-cloudtrail-group", "Name", "'********' --no-password-reset-required", "add-user-to-group")
	if strings.Contains(d.view(), "Suwon#0307") {
		t.Fatal("the review must not show the password")
	}
	d.keys("ctrl+n")
	if !a.Done() {
		t.Fatalf("not created; view:\n%s", d.view())
	}
	contains(t, d.view(), "https://123456789012.signin.aws.amazon.com/console", "********")
	d.keys("v")
	contains(t, d.view(), "Suwon#0307")

	path := filepath.Join(t.TempDir(), "creds.csv")
	d.keys("d", "ctrl+u", path, "enter")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "User name,Password,Access key ID,Secret access key,Console login link\nlab-user,Suwon#0307,,,https://123456789012.signin.aws.amazon.com/console\n"
	if string(data) != want {
		t.Errorf("csv = %q", data)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("csv mode = %v, want 0600", st.Mode().Perm())
	}
	d.keys("d", "ctrl+u", filepath.Join(t.TempDir(), "missing", "dir", "x.csv"), "enter")
	contains(t, d.view(), "Could not save")
	d.keys("enter")
	if !d.popped() {
		t.Fatal("Close goes back to Users")
	}

	ctx := context.Background()
	gs, _ := c.Backend.ListGroupsForUser(ctx, "lab-user")
	tags, _ := c.Backend.ListUserTags(ctx, "lab-user")
	lp, err := c.Backend.GetLoginProfile(ctx, "lab-user")
	if len(gs) != 1 || len(tags) != 1 || err != nil || lp.PasswordResetRequired {
		t.Fatalf("groups %v tags %v login profile %+v %v", gs, tags, lp, err)
	}
}

// TestAddUsersRollsBack: when adding to the group is refused, the user and its
// password are deleted again and the error shows on the permissions step.
func TestAddUsersRollsBack(t *testing.T) {
	t.Parallel()
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			t.Parallel()
			c := simCommon(t, lang)
			admin := c.Backend
			labGroup(t, admin)
			c.Backend = failing{Backend: admin, addToGroup: denied("iam:AddUserToGroup")}
			a := NewAddUsers(c)
			d := newDriver(t, a)
			d.keys(append(detailsKeys("lab-user", "Suwon#0307"), "ctrl+n")...)
			d.keys("tab", "space", "ctrl+n", "ctrl+n", "ctrl+n")
			if a.Done() || a.Step() != stepPermissions {
				t.Fatalf("done=%v step=%d, want the permissions step", a.Done(), a.Step())
			}
			contains(t, d.view(), "iam:AddUserToGroup")
			if _, err := admin.GetUser(context.Background(), "lab-user"); backend.KindOf(err) != backend.KindNotFound {
				t.Fatalf("lab-user must be deleted again, GetUser = %v", err)
			}
		})
	}
}

// TestAddUsersPasswordRefused: AWS's answer to CreateLoginProfile shows under the
// password on step 1.
func TestAddUsersPasswordRefused(t *testing.T) {
	t.Parallel()
	c := simCommon(t, locales.English)
	admin := c.Backend
	c.Backend = failing{Backend: admin, loginProfile: &backend.Error{Op: "iam:CreateLoginProfile", Kind: backend.KindValidation,
		Code: "PasswordPolicyViolation", Message: model.MsgPasswordPolicyViolation}}
	a := NewAddUsers(c)
	d := newDriver(t, a)
	d.keys(append(detailsKeys("lab-user", "Suwon#0307"), "ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n")...)
	if a.Step() != stepDetails {
		t.Fatalf("step = %d, want user details", a.Step())
	}
	if got := a.details.Field(fPassword).Error(); got != model.MsgPasswordPolicyViolation {
		t.Errorf("password error = %q", got)
	}
	if _, err := admin.GetUser(context.Background(), "lab-user"); backend.KindOf(err) != backend.KindNotFound {
		t.Fatalf("lab-user must be deleted again, GetUser = %v", err)
	}
}
