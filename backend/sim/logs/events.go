package logs

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// PutLogEvents limits.
const (
	maxBatchEvents   = 10000
	maxBatchBytes    = 1048576
	eventOverhead    = 26
	maxBatchSpan     = 24 * time.Hour
	maxEventAge      = 14 * 24 * time.Hour
	maxEventFuture   = 2 * time.Hour
	defaultGetEvents = 10000
)

type inputLogEvent struct {
	Timestamp *int64  `aws:"timestamp"`
	Message   *string `aws:"message"`
}

type putLogEventsInput struct {
	LogGroupName  *string         `aws:"logGroupName"`
	LogStreamName *string         `aws:"logStreamName"`
	LogEvents     []inputLogEvent `aws:"logEvents"`
	SequenceToken *string         `aws:"sequenceToken"`
}

type rejectedLogEventsInfo struct {
	TooNewLogEventStartIndex *int32 `aws:"tooNewLogEventStartIndex"`
	TooOldLogEventEndIndex   *int32 `aws:"tooOldLogEventEndIndex"`
	ExpiredLogEventEndIndex  *int32 `aws:"expiredLogEventEndIndex"`
}

type putLogEventsOutput struct {
	NextSequenceToken     *string                `aws:"nextSequenceToken"`
	RejectedLogEventsInfo *rejectedLogEventsInfo `aws:"rejectedLogEventsInfo"`
}

// InputEvent is one event written in process (CloudTrail's delivery to a group).
type InputEvent struct {
	Timestamp time.Time
	Message   string
}

type event struct {
	ts  int64
	msg string
}

