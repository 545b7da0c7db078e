// Package guard wraps a backend.Backend so that every call that changes the account
// goes through one gate: with --read-only the call is refused before anything is sent
// (a *backend.Error of KindReadOnly that the UI shows as a clear message), and a call
// that succeeded is reported to Notify, so the console can refresh what summarises
// the account (the lab panel's checklist).
//
// Read calls pass through untouched. Every method of backend.Backend is classified
// in exactly one of the tables below — mutations, reads, rebinds — and the package's
// tests fail when a method is added to the interface without being classified, so a
// new mutation cannot slip past --read-only.
package guard

import (
	"context"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/model"
)

// Options configure the guard.
type Options struct {
	// ReadOnly refuses every mutating call with a KindReadOnly error.
	ReadOnly bool
	// Notify, when set, is called with the method's name ("CreateUser") after a
	// mutating call succeeded. It is called on the caller's goroutine (a tea.Cmd's),
	// so it must not block.
	Notify func(op string)
}

// mutations are the methods that change the account, by name, with the operation
// named in the read-only message (service:Action, as AWS names actions).
//
// The simulator's own knobs are here too: "Receive Billing Alerts", the lab's spend
// and confirming a subscription from the simulated mailbox change the simulated
// account, which in simulator mode is the account the student works on (and on a
// real account they fail without an API anyway). SignIn is here because signing in
// issues session credentials and is recorded (a ConsoleLogin event).
var mutations = map[string]string{
	// IAM users
	"CreateUser": "iam:CreateUser",
	"UpdateUser": "iam:UpdateUser",
	"DeleteUser": "iam:DeleteUser",
	"TagUser":    "iam:TagUser",
	"UntagUser":  "iam:UntagUser",
	// IAM groups
	"CreateGroup":         "iam:CreateGroup",
	"DeleteGroup":         "iam:DeleteGroup",
	"AddUserToGroup":      "iam:AddUserToGroup",
	"RemoveUserFromGroup": "iam:RemoveUserFromGroup",
	// IAM policies
	"AttachUserPolicy":  "iam:AttachUserPolicy",
	"DetachUserPolicy":  "iam:DetachUserPolicy",
	"AttachGroupPolicy": "iam:AttachGroupPolicy",
	"DetachGroupPolicy": "iam:DetachGroupPolicy",
	"PutUserPolicy":     "iam:PutUserPolicy",
	"DeleteUserPolicy":  "iam:DeleteUserPolicy",
	"PutGroupPolicy":    "iam:PutGroupPolicy",
	"DeleteGroupPolicy": "iam:DeleteGroupPolicy",
	// IAM credentials
	"CreateLoginProfile": "iam:CreateLoginProfile",
	"UpdateLoginProfile": "iam:UpdateLoginProfile",
	"DeleteLoginProfile": "iam:DeleteLoginProfile",
	"CreateAccessKey":    "iam:CreateAccessKey",
	"UpdateAccessKey":    "iam:UpdateAccessKey",
	"DeleteAccessKey":    "iam:DeleteAccessKey",
	// Sessions
	"SignIn": "signin:ConsoleLogin",
	// S3
	"CreateBucket":    "s3:CreateBucket",
	"DeleteObject":    "s3:DeleteObject",
	"PutBucketPolicy": "s3:PutBucketPolicy",
	// CloudTrail
	"CreateTrail":         "cloudtrail:CreateTrail",
	"UpdateTrail":         "cloudtrail:UpdateTrail",
	"DeleteTrail":         "cloudtrail:DeleteTrail",
	"StartLogging":        "cloudtrail:StartLogging",
	"StopLogging":         "cloudtrail:StopLogging",
	"PutEventSelectors":   "cloudtrail:PutEventSelectors",
	"PutInsightSelectors": "cloudtrail:PutInsightSelectors",
	// CloudWatch
	"PutAlarm":               "cloudwatch:PutMetricAlarm",
	"DeleteAlarms":           "cloudwatch:DeleteAlarms",
	"SetAlarmActionsEnabled": "cloudwatch:EnableAlarmActions",
	"SetAlarmState":          "cloudwatch:SetAlarmState",
	// SNS
	"CreateTopic":     "sns:CreateTopic",
	"DeleteTopic":     "sns:DeleteTopic",
	"Subscribe":       "sns:Subscribe",
	"Unsubscribe":     "sns:Unsubscribe",
	"Publish":         "sns:Publish",
	"ConfirmFromMail": "sns:ConfirmSubscription",
	// Billing (simulator knobs; no API on AWS)
	"SetReceiveBillingAlerts": "billing:ModifyBillingPreferences",
	"AddLabSpend":             "simulator:AddLabSpend",
	// CloudWatch Logs
	"CreateLogGroup":  "logs:CreateLogGroup",
	"DeleteLogGroup":  "logs:DeleteLogGroup",
	"SetLogRetention": "logs:PutRetentionPolicy",
	// The simulator's clock (extras)
	"AdvanceClock": "simulator:AdvanceClock",
	// backend.LabResources (extras, labresources.go)
	"TagBucket":           "s3:PutBucketTagging",
	"EmptyBucket":         "s3:DeleteObject",
	"DeleteBucket":        "s3:DeleteBucket",
	"TagTopic":            "sns:TagResource",
	"TagLogGroup":         "logs:TagResource",
	"TagRole":             "iam:TagRole",
	"DeleteRolePolicy":    "iam:DeleteRolePolicy",
	"DeleteRole":          "iam:DeleteRole",
	"TagKey":              "kms:TagResource",
	"DeleteAlias":         "kms:DeleteAlias",
	"ScheduleKeyDeletion": "kms:ScheduleKeyDeletion",
}

