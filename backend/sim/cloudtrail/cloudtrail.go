// Package cloudtrail is the simulated AWS CloudTrail service (awsJson1.1, API
// 2013-11-01): trails and their selectors, Event history (LookupEvents) over the
// recorder's event store, and the delivery of log files and signed digests to the
// trail's S3 bucket as simulated time passes — with a copy of the events to the
// trail's CloudWatch Logs group, an SNS notification per delivery, and SSE-KMS with
// the trail's KMS key when the trail names them.
//
// Insights: AWS learns a 7-day baseline per API and needs up to 36 hours before its
// first Insights event. A lab cannot wait that long, so the simulator's rule is
// simpler and works with the simulated clock's fast-forward: the baseline of an API
// (per region and insight type) is its average count per minute since Insights was
// turned on for the trail; the first 60 simulated minutes only learn; a minute with
// at least 10 calls (errors, for ApiErrorRateInsight) and more than 3 times the
// baseline starts an Insights event, and the first minute that is no longer so ends
// it. insights_analysis.go has the details.
package cloudtrail

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
	"github.com/labconsole/labconsole/backend/sim/trail"
)

var spec = &protocol.Spec{
	SigningName:      "cloudtrail",
	APIVersion:       "2013-11-01",
	JSONTargetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101",
}

// ServicePrincipal is who CloudTrail is when it writes to a trail's bucket.
const ServicePrincipal = "cloudtrail.amazonaws.com"

// Buckets is what CloudTrail needs of S3, in process: whether a trail's bucket
// exists, its policy (which must let CloudTrail write), and writing log files and
// digests as the service itself. The simulated S3 service implements it.
type Buckets interface {
	BucketExists(ctx context.Context, bucket string) (bool, error)
	BucketPolicy(ctx context.Context, bucket string) (doc string, ok bool, err error)
	PutObjectInternal(ctx context.Context, bucket, key string, body []byte, contentType string, meta map[string]string, now time.Time) (etag string, err error)
}

// Service is one account's CloudTrail.
type Service struct {
	db       *store.DB
	account  string
	recorder *trail.Recorder
	log      *slog.Logger
	ops      service.Ops

	mu           sync.RWMutex
	buckets      Buckets
	integrations Integrations

	deliverMu sync.Mutex // one delivery pass at a time
	keys      sync.Map   // region|fingerprint → *signingKey, private keys parsed once
}

// New opens CloudTrail's state in db. buckets may be nil until S3 is wired (then
// every bucket is missing).
func New(ctx context.Context, db *store.DB, account string, rec *trail.Recorder, buckets Buckets, log *slog.Logger) (*Service, error) {
	if err := db.Migrate(ctx, "cloudtrail", migrations); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Service{db: db, account: account, recorder: rec, buckets: buckets, log: log}
	s.ops = service.Ops{
		"CreateTrail":         service.Op(s.createTrail),
		"UpdateTrail":         service.Op(s.updateTrail),
		"DeleteTrail":         service.Op(s.deleteTrail),
		"GetTrail":            service.Op(s.getTrail),
		"DescribeTrails":      service.Op(s.describeTrails),
		"ListTrails":          service.Op(s.listTrails),
		"GetTrailStatus":      service.Op(s.getTrailStatus),
		"StartLogging":        service.Op(s.startLogging),
		"StopLogging":         service.Op(s.stopLogging),
		"PutEventSelectors":   service.Op(s.putEventSelectors),
		"GetEventSelectors":   service.Op(s.getEventSelectors),
		"PutInsightSelectors": service.Op(s.putInsightSelectors),
		"GetInsightSelectors": service.Op(s.getInsightSelectors),
		"AddTags":             service.Op(s.addTags),
		"ListTags":            service.Op(s.listTags),
		"RemoveTags":          service.Op(s.removeTags),
		"ListPublicKeys":      service.Op(s.listPublicKeys),
		"LookupEvents":        service.Op(s.lookupEvents),
	}
	return s, nil
}

// Spec implements service.Service.
func (s *Service) Spec() *protocol.Spec { return spec }

// Handler implements service.Service.
func (s *Service) Handler(op string) (service.Handler, bool) { return s.ops.Handler(op) }

// SetBuckets replaces the S3 the service delivers to (tests use an in-memory one).
func (s *Service) SetBuckets(b Buckets) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buckets = b
}

func (s *Service) s3() Buckets {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.buckets
}

var migrations = []string{
	`CREATE TABLE cloudtrail_trails (
		arn         TEXT PRIMARY KEY,
		home_region TEXT NOT NULL,
		name        TEXT NOT NULL,
		created     INTEGER NOT NULL,
		state       TEXT NOT NULL
	);
	CREATE INDEX cloudtrail_trails_name ON cloudtrail_trails(name);
	CREATE TABLE cloudtrail_log_files (
		arn       TEXT NOT NULL,
		region    TEXT NOT NULL,
		delivered INTEGER NOT NULL,
		bucket    TEXT NOT NULL,
		key       TEXT NOT NULL,
		hash      TEXT NOT NULL,
		oldest    INTEGER NOT NULL,
		newest    INTEGER NOT NULL
	);
	CREATE INDEX cloudtrail_log_files_digest ON cloudtrail_log_files(arn, region, delivered);
	CREATE TABLE cloudtrail_keys (
		region      TEXT NOT NULL,
		fingerprint TEXT NOT NULL,
		public_der  BLOB NOT NULL,
		private_der BLOB NOT NULL,
		valid_from  INTEGER NOT NULL,
		valid_to    INTEGER NOT NULL,
		PRIMARY KEY (region, valid_from)
	)`,
	insightsMigration,
}
