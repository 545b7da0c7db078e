package trail

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Lookup attribute keys (LookupEvents' LookupAttributeKey).
const (
	AttrEventID      = "EventId"
	AttrEventName    = "EventName"
	AttrReadOnly     = "ReadOnly"
	AttrUsername     = "Username"
	AttrResourceType = "ResourceType"
	AttrResourceName = "ResourceName"
	AttrEventSource  = "EventSource"
	AttrAccessKeyID  = "AccessKeyId"
)

// attrColumns are the trail_events columns of the attributes stored on the event.
var attrColumns = map[string]string{
	AttrEventName:   "event_name",
	AttrReadOnly:    "read_only",
	AttrUsername:    "username",
	AttrEventSource: "event_source",
	AttrAccessKeyID: "access_key_id",
}

// attrIndexes name the index each lookup must use. With bound parameters SQLite
// cannot tell how selective the attribute is and may prefer the time index, which
// satisfies the ORDER BY but scans every event of the region when the attribute
// matches few of them (or none: a name only a global service records); the
// attribute's own index always reads exactly the newest matches.
var attrIndexes = map[string]string{
	"":               "trail_events_all",
	AttrEventName:    "trail_events_name",
	AttrReadOnly:     "trail_events_ro",
	AttrUsername:     "trail_events_user",
	AttrEventSource:  "trail_events_source",
	AttrAccessKeyID:  "trail_events_key",
	AttrResourceType: "trail_event_resources_type",
	AttrResourceName: "trail_event_resources_name",
}

// IsLookupAttribute reports whether key is one of LookupEvents' attribute keys.
func IsLookupAttribute(key string) bool {
	_, ok := attrColumns[key]
	return ok || key == AttrEventID || key == AttrResourceType || key == AttrResourceName
}

// Query is one page of Event history: the management events of Region (and the
// global services' events) in [Start, End], optionally filtered on one attribute,
// newest first, continuing After a previous page.
type Query struct {
	Region    string
	Attribute string // "" for none
	Value     string
	Start     time.Time
	End       time.Time
	Limit     int
	After     *Cursor
}

// Cursor is the position of the last event of a page: the next page starts after it.
type Cursor struct {
	Time int64 `json:"t"` // event time, Unix milliseconds
	Seq  int64 `json:"s"`
}

const eventColumns = `seq, event_id, event_time, event_name, event_source, region, scope, read_only, username, access_key_id, resources, record`

// Lookup returns one page of events and the cursor of the next page (nil when this
// page is the last). It flushes pending records first.
func (r *Recorder) Lookup(ctx context.Context, q Query) ([]Event, *Cursor, error) {
	if err := r.Flush(ctx); err != nil {
		return nil, nil, err
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	if q.Attribute == AttrEventID {
		return r.lookupByID(ctx, q)
	}
	start, end := q.Start.UnixMilli(), q.End.UnixMilli()
	after := int64(-1)
	if q.After != nil {
		end = min(end, q.After.Time)
		after = q.After.Seq
	}
	var out []Event
	want := q.Limit + 1 // one more than asked tells whether a next page exists
	for len(out) < want {
		need := want - len(out)
		evs, err := r.page(ctx, q, start, end, after, need)
		if err != nil {
			return nil, nil, err
		}
		for _, e := range evs {
			if n := len(out); n > 0 && out[n-1].Seq == e.Seq {
				continue // an event with two resources of the type asked for
			}
			out = append(out, e)
		}
		if len(evs) < need {
			break
		}
		last := evs[len(evs)-1]
		end, after = last.EventTime.UnixMilli(), last.Seq
	}
	if len(out) > q.Limit {
		out = out[:q.Limit]
		last := out[len(out)-1]
		return out, &Cursor{Time: last.EventTime.UnixMilli(), Seq: last.Seq}, nil
	}
	return out, nil, nil
}

// page runs the query in both scopes (the region's and the global services'), each
// an index range read newest first, and merges them.
func (r *Recorder) page(ctx context.Context, q Query, start, end, after int64, limit int) ([]Event, error) {
	var one string
	var arg []any
	cursor := ""
	if after >= 0 {
		cursor = " AND (event_time < ? OR seq < ?)"
	}
	switch q.Attribute {
	case "":
		one = `SELECT ` + eventColumns + ` FROM trail_events INDEXED BY trail_events_all WHERE management = 1 AND scope = ? AND event_time >= ? AND event_time <= ?` + cursor + ` ORDER BY event_time DESC, seq DESC LIMIT ?`
	case AttrResourceType, AttrResourceName:
		col := "rtype"
		if q.Attribute == AttrResourceName {
			col = "rname"
		}
		rc := ""
		if after >= 0 {
			rc = " AND (r.event_time < ? OR r.seq < ?)"
		}
		one = `SELECT ` + prefixed("e.", eventColumns) + ` FROM trail_event_resources r INDEXED BY ` + attrIndexes[q.Attribute] + ` JOIN trail_events e ON e.seq = r.seq
			WHERE r.scope = ? AND r.` + col + ` = ? AND r.event_time >= ? AND r.event_time <= ?` + rc + ` ORDER BY r.event_time DESC, r.seq DESC LIMIT ?`
	default:
		col, ok := attrColumns[q.Attribute]
		if !ok {
			return nil, fmt.Errorf("trail: unknown lookup attribute %q", q.Attribute)
		}
		one = `SELECT ` + eventColumns + ` FROM trail_events INDEXED BY ` + attrIndexes[q.Attribute] + ` WHERE management = 1 AND scope = ? AND ` + col + ` = ? AND event_time >= ? AND event_time <= ?` + cursor + ` ORDER BY event_time DESC, seq DESC LIMIT ?`
	}
	for _, scope := range []string{q.Region, "*"} {
		arg = append(arg, scope)
		if q.Attribute != "" {
			arg = append(arg, q.Value)
		}
		arg = append(arg, start, end)
		if after >= 0 {
			arg = append(arg, end, after)
		}
		arg = append(arg, limit)
	}
	query := `SELECT * FROM (` + one + `) UNION ALL SELECT * FROM (` + one + `) ORDER BY 3 DESC, 1 DESC LIMIT ?`
	arg = append(arg, limit)
	rows, err := r.db.SQL().QueryContext(ctx, query, arg...)
	if err != nil {
		return nil, err
	}
	return scanEvents(rows)
}

func (r *Recorder) lookupByID(ctx context.Context, q Query) ([]Event, *Cursor, error) {
	rows, err := r.db.SQL().QueryContext(ctx, `SELECT `+eventColumns+` FROM trail_events INDEXED BY trail_events_id
		WHERE management = 1 AND event_id = ? AND scope IN (?, '*') AND event_time >= ? AND event_time <= ?`,
		q.Value, q.Region, q.Start.UnixMilli(), q.End.UnixMilli())
	if err != nil {
		return nil, nil, err
	}
	evs, err := scanEvents(rows)
	if err != nil || q.After != nil {
		return nil, nil, err
	}
	return evs, nil, nil
}

func prefixed(p, cols string) string {
	out := ""
	start := 0
	for i := 0; i <= len(cols); i++ {
		if i == len(cols) || cols[i] == ',' {
			col := cols[start:i]
			for len(col) > 0 && col[0] == ' ' {
				col = col[1:]
			}
			if out != "" {
				out += ", "
			}
			out += p + col
			start = i + 1
		}
	}
	return out
}

func scanEvents(rows *sql.Rows) ([]Event, error) {
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at int64
		var scope, ro, res string
		if err := rows.Scan(&e.Seq, &e.EventID, &at, &e.EventName, &e.EventSource, &e.Region, &scope, &ro, &e.Username, &e.AccessKeyID, &res, &e.Record); err != nil {
			return nil, err
		}
		e.EventTime = time.UnixMilli(at).UTC()
		e.Global = scope == "*"
		e.ReadOnly = ro == "true"
		e.Management = true
		if err := json.Unmarshal([]byte(res), &e.Resources); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