// reads pass through: they only read the account (or, for SignOut, end a session
// signed in here, which changes nothing in the account and must stay possible).
var reads = map[string]bool{
	"Info":           true,
	"CallerIdentity": true,
	"SignOut":        true,
	// IAM
	"ListUsers": true, "GetUser": true, "ListUserTags": true,
	"ListGroups": true, "GetGroup": true, "ListGroupsForUser": true,
	"ListPolicies": true, "GetPolicy": true, "GetPolicyVersion": true,
	"ListAttachedUserPolicies": true, "ListAttachedGroupPolicies": true,
	"GetUserPolicy": true, "ListUserPolicies": true, "GetGroupPolicy": true, "ListGroupPolicies": true,
	"GetLoginProfile": true, "ListAccessKeys": true, "AccountPasswordPolicy": true,
	// S3
	"ListBuckets": true, "GetBucketLocation": true, "ListObjects": true, "HeadObject": true,
	"GetObject": true, "GetBucketPolicy": true,
	// CloudTrail
	"ListTrails": true, "GetTrail": true, "GetTrailStatus": true, "GetEventSelectors": true,
	"LookupEvents": true, "ValidateTrailLogs": true, "GetInsightSelectors": true, "TrailChoices": true,
	// CloudWatch
	"ListMetrics": true, "ListNamespaces": true, "BillingMetrics": true, "MetricStatistics": true,
	"ListAlarms": true, "GetAlarm": true, "AlarmHistory": true,
	// SNS
	"ListTopics": true, "GetTopic": true, "ListSubscriptions": true, "Mailbox": true,
	// Billing
	"BillingPreferences": true,
	// CloudWatch Logs
	"ListLogGroups": true, "ListLogStreams": true, "LogEvents": true, "FilterLogEvents": true,
}

