package lab

import (
	"context"
	"slices"
	"strings"
	"testing"

	bspinner "github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/guard"
	"github.com/labconsole/labconsole/backend/labcheck/labchecktest"
	"github.com/labconsole/labconsole/backend/labres"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
)

// drive is run without the spinner's animation (its ticks would never end).
func drive(t *testing.T, p *Panel, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			drive(t, p, c)
		}
	case nil, tickMsg, bspinner.TickMsg:
	default:
		_, next := p.Update(msg)
		drive(t, p, next)
	}
}

func send(t *testing.T, p *Panel, keys ...string) {
	t.Helper()
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "down":
			msg = tea.KeyMsg{Type: tea.KeyDown}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		_, cmd := p.Update(msg)
		drive(t, p, cmd)
	}
}

// labAccount makes, with tagging on, what part B of lab 1 makes plus a tagged bucket,
// and, untagged, an operator's user, group and bucket that are not the lab's.
func labAccount(t *testing.T, b backend.Backend) {
	t.Helper()
	ctx := context.Background()
	tb := labres.Tagging(b, "lab1")
	labchecktest.PartB(t, tb)
	_, err := tb.CreateBucket(ctx, model.NewBucket{Name: "lab-notes-2026", Region: b.Info().Region})
	labchecktest.Must(t, err)
	_, err = b.CreateUser(ctx, model.NewUser{UserName: "operator"})
	labchecktest.Must(t, err)
	_, err = b.CreateGroup(ctx, model.NewGroup{GroupName: "operators"})
	labchecktest.Must(t, err)
	labchecktest.Must(t, b.AddUserToGroup(ctx, "operators", "operator"))
	_, err = b.CreateBucket(ctx, model.NewBucket{Name: "operator-archive", Region: b.Info().Region})
	labchecktest.Must(t, err)
}

func names(t *testing.T, b backend.Backend) (users, groups, buckets []string) {
	t.Helper()
	ctx := context.Background()
	us, err := b.ListUsers(ctx, model.PageRequest{})
	labchecktest.Must(t, err)
	for _, u := range us.Items {
		if u.UserName == "Administrator" { // the simulator's own
			continue
		}
		users = append(users, u.UserName)
	}
	gs, err := b.ListGroups(ctx, model.PageRequest{})
	labchecktest.Must(t, err)
	for _, g := range gs.Items {
		groups = append(groups, g.GroupName)
	}
	bs, err := b.ListBuckets(ctx)
	labchecktest.Must(t, err)
	for _, bk := range bs {
		buckets = append(buckets, bk.Name)
	}
	slices.Sort(users)
	slices.Sort(groups)
	slices.Sort(buckets)
	return users, groups, buckets
}

func plain(p *Panel) string { return ansi.Strip(p.View()) }

