package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	bspinner "github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend/guard"
	"github.com/labconsole/labconsole/backend/labres"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	labui "github.com/labconsole/labconsole/ui/lab"
	"github.com/labconsole/labconsole/ui/signin"
	"github.com/labconsole/labconsole/ui/switcher"
)

// settle runs cmd and feeds its messages back into m until nothing more answers
// within 2.5 s (the panel's 5 s timer, the mutation listener and spinner ticks are
// left waiting; a text input's cursor blinks forever, so its messages are dropped).
func settle(m *Model, cmd tea.Cmd) {
	msg := within(cmd, 2500*time.Millisecond)
	switch msg := msg.(type) {
	case nil, bspinner.TickMsg, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			settle(m, c)
		}
	default:
		if strings.HasPrefix(fmt.Sprintf("%T", msg), "cursor.") {
			return
		}
		_, next := m.Update(msg)
		settle(m, next)
	}
}

// taggedWith creates user name through the console's own backend and returns the
// value of its labconsole:lab tag ("" when it has none).
func taggedWith(t *testing.T, c *common.Common, name string) string {
	t.Helper()
	ctx := context.Background()
	if _, err := c.Backend.CreateUser(ctx, model.NewUser{UserName: name}); err != nil {
		t.Fatal(err)
	}
	tags, err := c.Backend.ListUserTags(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range tags {
		if tg.Key == labres.TagKey {
			return tg.Value
		}
	}
	return ""
}

func labSession(t *testing.T, store labui.Store) (*Model, *common.Common) {
	t.Helper()
	c := simCommon(t, false)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c.Ctx = ctx
	m := New(c)
	m.SetLabOptions(labui.Options{Store: store})
	settle(m, m.loadIdentity())
	return m, c
}

// TestTaggingOnlyWhileALabIsInProgress: nothing is tagged before a lab starts; opening
// the panel starts it and what the console creates is tagged (under the guard), also
// as a signed-in lab-user; finishing the lab stops the tagging.
func TestTaggingOnlyWhileALabIsInProgress(t *testing.T) {
	store := labui.FileStore{Dir: t.TempDir()}
	m, c := labSession(t, store)
	if got := taggedWith(t, c, "before-lab"); got != "" {
		t.Fatalf("a user made before the lab is tagged %q", got)
	}
	settle(m, m.toggleLab())
	if !m.lab.panel.ProgressLoaded() {
		t.Fatal("the panel did not load the progress")
	}
	if _, ok := c.Backend.(*guard.Backend); !ok {
		t.Fatalf("the backend is not guarded: %T", c.Backend)
	}
	if got := taggedWith(t, c, "lab-made"); got != "lab1" {
		t.Fatalf("a user made during the lab is tagged %q", got)
	}

	// Sign in as a lab user (who may create users here) and back out: both tag.
	ctx := context.Background()
	admin := guard.Unwrap(c.Backend)
	if _, err := admin.CreateUser(ctx, model.NewUser{UserName: "lab-admin"}); err != nil {
		t.Fatal(err)
	}
	if err := admin.AttachUserPolicy(ctx, "lab-admin", model.AWSManagedPolicyPrefix+"AdministratorAccess"); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.CreateLoginProfile(ctx, model.NewLoginProfile{UserName: "lab-admin", Password: "Suwon#0307"}); err != nil {
		t.Fatal(err)
	}
	nb, err := c.Backend.SignIn(ctx, "lab-admin", "Suwon#0307")
	if err != nil {
		t.Fatal(err)
	}
	settle(m, func() tea.Msg { return signin.SignedInMsg{Backend: nb} })
	if got := taggedWith(t, c, "by-lab-admin"); got != "lab1" {
		t.Fatalf("a user the signed-in lab user made is tagged %q", got)
	}
	settle(m, func() tea.Msg { return signin.SignedOutMsg{} })
	if got := taggedWith(t, c, "after-sign-out"); got != "lab1" {
		t.Fatalf("after signing out: tagged %q", got)
	}

	// A profile/Region switch (ctrl+r) brings an untagged backend: it is tagged too.
	settle(m, func() tea.Msg { return switcher.SwitchedMsg{Backend: labres.Untagged(admin)} })
	if got := taggedWith(t, c, "after-switch"); got != "lab1" {
		t.Fatalf("after a switch: tagged %q", got)
	}

	// Finishing the lab (its saved progress) stops the tagging for a new session.
	account := m.lab.panel.Account()
	prog, found, err := store.Load(ctx, account, "lab1")
	if err != nil || !found {
		t.Fatalf("saved progress: %v %v", found, err)
	}
	now := time.Now()
	prog.Finished = &now
	if err := store.Save(ctx, prog); err != nil {
		t.Fatal(err)
	}
	_, c2 := labSession(t, store)
	if got := taggedWith(t, c2, "after-lab"); got != "" {
		t.Fatalf("a user made after the lab is tagged %q", got)
	}
}

// TestTaggingResumesFromSavedProgress: a console restarted mid-lab tags before its
// panel is reopened.
func TestTaggingResumesFromSavedProgress(t *testing.T) {
	store := labui.FileStore{Dir: t.TempDir()}
	m, _ := labSession(t, store)
	settle(m, m.toggleLab())
	if !m.lab.panel.ProgressLoaded() {
		t.Fatal("the panel did not load the progress")
	}

	// A new session on the same account (a fresh simulator has the same account ID).
	_, c2 := labSession(t, store)
	if got := taggedWith(t, c2, "resumed"); got != "lab1" {
		t.Fatalf("a user made after the restart is tagged %q", got)
	}
	if labres.LabOf(guard.Unwrap(c2.Backend)) != "lab1" {
		t.Fatal("the tagging is not under the guard")
	}
}

// TestTrailBucketTaggedByTheAdministrator: lab-user, signed in before the lab starts,
// may create a trail and its bucket (AWSCloudTrail_FullAccess) but not tag the
// bucket; the console tags it with the credentials the panel checks with, so the
// clean-up finds it.
func TestTrailBucketTaggedByTheAdministrator(t *testing.T) {
	store := labui.FileStore{Dir: t.TempDir()}
	m, c := labSession(t, store)
	ctx := context.Background()
	admin := guard.Unwrap(c.Backend)
	if _, err := admin.CreateGroup(ctx, model.NewGroup{GroupName: "lab-cloudtrail-group"}); err != nil {
		t.Fatal(err)
	}
	if err := admin.AttachGroupPolicy(ctx, "lab-cloudtrail-group", model.AWSManagedPolicyPrefix+"AWSCloudTrail_FullAccess"); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.CreateUser(ctx, model.NewUser{UserName: "lab-user"}); err != nil {
		t.Fatal(err)
	}
	if err := admin.AddUserToGroup(ctx, "lab-cloudtrail-group", "lab-user"); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.CreateLoginProfile(ctx, model.NewLoginProfile{UserName: "lab-user", Password: "Suwon#0307"}); err != nil {
		t.Fatal(err)
	}
	nb, err := c.Backend.SignIn(ctx, "lab-user", "Suwon#0307")
	if err != nil {
		t.Fatal(err)
	}
	settle(m, func() tea.Msg { return signin.SignedInMsg{Backend: nb} })
	settle(m, m.toggleLab()) // the lab starts while lab-user is signed in

	const bucket = "aws-cloudtrail-logs-123456789012-lab"
	if _, err := c.Backend.CreateTrail(ctx, model.NewTrail{Name: "lab-trail", CreateBucket: true, S3BucketName: bucket,
		IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, ManagementEvents: true, ReadWriteType: "All"}); err != nil {
		t.Fatal(err)
	}
	lr, ok := admin.(interface {
		BucketTags(ctx context.Context, bucket, region string) ([]model.Tag, error)
	})
	if !ok {
		t.Fatalf("%T lists no bucket tags", admin)
	}
	tags, err := lr.BucketTags(ctx, bucket, "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(tags, labres.Tag("lab1")) {
		t.Fatalf("the trail's bucket is tagged %v", tags)
	}
}