// extras are the methods backend/awsapi's Backend has beyond backend.Backend, which
// screens reach by type assertion (the simulator's clock, LookupEvents pacing): the
// guard has them too, or a guarded backend would lose them. AdvanceClock is a
// mutation: fast-forwarding the simulated clock delivers log files, evaluates
// alarms and books charges, so --read-only refuses it and the lab panel hears of it.
var extras = map[string]string{
	"SimulatorClock": "",
	"LookupPace":     "",
	"AdvanceClock":   "simulator:AdvanceClock",
	// backend.LabResources (labresources.go)
	"BucketTags": "", "AlarmTags": "",
	"TagBucket": "s3:PutBucketTagging", "EmptyBucket": "s3:DeleteObject", "DeleteBucket": "s3:DeleteBucket",
	"TopicTags": "", "LogGroupTags": "", "Roles": "", "RoleTags": "", "RolePolicies": "", "CustomerKeys": "", "KeyTags": "",
	"TagTopic": "sns:TagResource", "TagLogGroup": "logs:TagResource",
	"TagRole": "iam:TagRole", "DeleteRolePolicy": "iam:DeleteRolePolicy", "DeleteRole": "iam:DeleteRole",
	"TagKey": "kms:TagResource", "DeleteAlias": "kms:DeleteAlias", "ScheduleKeyDeletion": "kms:ScheduleKeyDeletion",
}

// rebinds return the same service bound to another region; the guard wraps what
// they return, so its mutations are gated too.
var rebinds = map[string]bool{"CloudWatchIn": true, "SNSIn": true}

// Backend is a guarded backend.Backend.
type Backend struct {
	backend.Backend
	g *gate
}

// gate is what the guarded backend and its region-bound services share.
type gate struct{ o Options }

var _ backend.Backend = (*Backend)(nil)

// Wrap guards b. A Backend that is already guarded is re-guarded with o instead of
// being wrapped twice (so Notify is not called twice).
func Wrap(b backend.Backend, o Options) *Backend {
	return &Backend{Backend: Unwrap(b), g: &gate{o: o}}
}

// Unwrap returns the backend under any guards (b itself when it is not guarded).
func Unwrap(b backend.Backend) backend.Backend {
	for {
		g, ok := b.(*Backend)
		if !ok {
			return b
		}
		b = g.Backend
	}
}

// ReadOnly says whether b refuses mutations.
func (b *Backend) ReadOnly() bool { return b.g.o.ReadOnly }

// ReadOnlyError is the error a refused call returns, op as in the mutations table.
func ReadOnlyError(op string) error {
	return &backend.Error{
		Op:      op,
		Kind:    backend.KindReadOnly,
		Code:    "ReadOnly",
		Message: "labconsole is read-only (--read-only): " + op + " was not sent to AWS",
	}
}

// do runs one mutating call: refused when read-only, reported when it succeeded.
func (g *gate) do(name string, call func() error) error {
	if g.o.ReadOnly {
		return ReadOnlyError(mutations[name])
	}
	err := call()
	if err == nil && g.o.Notify != nil {
		g.o.Notify(name)
	}
	return err
}

// value runs a mutating call that returns a value.
func value[T any](g *gate, name string, call func() (T, error)) (T, error) {
	var v T
	err := g.do(name, func() error {
		var err error
		v, err = call()
		return err
	})
	return v, err
}

// --- Sessions ---

// SignIn implements backend.Sessions; the signed-in backend is guarded alike.
func (b *Backend) SignIn(ctx context.Context, userName, password string) (backend.Backend, error) {
	nb, err := value(b.g, "SignIn", func() (backend.Backend, error) { return b.Backend.SignIn(ctx, userName, password) })
	if err != nil || nb == nil {
		return nb, err
	}
	return &Backend{Backend: Unwrap(nb), g: b.g}, nil
}

// --- IAM users ---

func (b *Backend) CreateUser(ctx context.Context, in model.NewUser) (model.User, error) {
	return value(b.g, "CreateUser", func() (model.User, error) { return b.Backend.CreateUser(ctx, in) })
}

func (b *Backend) UpdateUser(ctx context.Context, name string, in model.UserUpdate) error {
	return b.g.do("UpdateUser", func() error { return b.Backend.UpdateUser(ctx, name, in) })
}

