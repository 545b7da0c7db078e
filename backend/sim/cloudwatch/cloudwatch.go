// Package cloudwatch is the simulated Amazon CloudWatch (metrics and alarms, API
// 2010-08-01), served in all three protocols real clients speak: Smithy RPC v2 CBOR
// (current SDKs and botocore), awsJson 1.0 and awsQuery (older SDKs and AWS CLI v2).
//
// Metrics and alarms are kept in memory for speed (alarm evaluation runs every
// simulated minute over every alarm) and written through to the account's
// database, from which they are loaded on start.
package cloudwatch

import (
	"context"
	"sync"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

var spec = &protocol.Spec{
	SigningName:      "monitoring",
	APIVersion:       "2010-08-01",
	XMLNamespace:     "http://monitoring.amazonaws.com/doc/2010-08-01/",
	JSONTargetPrefix: "GraniteServiceVersion20100801",
	CBORService:      "GraniteServiceVersion20100801",
	ErrorNamespace:   "com.amazonaws.cloudwatch",
	QueryCompatible:  true,
}

// Options change how the simulated CloudWatch departs from a plain region.
type Options struct {
	// BillingUSEast1Only serves AWS/Billing metrics only to requests in us-east-1,
	// as real AWS does. Off, the simulator answers billing metrics in every region
	// so a student's console in ap-northeast-2 sees them without switching.
	BillingUSEast1Only bool
}

// Notifier delivers an alarm's notification to an SNS topic in process. messages
// maps a protocol ("default", "email") to its text, as Publish's MessageStructure
// "json" does.
type Notifier interface {
	PublishInternal(ctx context.Context, topicArn, subject string, messages map[string]string) (messageID string, err error)
}

// Service is one account's CloudWatch.
type Service struct {
	db       *store.DB
	account  string
	opts     Options
	ops      service.Ops
	notifier Notifier

	mu      sync.RWMutex
	metrics *metricStore
	alarms  map[alarmKey]*alarm
}

// New opens CloudWatch's state in db, creating its tables on first use, and loads
// metrics and alarms into memory.
func New(ctx context.Context, db *store.DB, account string, opts Options) (*Service, error) {
	if err := db.Migrate(ctx, "cloudwatch", migrations); err != nil {
		return nil, err
	}
	s := &Service{db: db, account: account, opts: opts, metrics: newMetricStore(), alarms: map[alarmKey]*alarm{}}
	if err := s.loadMetrics(ctx); err != nil {
		return nil, err
	}
	if err := s.loadAlarms(ctx); err != nil {
		return nil, err
	}
	s.ops = service.Ops{
		"PutMetricData":           service.Op(s.putMetricData),
		"ListMetrics":             service.Op(s.listMetrics),
		"GetMetricStatistics":     service.Op(s.getMetricStatistics),
		"GetMetricData":           service.Op(s.getMetricData),
		"PutMetricAlarm":          service.Op(s.putMetricAlarm),
		"DescribeAlarms":          service.Op(s.describeAlarms),
		"DescribeAlarmsForMetric": service.Op(s.describeAlarmsForMetric),
		"DeleteAlarms":            service.Op(s.deleteAlarms),
		"DescribeAlarmHistory":    service.Op(s.describeAlarmHistory),
		"SetAlarmState":           service.Op(s.setAlarmState),
		"EnableAlarmActions":      service.Op(s.enableAlarmActions),
		"DisableAlarmActions":     service.Op(s.disableAlarmActions),
		"TagResource":             service.Op(s.tagResource),
		"UntagResource":           service.Op(s.untagResource),
		"ListTagsForResource":     service.Op(s.listTagsForResource),
	}
	for op, h := range s.ops {
		s.ops[op] = h
	}
	return s, nil
}

// Spec implements service.Service.
func (s *Service) Spec() *protocol.Spec { return spec }

// Handler implements service.Service.
func (s *Service) Handler(op string) (service.Handler, bool) { return s.ops.Handler(op) }

// SetNotifier connects alarm actions to SNS; without one, SNS actions fail and say so
// in the alarm's history.
func (s *Service) SetNotifier(n Notifier) { s.notifier = n }

var migrations = []string{`
CREATE TABLE cloudwatch_metrics (
	id         INTEGER PRIMARY KEY,
	region     TEXT NOT NULL,
	namespace  TEXT NOT NULL,
	name       TEXT NOT NULL,
	dimensions TEXT NOT NULL,
	UNIQUE (region, namespace, name, dimensions)
);
CREATE TABLE cloudwatch_datapoints (
	metric_id INTEGER NOT NULL REFERENCES cloudwatch_metrics(id) ON DELETE CASCADE,
	ts        INTEGER NOT NULL,
	count     REAL NOT NULL,
	sum       REAL NOT NULL,
	min       REAL NOT NULL,
	max       REAL NOT NULL,
	unit      TEXT NOT NULL,
	PRIMARY KEY (metric_id, ts)
) WITHOUT ROWID;
CREATE TABLE cloudwatch_alarms (
	region             TEXT NOT NULL,
	name               TEXT NOT NULL,
	config             TEXT NOT NULL,
	state              TEXT NOT NULL,
	state_reason       TEXT NOT NULL,
	state_reason_data  TEXT NOT NULL,
	state_updated      INTEGER NOT NULL,
	state_transitioned INTEGER NOT NULL,
	config_updated     INTEGER NOT NULL,
	PRIMARY KEY (region, name)
);
CREATE TABLE cloudwatch_alarm_history (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	region     TEXT NOT NULL,
	alarm_name TEXT NOT NULL,
	ts         INTEGER NOT NULL,
	type       TEXT NOT NULL,
	summary    TEXT NOT NULL,
	data       TEXT NOT NULL
);
CREATE INDEX cloudwatch_alarm_history_alarm ON cloudwatch_alarm_history(region, alarm_name, ts);
CREATE TABLE cloudwatch_tags (
	arn   TEXT NOT NULL,
	ord   INTEGER NOT NULL,
	key   TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (arn, key)
)`,
}
