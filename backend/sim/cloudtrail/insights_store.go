package cloudtrail

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	"github.com/labconsole/labconsole/backend/sim/trail"
)

// insightsMigration stores Insights events for LookupEvents (EventCategory insight).
const insightsMigration = `CREATE TABLE cloudtrail_insights (
		event_id     TEXT PRIMARY KEY,
		region       TEXT NOT NULL,
		event_time   INTEGER NOT NULL,
		event_name   TEXT NOT NULL,
		event_source TEXT NOT NULL,
		record       BLOB NOT NULL
	);
	CREATE INDEX cloudtrail_insights_time ON cloudtrail_insights(region, event_time)`

// deliverInsights stores the pending Insights events and writes them, one file per
// region, under CloudTrail-Insight/. A failed write is retried at the next tick.
func (s *Service) deliverInsights(ctx context.Context, t *trailState, now time.Time) error {
	if len(t.PendingInsights) == 0 {
		return nil
	}
	byRegion := map[string][]json.RawMessage{}
	for _, raw := range t.PendingInsights {
		var rec insightRecord
		if err := json.Unmarshal(raw, &rec); err != nil {
			continue // not ours; dropped
		}
		at, err := time.Parse(time.RFC3339, rec.EventTime)
		if err != nil {
			continue
		}
		if _, err := s.db.SQL().ExecContext(ctx, `INSERT OR IGNORE INTO cloudtrail_insights(event_id, region, event_time, event_name, event_source, record)
			VALUES(?,?,?,?,?,?)`, rec.EventID, rec.AWSRegion, at.UnixMilli(), rec.InsightDetails.EventName, rec.InsightDetails.EventSource, []byte(raw)); err != nil {
			return err
		}
		byRegion[rec.AWSRegion] = append(byRegion[rec.AWSRegion], raw)
	}
	regions := sortedKeys(byRegion)
	for _, region := range regions {
		body := []byte(`{"Records":[`)
		for i, raw := range byRegion[region] {
			if i > 0 {
				body = append(body, ',')
			}
			body = append(body, raw...)
		}
		body = append(body, "]}"...)
		key := fmt.Sprintf("%sCloudTrail-Insight/%s/%s/%s_CloudTrail-Insight_%s_%s_%s.json.gz", logPrefix(t.Prefix, s.account), region,
			now.UTC().Format("2006/01/02"), s.account, region, now.UTC().Format("20060102T1504Z"), uniqueString())
		if err := s.put(ctx, t, key, body, nil, now); err != nil {
			t.DeliveryError = deliveryErrorCode(err)
			return nil // the events stay pending
		}
		s.recordPut(t, key, len(body), now)
		// Delivered regions leave the pending list at once, so a later failure
		// never writes them twice.
		kept := t.PendingInsights[:0]
		for _, raw := range t.PendingInsights {
			var rec insightRecord
			if json.Unmarshal(raw, &rec) == nil && rec.AWSRegion == region {
				continue
			}
			kept = append(kept, raw)
		}
		t.PendingInsights = kept
	}
	t.PendingInsights = nil
	return nil
}

// insightCursor is the position of the last Insights event of a LookupEvents page.
type insightCursor struct {
	T  int64  `json:"t"`
	ID string `json:"id"`
	F  string `json:"f"`
}

// lookupInsights answers LookupEvents with EventCategory insight: the region's
// Insights events of the window, newest first, filtered by EventId, EventName or
// EventSource.
func (s *Service) lookupInsights(ctx context.Context, q trail.Query, fingerprint string, token *string) (*lookupEventsOutput, error) {
	where := `region = ? AND event_time >= ? AND event_time <= ?`
	args := []any{q.Region, q.Start.UnixMilli(), q.End.UnixMilli()}
	switch q.Attribute {
	case trail.AttrEventID:
		where += ` AND event_id = ?`
		args = append(args, q.Value)
	case trail.AttrEventName:
		where += ` AND event_name = ?`
		args = append(args, q.Value)
	case trail.AttrEventSource:
		where += ` AND event_source = ?`
		args = append(args, q.Value)
	}
	if token != nil {
		b, err := base64.RawURLEncoding.DecodeString(*token)
		var cur insightCursor
		if err != nil || json.Unmarshal(b, &cur) != nil || cur.F != fingerprint || cur.ID == "" {
			return nil, errorf("InvalidNextTokenException", "Invalid NextToken. The token is not valid or was used with different parameters.")
		}
		where += ` AND (event_time < ? OR (event_time = ? AND event_id < ?))`
		args = append(args, cur.T, cur.T, cur.ID)
	}
	args = append(args, q.Limit+1)
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT event_id, event_time, event_name, event_source, record FROM cloudtrail_insights
		WHERE `+where+` ORDER BY event_time DESC, event_id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &lookupEventsOutput{Events: []eventShape{}}
	var last insightCursor
	for rows.Next() {
		var ev eventShape
		var at int64
		var rec []byte
		if err := rows.Scan(&ev.EventId, &at, &ev.EventName, &ev.EventSource, &rec); err != nil {
			return nil, err
		}
		if len(out.Events) == q.Limit {
			b, _ := json.Marshal(insightCursor{T: last.T, ID: last.ID, F: fingerprint})
			out.NextToken = str(base64.RawURLEncoding.EncodeToString(b))
			break
		}
		ev.EventTime, ev.ReadOnly, ev.Resources, ev.CloudTrailEvent = time.UnixMilli(at).UTC(), "false", []eventResource{}, string(rec)
		out.Events = append(out.Events, ev)
		last = insightCursor{T: at, ID: ev.EventId}
	}
	return out, rows.Err()
}

// pruneInsights forgets Insights events older than Event history's 90 days.
func (s *Service) pruneInsights(ctx context.Context, now time.Time) error {
	_, err := s.db.SQL().ExecContext(ctx, `DELETE FROM cloudtrail_insights WHERE event_time < ?`, now.Add(-trail.Retention).UnixMilli())
	return err
}