func (b *Backend) DeleteUser(ctx context.Context, name string) error {
	return b.g.do("DeleteUser", func() error { return b.Backend.DeleteUser(ctx, name) })
}

func (b *Backend) TagUser(ctx context.Context, name string, tags []model.Tag) error {
	return b.g.do("TagUser", func() error { return b.Backend.TagUser(ctx, name, tags) })
}

func (b *Backend) UntagUser(ctx context.Context, name string, keys []string) error {
	return b.g.do("UntagUser", func() error { return b.Backend.UntagUser(ctx, name, keys) })
}

// --- IAM groups ---

func (b *Backend) CreateGroup(ctx context.Context, in model.NewGroup) (model.Group, error) {
	return value(b.g, "CreateGroup", func() (model.Group, error) { return b.Backend.CreateGroup(ctx, in) })
}

func (b *Backend) DeleteGroup(ctx context.Context, name string) error {
	return b.g.do("DeleteGroup", func() error { return b.Backend.DeleteGroup(ctx, name) })
}

func (b *Backend) AddUserToGroup(ctx context.Context, group, user string) error {
	return b.g.do("AddUserToGroup", func() error { return b.Backend.AddUserToGroup(ctx, group, user) })
}

func (b *Backend) RemoveUserFromGroup(ctx context.Context, group, user string) error {
	return b.g.do("RemoveUserFromGroup", func() error { return b.Backend.RemoveUserFromGroup(ctx, group, user) })
}

// --- IAM policies ---

func (b *Backend) AttachUserPolicy(ctx context.Context, user, policyArn string) error {
	return b.g.do("AttachUserPolicy", func() error { return b.Backend.AttachUserPolicy(ctx, user, policyArn) })
}

func (b *Backend) DetachUserPolicy(ctx context.Context, user, policyArn string) error {
	return b.g.do("DetachUserPolicy", func() error { return b.Backend.DetachUserPolicy(ctx, user, policyArn) })
}

func (b *Backend) AttachGroupPolicy(ctx context.Context, group, policyArn string) error {
	return b.g.do("AttachGroupPolicy", func() error { return b.Backend.AttachGroupPolicy(ctx, group, policyArn) })
}

func (b *Backend) DetachGroupPolicy(ctx context.Context, group, policyArn string) error {
	return b.g.do("DetachGroupPolicy", func() error { return b.Backend.DetachGroupPolicy(ctx, group, policyArn) })
}

func (b *Backend) PutUserPolicy(ctx context.Context, user string, p model.InlinePolicy) error {
	return b.g.do("PutUserPolicy", func() error { return b.Backend.PutUserPolicy(ctx, user, p) })
}

func (b *Backend) DeleteUserPolicy(ctx context.Context, user, name string) error {
	return b.g.do("DeleteUserPolicy", func() error { return b.Backend.DeleteUserPolicy(ctx, user, name) })
}

func (b *Backend) PutGroupPolicy(ctx context.Context, group string, p model.InlinePolicy) error {
	return b.g.do("PutGroupPolicy", func() error { return b.Backend.PutGroupPolicy(ctx, group, p) })
}

func (b *Backend) DeleteGroupPolicy(ctx context.Context, group, name string) error {
	return b.g.do("DeleteGroupPolicy", func() error { return b.Backend.DeleteGroupPolicy(ctx, group, name) })
}

// --- IAM credentials ---

func (b *Backend) CreateLoginProfile(ctx context.Context, in model.NewLoginProfile) (model.LoginProfile, error) {
	return value(b.g, "CreateLoginProfile", func() (model.LoginProfile, error) { return b.Backend.CreateLoginProfile(ctx, in) })
}

func (b *Backend) UpdateLoginProfile(ctx context.Context, in model.NewLoginProfile) error {
	return b.g.do("UpdateLoginProfile", func() error { return b.Backend.UpdateLoginProfile(ctx, in) })
}