func TestCleanupDeletesExactlyTheLabResources(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			_, b := labchecktest.Sim(t)
			labAccount(t, b)
			p := newPanel(t, lang, b, Options{})
			p.SetSize(48, 40)
			p.Focus(true)
			before := p.Done()
			if before < 5 {
				t.Fatalf("part B done before the clean-up: %d steps", before)
			}
			users, groups, buckets := names(t, b)
			if !slices.Equal(users, []string{"lab-user", "operator"}) || !slices.Equal(groups, []string{"lab-cloudtrail-group", "operators"}) ||
				!slices.Equal(buckets, []string{"lab-notes-2026", "operator-archive"}) {
				t.Fatalf("before: users %v groups %v buckets %v", users, groups, buckets)
			}

			send(t, p, "c")
			if !p.CleaningUp() || p.cleanup.stage != cleanupPlanned || p.cleanup.planErr != nil {
				t.Fatalf("plan: open %v, err %v", p.CleaningUp(), p.cleanup.planErr)
			}
			var planned []string
			for _, it := range p.cleanup.plan.Items {
				planned = append(planned, it.Kind.String()+" "+it.Name)
			}
			want := []string{"Bucket lab-notes-2026", "LoginProfile lab-user", "GroupMembership lab-cloudtrail-group", "User lab-user",
				"GroupAttachedPolicy AWSCloudTrail_FullAccess", "Group lab-cloudtrail-group"}
			if !slices.Equal(planned, want) {
				t.Fatalf("plan:\n got %q\nwant %q", planned, want)
			}
			t.Run("plan", func(t *testing.T) { golden.RequireEqual(t, []byte(p.View())) })

			// A short panel scrolls the plan; the confirmation stays in view.
			p.SetSize(48, 18)
			last := p.cleanup.plan.Items[len(p.cleanup.plan.Items)-1].Label(p.c)
			flat := func() string { return strings.Join(strings.Fields(strings.ReplaceAll(plain(p), "│", "")), " ") }
			if v := plain(p); strings.Count(v, "\n") >= 18 || strings.Contains(flat(), last) || !strings.Contains(v, "> ") {
				t.Fatalf("short panel:\n%s", v)
			}
			send(t, p, strings.Fields(strings.Repeat("down ", 30))...)
			if p.cleanup.offset == 0 || !strings.Contains(flat(), last) || !strings.Contains(plain(p), "> ") {
				t.Fatalf("scrolled to %d:\n%s", p.cleanup.offset, plain(p))
			}
			p.SetSize(48, 40)

			// Enter does nothing until the confirmation is typed.
			send(t, p, "enter")
			if p.cleanup.stage != cleanupPlanned {
				t.Fatalf("enter without the confirmation started the deletion")
			}
			send(t, p, strings.Split(p.c.T("LabCleanupConfirmText"), "")...)
			send(t, p, "enter")
			if p.cleanup == nil || p.cleanup.stage != cleanupFinished {
				t.Fatalf("after the deletion: %+v", p.cleanup)
			}
			if d, f := p.cleanup.counts(); d != len(want) || f != 0 {
				t.Fatalf("deleted %d, failed %d: %v", d, f, p.cleanup.errs)
			}
			users, groups, buckets = names(t, b)
			if !slices.Equal(users, []string{"operator"}) || !slices.Equal(groups, []string{"operators"}) || !slices.Equal(buckets, []string{"operator-archive"}) {
				t.Fatalf("after: users %v groups %v buckets %v", users, groups, buckets)
			}
			// The clean-up re-checked: part B's checks fail again.
			if p.Done() >= before {
				t.Fatalf("done after the clean-up %d, before %d", p.Done(), before)
			}
			for i, s := range p.steps {
				if strings.HasPrefix(s.ID, "B") && s.ID != "B1" && p.results[i].Pass {
					t.Errorf("step %s still passes", s.ID)
				}
			}
			t.Run("result", func(t *testing.T) { golden.RequireEqual(t, []byte(p.View())) })
			send(t, p, "esc")
			if p.CleaningUp() {
				t.Fatal("esc did not close the result")
			}
		})
	}
}

func TestCleanupEmptyPlan(t *testing.T) {
	_, b := labchecktest.Sim(t)
	_, err := b.CreateUser(context.Background(), model.NewUser{UserName: "operator"})
	labchecktest.Must(t, err)
	p := newPanel(t, locales.English, b, Options{})
	p.Focus(true)
	send(t, p, "c")
	if !p.cleanup.plan.Empty() || !strings.Contains(plain(p), "No lab resource is left") {
		t.Fatalf("empty plan:\n%s", plain(p))
	}
	send(t, p, "enter")
	if p.CleaningUp() {
		t.Fatal("enter did not close the empty plan")
	}
	if users, _, _ := names(t, b); !slices.Equal(users, []string{"operator"}) {
		t.Fatalf("users %v", users)
	}
}

func TestCleanupCancel(t *testing.T) {
	_, b := labchecktest.Sim(t)
	labAccount(t, b)
	p := newPanel(t, locales.Korean, b, Options{})
	p.Focus(true)
	send(t, p, "c", "삭", "enter") // a wrong confirmation deletes nothing
	if p.cleanup.stage != cleanupPlanned {
		t.Fatalf("stage %d", p.cleanup.stage)
	}
	send(t, p, "esc")
	if p.CleaningUp() || p.status != p.c.T("LabCleanupCanceled") {
		t.Fatalf("cancel: open %v, status %q", p.CleaningUp(), p.status)
	}
	users, groups, buckets := names(t, b)
	if len(users) != 2 || len(groups) != 2 || len(buckets) != 2 {
		t.Fatalf("cancel deleted something: %v %v %v", users, groups, buckets)
	}
	// A late answer of the cancelled run changes nothing.
	_, cmd := p.Update(cleanupPlanMsg{p: p, run: -1})
	if cmd != nil || p.CleaningUp() {
		t.Fatal("a stale plan reopened the page")
	}
}

