package labres_test

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/guard"
	"github.com/labconsole/labconsole/backend/labres"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
)

func newSim(t *testing.T) *awsapi.Backend {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c := s.AdminCredentials()
	return awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustV[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		must(t, err)
		return v
	}
}

const (
	cloudTrailFull = "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess"
	readOnly       = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	labBucket      = "aws-cloudtrail-logs-" + sim.DefaultAccountID + "-mylog"
	opsBucket      = "ops-trail-bucket-0307"
)

func billingAlarm(name string) model.AlarmInput {
	return model.AlarmInput{
		Name:      name,
		Metric:    model.Metric{Namespace: "AWS/Billing", MetricName: "EstimatedCharges", Dimensions: []model.Dimension{{Name: "Currency", Value: "USD"}}},
		Statistic: "Maximum", Period: 21600, EvaluationPeriods: 1, Threshold: 200, ComparisonOperator: "GreaterThanThreshold",
	}
}

// world makes lab1's resources through the tagging decorator (under the guard, as
// the console wires it) and other resources beside them without it.
func world(t *testing.T) (inner *awsapi.Backend, lab backend.Backend) {
	t.Helper()
	ctx := context.Background()
	inner = newSim(t)
	lab = guard.Wrap(labres.Tagging(inner, "lab1"), guard.Options{})

	// Part A: the billing alarm in us-east-1, and one in the console's Region.
	must(t, lab.CloudWatchIn("us-east-1").PutAlarm(ctx, billingAlarm("lab-myalarm")))
	must(t, lab.PutAlarm(ctx, billingAlarm("lab-local-alarm")))
	// Part B: group, user with password, key, policies, membership.
	mustV[model.Group](t)(lab.CreateGroup(ctx, model.NewGroup{GroupName: "lab-cloudtrail-group"}))
	must(t, lab.AttachGroupPolicy(ctx, "lab-cloudtrail-group", cloudTrailFull))
	must(t, lab.PutGroupPolicy(ctx, "lab-cloudtrail-group", model.InlinePolicy{PolicyName: "lab-group-inline", Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`}))
	mustV[model.User](t)(lab.CreateUser(ctx, model.NewUser{UserName: "lab-user", Tags: []model.Tag{{Key: "team", Value: "blue"}}}))
	mustV[model.LoginProfile](t)(lab.CreateLoginProfile(ctx, model.NewLoginProfile{UserName: "lab-user", Password: "Suwon#0307"}))
	mustV[model.AccessKey](t)(lab.CreateAccessKey(ctx, "lab-user"))
	must(t, lab.AddUserToGroup(ctx, "lab-cloudtrail-group", "lab-user"))
	must(t, lab.AttachUserPolicy(ctx, "lab-user", readOnly))
	must(t, lab.PutUserPolicy(ctx, "lab-user", model.InlinePolicy{PolicyName: "lab-inline", Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}`}))
	// Part C, as lab-user (AWSCloudTrail_FullAccess: it may create the trail and
	// its bucket but not tag the bucket): the trail with a new bucket.
	asUser := mustV[backend.Backend](t)(lab.SignIn(ctx, "lab-user", "Suwon#0307"))
	mustV[model.Trail](t)(asUser.CreateTrail(ctx, model.ConsoleNewTrail("lab-trail", labBucket)))
	must(t, asUser.SignOut(ctx))

	// Not the lab's: made without the decorator, or tagged by the user for another lab.
	mustV[model.User](t)(inner.CreateUser(ctx, model.NewUser{UserName: "ops-user"}))
	mustV[model.User](t)(lab.CreateUser(ctx, model.NewUser{UserName: "lab2-user", Tags: []model.Tag{{Key: labres.TagKey, Value: "lab2"}}}))
	mustV[model.Group](t)(inner.CreateGroup(ctx, model.NewGroup{GroupName: "mixed-group"}))
	must(t, inner.AddUserToGroup(ctx, "mixed-group", "ops-user"))
	must(t, lab.AddUserToGroup(ctx, "mixed-group", "lab-user"))
	mustV[model.Trail](t)(inner.CreateTrail(ctx, model.ConsoleNewTrail("ops-trail", opsBucket)))
	mustV[model.Bucket](t)(inner.CreateBucket(ctx, model.NewBucket{Name: "ops-plain-bucket", Region: inner.Info().Region}))
	// Tagged by mistake, but another trail delivers to it: not the lab's to delete.
	must(t, inner.TagBucket(ctx, opsBucket, "", []model.Tag{labres.Tag("lab1")}))
	must(t, inner.PutAlarm(ctx, billingAlarm("ops-alarm")))
	must(t, inner.CloudWatchIn("us-east-1").PutAlarm(ctx, billingAlarm("ops-billing-alarm")))

	// Let both trails deliver log files, so the buckets have objects.
	mustV[time.Time](t)(inner.AdvanceClock(ctx, 15*time.Minute))
	return inner, lab
}

func describe(items []labres.Item) []string {
	var out []string
	for _, it := range items {
		s := it.Kind.String() + " " + it.Name
		if it.User != "" {
			s += " of " + it.User
		}
		if it.Group != "" {
			s += " of " + it.Group
		}
		out = append(out, s)
	}
	return out
}

// inventory lists the account: users, groups, trails, buckets and alarms of both Regions.
func inventory(t *testing.T, b backend.Backend) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	for _, u := range mustV[model.Page[model.User]](t)(b.ListUsers(ctx, model.PageRequest{})).Items {
		out = append(out, "user "+u.UserName)
	}
	for _, g := range mustV[model.Page[model.Group]](t)(b.ListGroups(ctx, model.PageRequest{})).Items {
		out = append(out, "group "+g.GroupName)
	}
	for _, tr := range mustV[[]model.Trail](t)(b.ListTrails(ctx)) {
		out = append(out, "trail "+tr.Name)
	}
	for _, bk := range mustV[[]model.Bucket](t)(b.ListBuckets(ctx)) {
		out = append(out, "bucket "+bk.Name)
	}
	for _, r := range []string{b.Info().Region, "us-east-1"} {
		for _, a := range mustV[model.Page[model.Alarm]](t)(b.CloudWatchIn(r).ListAlarms(ctx, model.AlarmFilter{}, model.PageRequest{})).Items {
			out = append(out, "alarm "+r+" "+a.Name)
		}
	}
	sort.Strings(out)
	return out
}

func TestTaggingTagsWhatTheLabCreates(t *testing.T) {
	ctx := context.Background()
	inner, _ := world(t)
	tags := mustV[[]model.Tag](t)(inner.ListUserTags(ctx, "lab-user"))
	if !slices.Contains(tags, model.Tag{Key: labres.TagKey, Value: "lab1"}) || !slices.Contains(tags, model.Tag{Key: "team", Value: "blue"}) {
		t.Errorf("lab-user tags = %v, want the lab's tag beside the user's own", tags)
	}
	tags = mustV[[]model.Tag](t)(inner.ListUserTags(ctx, "lab2-user"))
	if len(tags) != 1 || tags[0].Value != "lab2" {
		t.Errorf("lab2-user tags = %v: the user's own labconsole:lab tag must win", tags)
	}
	tags = mustV[[]model.Tag](t)(inner.BucketTags(ctx, labBucket, ""))
	if !slices.Contains(tags, labres.Tag("lab1")) {
		t.Errorf("the trail wizard's bucket is not tagged: %v", tags)
	}
	tags = mustV[[]model.Tag](t)(inner.BucketTags(ctx, "ops-plain-bucket", ""))
	if len(tags) != 0 {
		t.Errorf("a bucket made without the decorator is tagged: %v", tags)
	}
	tr := mustV[model.Trail](t)(inner.GetTrail(ctx, "lab-trail"))
	if !slices.Contains(tr.Tags, labres.Tag("lab1")) {
		t.Errorf("lab-trail tags = %v", tr.Tags)
	}
	a := mustV[model.Alarm](t)(inner.CloudWatchIn("us-east-1").GetAlarm(ctx, "lab-myalarm"))
	tags = mustV[[]model.Tag](t)(inner.AlarmTags(ctx, a.Arn))
	if !slices.Contains(tags, labres.Tag("lab1")) {
		t.Errorf("the us-east-1 alarm made through CloudWatchIn is not tagged: %v", tags)
	}
	// The decorator keeps what the backend has beyond backend.Backend.
	tb := labres.Tagging(inner, "lab1")
	if _, ok := tb.(interface {
		SimulatorClock(context.Context) (time.Time, error)
	}); !ok {
		t.Error("Tagging hides the simulator's clock")
	}
	if labres.LabOf(labres.Tagging(tb, "lab2")) != "lab2" || labres.Untagged(labres.Tagging(tb, "lab2")) != backend.Backend(inner) {
		t.Error("Tagging a Tagging backend must re-tag it, not wrap it twice")
	}
	if labres.Tagging(inner, "") != backend.Backend(inner) {
		t.Error("Tagging with no lab must return the backend itself")
	}
}

func TestPlanListsExactlyTheLabsResources(t *testing.T) {
	ctx := context.Background()
	_, lab := world(t)
	p, err := labres.PlanFor(ctx, lab, "lab1")
	must(t, err)
	got := describe(p.Items)
	want := []string{
		"Trail lab-trail",
		"Bucket " + labBucket,
		"Alarm lab-local-alarm",
		"Alarm lab-myalarm",
		"LoginProfile lab-user of lab-user",
		"AccessKey ? of lab-user",
		"UserAttachedPolicy ReadOnlyAccess of lab-user",
		"UserInlinePolicy lab-inline of lab-user",
		"GroupMembership lab-cloudtrail-group of lab-user",
		"GroupMembership mixed-group of lab-user",
		"User lab-user",
		"GroupAttachedPolicy AWSCloudTrail_FullAccess of lab-cloudtrail-group",
		"GroupInlinePolicy lab-group-inline of lab-cloudtrail-group",
		"Group lab-cloudtrail-group",
	}
	// The access key's ID is random: compare its kind and owner only.
	for i, g := range got {
		if strings.HasPrefix(g, "AccessKey ") {
			got[i] = "AccessKey ? of lab-user"
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("plan:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	for _, it := range p.Items {
		switch it.Kind {
		case labres.KindBucket:
			if it.Reason != labres.ReasonTrailBucket || it.Ref != "lab-trail" || it.Objects == 0 {
				t.Errorf("bucket item %+v: want the trail's bucket with its delivered objects counted", it)
			}
		case labres.KindGroup:
			if it.Reason != labres.ReasonLabGroup || it.Ref != "lab-user" {
				t.Errorf("group item %+v: want ReasonLabGroup naming its members", it)
			}
		case labres.KindAlarm:
			if (it.Name == "lab-myalarm") != (it.Region == "us-east-1") {
				t.Errorf("alarm %s is in %s", it.Name, it.Region)
			}
		}
		if it.Reason.MessageID() == "" || !strings.HasPrefix(it.Kind.MessageID(), "CleanupKind") {
			t.Errorf("item %+v has no message", it)
		}
	}
}

func TestExecuteLeavesNoLabResourceAndEveryOther(t *testing.T) {
	ctx := context.Background()
	inner, lab := world(t)
	before := inventory(t, inner)
	wantBefore := []string{
		"alarm ap-northeast-2 lab-local-alarm", "alarm ap-northeast-2 ops-alarm",
		"alarm us-east-1 lab-myalarm", "alarm us-east-1 ops-billing-alarm",
		"bucket " + labBucket, "bucket ops-plain-bucket", "bucket " + opsBucket,
		"group lab-cloudtrail-group", "group mixed-group",
		"trail lab-trail", "trail ops-trail",
		"user Administrator", "user lab-user", "user lab2-user", "user ops-user",
	}
	if inner.Info().Region != "ap-northeast-2" {
		t.Skipf("the simulator's default Region is %s", inner.Info().Region)
	}
	sort.Strings(wantBefore)
	if !slices.Equal(before, wantBefore) {
		t.Fatalf("before:\n  %s", strings.Join(before, "\n  "))
	}
	p, err := labres.PlanFor(ctx, lab, "lab1")
	must(t, err)
	var done []string
	err = labres.Execute(ctx, lab, p, func(it labres.Item, err error) {
		if err != nil {
			t.Errorf("%s %s: %v", it.Kind, it.Name, err)
		}
		done = append(done, it.Kind.String()+" "+it.Name)
	})
	must(t, err)
	if len(done) != len(p.Items) {
		t.Errorf("progress heard of %d items, the plan has %d", len(done), len(p.Items))
	}
	after := inventory(t, inner)
	want := []string{
		"alarm ap-northeast-2 ops-alarm", "alarm us-east-1 ops-billing-alarm",
		"bucket ops-plain-bucket", "bucket " + opsBucket,
		"group mixed-group", "trail ops-trail",
		"user Administrator", "user lab2-user", "user ops-user",
	}
	sort.Strings(want)
	if !slices.Equal(after, want) {
		t.Fatalf("after clean-up:\n  %s\nwant:\n  %s", strings.Join(after, "\n  "), strings.Join(want, "\n  "))
	}
	// The other users keep what they had.
	_, members := mustV2(t)(inner.GetGroup(ctx, "mixed-group"))
	if len(members) != 1 || members[0].UserName != "ops-user" {
		t.Errorf("mixed-group members after clean-up: %v", members)
	}
	if st := mustV[model.TrailStatus](t)(inner.GetTrailStatus(ctx, "ops-trail")); !st.IsLogging {
		t.Error("ops-trail stopped logging")
	}
	// Nothing is left to plan.
	again, err := labres.PlanFor(ctx, lab, "lab1")
	must(t, err)
	if !again.Empty() {
		t.Errorf("a second plan is not empty: %v", describe(again.Items))
	}
}

func mustV2(t *testing.T) func(model.Group, []model.User, error) (model.Group, []model.User) {
	return func(g model.Group, u []model.User, err error) (model.Group, []model.User) {
		t.Helper()
		must(t, err)
		return g, u
	}
}

func TestPlanOnAFreshAccountIsEmpty(t *testing.T) {
	p, err := labres.PlanFor(context.Background(), newSim(t), "lab1")
	must(t, err)
	if !p.Empty() {
		t.Errorf("plan on a fresh account: %v", describe(p.Items))
	}
}

// TestExecuteReportsFailuresAndGoesOn: a key added after the plan keeps the user
// from being deleted; that failure is reported, and everything else is deleted.
func TestExecuteReportsFailuresAndGoesOn(t *testing.T) {
	ctx := context.Background()
	inner, lab := world(t)
	p, err := labres.PlanFor(ctx, lab, "lab1")
	must(t, err)
	mustV[model.AccessKey](t)(inner.CreateAccessKey(ctx, "lab-user"))
	var failed []string
	heard := 0
	err = labres.Execute(ctx, lab, p, func(it labres.Item, err error) {
		heard++
		if err != nil {
			failed = append(failed, it.Kind.String()+" "+it.Name)
		}
	})
	var ee *labres.ExecuteError
	if !errors.As(err, &ee) || len(ee.Failures) != 1 || ee.Total != len(p.Items) {
		t.Fatalf("Execute = %v, want one failure of %d", err, len(p.Items))
	}
	if !slices.Equal(failed, []string{"User lab-user"}) || heard != len(p.Items) {
		t.Errorf("failed = %v (heard %d of %d)", failed, heard, len(p.Items))
	}
	if backend.KindOf(ee.Failures[0].Err) != backend.KindConflict {
		t.Errorf("DeleteUser failed with %v, want a conflict", ee.Failures[0].Err)
	}
	if _, _, err := inner.GetGroup(ctx, "lab-cloudtrail-group"); backend.KindOf(err) != backend.KindNotFound {
		t.Errorf("the lab group was not deleted after its member failed: %v", err)
	}
	// Read-only refuses every deletion, each reported.
	p2, err := labres.PlanFor(ctx, lab, "lab1")
	must(t, err)
	ro := guard.Wrap(lab, guard.Options{ReadOnly: true})
	err = labres.Execute(ctx, ro, p2, nil)
	if !errors.As(err, &ee) || len(ee.Failures) != len(p2.Items) || len(p2.Items) == 0 {
		t.Fatalf("read-only Execute = %v over %d items", err, len(p2.Items))
	}
	for _, f := range ee.Failures {
		if backend.KindOf(f.Err) != backend.KindReadOnly {
			t.Errorf("%s %s: %v, want read-only", f.Item.Kind, f.Item.Name, f.Err)
		}
	}
}

// TestEveryKindAndReasonIsTranslated: the IDs built from kinds and reasons exist in
// both languages (the locales package cannot see IDs built at run time).
func TestEveryKindAndReasonIsTranslated(t *testing.T) {
	en, ko := locales.New(locales.English), locales.New(locales.Korean)
	var ids []string
	for k := labres.KindTrail; k <= labres.KindGroup; k++ {
		ids = append(ids, k.MessageID())
	}
	for r := labres.ReasonTagged; r <= labres.ReasonOfGroup; r++ {
		ids = append(ids, r.MessageID())
	}
	data := labres.Item{Ref: "x", Objects: 2}.MessageData("lab1")
	for _, id := range ids {
		e, k := en.Tf(id, data), ko.Tf(id, data)
		if e == id || k == id || e == k || strings.Contains(e, "no value") || strings.Contains(k, "no value") {
			t.Errorf("%s: en %q, ko %q", id, e, k)
		}
	}
}

// trailStuck refuses DeleteTrail, as a real account might (AccessDenied).
type trailStuck struct{ backend.Backend }

func (trailStuck) DeleteTrail(context.Context, string) error {
	return &backend.Error{Op: "cloudtrail:DeleteTrail", Kind: backend.KindAccessDenied, Code: "AccessDeniedException", Message: "denied"}
}

// TestExecuteLeavesTheBucketOfATrailItCouldNotDelete: the trail's bucket is not
// emptied under a trail that still delivers to it.
func TestExecuteLeavesTheBucketOfATrailItCouldNotDelete(t *testing.T) {
	ctx := context.Background()
	inner, lab := world(t)
	p, err := labres.PlanFor(ctx, lab, "lab1")
	must(t, err)
	failed := map[string]error{}
	err = labres.Execute(ctx, trailStuck{lab}, p, func(it labres.Item, err error) {
		if err != nil {
			failed[it.Kind.String()+" "+it.Name] = err
		}
	})
	var ee *labres.ExecuteError
	if !errors.As(err, &ee) || len(failed) != 2 {
		t.Fatalf("Execute = %v; failed %v", err, failed)
	}
	if !errors.Is(failed["Bucket "+labBucket], labres.ErrTrailRemains) || backend.KindOf(failed["Trail lab-trail"]) != backend.KindAccessDenied {
		t.Errorf("failures: %v", failed)
	}
	l := mustV[model.Listing](t)(inner.ListObjects(ctx, labBucket, "", "", "", 0))
	if len(l.Objects) == 0 {
		t.Error("the bucket of the trail left behind was emptied")
	}
	if _, err := inner.GetUser(ctx, "lab-user"); backend.KindOf(err) != backend.KindNotFound {
		t.Errorf("the rest was not cleaned up: lab-user: %v", err)
	}
}
