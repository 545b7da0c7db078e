// Package logs is the simulated Amazon CloudWatch Logs (awsJson 1.1, target prefix
// Logs_20140328): log groups, log streams, PutLogEvents, GetLogEvents and
// FilterLogEvents with CloudWatch's filter pattern syntax. Other simulated
// services (CloudTrail delivering a trail to a log group) write through
// EnsureLogGroup, EnsureLogStream and PutLogEventsInternal.
package logs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

var spec = &protocol.Spec{
	SigningName:      "logs",
	APIVersion:       "2014-03-28",
	JSONTargetPrefix: "Logs_20140328",
}

// Service is one account's CloudWatch Logs.
type Service struct {
	db      *store.DB
	account string
	home    string // region of in-process calls that name a group without an ARN
	now     func() time.Time
	ops     service.Ops
}

// New opens CloudWatch Logs' state in db. home is the account's home region, now
// the simulated clock (for in-process writes).
func New(ctx context.Context, db *store.DB, account, home string, now func() time.Time) (*Service, error) {
	if err := db.Migrate(ctx, "logs", migrations); err != nil {
		return nil, err
	}
	s := &Service{db: db, account: account, home: home, now: now}
	s.ops = service.Ops{
		"CreateLogGroup":        service.Op(s.createLogGroup),
		"DescribeLogGroups":     service.Op(s.describeLogGroups),
		"DeleteLogGroup":        service.Op(s.deleteLogGroup),
		"PutRetentionPolicy":    service.Op(s.putRetentionPolicy),
		"DeleteRetentionPolicy": service.Op(s.deleteRetentionPolicy),
		"CreateLogStream":       service.Op(s.createLogStream),
		"DescribeLogStreams":    service.Op(s.describeLogStreams),
		"DeleteLogStream":       service.Op(s.deleteLogStream),
		"PutLogEvents":          service.Op(s.putLogEvents),
		"GetLogEvents":          service.Op(s.getLogEvents),
		"FilterLogEvents":       service.Op(s.filterLogEvents),
		"TagResource":           service.Op(s.tagResource),
		"UntagResource":         service.Op(s.untagResource),
		"ListTagsForResource":   service.Op(s.listTagsForResource),
		"TagLogGroup":           service.Op(s.tagLogGroup),
		"UntagLogGroup":         service.Op(s.untagLogGroup),
		"ListTagsLogGroup":      service.Op(s.listTagsLogGroup),
	}
	return s, nil
}

// Spec implements service.Service.
func (s *Service) Spec() *protocol.Spec { return spec }

// Handler implements service.Service.
func (s *Service) Handler(op string) (service.Handler, bool) { return s.ops.Handler(op) }

var migrations = []string{`
CREATE TABLE logs_groups (
	id        INTEGER PRIMARY KEY,
	region    TEXT NOT NULL,
	name      TEXT NOT NULL,
	created   INTEGER NOT NULL,
	retention INTEGER,
	class     TEXT NOT NULL,
	kms_key   TEXT NOT NULL DEFAULT '',
	UNIQUE (region, name)
);
CREATE TABLE logs_streams (
	id             INTEGER PRIMARY KEY,
	group_id       INTEGER NOT NULL REFERENCES logs_groups(id) ON DELETE CASCADE,
	name           TEXT NOT NULL,
	created        INTEGER NOT NULL,
	first_event    INTEGER,
	last_event     INTEGER,
	last_ingestion INTEGER,
	stored_bytes   INTEGER NOT NULL DEFAULT 0,
	UNIQUE (group_id, name)
);
CREATE TABLE logs_events (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	group_id  INTEGER NOT NULL REFERENCES logs_groups(id) ON DELETE CASCADE,
	stream_id INTEGER NOT NULL REFERENCES logs_streams(id) ON DELETE CASCADE,
	ts        INTEGER NOT NULL,
	ingested  INTEGER NOT NULL,
	message   TEXT NOT NULL
);
CREATE INDEX logs_events_stream ON logs_events(stream_id, ts, id);
CREATE INDEX logs_events_group ON logs_events(group_id, ts, id)`, `
CREATE TABLE logs_tags (
	group_id INTEGER NOT NULL REFERENCES logs_groups(id) ON DELETE CASCADE,
	key      TEXT NOT NULL,
	value    TEXT NOT NULL,
	PRIMARY KEY (group_id, key)
)`,
}

// Errors in CloudWatch Logs' words.
func invalidParameter(format string, args ...any) *protocol.Error {
	return protocol.Errorf(400, "InvalidParameterException", format, args...)
}

func groupNotFound() *protocol.Error {
	return protocol.NewError(400, "ResourceNotFoundException", "The specified log group does not exist.")
}

func streamNotFound() *protocol.Error {
	return protocol.NewError(400, "ResourceNotFoundException", "The specified log stream does not exist.")
}

// groupArn is the log group's ARN as DescribeLogGroups' logGroupArn shows it.
func (s *Service) groupArn(region, name string) string {
	return fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s", region, s.account, name)
}

// groupResource is the resource IAM sees for log-group operations; AWS names the
// group's streams ("log-group:NAME:log-stream:"), which is why policies write
// "log-group:NAME:*".
func (s *Service) groupResource(region, name string) string {
	return s.groupArn(region, name) + ":log-stream:"
}

func (s *Service) streamArn(region, group, stream string) string {
	return s.groupArn(region, group) + ":log-stream:" + stream
}

// resolveGroup turns a name or a log group ARN (with or without ":*") into region
// and name, for in-process callers and logGroupIdentifier members.
func (s *Service) resolveGroup(defaultRegion, ref string) (region, name string) {
	if rest, ok := strings.CutPrefix(ref, "arn:"); ok {
		p := strings.SplitN(rest, ":", 6)
		if len(p) == 6 && p[1] == "logs" && strings.HasPrefix(p[4], "log-group") {
			return p[2], strings.TrimSuffix(strings.TrimPrefix(p[4]+":"+p[5], "log-group:"), ":*")
		}
	}
	return defaultRegion, ref
}
