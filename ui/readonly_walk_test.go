package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
)

// readOnlySaid waits for the read-only message of the error view; the operation it
// names is checked on the final screen (the message may wrap anywhere else).
var readOnlySaid = step{en: "(--read-only)", ko: "(--read-only)"}

// Key sequences from the console home (menu: Billing, CloudWatch, IAM, CloudTrail,
// S3, Lab; CloudWatch home: Alarms, Create alarm, Topics, Subscriptions, Mailbox,
// Log groups).
var (
	roToCloudTrail = wait("Create trail", "추적 생성", "down", "down", "down", "enter")
	roToS3         = wait("Buckets", "버킷", "down", "down", "down", "down", "enter")
	roToCloudWatch = wait("Alarms", "경보", "down", "enter")
)

// noSim adapts a setup that needs only the backend; setups run through the
// unguarded administrator (the read-only session's guard would refuse them).
func noSim(f func(t *testing.T, c *common.Common)) func(t *testing.T, c *common.Common, s *sim.Sim) {
	return func(t *testing.T, c *common.Common, _ *sim.Sim) { f(t, c) }
}

// TestReadOnlyWalk walks the console's wizards and mutating actions in a read-only
// session: each ends with the read-only message in the error view, and the account,
// listed through the unguarded backend, has not changed.
func TestReadOnlyWalk(t *testing.T) {
	ctx := context.Background()
	trailReady := func(t *testing.T, c *common.Common) {
		t.Helper()
		if _, err := c.Backend.CreateTrail(ctx, model.NewTrail{Name: labTrail, CreateBucket: true, S3BucketName: labBucket,
			IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, ManagementEvents: true, ReadWriteType: "All", StartLogging: true}); err != nil {
			t.Fatal(err)
		}
	}
	topicReady := func(t *testing.T, c *common.Common) {
		t.Helper()
		if _, err := c.Backend.CreateTopic(ctx, model.NewTopic{Name: "lab-topic"}); err != nil {
			t.Fatal(err)
		}
	}
	objectsBefore := 0 // log files in the trail's folder of the day, for s3_delete_object
	cases := []struct {
		name  string
		setup func(t *testing.T, c *common.Common, s *sim.Sim)
		steps []step
		check func(t *testing.T, b backend.Backend)
	}{
		{"billing_preferences_save", nil, []step{
			wait("Receive Billing Alerts", "결제 알림 받기", "enter"),
			readOnlySaid, // keys below
		}, func(t *testing.T, b backend.Backend) {
			if p, err := b.BillingPreferences(ctx); err != nil || p.ReceiveBillingAlerts {
				t.Errorf("billing preferences %+v, %v", p, err)
			}
		}},
		{"iam_create_group", nil, []step{
			toIAM,
			wait("User groups (0)", "사용자 그룹 (0)", "enter"),
			wait("AdministratorAccess", "AdministratorAccess", "c"),
			wait("attach-group-policy", "attach-group-policy", labGroup, "tab", "/", "CloudTrail", "enter", "space"),
			readOnlySaid,
		}, func(t *testing.T, b backend.Backend) {
			if p, err := b.ListGroups(ctx, model.PageRequest{}); err != nil || len(p.Items) != 0 {
				t.Errorf("groups %+v, %v", p.Items, err)
			}
		}},
		{"iam_add_user", noSim(labGroupReady), join(toUsers, []step{
			wait("Set user details", "사용자 세부 정보 설정", "c"),
			wait("AWSCloudTrail_FullAccess", "AWSCloudTrail_FullAccess",
				labUser, "tab", "tab", "space", "tab", "down", "tab", labPassword, "ctrl+n"),
			wait("[x]", "[x]", "tab", "space"),
			wait("49", "49", "ctrl+n"),
			wait("create-login-profile", "create-login-profile", "Name", "tab", labUser, "ctrl+n"),
			readOnlySaid,
		}), func(t *testing.T, b backend.Backend) {
			if _, err := b.GetUser(ctx, labUser); backend.KindOf(err) != backend.KindNotFound {
				t.Errorf("lab-user exists: %v", err)
			}
			if _, members, err := b.GetGroup(ctx, labGroup); err != nil || len(members) != 0 {
				t.Errorf("group members %+v, %v", members, err)
			}
		}},
		{"iam_attach_user_policy", noSim(labUserReady), join(toUsers, []step{
			wait("user/lab-user", "user/lab-user", "down", "enter"),
			wait("AmazonS3ReadOnlyAccess", "AmazonS3ReadOnlyAccess", "1", "a"),
			wait("attach-user-policy", "attach-user-policy", "/", "AmazonS3FullAccess", "enter", "space"),
			readOnlySaid,
		}), func(t *testing.T, b backend.Backend) {
			if p, err := b.ListAttachedUserPolicies(ctx, labUser); err != nil || len(p) != 0 {
				t.Errorf("lab-user's policies %+v, %v", p, err)
			}
		}},
		{"cloudtrail_create_trail", nil, []step{
			roToCloudTrail,
			wait("aws-cloudtrail-logs-123456789012-", "aws-cloudtrail-logs-123456789012-", "c"),
			wait(labTrail, labTrail, labTrail, "tab", "tab", "ctrl+u"),
			wait(labBucket, labBucket, labBucket),
			wait("RDS", "RDS", "ctrl+n"),
			wait("s3://aws-cloudtrail-logs-", "s3://aws-cloudtrail-logs-", "ctrl+n"),
			readOnlySaid,
		}, func(t *testing.T, b backend.Backend) {
			if trails, err := b.ListTrails(ctx); err != nil || len(trails) != 0 {
				t.Errorf("trails %+v, %v", trails, err)
			}
			if buckets, err := b.ListBuckets(ctx); err != nil || len(buckets) != 0 {
				t.Errorf("buckets %+v, %v", buckets, err)
			}
		}},
		{"cloudtrail_stop_logging", noSim(trailReady), []step{
			roToCloudTrail,
			wait(labTrail, labTrail, "t"),
			wait("General details", "일반 세부 정보", "enter"),
			readOnlySaid,
		}, func(t *testing.T, b backend.Backend) {
			if st, err := b.GetTrailStatus(ctx, labTrail); err != nil || !st.IsLogging {
				t.Errorf("trail status %+v, %v", st, err)
			}
		}},
		{"cloudtrail_start_logging", func(t *testing.T, c *common.Common, _ *sim.Sim) {
			trailReady(t, c)
			if err := c.Backend.StopLogging(ctx, labTrail); err != nil {
				t.Fatal(err)
			}
		}, []step{
			roToCloudTrail,
			wait(labTrail, labTrail, "t"),
			wait("General details", "일반 세부 정보", "enter"),
			readOnlySaid,
		}, func(t *testing.T, b backend.Backend) {
			if st, err := b.GetTrailStatus(ctx, labTrail); err != nil || st.IsLogging {
				t.Errorf("trail status %+v, %v", st, err)
			}
		}},
		{"cloudtrail_delete_trail", noSim(trailReady), []step{
			roToCloudTrail,
			wait(labTrail, labTrail, "t"),
			wait("General details", "일반 세부 정보", "enter"),
			readOnlySaid,
		}, func(t *testing.T, b backend.Backend) {
			if trails, err := b.ListTrails(ctx); err != nil || len(trails) != 1 {
				t.Errorf("trails %+v, %v", trails, err)
			}
		}},
		{"iam_add_user_to_group", noSim(func(t *testing.T, c *common.Common) {
			labGroupReady(t, c)
			if _, err := c.Backend.CreateUser(ctx, model.NewUser{UserName: labUser}); err != nil {
				t.Fatal(err)
			}
		}), join(toUsers, []step{
			wait("user/lab-user", "user/lab-user", "down", "enter"),
			wait("The user is not in any group", "사용자가 속한 그룹이 없습니다", "2"),
			wait(labGroup, labGroup, "a"),
			wait("[x]", "[x]", "space"),
			readOnlySaid,
		}), func(t *testing.T, b backend.Backend) {
			if g, err := b.ListGroupsForUser(ctx, labUser); err != nil || len(g) != 0 {
				t.Errorf("lab-user's groups %+v, %v", g, err)
			}
		}},
		{"iam_create_access_key", noSim(labUserReady), join(toUsers, []step{
			wait("user/lab-user", "user/lab-user", "down", "enter"),
			wait("Enabled (never signed in)", "활성화 (로그인한 적 없음)", "4"),
			readOnlySaid,
		}), func(t *testing.T, b backend.Backend) {
			if keys, err := b.ListAccessKeys(ctx, labUser); err != nil || len(keys) != 0 {
				t.Errorf("access keys %+v, %v", keys, err)
			}
		}},
		{"iam_create_login_profile", noSim(func(t *testing.T, c *common.Common) {
			if _, err := c.Backend.CreateUser(ctx, model.NewUser{UserName: labUser}); err != nil {
				t.Fatal(err)
			}
		}), join(toUsers, []step{
			wait("user/lab-user", "user/lab-user", "down", "enter"),
			wait("Console password", "콘솔 비밀번호", "4"),
			wait("Manage console access", "콘솔 액세스 관리", "p"),
			readOnlySaid,
		}), func(t *testing.T, b backend.Backend) {
			if _, err := b.GetLoginProfile(ctx, labUser); backend.KindOf(err) != backend.KindNotFound {
				t.Errorf("lab-user has a password: %v", err)
			}
		}},
		{"cloudwatch_create_alarm", billingData(18 * time.Hour), append(append([]step{}, wizardPreview...), readOnlySaid),
			func(t *testing.T, b backend.Backend) {
				if p, err := b.ListAlarms(ctx, model.AlarmFilter{}, model.PageRequest{}); err != nil || len(p.Items) != 0 {
					t.Errorf("alarms %+v, %v", p.Items, err)
				}
				if p, err := b.ListTopics(ctx, model.PageRequest{}); err != nil || len(p.Items) != 0 {
					t.Errorf("topics %+v, %v", p.Items, err)
				}
			}},
		{"cloudwatch_delete_alarm", labAlarmReady, join(toAlarms, []step{wait(labAlarm, labAlarm), readOnlySaid}),
			func(t *testing.T, b backend.Backend) {
				if p, err := b.ListAlarms(ctx, model.AlarmFilter{}, model.PageRequest{}); err != nil || len(p.Items) != 1 {
					t.Errorf("alarms %+v, %v", p.Items, err)
				}
			}},
		{"logs_create_log_group", nil, []step{
			roToCloudWatch,
			wait("Log groups (0)", "로그 그룹 (0)", "down", "down", "down", "down", "down", "enter"),
			wait("create-log-group", "create-log-group", "c"),
			readOnlySaid,
		}, func(t *testing.T, b backend.Backend) {
			if p, err := b.ListLogGroups(ctx, "", model.PageRequest{}); err != nil || len(p.Items) != 0 {
				t.Errorf("log groups %+v, %v", p.Items, err)
			}
		}},
		{"s3_delete_object", func(t *testing.T, c *common.Common, s *sim.Sim) {
			trailReady(t, c)
			if _, _, err := s.Advance(ctx, 10*time.Minute); err != nil { // the first delivery
				t.Fatal(err)
			}
			l, err := c.Backend.ListObjects(ctx, labBucket, "AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/", "", "", 0)
			if err != nil || len(l.Objects) == 0 {
				t.Fatalf("no log file delivered: %+v %v", l, err)
			}
			objectsBefore = len(l.Objects)
		}, []step{
			roToS3,
			wait("AWSLogs/", "AWSLogs/", "enter"),
			wait("123456789012/", "123456789012/", "enter"),
			wait("CloudTrail/", "CloudTrail/", "enter"),
			wait("ap-northeast-2/", "ap-northeast-2/", "enter"),
			wait("2026/", "2026/", "enter"),
			wait("11/", "11/", "enter"),
			wait("22/", "22/", "enter"),
			wait(".json.gz", ".json.gz", "enter"),
			wait("x ", "x ", "enter"),
			readOnlySaid,
		}, func(t *testing.T, b backend.Backend) {
			l, err := b.ListObjects(ctx, labBucket, "AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/22/", "", "", 0)
			if err != nil || len(l.Objects) != objectsBefore {
				t.Errorf("objects %d (want %d), %v", len(l.Objects), objectsBefore, err)
			}
		}},
		{"s3_create_bucket", nil, []step{
			roToS3,
			wait("Bucket name", "버킷 이름", "c"),
			readOnlySaid,
		}, func(t *testing.T, b backend.Backend) {
			if buckets, err := b.ListBuckets(ctx); err != nil || len(buckets) != 0 {
				t.Errorf("buckets %+v, %v", buckets, err)
			}
		}},
		{"sns_create_topic", nil, []step{
			roToCloudWatch,
			wait("Topics (0)", "주제 (0)", "down", "down", "enter"),
			wait("MyTopic", "MyTopic", "c"),
			readOnlySaid,
		}, func(t *testing.T, b backend.Backend) {
			if p, err := b.ListTopics(ctx, model.PageRequest{}); err != nil || len(p.Items) != 0 {
				t.Errorf("topics %+v, %v", p.Items, err)
			}
		}},
		{"sns_subscribe", noSim(topicReady), []step{
			roToCloudWatch,
			wait("Subscriptions (0)", "구독 (0)", "down", "down", "down", "enter"),
			wait("name@example.com", "name@example.com", "c"),
			readOnlySaid,
		}, func(t *testing.T, b backend.Backend) {
			if p, err := b.ListSubscriptions(ctx, "", model.PageRequest{}); err != nil || len(p.Items) != 0 {
				t.Errorf("subscriptions %+v, %v", p.Items, err)
			}
		}},
	}
	// The operation each case's message names.
	ops := map[string]string{
		"billing_preferences_save": "billing:ModifyBillingPreferences",
		"iam_create_group":         "iam:CreateGroup",
		"iam_add_user":             "iam:CreateUser",
		"iam_attach_user_policy":   "iam:AttachUserPolicy",
		"cloudtrail_create_trail":  "cloudtrail:CreateTrail",
		"cloudtrail_stop_logging":  "cloudtrail:StopLogging",
		"cloudtrail_start_logging": "cloudtrail:StartLogging",
		"cloudtrail_delete_trail":  "cloudtrail:DeleteTrail",
		"s3_create_bucket":         "s3:CreateBucket",
		"sns_create_topic":         "sns:CreateTopic",
		"sns_subscribe":            "sns:Subscribe",
	}
	// The keys that submit each case's last step, sent before its message is awaited.
	submit := map[string][]string{
		"billing_preferences_save": {"space", "ctrl+s"},
		"iam_create_group":         {"ctrl+s"},
		"iam_add_user":             {"ctrl+n"},
		"iam_attach_user_policy":   {"ctrl+s"},
		"cloudtrail_create_trail":  {"ctrl+n"},
		"cloudtrail_stop_logging":  {"o", "enter"},
		"cloudtrail_start_logging": {"l", "enter"},
		"cloudtrail_delete_trail":  {"d", labTrail, "enter"},
		"s3_create_bucket":         {"ro-bucket-test", "ctrl+s", "enter"},
		"s3_delete_object":         {"x", "permanently delete", "enter"},
		"iam_create_access_key":    {"c", "enter"},
		"iam_add_user_to_group":    {"ctrl+s"},
		"iam_create_login_profile": {"ctrl+s"},
		"cloudwatch_create_alarm":  {"ctrl+n"},
		"cloudwatch_delete_alarm":  {"d", "enter"},
		"logs_create_log_group":    {"/lab/ro-group", "ctrl+s"},
		"sns_create_topic":         {"ro-topic", "ctrl+s"},
		"sns_subscribe":            {"tab", "tab", "ro@example.com", "ctrl+s"},
	}
	// Where Korean types other text: the type-to-confirm word.
	submitKo := map[string][]string{"s3_delete_object": {"x", "영구 삭제", "enter"}}
	for _, tc := range cases {
		for _, lang := range []locales.Lang{locales.English, locales.Korean} {
			t.Run(tc.name+"_"+string(lang), func(t *testing.T) {
				ss := simSafetySession(t, lang, true, false)
				if tc.setup != nil {
					tc.setup(t, &common.Common{Backend: ss.admin}, ss.sim)
				}
				steps := append([]step{}, tc.steps...)
				last := &steps[len(steps)-1]
				last.keys = submit[tc.name]
				if k, ok := submitKo[tc.name]; ok && lang == locales.Korean {
					last.keys = k
				}
				tm := teatest.NewTestModel(t, ss.m, teatest.WithInitialTermSize(100, 30))
				drive(t, tm, lang, steps)
				view := finish(t, tm).View()
				said := map[locales.Lang]string{locales.English: "was not sent to AWS", locales.Korean: "AWS로 보내지 않았습니다"}[lang]
				if flat := strings.Join(strings.Fields(strings.ReplaceAll(view, "│", " ")), " "); !strings.Contains(flat, ops[tc.name]) || !strings.Contains(flat, said) {
					t.Errorf("the screen must name %s and say it was not sent:\n%s", ops[tc.name], view)
				}
				tc.check(t, ss.admin)
			})
		}
	}
}
