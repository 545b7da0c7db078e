// Package labres finds and removes the resources a lab made: a decorator tags what
// the console creates with labconsole:lab=<lab>, Plan lists exactly the lab's
// resources (tagged roots and what hangs off them that AWS cannot tag), and Execute
// deletes them in dependency order, reporting each.
package labres

import (
	"context"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/model"
)

// TagKey is the tag the lab's resources carry; its value is the lab's ID ("lab1").
const TagKey = "labconsole:lab"

// Tag is the tag of lab's resources.
func Tag(lab string) model.Tag { return model.Tag{Key: TagKey, Value: lab} }

// Per-service tag limits: a create that already carries the most tags the service
// accepts is sent untagged rather than refused.
const (
	maxIAMTags        = model.MaxTags
	maxTrailTags      = model.MaxTrailTags
	maxCloudWatchTags = 50
	maxS3Tags         = 50
)

// withTag adds the lab's tag to tags unless the caller set that key itself (the
// user's own value wins) or the list is at the service's limit.
func withTag(tags []model.Tag, lab string, limit int) []model.Tag {
	for _, t := range tags {
		if t.Key == TagKey {
			return tags
		}
	}
	if len(tags) >= limit {
		return tags
	}
	return append(append(make([]model.Tag, 0, len(tags)+1), tags...), Tag(lab))
}

// Tagging returns b with every create call that can carry tags tagging what it makes
// labconsole:lab=<lab>: users, trails (and the bucket, topic, log group, role and
// KMS key the trail wizard creates), alarms (in every Region CloudWatchIn binds),
// buckets, SNS topics (in every Region SNSIn binds) and log groups. Everything else passes
// through, the backend's extras too (the simulator's clock, LookupEvents pacing,
// backend.LabResources), so it can sit under backend/guard. An empty lab returns b
// itself; a Tagging backend is re-tagged rather than wrapped twice.
//
// Apply it under the guard, so --read-only refuses a create before it is tagged:
// guard.Wrap(labres.Tagging(b, "lab1"), opts).
func Tagging(b backend.Backend, lab string) backend.Backend {
	tagger := b
	if t, ok := b.(*tagging); ok {
		tagger = t.tagger
	}
	b = Untagged(b)
	if lab == "" || b == nil {
		return b
	}
	return &tagging{Backend: b, lab: lab, tagger: Untagged(tagger)}
}

// TaggingWith is Tagging with the backend that tags what a create call cannot tag
// itself (see tagging.tagger): the console passes the credentials its lab panel
// checks with, so a trail bucket made under lab-user's profile on a real account —
// which may create it but not tag it — is tagged by the administrator. A nil tagger
// is Tagging's own choice.
func TaggingWith(b backend.Backend, lab string, tagger backend.Backend) backend.Backend {
	tb := Tagging(b, lab)
	if t, ok := tb.(*tagging); ok && tagger != nil {
		t.tagger = Untagged(tagger)
	}
	return tb
}

// TaggerOf is the backend b tags with where a call cannot carry tags (nil when b does
// not tag).
func TaggerOf(b backend.Backend) backend.Backend {
	if t, ok := b.(*tagging); ok {
		return t.tagger
	}
	return nil
}

// Untagged returns the backend under a Tagging decorator (b itself when there is none).
func Untagged(b backend.Backend) backend.Backend {
	for {
		t, ok := b.(*tagging)
		if !ok {
			return b
		}
		b = t.Backend
	}
}

// LabOf is the lab b tags for ("" when b does not tag).
func LabOf(b backend.Backend) string {
	if t, ok := b.(*tagging); ok {
		return t.lab
	}
	return ""
}

type tagging struct {
	backend.Backend
	lab string
	// tagger tags what a create call made where the call itself cannot carry tags
	// (the trail wizard's bucket). It is the backend Tagging was first applied to,
	// also after SignIn: the lab's lab-user may create a trail and its bucket
	// (AWSCloudTrail_FullAccess) but not tag the bucket, which the console's own
	// credentials then do.
	tagger backend.Backend
}

var _ backend.LabResources = (*tagging)(nil)

func (t *tagging) CreateUser(ctx context.Context, in model.NewUser) (model.User, error) {
	in.Tags = withTag(in.Tags, t.lab, maxIAMTags)
	return t.Backend.CreateUser(ctx, in)
}

// CreateTrail tags the trail and, when the wizard creates the trail's bucket, the
// bucket: that is how Plan knows the bucket is the lab's. A failure to tag the new
// bucket does not fail the trail, which exists by then; Plan then leaves the bucket.
//
// The wizard's other new resources (topic, log group, role, KMS key) are tagged
// the same way (tagging_more.go).
func (t *tagging) CreateTrail(ctx context.Context, in model.NewTrail) (model.Trail, error) {
	in.Tags = withTag(in.Tags, t.lab, maxTrailTags)
	var topicArn string
	topicExisted := true
	if in.SNSEnabled && in.SNSNewTopic != "" {
		topicArn, topicExisted = t.topicExists(ctx, t.Backend.Info().Region, in.SNSNewTopic)
	}
	tr, err := t.Backend.CreateTrail(ctx, in)
	if err == nil && in.CreateBucket {
		_ = t.tagBucket(ctx, in.S3BucketName, "")
	}
	if err == nil {
		t.tagTrailExtras(ctx, in, topicArn, topicExisted)
	}
	return tr, err
}