func (b *Backend) DeleteLoginProfile(ctx context.Context, user string) error {
	return b.g.do("DeleteLoginProfile", func() error { return b.Backend.DeleteLoginProfile(ctx, user) })
}

func (b *Backend) CreateAccessKey(ctx context.Context, user string) (model.AccessKey, error) {
	return value(b.g, "CreateAccessKey", func() (model.AccessKey, error) { return b.Backend.CreateAccessKey(ctx, user) })
}

func (b *Backend) UpdateAccessKey(ctx context.Context, user, accessKeyID, status string) error {
	return b.g.do("UpdateAccessKey", func() error { return b.Backend.UpdateAccessKey(ctx, user, accessKeyID, status) })
}

func (b *Backend) DeleteAccessKey(ctx context.Context, user, accessKeyID string) error {
	return b.g.do("DeleteAccessKey", func() error { return b.Backend.DeleteAccessKey(ctx, user, accessKeyID) })
}

// --- S3 ---

func (b *Backend) CreateBucket(ctx context.Context, in model.NewBucket) (model.Bucket, error) {
	return value(b.g, "CreateBucket", func() (model.Bucket, error) { return b.Backend.CreateBucket(ctx, in) })
}

func (b *Backend) DeleteObject(ctx context.Context, bucket, key string) error {
	return b.g.do("DeleteObject", func() error { return b.Backend.DeleteObject(ctx, bucket, key) })
}

func (b *Backend) PutBucketPolicy(ctx context.Context, bucket, doc string) error {
	return b.g.do("PutBucketPolicy", func() error { return b.Backend.PutBucketPolicy(ctx, bucket, doc) })
}

// --- CloudTrail ---

func (b *Backend) CreateTrail(ctx context.Context, in model.NewTrail) (model.Trail, error) {
	return value(b.g, "CreateTrail", func() (model.Trail, error) { return b.Backend.CreateTrail(ctx, in) })
}

func (b *Backend) UpdateTrail(ctx context.Context, trail string, u model.TrailUpdate) (model.Trail, error) {
	return value(b.g, "UpdateTrail", func() (model.Trail, error) { return b.Backend.UpdateTrail(ctx, trail, u) })
}

func (b *Backend) DeleteTrail(ctx context.Context, trail string) error {
	return b.g.do("DeleteTrail", func() error { return b.Backend.DeleteTrail(ctx, trail) })
}

func (b *Backend) StartLogging(ctx context.Context, trail string) error {
	return b.g.do("StartLogging", func() error { return b.Backend.StartLogging(ctx, trail) })
}

func (b *Backend) StopLogging(ctx context.Context, trail string) error {
	return b.g.do("StopLogging", func() error { return b.Backend.StopLogging(ctx, trail) })
}

func (b *Backend) PutEventSelectors(ctx context.Context, trail string, sel model.EventSelectors) (model.EventSelectors, error) {
	return value(b.g, "PutEventSelectors", func() (model.EventSelectors, error) { return b.Backend.PutEventSelectors(ctx, trail, sel) })
}

func (b *Backend) PutInsightSelectors(ctx context.Context, trail string, kinds []string) error {
	return b.g.do("PutInsightSelectors", func() error { return b.Backend.PutInsightSelectors(ctx, trail, kinds) })
}

// --- CloudWatch ---

// CloudWatchIn implements backend.CloudWatch: the region-bound CloudWatch is guarded.
func (b *Backend) CloudWatchIn(region string) backend.CloudWatch {
	return &CloudWatch{CloudWatch: b.Backend.CloudWatchIn(region), g: b.g}
}

func (b *Backend) PutAlarm(ctx context.Context, in model.AlarmInput) error {
	return (&CloudWatch{CloudWatch: b.Backend, g: b.g}).PutAlarm(ctx, in)
}

func (b *Backend) DeleteAlarms(ctx context.Context, names ...string) error {
	return (&CloudWatch{CloudWatch: b.Backend, g: b.g}).DeleteAlarms(ctx, names...)
}