// checkBatch applies PutLogEvents' batch rules: chronological order, at most 24
// hours, 10,000 events and 1 MiB (26 bytes of overhead per event).
func checkBatch(evs []event) error {
	if len(evs) == 0 {
		return invalidParameter("1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	if len(evs) > maxBatchEvents {
		return invalidParameter("1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to %d", maxBatchEvents)
	}
	size := 0
	for i, e := range evs {
		size += len(e.msg) + eventOverhead
		if i > 0 && e.ts < evs[i-1].ts {
			return invalidParameter("Log events in a single PutLogEvents request must be in chronological order.")
		}
	}
	if size > maxBatchBytes {
		return invalidParameter("Upload too large: %d bytes exceeds limit of %d", size, maxBatchBytes)
	}
	if evs[len(evs)-1].ts-evs[0].ts > maxBatchSpan.Milliseconds() {
		return invalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.")
	}
	return nil
}

func (s *Service) putLogEvents(c *service.Call, in *putLogEventsInput) (*putLogEventsOutput, error) {
	gname, sname := deref(in.LogGroupName), deref(in.LogStreamName)
	if err := fromModel(model.ValidateLogGroupName(gname)); err != nil {
		return nil, err
	}
	if err := fromModel(model.ValidateLogStreamName(sname)); err != nil {
		return nil, err
	}
	evs := make([]event, len(in.LogEvents))
	for i, e := range in.LogEvents {
		if e.Timestamp == nil || e.Message == nil {
			return nil, invalidParameter("1 validation error detected: Value null at 'logEvents.%d.member.%s' failed to satisfy constraint: Member must not be null", i+1, map[bool]string{true: "timestamp", false: "message"}[e.Timestamp == nil])
		}
		evs[i] = event{ts: *e.Timestamp, msg: *e.Message}
	}
	if err := checkBatch(evs); err != nil {
		return nil, err
	}
	if err := c.Authorize("logs:PutLogEvents", s.streamArn(c.Region, gname, sname)); err != nil {
		return nil, err
	}
	c.Record.DataEvent = true
	rejected, err := s.store(c.Ctx, c.Region, gname, sname, evs, c.Now)
	if err != nil {
		return nil, err
	}
	return &putLogEventsOutput{NextSequenceToken: ptr(sequenceToken(c.Now.UnixMilli())), RejectedLogEventsInfo: rejected}, nil
}

// store writes a checked batch to a stream; events too old, expired by the group's
// retention or too far in the future are skipped and reported.
func (s *Service) store(ctx context.Context, region, gname, sname string, evs []event, now time.Time) (*rejectedLogEventsInfo, error) {
	g, err := s.findGroup(ctx, region, gname)
	if err != nil {
		return nil, err
	}
	st, err := s.findStream(ctx, g.id, sname)
	if err != nil {
		return nil, err
	}
	oldest := now.Add(-maxEventAge).UnixMilli()
	expired := int64(-1 << 62)
	if g.retention.Valid {
		expired = now.Add(-time.Duration(g.retention.Int64) * 24 * time.Hour).UnixMilli()
	}
	newest := now.Add(maxEventFuture).UnixMilli()
	var rej rejectedLogEventsInfo
	rejectedAny := false
	nowMS := now.UnixMilli()
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var first, last int64
		var bytes int64
		stored := 0
		for i, e := range evs {
			switch {
			case e.ts < oldest:
				rej.TooOldLogEventEndIndex, rejectedAny = ptr(int32(i+1)), true
				continue
			case e.ts < expired:
				rej.ExpiredLogEventEndIndex, rejectedAny = ptr(int32(i+1)), true
				continue
			case e.ts > newest:
				if rej.TooNewLogEventStartIndex == nil {
					rej.TooNewLogEventStartIndex = ptr(int32(i))
				}
				rejectedAny = true
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO logs_events(group_id, stream_id, ts, ingested, message) VALUES(?,?,?,?,?)`, g.id, st.id, e.ts, nowMS, e.msg); err != nil {
				return err
			}
			if stored == 0 || e.ts < first {
				first = e.ts
			}
			last = max(last, e.ts)
			bytes += int64(len(e.msg))
			stored++
		}
		if stored == 0 {
			return nil
		}
		_, err := tx.ExecContext(ctx, `UPDATE logs_streams SET first_event = min(coalesce(first_event, ?), ?), last_event = max(coalesce(last_event, ?), ?),
			last_ingestion = ?, stored_bytes = stored_bytes + ? WHERE id = ?`, first, first, last, last, nowMS, bytes, st.id)
		return err
	})
	if err != nil || !rejectedAny {
		return nil, err
	}
	return &rej, nil
}

type outputLogEvent struct {
	Timestamp     int64  `aws:"timestamp"`
	Message       string `aws:"message"`
	IngestionTime int64  `aws:"ingestionTime"`
}

type getLogEventsInput struct {
	LogGroupName       *string `aws:"logGroupName"`
	LogGroupIdentifier *string `aws:"logGroupIdentifier"`
	LogStreamName      *string `aws:"logStreamName"`
	StartTime          *int64  `aws:"startTime"`
	EndTime            *int64  `aws:"endTime"`
	NextToken          *string `aws:"nextToken"`
	Limit              *int32  `aws:"limit"`
	StartFromHead      *bool   `aws:"startFromHead"`
}

type getLogEventsOutput struct {
	Events            []outputLogEvent `aws:"events"`
	NextForwardToken  string           `aws:"nextForwardToken"`
	NextBackwardToken string           `aws:"nextBackwardToken"`
}

// Forward and backward tokens hold an event id: "f/<id>" reads after it, "b/<id>"
// before it. At the end of a stream the forward token comes back unchanged, which
// is how clients know to stop.
func eventToken(dir byte, id int64) string { return fmt.Sprintf("%c/%056d", dir, id) }

func parseEventToken(tok string) (dir byte, id int64, ok bool) {
	if len(tok) < 3 || (tok[0] != 'f' && tok[0] != 'b') || tok[1] != '/' {
		return 0, 0, false
	}
	id, err := strconv.ParseInt(tok[2:], 10, 64)
	return tok[0], id, err == nil && id >= 0
}

func (s *Service) getLogEvents(c *service.Call, in *getLogEventsInput) (*getLogEventsOutput, error) {
	region, gname := c.Region, deref(in.LogGroupName)
	if in.LogGroupIdentifier != nil {
		region, gname = s.resolveGroup(c.Region, *in.LogGroupIdentifier)
	}
	sname := deref(in.LogStreamName)
	if err := fromModel(model.ValidateLogGroupName(gname)); err != nil {
		return nil, err
	}
	if err := fromModel(model.ValidateLogStreamName(sname)); err != nil {
		return nil, err
	}
	limit, err := pageLimit(in.Limit, defaultGetEvents)
	if err != nil {
		return nil, err
	}
	var dir byte
	var at int64
	if in.NextToken != nil {
		var ok bool
		if dir, at, ok = parseEventToken(*in.NextToken); !ok {
			return nil, invalidParameter("The specified nextToken is invalid.")
		}
	}
	if err := c.Authorize("logs:GetLogEvents", s.streamArn(region, gname, sname)); err != nil {
		return nil, err
	}
	c.Record.DataEvent = true
	g, err := s.findGroup(c.Ctx, region, gname)
	if err != nil {
		return nil, err
	}
	st, err := s.findStream(c.Ctx, g.id, sname)
	if err != nil {
		return nil, err
	}
	q := `SELECT id, ts, message, ingested FROM logs_events WHERE stream_id = ? AND ts >= ? AND ts < ?`
	args := []any{st.id, deref(in.StartTime), int64(1) << 62}
	if in.EndTime != nil {
		args[2] = *in.EndTime
	}
	forward := dir == 'f' || (dir == 0 && in.StartFromHead != nil && *in.StartFromHead)
	switch {
	case dir == 'f':
		q += ` AND id > ? ORDER BY id LIMIT ?`
		args = append(args, at)
	case dir == 'b':
		q += ` AND id < ? ORDER BY id DESC LIMIT ?`
		args = append(args, at)
	case forward:
		q += ` ORDER BY id LIMIT ?`
	default:
		q += ` ORDER BY id DESC LIMIT ?`
	}
	args = append(args, limit)
	rows, err := s.db.SQL().QueryContext(c.Ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type row struct {
		id int64
		e  outputLogEvent
	}
	var got []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.e.Timestamp, &r.e.Message, &r.e.IngestionTime); err != nil {
			return nil, err
		}
		got = append(got, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !forward {
		for i, j := 0, len(got)-1; i < j; i, j = i+1, j-1 {
			got[i], got[j] = got[j], got[i]
		}
	}
	out := &getLogEventsOutput{Events: make([]outputLogEvent, 0, len(got))}
	for _, r := range got {
		out.Events = append(out.Events, r.e)
	}
	switch {
	case len(got) > 0:
		out.NextForwardToken, out.NextBackwardToken = eventToken('f', got[len(got)-1].id), eventToken('b', got[0].id)
	case in.NextToken != nil:
		out.NextForwardToken, out.NextBackwardToken = eventToken('f', at), eventToken('b', at)
	default:
		out.NextForwardToken, out.NextBackwardToken = eventToken('f', 0), eventToken('b', 0)
	}
	return out, nil
}
