package iam

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/nav"
)

// awsMode makes a simulator backend say it is a real account, as --backend aws does.
type awsMode struct{ backend.Backend }

func (awsMode) Info() backend.Info {
	return backend.Info{Mode: backend.ModeAWS, Region: "ap-northeast-2", Profile: "lab"}
}

func labUser(t *testing.T, b backend.Backend) {
	t.Helper()
	labGroup(t, b)
	ctx := context.Background()
	if _, err := b.CreateUser(ctx, model.NewUser{UserName: "lab-user", Tags: []model.Tag{{Key: "Name", Value: "lab-user"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.CreateLoginProfile(ctx, model.NewLoginProfile{UserName: "lab-user", Password: "Suwon#0307"}); err != nil {
		t.Fatal(err)
	}
	if err := b.AddUserToGroup(ctx, "lab-cloudtrail-group", "lab-user"); err != nil {
		t.Fatal(err)
	}
}

func TestHomeOpensEntries(t *testing.T) {
	t.Parallel()
	cases := []struct {
		keys []string
		want string
	}{
		{[]string{"enter"}, "*iam.Groups"},
		{[]string{"down", "enter"}, "*iam.Users"},
		{[]string{"down", "down", "enter"}, "*iam.Policies"},
		{[]string{"up", "enter"}, "*iam.Policies"},
	}
	for _, tc := range cases {
		h := NewHome(simCommon(t, locales.English))
		d := newDriver(t, h)
		d.keys(tc.keys...)
		if len(d.nav) != 1 {
			t.Fatalf("%v: nav = %v", tc.keys, d.nav)
		}
		if got := typeName(d.nav[0].(nav.PushMsg).Screen); got != tc.want {
			t.Errorf("%v opens %s, want %s", tc.keys, got, tc.want)
		}
		contains(t, d.view(), "https://123456789012.signin.aws.amazon.com/console")
	}
}

func TestUsersFacts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang locales.Lang
		want []string
	}{
		{locales.English, []string{"lab-cloudtrail-group", "Never", "None", "Just now"}},
		{locales.Korean, []string{"lab-cloudtrail-group", "안 함", "없음", "방금"}},
	} {
		c := simCommon(t, tc.lang)
		labUser(t, c.Backend)
		u := NewUsers(c)
		d := newDriver(t, u)
		contains(t, d.view(), tc.want...)
		d.keys("down", "enter")
		if len(d.nav) != 1 || d.nav[0].(nav.PushMsg).Screen.Crumbs()[0] != "lab-user" {
			t.Fatalf("enter must open lab-user, nav = %v", d.nav)
		}
		d.keys("c")
		if typeName(d.nav[1].(nav.PushMsg).Screen) != "*iam.AddUsers" {
			t.Fatal("c opens Add users")
		}
	}
}

// TestGroupDeleteConflict: deleting a group with members asks for the typed name,
// then shows IAM's DeleteConflict with what to do.
func TestGroupDeleteConflict(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang locales.Lang
		want string
	}{
		{locales.English, "remove them first"},
		{locales.Korean, "먼저 제거하십시오"},
	} {
		c := simCommon(t, tc.lang)
		labUser(t, c.Backend)
		g := NewGroups(c)
		d := newDriver(t, g)
		d.keys("d")
		if !g.Capturing() {
			t.Fatal("the typed confirmation takes the keys")
		}
		d.keys("enter")
		if !g.actions.Open() {
			t.Fatal("enter must not confirm before the name is typed")
		}
		d.keys("lab-cloudtrail-group", "enter")
		contains(t, d.view(), tc.want, "DeleteConflict", "aws iam delete-group --group-name lab-cloudtrail-group")
		if _, _, err := c.Backend.GetGroup(context.Background(), "lab-cloudtrail-group"); err != nil {
			t.Fatalf("the group must still exist: %v", err)
		}
	}
}

func TestGroupDelete(t *testing.T) {
	t.Parallel()
	c := simCommon(t, locales.English)
	labGroup(t, c.Backend)
	if err := c.Backend.DetachGroupPolicy(context.Background(), "lab-cloudtrail-group", "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess"); err != nil {
		t.Fatal(err)
	}
	g := NewGroupDetail(c, "lab-cloudtrail-group")
	d := newDriver(t, g)
	d.keys("d", "lab-cloudtrail-group", "enter")
	if !d.popped() {
		t.Fatalf("a deleted group's page closes; view:\n%s", d.view())
	}
	if _, _, err := c.Backend.GetGroup(context.Background(), "lab-cloudtrail-group"); backend.KindOf(err) != backend.KindNotFound {
		t.Fatalf("GetGroup = %v", err)
	}
}

func TestUserDetailTabs(t *testing.T) {
	t.Parallel()
	c := simCommon(t, locales.English)
	labUser(t, c.Backend)
	u := NewUserDetail(c, "lab-user")
	d := newDriver(t, u)
	contains(t, d.view(), "arn:aws:iam::123456789012:user/lab-user", "AWSCloudTrail_FullAccess", "Group lab-cloudtrail-group")
	steps := []struct {
		key  string
		tab  int
		want string
	}{
		{"tab", tabGroups, "lab-cloudtrail-group"},
		{"tab", tabTags, "Name"},
		{"tab", tabSecurity, "Enabled (never signed in)"},
		{"tab", tabPermissions, "Attached via"},
		{"shift+tab", tabSecurity, "Access keys (0)"},
		{"2", tabGroups, "Attached policies"},
	}
	for _, s := range steps {
		d.keys(s.key)
		if u.tab != s.tab {
			t.Fatalf("after %s tab = %d, want %d", s.key, u.tab, s.tab)
		}
		contains(t, d.view(), s.want)
	}
	// A policy from a group is removed from the group, not here.
	d.keys("1", "x")
	contains(t, d.view(), "This policy comes from group lab-cloudtrail-group")
}

// TestUserDetailAccessKeys: create shows the secret once; deactivation asks first;
// deletion wants the key ID typed.
func TestUserDetailAccessKeys(t *testing.T) {
	t.Parallel()
	c := simCommon(t, locales.English)
	labUser(t, c.Backend)
	u := NewUserDetail(c, "lab-user")
	d := newDriver(t, u)
	d.keys("4", "c")
	if u.secret == nil {
		t.Fatalf("no secret dialog; view:\n%s", d.view())
	}
	keys, _ := c.Backend.ListAccessKeys(context.Background(), "lab-user")
	if len(keys) != 1 {
		t.Fatalf("keys = %v", keys)
	}
	id := keys[0].AccessKeyID
	contains(t, d.view(), id, "Secret access key:", "aws iam create-access-key --user-name lab-user")
	d.keys("enter")
	if u.secret != nil {
		t.Fatal("enter closes the secret")
	}
	d.keys("i")
	if !u.actions.Open() {
		t.Fatal("deactivating asks first")
	}
	d.keys("enter")
	keys, _ = c.Backend.ListAccessKeys(context.Background(), "lab-user")
	if keys[0].Status != model.AccessKeyInactive {
		t.Fatalf("status = %s", keys[0].Status)
	}
	d.keys("x", "enter")
	if !u.actions.Open() {
		t.Fatal("delete waits for the key ID")
	}
	d.keys(id, "enter")
	keys, _ = c.Backend.ListAccessKeys(context.Background(), "lab-user")
	if len(keys) != 0 {
		t.Fatalf("keys after delete = %v", keys)
	}
	contains(t, d.view(), "aws iam delete-access-key --user-name lab-user --access-key-id "+id)
}

// TestRealAWSAsksFirst: on a real account every change is confirmed, with its AWS
// CLI equivalent (profile and region included), before any call.
func TestRealAWSAsksFirst(t *testing.T) {
	t.Parallel()
	c := simCommon(t, locales.English)
	labUser(t, c.Backend)
	c.Backend = awsMode{c.Backend}
	p := newPickScreen(c, "lab-user", pickPolicies)
	d := newDriver(t, p)
	d.keys("/", "AmazonS3FullAccess", "enter", "space", "ctrl+s")
	if !p.actions.Open() {
		t.Fatalf("no confirmation; view:\n%s", d.view())
	}
	contains(t, d.view(), "attach-user-policy --user-name lab-user --policy-arn", "--profile lab --region ap-northeast-2")
	if aps, _ := c.Backend.ListAttachedUserPolicies(context.Background(), "lab-user"); len(aps) != 0 {
		t.Fatal("nothing may be attached before the confirmation")
	}
	d.keys("enter")
	if aps, _ := c.Backend.ListAttachedUserPolicies(context.Background(), "lab-user"); len(aps) != 1 {
		t.Fatalf("attached = %v", aps)
	}
	if !d.popped() || len(d.other) == 0 {
		t.Fatal("the page closes and tells the user's page")
	}
	if ch, ok := d.other[0].(userChangedMsg); !ok || ch.user != "lab-user" || !strings.Contains(ch.done, "AmazonS3FullAccess") {
		t.Fatalf("message = %+v", d.other[0])
	}
}

// TestDeniedShowsPanel: a denied listing shows the Insufficient permissions panel on
// every IAM list, never an empty list.
func TestDeniedShowsPanel(t *testing.T) {
	t.Parallel()
	c := simCommon(t, locales.English)
	labUser(t, c.Backend)
	lab, err := c.Backend.SignIn(context.Background(), "lab-user", "Suwon#0307")
	if err != nil {
		t.Fatal(err)
	}
	c.Backend = lab
	for _, s := range []struct {
		screen interface{ View() string }
		action string
	}{
		{NewUsers(c), "iam:ListUsers"},
		{NewGroups(c), "iam:ListGroups"},
		{NewPolicies(c), "iam:ListPolicies"},
		{NewGroupDetail(c, "lab-cloudtrail-group"), "iam:GetGroup"},
	} {
		d := newDriver(t, s.screen.(common.Component))
		contains(t, d.view(), "Insufficient permissions", s.action)
	}
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }
