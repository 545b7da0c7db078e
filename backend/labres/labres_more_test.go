package labres_test

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/guard"
	"github.com/labconsole/labconsole/backend/labres"
	"github.com/labconsole/labconsole/model"
)

// wizardTrail is the Create trail wizard with every option that makes something
// besides the trail and its bucket: a new KMS key and alias, a new SNS topic, a new
// log group and a new role for CloudWatch Logs.
func wizardTrail(name, bucket, prefix string) model.NewTrail {
	n := model.ConsoleNewTrail(name, bucket)
	n.KMSEnabled, n.KMSNewAlias = true, "alias/"+prefix+"-trail-key"
	n.SNSEnabled, n.SNSNewTopic = true, prefix+"-trail-topic"
	n.CloudWatchLogs, n.LogGroupNew, n.LogGroupName = true, true, "aws-cloudtrail-logs-"+prefix
	n.RoleNew, n.RoleName = true, "CloudTrailRoleForCloudWatchLogs_"+prefix
	return n
}

// moreWorld makes, through the decorator, the alarm wizard's new topic for the
// billing alarm (lab step A7, in us-east-1) with a confirmed and a pending email
// subscription, a log group, and a trail with every wizard option; and, without
// it, the same kinds of resources that are not the lab's, one of them a topic the
// lab's CreateTopic then "creates" again (CreateTopic answers an existing topic).
func moreWorld(t *testing.T) (inner *awsapi.Backend, lab backend.Backend) {
	t.Helper()
	ctx := context.Background()
	inner = newSim(t)
	lab = guard.Wrap(labres.Tagging(inner, "lab1"), guard.Options{})

	sns := lab.SNSIn("us-east-1")
	topic := mustV[model.Topic](t)(sns.CreateTopic(ctx, model.NewTopic{Name: "Default_CloudWatch_Alarms_Topic"}))
	mustV[model.Subscription](t)(sns.Subscribe(ctx, topic.Arn, "email", "student@example.com"))
	mustV[model.Subscription](t)(sns.Subscribe(ctx, topic.Arn, "email", "later@example.com"))
	mails := mustV[[]model.Mail](t)(lab.Mailbox(ctx, "student@example.com"))
	if len(mails) != 1 {
		t.Fatalf("confirmation mails: %+v", mails)
	}
	mustV[string](t)(lab.ConfirmFromMail(ctx, mails[0].Token))
	a := billingAlarm("lab-myalarm")
	a.AlarmActions = []string{topic.Arn}
	must(t, lab.CloudWatchIn("us-east-1").PutAlarm(ctx, a))
	must(t, lab.CreateLogGroup(ctx, "/lab/app"))
	mustV[model.Trail](t)(lab.CreateTrail(ctx, wizardTrail("lab-trail", labBucket, "lab")))

	mustV[model.Topic](t)(inner.SNSIn("us-east-1").CreateTopic(ctx, model.NewTopic{Name: "ops-billing-topic"}))
	mustV[model.Topic](t)(inner.CreateTopic(ctx, model.NewTopic{Name: "shared-topic"}))
	mustV[model.Topic](t)(lab.CreateTopic(ctx, model.NewTopic{Name: "shared-topic"}))
	must(t, inner.CreateLogGroup(ctx, "/ops/app"))
	mustV[model.Trail](t)(inner.CreateTrail(ctx, wizardTrail("ops-trail", opsBucket, "ops")))
	return inner, lab
}

// moreInventory lists topics of both Regions, log groups, roles, KMS keys not
// pending deletion and their aliases.
func moreInventory(t *testing.T, b *awsapi.Backend) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	for _, r := range []string{b.Info().Region, "us-east-1"} {
		for _, tp := range mustV[model.Page[model.Topic]](t)(b.SNSIn(r).ListTopics(ctx, model.PageRequest{})).Items {
			out = append(out, "topic "+r+" "+model.TopicNameFromArn(tp.Arn))
		}
	}
	for _, g := range mustV[model.Page[model.LogGroup]](t)(b.ListLogGroups(ctx, "", model.PageRequest{})).Items {
		out = append(out, "log-group "+g.Name)
	}
	for _, r := range mustV[[]backend.LabRole](t)(b.Roles(ctx)) {
		out = append(out, "role "+r.Name)
	}
	for _, k := range mustV[[]backend.LabKey](t)(b.CustomerKeys(ctx)) {
		for _, a := range k.Aliases {
			out = append(out, "key "+a)
		}
	}
	sort.Strings(out)
	return out
}