// CreateBucket tags the new bucket (S3's CreateBucket takes no tags). The bucket
// exists when tagging fails, so the create still succeeds.
func (t *tagging) CreateBucket(ctx context.Context, in model.NewBucket) (model.Bucket, error) {
	bk, err := t.Backend.CreateBucket(ctx, in)
	if err == nil {
		_ = t.tagBucket(ctx, in.Name, in.Region)
	}
	return bk, err
}

func (t *tagging) tagBucket(ctx context.Context, bucket, region string) error {
	lr, ok := t.tagger.(backend.LabResources)
	if !ok {
		return nil
	}
	cur, err := lr.BucketTags(ctx, bucket, region)
	if err != nil {
		return err
	}
	if tags := withTag(cur, t.lab, maxS3Tags); len(tags) != len(cur) {
		return lr.TagBucket(ctx, bucket, region, []model.Tag{Tag(t.lab)})
	}
	return nil
}

func (t *tagging) PutAlarm(ctx context.Context, in model.AlarmInput) error {
	return (&taggingCW{CloudWatch: t.Backend, lab: t.lab}).PutAlarm(ctx, in)
}

func (t *tagging) CloudWatchIn(region string) backend.CloudWatch {
	return &taggingCW{CloudWatch: t.Backend.CloudWatchIn(region), lab: t.lab}
}

// SignIn keeps tagging on the signed-in backend.
func (t *tagging) SignIn(ctx context.Context, userName, password string) (backend.Backend, error) {
	nb, err := t.Backend.SignIn(ctx, userName, password)
	if err != nil || nb == nil {
		return nb, err
	}
	return &tagging{Backend: Untagged(nb), lab: t.lab, tagger: t.tagger}, nil
}

// taggingCW is a tagging backend.CloudWatch bound to a Region.
type taggingCW struct {
	backend.CloudWatch
	lab string
}

func (c *taggingCW) PutAlarm(ctx context.Context, in model.AlarmInput) error {
	in.Tags = withTag(in.Tags, c.lab, maxCloudWatchTags)
	return c.CloudWatch.PutAlarm(ctx, in)
}

func (c *taggingCW) CloudWatchIn(region string) backend.CloudWatch {
	return &taggingCW{CloudWatch: c.CloudWatch.CloudWatchIn(region), lab: c.lab}
}

// --- what passes through: backend/awsapi's extras and backend.LabResources ---

func errUnsupported(op string) error {
	return &backend.Error{Op: op, Kind: backend.KindValidation, Code: "Unsupported", Message: "this backend does not offer " + op}
}

type simClock interface {
	SimulatorClock(ctx context.Context) (time.Time, error)
	AdvanceClock(ctx context.Context, d time.Duration) (time.Time, error)
}

// SimulatorClock passes the simulator's clock through.
func (t *tagging) SimulatorClock(ctx context.Context) (time.Time, error) {
	if c, ok := t.Backend.(simClock); ok {
		return c.SimulatorClock(ctx)
	}
	return time.Time{}, errUnsupported("simulator:SimulatorClock")
}

// AdvanceClock passes the simulator's clock through.
func (t *tagging) AdvanceClock(ctx context.Context, d time.Duration) (time.Time, error) {
	if c, ok := t.Backend.(simClock); ok {
		return c.AdvanceClock(ctx, d)
	}
	return time.Time{}, errUnsupported("simulator:AdvanceClock")
}

// LookupPace passes LookupEvents pacing through.
func (t *tagging) LookupPace() awsapi.LookupPace {
	if p, ok := t.Backend.(awsapi.LookupPacer); ok {
		return p.LookupPace()
	}
	return awsapi.LookupPace{}
}

func (t *tagging) labResources(op string) (backend.LabResources, error) {
	if lr, ok := t.Backend.(backend.LabResources); ok {
		return lr, nil
	}
	return nil, errUnsupported(op)
}

func (t *tagging) BucketTags(ctx context.Context, bucket, region string) ([]model.Tag, error) {
	lr, err := t.labResources("s3:GetBucketTagging")
	if err != nil {
		return nil, err
	}
	return lr.BucketTags(ctx, bucket, region)
}

func (t *tagging) TagBucket(ctx context.Context, bucket, region string, tags []model.Tag) error {
	lr, err := t.labResources("s3:PutBucketTagging")
	if err != nil {
		return err
	}
	return lr.TagBucket(ctx, bucket, region, tags)
}

func (t *tagging) AlarmTags(ctx context.Context, alarmArn string) ([]model.Tag, error) {
	lr, err := t.labResources("cloudwatch:ListTagsForResource")
	if err != nil {
		return nil, err
	}
	return lr.AlarmTags(ctx, alarmArn)
}

func (t *tagging) EmptyBucket(ctx context.Context, bucket, region string) (int, error) {
	lr, err := t.labResources("s3:DeleteObject")
	if err != nil {
		return 0, err
	}
	return lr.EmptyBucket(ctx, bucket, region)
}

func (t *tagging) DeleteBucket(ctx context.Context, bucket, region string) error {
	lr, err := t.labResources("s3:DeleteBucket")
	if err != nil {
		return err
	}
	return lr.DeleteBucket(ctx, bucket, region)
}
