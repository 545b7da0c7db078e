package cloudtrail

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"regexp"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// trailState is everything about one trail, kept as one JSON document: its
// configuration, selectors, tags, logging status and delivery progress. Trails are
// few and small, so reading and rewriting the whole document keeps every change
// atomic without a table per concern.
type trailState struct {
	Name          string
	HomeRegion    string
	ARN           string
	Bucket        string
	Prefix        string
	SnsTopic      string
	IncludeGlobal bool
	MultiRegion   bool
	Validation    bool
	Organization  bool
	CWLogGroup    string
	CWRole        string
	KMSKey        string

	// Selectors: Advanced set means advanced selectors are in use; neither set is
	// CloudTrail's default (all management events).
	Basic           []basicSelector
	Advanced        []AdvancedEventSelector
	CustomSelectors bool
	Insights        []InsightSelector

	Tags []tagKV

	Logging        bool
	StartLogging   *time.Time
	StopLogging    *time.Time
	LatestDelivery *time.Time
	LatestAttempt  *time.Time
	LatestDigest   *time.Time
	DeliveryError  string
	DigestError    string
	// CloudWatch Logs delivery and SNS notification outcomes (GetTrailStatus).
	LatestCWDelivery   *time.Time
	CWError            string
	LatestNotification *time.Time
	NotificationError  string

	// DeliveredUntil: events before it are delivered (or were recorded while the
	// trail did not log). NextDelivery is the next 5-minute delivery.
	DeliveredUntil time.Time
	NextDelivery   time.Time
	// StartSeq is the last event recorded before logging started: only later
	// events are delivered, even when they share its timestamp.
	StartSeq int64
	// DigestFrom is the start of the next digest period; NextDigest its end.
	DigestFrom time.Time
	NextDigest time.Time
	// Chains is the last digest per region, which the next digest links to.
	Chains map[string]*digestLink
	// Regions are those the trail has delivered log files for: each gets digests.
	Regions      []string
	LastACLCheck time.Time

	// Insights analysis (insights_analysis.go): the baseline began at InsightsSince;
	// minutes before InsightsFrom are analysed. InsightStats is per insight type,
	// region and API; PendingInsights are records not yet delivered to S3.
	InsightsSince   time.Time
	InsightsFrom    time.Time
	InsightStats    map[string]*insightStat `json:",omitempty"`
	PendingInsights []json.RawMessage       `json:",omitempty"`
}

type basicSelector struct {
	ReadWriteType  string
	IncludeMgmt    bool
	DataResources  []DataResource
	ExcludeSources []string
}

type tagKV struct{ Key, Value string }

// visibleIn reports whether a call in region sees the trail: its home region, or any
// region for a multi-region trail (a "shadow trail" there).
func (t *trailState) visibleIn(region string) bool {
	return t.HomeRegion == region || t.MultiRegion
}

var trailARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:cloudtrail:([a-z0-9-]+):(\d{12}):trail/(.+)$`)

// lookup is a name-or-ARN parameter resolved: the ARN to authorize on and the trail,
// nil when there is none.
type lookup struct {
	arn   string
	trail *trailState
}

// resolve finds the trail a Name/TrailName parameter names in the caller's region.
// A malformed name or ARN is an error at once; a missing trail is reported by the
// caller after authorization (TrailNotFoundException), so a caller without
// permission learns nothing.
func (s *Service) resolve(c *service.Call, ref string) (lookup, error) {
	if m := trailARNPattern.FindStringSubmatch(ref); m != nil {
		if m[2] != s.account {
			return lookup{arn: ref}, nil
		}
		if err := model.ValidateTrailName(m[3]); err != nil {
			return lookup{}, invalidARN(ref)
		}
		t, err := s.load(c.Ctx, ref)
		if err != nil || t == nil || !t.visibleIn(c.Region) {
			return lookup{arn: ref}, err
		}
		return lookup{arn: ref, trail: t}, nil
	}
	if len(ref) >= 4 && ref[:4] == "arn:" {
		return lookup{}, invalidARN(ref)
	}
	if err := model.ValidateTrailName(ref); err != nil {
		return lookup{}, fromModel(err, "InvalidTrailNameException")
	}
	arn := model.TrailARN(c.Region, s.account, ref)
	t, err := s.load(c.Ctx, arn)
	if err != nil {
		return lookup{}, err
	}
	if t != nil {
		return lookup{arn: arn, trail: t}, nil
	}
	all, err := s.all(c.Ctx)
	if err != nil {
		return lookup{}, err
	}
	for _, t := range all {
		if t.Name == ref && t.visibleIn(c.Region) {
			return lookup{arn: t.ARN, trail: t}, nil
		}
	}
	return lookup{arn: arn}, nil
}

// authorized resolves ref, asks for action on the trail and reports a missing trail.
// write refuses shadow trails, which only their home region may change.
func (s *Service) authorized(c *service.Call, action, ref string, write bool) (*trailState, error) {
	l, err := s.resolve(c, ref)
	if err != nil {
		return nil, err // malformed input is refused before authorization, as validation is
	}
	if err := c.Authorize(action, l.arn); err != nil {
		return nil, err
	}
	if l.trail == nil {
		return nil, trailNotFound(ref, s.account)
	}
	if write && l.trail.HomeRegion != c.Region {
		return nil, homeRegion(l.trail.ARN, l.trail.HomeRegion, c.Region)
	}
	return l.trail, nil
}

func (s *Service) load(ctx context.Context, arn string) (*trailState, error) {
	var doc string
	err := s.db.SQL().QueryRowContext(ctx, `SELECT state FROM cloudtrail_trails WHERE arn = ?`, arn).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	t := &trailState{}
	return t, json.Unmarshal([]byte(doc), t)
}

// all returns every trail of the account, oldest first.
func (s *Service) all(ctx context.Context) ([]*trailState, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT state FROM cloudtrail_trails ORDER BY created, arn`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*trailState
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, err
		}
		t := &trailState{}
		if err := json.Unmarshal([]byte(doc), t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// save writes t, creating it with created when it is new.
func (s *Service) save(ctx context.Context, t *trailState, created time.Time) error {
	doc, err := json.Marshal(t)
	if err != nil {
		return err
	}
	_, err = s.db.SQL().ExecContext(ctx, `INSERT INTO cloudtrail_trails(arn, home_region, name, created, state) VALUES(?,?,?,?,?)
		ON CONFLICT(arn) DO UPDATE SET state = excluded.state`, t.ARN, t.HomeRegion, t.Name, created.UnixMilli(), string(doc))
	return err
}

// update reloads the trail, applies fn and saves it, under the delivery lock so a
// delivery pass never overwrites a concurrent change (or the reverse).
func (s *Service) update(ctx context.Context, arn string, fn func(*trailState) error) (*trailState, error) {
	s.deliverMu.Lock()
	defer s.deliverMu.Unlock()
	t, err := s.load(ctx, arn)
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, trailNotFound(arn, s.account)
	}
	if err := fn(t); err != nil {
		return nil, err
	}
	return t, s.save(ctx, t, time.Time{})
}

func (t *trailState) shape() *TrailShape {
	sh := &TrailShape{
		Name:                       str(t.Name),
		S3BucketName:               str(t.Bucket),
		IncludeGlobalServiceEvents: &t.IncludeGlobal,
		IsMultiRegionTrail:         &t.MultiRegion,
		HomeRegion:                 str(t.HomeRegion),
		TrailARN:                   str(t.ARN),
		LogFileValidationEnabled:   &t.Validation,
		HasCustomEventSelectors:    &t.CustomSelectors,
		HasInsightSelectors:        ptr(len(t.Insights) > 0),
		IsOrganizationTrail:        &t.Organization,
	}
	sh.S3KeyPrefix = optional(t.Prefix)
	sh.SnsTopicName = optional(t.SnsTopic)
	if t.SnsTopic != "" {
		sh.SnsTopicARN = str(snsTopicARN(t.SnsTopic, t.HomeRegion, t.ARN))
	}
	sh.CloudWatchLogsLogGroupArn = optional(t.CWLogGroup)
	sh.CloudWatchLogsRoleArn = optional(t.CWRole)
	sh.KmsKeyId = optional(t.KMSKey)
	return sh
}

func (t *trailState) response() *trailResponse {
	sh := t.shape()
	return &trailResponse{
		Name: sh.Name, S3BucketName: sh.S3BucketName, S3KeyPrefix: sh.S3KeyPrefix, SnsTopicName: sh.SnsTopicName,
		SnsTopicARN: sh.SnsTopicARN, IncludeGlobalServiceEvents: sh.IncludeGlobalServiceEvents,
		IsMultiRegionTrail: sh.IsMultiRegionTrail, TrailARN: sh.TrailARN, LogFileValidationEnabled: sh.LogFileValidationEnabled,
		CloudWatchLogsLogGroupArn: sh.CloudWatchLogsLogGroupArn, CloudWatchLogsRoleArn: sh.CloudWatchLogsRoleArn,
		KmsKeyId: sh.KmsKeyId, IsOrganizationTrail: sh.IsOrganizationTrail,
	}
}

// snsTopicARN is the ARN of the trail's topic, given by name or ARN.
func snsTopicARN(topic, region, trailARN string) string {
	if len(topic) > 4 && topic[:4] == "arn:" {
		return topic
	}
	m := trailARNPattern.FindStringSubmatch(trailARN)
	account := ""
	if m != nil {
		account = m[2]
	}
	return "arn:aws:sns:" + region + ":" + account + ":" + topic
}

func str(s string) *string { return &s }
func ptr[T any](v T) *T    { return &v }

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