func TestTaggingTagsTopicsLogGroupsAndTheTrailWizardsResources(t *testing.T) {
	ctx := context.Background()
	inner, _ := moreWorld(t)
	region := inner.Info().Region
	id := mustV[model.Identity](t)(inner.CallerIdentity(ctx))
	isLab := func(tags []model.Tag, err error) bool {
		t.Helper()
		must(t, err)
		return slices.Contains(tags, labres.Tag("lab1"))
	}
	topics := map[string]bool{
		model.TopicARN("us-east-1", id.Account, "Default_CloudWatch_Alarms_Topic"): true,
		model.TopicARN(region, id.Account, "lab-trail-topic"):                      true,
		model.TopicARN("us-east-1", id.Account, "ops-billing-topic"):               false,
		model.TopicARN(region, id.Account, "shared-topic"):                         false,
		model.TopicARN(region, id.Account, "ops-trail-topic"):                      false,
	}
	for arn, want := range topics {
		if got := isLab(inner.TopicTags(ctx, arn)); got != want {
			t.Errorf("topic %s tagged = %v, want %v", arn, got, want)
		}
	}
	for name, want := range map[string]bool{"/lab/app": true, "aws-cloudtrail-logs-lab": true, "/ops/app": false, "aws-cloudtrail-logs-ops": false} {
		if got := isLab(inner.LogGroupTags(ctx, name)); got != want {
			t.Errorf("log group %s tagged = %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]bool{"CloudTrailRoleForCloudWatchLogs_lab": true, "CloudTrailRoleForCloudWatchLogs_ops": false} {
		if got := isLab(inner.RoleTags(ctx, name)); got != want {
			t.Errorf("role %s tagged = %v, want %v", name, got, want)
		}
	}
	keys := mustV[[]backend.LabKey](t)(inner.CustomerKeys(ctx))
	if len(keys) != 2 {
		t.Fatalf("keys = %+v", keys)
	}
	for _, k := range keys {
		want := slices.Contains(k.Aliases, "alias/lab-trail-key")
		if got := isLab(inner.KeyTags(ctx, k.ID)); got != want {
			t.Errorf("key %s %v tagged = %v, want %v", k.ID, k.Aliases, got, want)
		}
	}
}

func TestPlanAndExecuteTopicsLogGroupsRolesAndKeys(t *testing.T) {
	ctx := context.Background()
	inner, lab := moreWorld(t)
	before := moreInventory(t, inner)
	p := mustV[labres.Plan](t)(labres.PlanFor(ctx, lab, "lab1"))
	var got []string
	for _, it := range p.Items {
		switch it.Kind {
		case labres.KindSubscription, labres.KindTopic, labres.KindLogGroup, labres.KindRoleInlinePolicy, labres.KindRole, labres.KindKeyAlias, labres.KindKey:
			name := it.Name
			if it.Kind == labres.KindKey {
				name = it.Ref // the key's ID is random; its alias names it
			}
			got = append(got, it.Kind.String()+" "+name+" "+it.Region)
		}
	}
	region := inner.Info().Region
	want := []string{
		"Subscription email:student@example.com us-east-1",
		"Topic lab-trail-topic " + region,
		"Topic Default_CloudWatch_Alarms_Topic us-east-1",
		"LogGroup /lab/app " + region,
		"LogGroup aws-cloudtrail-logs-lab " + region,
		"RoleInlinePolicy " + model.TrailLogsRolePolicyName("lab-trail") + " ",
		"Role CloudTrailRoleForCloudWatchLogs_lab ",
		"KeyAlias alias/lab-trail-key " + region,
		"Key alias/lab-trail-key " + region,
	}
	if !slices.Equal(got, want) {
		t.Fatalf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Execute deletes in Kind order: the trail before what it uses, subscriptions
	// before their topic, the role's policy before the role, the alias before the key.
	idx := func(k labres.Kind) int {
		return slices.IndexFunc(p.Items, func(it labres.Item) bool { return it.Kind == k })
	}
	if !(idx(labres.KindTrail) < idx(labres.KindAlarm) && idx(labres.KindAlarm) < idx(labres.KindSubscription) &&
		idx(labres.KindSubscription) < idx(labres.KindTopic) && idx(labres.KindRoleInlinePolicy) < idx(labres.KindRole) &&
		idx(labres.KindKeyAlias) < idx(labres.KindKey)) {
		t.Fatalf("plan order: %v", describe(p.Items))
	}
	for _, it := range p.Items {
		switch it.Kind {
		case labres.KindTopic:
			if it.Name == "Default_CloudWatch_Alarms_Topic" && it.Objects != 2 {
				t.Errorf("topic counts %d subscriptions, want 2 (one pending)", it.Objects)
			}
		case labres.KindKey:
			if it.Objects != labres.KeyDeletionDays || it.Reason != labres.ReasonKeyDeletion || it.MessageData("lab1")["Count"] != 7 {
				t.Errorf("key item %+v", it)
			}
		}
	}

	var done []string
	must(t, labres.Execute(ctx, lab, p, func(it labres.Item, err error) {
		if err != nil {
			t.Errorf("%s %s: %v", it.Kind, it.Name, err)
		}
		done = append(done, it.Kind.String())
	}))
	if len(done) != len(p.Items) {
		t.Fatalf("progress heard %d of %d items", len(done), len(p.Items))
	}
	after := moreInventory(t, inner)
	var gone []string
	for _, s := range before {
		if !slices.Contains(after, s) {
			gone = append(gone, s)
		}
	}
	wantGone := []string{
		"key alias/lab-trail-key",
		"log-group /lab/app", "log-group aws-cloudtrail-logs-lab",
		"role CloudTrailRoleForCloudWatchLogs_lab",
		"topic " + region + " lab-trail-topic",
		"topic us-east-1 Default_CloudWatch_Alarms_Topic",
	}
	if !slices.Equal(gone, wantGone) {
		t.Fatalf("deleted %v, want %v (left %v)", gone, wantGone, after)
	}
	for _, s := range []string{"topic us-east-1 ops-billing-topic", "topic " + region + " shared-topic", "topic " + region + " ops-trail-topic",
		"log-group /ops/app", "log-group aws-cloudtrail-logs-ops", "role CloudTrailRoleForCloudWatchLogs_ops", "key alias/ops-trail-key"} {
		if !slices.Contains(after, s) {
			t.Errorf("%s is not the lab's but was deleted", s)
		}
	}
	// The key is not gone at once: KMS holds it pending deletion for 7 days.
	if again := mustV[labres.Plan](t)(labres.PlanFor(ctx, lab, "lab1")); !again.Empty() {
		t.Fatalf("a second plan still lists %v", describe(again.Items))
	}
}

func TestReadOnlyRefusesTheNewCleanupCalls(t *testing.T) {
	ctx := context.Background()
	inner, _ := moreWorld(t)
	ro := guard.Wrap(inner, guard.Options{ReadOnly: true})
	p := mustV[labres.Plan](t)(labres.PlanFor(ctx, ro, "lab1"))
	if p.Empty() {
		t.Fatal("a read-only backend can still plan")
	}
	err := labres.Execute(ctx, ro, p, nil)
	var ee *labres.ExecuteError
	if !errors.As(err, &ee) || len(ee.Failures) != len(p.Items) {
		t.Fatalf("read-only Execute = %v", err)
	}
	for _, f := range ee.Failures {
		if backend.KindOf(f.Err) != backend.KindReadOnly && !errors.Is(f.Err, labres.ErrTrailRemains) {
			t.Errorf("%s %s: %v, want a read-only refusal", f.Item.Kind, f.Item.Name, f.Err)
		}
	}
	if len(moreInventory(t, inner)) == 0 {
		t.Fatal("inventory is empty")
	}
}