func (b *Backend) SetAlarmActionsEnabled(ctx context.Context, enabled bool, names ...string) error {
	return (&CloudWatch{CloudWatch: b.Backend, g: b.g}).SetAlarmActionsEnabled(ctx, enabled, names...)
}

func (b *Backend) SetAlarmState(ctx context.Context, name string, state model.AlarmState, reason string) error {
	return (&CloudWatch{CloudWatch: b.Backend, g: b.g}).SetAlarmState(ctx, name, state, reason)
}

// CloudWatch is a guarded backend.CloudWatch (one bound to a region).
type CloudWatch struct {
	backend.CloudWatch
	g *gate
}

// CloudWatchIn keeps the guard on a further rebinding.
func (w *CloudWatch) CloudWatchIn(region string) backend.CloudWatch {
	return &CloudWatch{CloudWatch: w.CloudWatch.CloudWatchIn(region), g: w.g}
}

func (w *CloudWatch) PutAlarm(ctx context.Context, in model.AlarmInput) error {
	return w.g.do("PutAlarm", func() error { return w.CloudWatch.PutAlarm(ctx, in) })
}

func (w *CloudWatch) DeleteAlarms(ctx context.Context, names ...string) error {
	return w.g.do("DeleteAlarms", func() error { return w.CloudWatch.DeleteAlarms(ctx, names...) })
}

func (w *CloudWatch) SetAlarmActionsEnabled(ctx context.Context, enabled bool, names ...string) error {
	return w.g.do("SetAlarmActionsEnabled", func() error { return w.CloudWatch.SetAlarmActionsEnabled(ctx, enabled, names...) })
}

func (w *CloudWatch) SetAlarmState(ctx context.Context, name string, state model.AlarmState, reason string) error {
	return w.g.do("SetAlarmState", func() error { return w.CloudWatch.SetAlarmState(ctx, name, state, reason) })
}

// --- SNS ---

// SNSIn implements backend.SNS: the region-bound SNS is guarded.
func (b *Backend) SNSIn(region string) backend.SNS {
	return &SNS{SNS: b.Backend.SNSIn(region), g: b.g}
}

func (b *Backend) CreateTopic(ctx context.Context, in model.NewTopic) (model.Topic, error) {
	return (&SNS{SNS: b.Backend, g: b.g}).CreateTopic(ctx, in)
}

func (b *Backend) DeleteTopic(ctx context.Context, arn string) error {
	return (&SNS{SNS: b.Backend, g: b.g}).DeleteTopic(ctx, arn)
}

func (b *Backend) Subscribe(ctx context.Context, topicArn, protocol, endpoint string) (model.Subscription, error) {
	return (&SNS{SNS: b.Backend, g: b.g}).Subscribe(ctx, topicArn, protocol, endpoint)
}

func (b *Backend) Unsubscribe(ctx context.Context, arn string) error {
	return (&SNS{SNS: b.Backend, g: b.g}).Unsubscribe(ctx, arn)
}

func (b *Backend) Publish(ctx context.Context, topicArn, subject, message string) (string, error) {
	return (&SNS{SNS: b.Backend, g: b.g}).Publish(ctx, topicArn, subject, message)
}

func (b *Backend) ConfirmFromMail(ctx context.Context, token string) (string, error) {
	return (&SNS{SNS: b.Backend, g: b.g}).ConfirmFromMail(ctx, token)
}

// SNS is a guarded backend.SNS (one bound to a region).
type SNS struct {
	backend.SNS
	g *gate
}

// SNSIn keeps the guard on a further rebinding.
func (s *SNS) SNSIn(region string) backend.SNS {
	return &SNS{SNS: s.SNS.SNSIn(region), g: s.g}
}

func (s *SNS) CreateTopic(ctx context.Context, in model.NewTopic) (model.Topic, error) {
	return value(s.g, "CreateTopic", func() (model.Topic, error) { return s.SNS.CreateTopic(ctx, in) })
}