func TestCleanupReadOnly(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		_, admin := labchecktest.Sim(t)
		labAccount(t, admin)
		b := guard.Wrap(admin, guard.Options{ReadOnly: true})
		p := newPanel(t, lang, b, Options{})
		p.c.ReadOnly = true
		p.Focus(true)
		send(t, p, "c")
		if p.CleaningUp() || backend.KindOf(p.err) != backend.KindReadOnly {
			t.Fatalf("read-only: open %v, err %v", p.CleaningUp(), p.err)
		}
		want := p.c.Tf("GuardReadOnly", map[string]any{"Op": "labconsole:CleanUpLab"})
		if got := strings.Join(strings.Fields(strings.ReplaceAll(plain(p), "│", "")), " "); !strings.Contains(got, want) {
			t.Fatalf("read-only message %q not shown:\n%s", want, plain(p))
		}
		if users, _, _ := names(t, admin); len(users) != 2 {
			t.Fatalf("users %v", users)
		}
	}
}

func TestCleanupAWSCLI(t *testing.T) {
	info := backend.Info{Mode: backend.ModeAWS, Profile: "alpha", Region: "ap-northeast-2"}
	for _, tc := range []struct {
		it   labres.Item
		want string
	}{
		{labres.Item{Kind: labres.KindTrail, Name: "lab-trail"}, "aws cloudtrail delete-trail --name lab-trail --profile alpha --region ap-northeast-2"},
		{labres.Item{Kind: labres.KindBucket, Name: "lab-b", Region: "us-west-2"}, "aws s3 rb s3://lab-b --force --profile alpha --region us-west-2"},
		{labres.Item{Kind: labres.KindAlarm, Name: "Billing alarm", Region: "us-east-1"}, "aws cloudwatch delete-alarms --alarm-names 'Billing alarm' --profile alpha --region us-east-1"},
		{labres.Item{Kind: labres.KindAccessKey, Name: "AKIA1", User: "lab-user"}, "aws iam delete-access-key --user-name lab-user --access-key-id AKIA1 --profile alpha --region ap-northeast-2"},
		{labres.Item{Kind: labres.KindGroupMembership, Name: "g", User: "u"}, "aws iam remove-user-from-group --group-name g --user-name u --profile alpha --region ap-northeast-2"},
	} {
		if got := cliLine(info, tc.it); got != tc.want {
			t.Errorf("%v:\n got %s\nwant %s", tc.it.Kind, got, tc.want)
		}
	}
}

func TestTaggingLabFollowsProgress(t *testing.T) {
	_, b := labchecktest.Sim(t)
	c := newPanel(t, locales.English, b, Options{Store: FileStore{Dir: t.TempDir()}})
	if c.TaggingLab() != "lab1" {
		t.Fatalf("a started lab does not tag: %q", c.TaggingLab())
	}
	c.progress.Finished = &pinned
	if c.TaggingLab() != "" {
		t.Fatal("a finished lab still tags")
	}
	q, err := New(c.c, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if q.TaggingLab() != "" {
		t.Fatal("a panel that has not loaded the progress tags")
	}
}

func TestCleanupFromTheCompletionPage(t *testing.T) {
	_, b := labchecktest.Sim(t)
	p := newPanel(t, locales.English, b, Options{})
	p.Focus(true)
	p.done = newCompletion(p)
	if !strings.Contains(plain(p), "c: clean up lab resources") {
		t.Fatalf("the completion page does not offer the clean-up:\n%s", plain(p))
	}
	send(t, p, "c")
	if !p.CleaningUp() || !p.cleanup.plan.Empty() {
		t.Fatalf("c on the completion page: open %v", p.CleaningUp())
	}
	send(t, p, "esc")
	if p.CleaningUp() || !p.done.show {
		t.Fatalf("esc: open %v, completion shown %v", p.CleaningUp(), p.done.show)
	}
}

// TestEveryKindHasItsCLICommand: in AWS mode each planned deletion shows the command
// that does it; a kind added to labres without one fails here.
func TestEveryKindHasItsCLICommand(t *testing.T) {
	info := backend.Info{Mode: backend.ModeAWS, Region: "ap-northeast-2"}
	for k := labres.KindTrail; k.String() != ""; k++ {
		it := labres.Item{Kind: k, Name: "n", ARN: "arn:aws:sns:ap-northeast-2:123456789012:t", User: "u", Group: "g", Role: "r", Key: "k"}
		line := cliLine(info, it)
		if !strings.HasPrefix(line, "aws ") {
			t.Errorf("%s: no AWS CLI command (%q)", k, line)
		}
	}
}
