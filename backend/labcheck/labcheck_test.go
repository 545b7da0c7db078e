package labcheck_test

import (
	"context"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/labcheck"
	"github.com/labconsole/labconsole/backend/labcheck/labchecktest"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/model/lab"
)

func ptr[T any](v T) *T { return &v }

const bucket = "aws-cloudtrail-logs-123456789012-mylog"

// TestEachKindFailsBeforeAndPassesAfter drives each check kind on a fresh simulated
// account: the check fails, the action runs through the Backend, the check passes.
func TestEachKindFailsBeforeAndPassesAfter(t *testing.T) {
	ctx := context.Background()
	must := labchecktest.Must
	tests := []struct {
		name  string
		check *lab.Check
		setup func(t *testing.T, s *sim.Sim, b backend.Backend) // runs before the "before" check
		act   func(t *testing.T, s *sim.Sim, b backend.Backend) backend.Identity
	}{
		{name: "billing_alerts", check: &lab.Check{BillingAlerts: &lab.BillingAlertsCheck{Enabled: true}},
			act: func(t *testing.T, _ *sim.Sim, b backend.Backend) backend.Identity {
				_, err := b.SetReceiveBillingAlerts(ctx, true)
				must(t, err)
				return nil
			}},
		{name: "group", check: &lab.Check{Group: &lab.GroupCheck{Name: "lab-cloudtrail-group", Policies: []string{"AWSCloudTrail_FullAccess"}}},
			act: func(t *testing.T, _ *sim.Sim, b backend.Backend) backend.Identity {
				labchecktest.PartB(t, b)
				return nil
			}},
		{name: "user", check: &lab.Check{User: &lab.UserCheck{Name: "lab-user", Groups: []string{"lab-cloudtrail-group"}, Tags: map[string]string{"Name": "lab-user"}, ConsoleAccess: true}},
			act: func(t *testing.T, _ *sim.Sim, b backend.Backend) backend.Identity {
				labchecktest.PartB(t, b)
				return nil
			}},
		{name: "user policies", check: &lab.Check{User: &lab.UserCheck{Name: "lab-user", Policies: []string{"AmazonS3FullAccess"}}},
			setup: func(t *testing.T, _ *sim.Sim, b backend.Backend) { labchecktest.PartB(t, b) },
			act: func(t *testing.T, _ *sim.Sim, b backend.Backend) backend.Identity {
				must(t, b.AttachUserPolicy(ctx, "lab-user", labchecktest.Arn("AmazonS3FullAccess")))
				return nil
			}},
		{name: "signed_in_as", check: &lab.Check{SignedInAs: &lab.SignedInAsCheck{User: "lab-user"}},
			setup: func(t *testing.T, _ *sim.Sim, b backend.Backend) { labchecktest.PartB(t, b) },
			act: func(t *testing.T, _ *sim.Sim, b backend.Backend) backend.Identity {
				u, err := b.SignIn(ctx, "lab-user", labchecktest.Password)
				must(t, err)
				return u
			}},
		{name: "alarm and subscription", check: &lab.Check{All: []*lab.Check{
			{Alarm: &lab.AlarmCheck{Name: "lab-myalarm", Namespace: "AWS/Billing", Metric: "EstimatedCharges", Dimensions: map[string]string{"Currency": "USD"}, Statistic: "Maximum", Period: 21600, Comparison: "GreaterThanThreshold", Threshold: ptr(200.0), HasAction: true}},
			{Subscription: &lab.SubscriptionCheck{Protocol: "email"}},
		}},
			act: func(t *testing.T, _ *sim.Sim, b backend.Backend) backend.Identity {
				topic, err := b.CreateTopic(ctx, model.NewTopic{Name: "lab-topic"})
				must(t, err)
				_, err = b.Subscribe(ctx, topic.Arn, "email", "student@example.com")
				must(t, err)
				must(t, b.PutAlarm(ctx, model.AlarmInput{Name: "lab-myalarm", Metric: model.TotalChargesMetric(), Statistic: "Maximum", Period: 21600, EvaluationPeriods: 1, Threshold: 200, ComparisonOperator: "GreaterThanThreshold", AlarmActions: []string{topic.Arn}}))
				return nil
			}},
		{name: "trail", check: &lab.Check{Trail: &lab.TrailCheck{Name: "lab-events-trail", Bucket: "aws-cloudtrail-logs-${account}-mylog", MultiRegion: ptr(true), Logging: ptr(true), LogFileValidation: ptr(true)}},
			act: func(t *testing.T, _ *sim.Sim, b backend.Backend) backend.Identity {
				_, err := b.CreateTrail(ctx, model.ConsoleNewTrail("lab-events-trail", bucket))
				must(t, err)
				return nil
			}},
		{name: "object", check: &lab.Check{Object: &lab.ObjectCheck{Bucket: "aws-cloudtrail-logs-${account}-mylog", Prefix: "AWSLogs/${account}/CloudTrail/${region}/"}},
			setup: func(t *testing.T, _ *sim.Sim, b backend.Backend) {
				_, err := b.CreateTrail(ctx, model.ConsoleNewTrail("lab-events-trail", bucket))
				must(t, err)
			},
			act: func(t *testing.T, s *sim.Sim, b backend.Backend) backend.Identity {
				_, err := b.ListBuckets(ctx)
				must(t, err)
				_, _, err = s.Advance(ctx, 10*time.Minute)
				must(t, err)
				return nil
			}},
		{name: "event", check: &lab.Check{Event: &lab.EventCheck{Name: "CreateGroup", User: "Administrator"}},
			act: func(t *testing.T, s *sim.Sim, b backend.Backend) backend.Identity {
				labchecktest.PartB(t, b)
				_, _, err := s.Advance(ctx, time.Minute)
				must(t, err)
				return nil
			}},
		{name: "any", check: &lab.Check{Any: []*lab.Check{{Group: &lab.GroupCheck{Name: "nope"}}, {User: &lab.UserCheck{Name: "lab-user"}}}},
			act: func(t *testing.T, _ *sim.Sim, b backend.Backend) backend.Identity {
				labchecktest.PartB(t, b)
				return nil
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, b := labchecktest.Sim(t)
			if tc.setup != nil {
				tc.setup(t, s, b)
			}
			c := &labcheck.Checker{State: b}
			v, err := c.Vars(ctx)
			must(t, err)
			if v.Account != sim.DefaultAccountID || v.Region != sim.DefaultRegion {
				t.Fatalf("vars = %+v", v)
			}
			if r := c.Check(ctx, tc.check, v); r.Pass || r.Reason.ID == "LabReasonPassed" {
				t.Fatalf("before: passed (%+v)", r)
			} else if r.Reason.ID == "LabReasonError" {
				t.Fatalf("before: call failed: %v", r.Reason.Data)
			}
			c.Acting = tc.act(t, s, b)
			if r := c.Check(ctx, tc.check, v); !r.Pass {
				t.Fatalf("after: failed: %s %v", r.Reason.ID, r.Reason.Data)
			}
		})
	}
}

func TestFieldMismatchNamesTheField(t *testing.T) {
	ctx := context.Background()
	_, b := labchecktest.Sim(t)
	labchecktest.PartB(t, b)
	c := &labcheck.Checker{State: b}
	v, _ := c.Vars(ctx)
	r := c.Check(ctx, &lab.Check{User: &lab.UserCheck{Name: "lab-user", Tags: map[string]string{"Name": "other"}}}, v)
	if r.Pass || r.Reason.ID != "LabReasonUserTag" || r.Reason.Data["Value"] != "other" {
		t.Fatalf("got %+v", r)
	}
}