func (s *SNS) DeleteTopic(ctx context.Context, arn string) error {
	return s.g.do("DeleteTopic", func() error { return s.SNS.DeleteTopic(ctx, arn) })
}

func (s *SNS) Subscribe(ctx context.Context, topicArn, protocol, endpoint string) (model.Subscription, error) {
	return value(s.g, "Subscribe", func() (model.Subscription, error) { return s.SNS.Subscribe(ctx, topicArn, protocol, endpoint) })
}

func (s *SNS) Unsubscribe(ctx context.Context, arn string) error {
	return s.g.do("Unsubscribe", func() error { return s.SNS.Unsubscribe(ctx, arn) })
}

func (s *SNS) Publish(ctx context.Context, topicArn, subject, message string) (string, error) {
	return value(s.g, "Publish", func() (string, error) { return s.SNS.Publish(ctx, topicArn, subject, message) })
}

func (s *SNS) ConfirmFromMail(ctx context.Context, token string) (string, error) {
	return value(s.g, "ConfirmFromMail", func() (string, error) { return s.SNS.ConfirmFromMail(ctx, token) })
}

// --- Billing ---

func (b *Backend) SetReceiveBillingAlerts(ctx context.Context, on bool) (model.BillingPreferences, error) {
	return value(b.g, "SetReceiveBillingAlerts", func() (model.BillingPreferences, error) { return b.Backend.SetReceiveBillingAlerts(ctx, on) })
}

func (b *Backend) AddLabSpend(ctx context.Context, usd float64) error {
	return b.g.do("AddLabSpend", func() error { return b.Backend.AddLabSpend(ctx, usd) })
}

// --- CloudWatch Logs ---

func (b *Backend) CreateLogGroup(ctx context.Context, name string) error {
	return b.g.do("CreateLogGroup", func() error { return b.Backend.CreateLogGroup(ctx, name) })
}

func (b *Backend) DeleteLogGroup(ctx context.Context, name string) error {
	return b.g.do("DeleteLogGroup", func() error { return b.Backend.DeleteLogGroup(ctx, name) })
}

func (b *Backend) SetLogRetention(ctx context.Context, group string, days int) error {
	return b.g.do("SetLogRetention", func() error { return b.Backend.SetLogRetention(ctx, group, days) })
}

// --- What backend/awsapi adds (extras) ---

// simClock is the simulated clock of backend/awsapi in simulator mode.
type simClock interface {
	SimulatorClock(ctx context.Context) (time.Time, error)
	AdvanceClock(ctx context.Context, d time.Duration) (time.Time, error)
}

// errNoSimClock answers the clock's methods on a backend that has no simulated clock.
func errNoSimClock(op string) error {
	return &backend.Error{Op: op, Kind: backend.KindValidation, Code: "SimulatorOnly", Message: "only the simulator has a clock to read or fast-forward"}
}

// SimulatorClock reads the simulated clock (a read).
func (b *Backend) SimulatorClock(ctx context.Context) (time.Time, error) {
	clk, ok := b.Backend.(simClock)
	if !ok {
		return time.Time{}, errNoSimClock("simulator:SimulatorClock")
	}
	return clk.SimulatorClock(ctx)
}

// AdvanceClock fast-forwards the simulated clock (a mutation).
func (b *Backend) AdvanceClock(ctx context.Context, d time.Duration) (time.Time, error) {
	return value(b.g, "AdvanceClock", func() (time.Time, error) {
		clk, ok := b.Backend.(simClock)
		if !ok {
			return time.Time{}, errNoSimClock("simulator:AdvanceClock")
		}
		return clk.AdvanceClock(ctx, d)
	})
}

// LookupPace is the pacing of LookupEvents (a read); zero when the backend does
// not pace.
func (b *Backend) LookupPace() awsapi.LookupPace {
	if p, ok := b.Backend.(awsapi.LookupPacer); ok {
		return p.LookupPace()
	}
	return awsapi.LookupPace{}
}
