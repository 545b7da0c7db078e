package trail

import (
	"context"
	"encoding/json"
	"time"
)

// Retention is Event history's window: "the last 90 days".
const Retention = 90 * 24 * time.Hour

// Range calls fn for every event (management and data) with from <= eventTime < to
// recorded after the event numbered afterSeq, oldest first, after flushing pending
// records. Trail delivery reads through it.
func (r *Recorder) Range(ctx context.Context, from, to time.Time, afterSeq int64, fn func(*Event) error) error {
	if err := r.Flush(ctx); err != nil {
		return err
	}
	rows, err := r.db.SQL().QueryContext(ctx, `SELECT seq, event_id, event_time, event_name, event_source, region, scope, read_only,
		management, resources, record FROM trail_events WHERE event_time >= ? AND event_time < ? AND seq > ? ORDER BY event_time, seq`,
		from.UnixMilli(), to.UnixMilli(), afterSeq)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var at int64
		var scope, ro, res string
		e := &Event{}
		if err := rows.Scan(&e.Seq, &e.EventID, &at, &e.EventName, &e.EventSource, &e.Region, &scope, &ro, &e.Management, &res, &e.Record); err != nil {
			return err
		}
		e.EventTime = time.UnixMilli(at).UTC()
		e.Global = scope == "*"
		e.ReadOnly = ro == "true"
		if err := json.Unmarshal([]byte(res), &e.Resources); err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Earliest is the time of the oldest event at or after from, false when there is
// none: delivery uses it to skip quiet stretches after a big fast-forward.
func (r *Recorder) Earliest(ctx context.Context, from time.Time) (time.Time, bool, error) {
	if err := r.Flush(ctx); err != nil {
		return time.Time{}, false, err
	}
	var at *int64
	if err := r.db.SQL().QueryRowContext(ctx, `SELECT min(event_time) FROM trail_events WHERE event_time >= ?`, from.UnixMilli()).Scan(&at); err != nil {
		return time.Time{}, false, err
	}
	if at == nil {
		return time.Time{}, false, nil
	}
	return time.UnixMilli(*at).UTC(), true, nil
}

// pruneBatch bounds one pruning transaction, so a long-idle account catching up
// does not hold the database for long.
const pruneBatch = 5000

// Prune deletes events older than the retention window before now.
func (r *Recorder) Prune(ctx context.Context, now time.Time) error {
	cut := now.Add(-Retention).UnixMilli()
	for {
		res, err := r.db.SQL().ExecContext(ctx, `DELETE FROM trail_events WHERE seq IN
			(SELECT seq FROM trail_events WHERE event_time < ? ORDER BY event_time LIMIT ?)`, cut, pruneBatch)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		if _, err := r.db.SQL().ExecContext(ctx, `DELETE FROM trail_event_resources WHERE event_time < ?`, cut); err != nil {
			return err
		}
		if n < pruneBatch {
			return nil
		}
	}
}

// LastSeq is the number of the last event recorded so far (after a flush): a trail
// that starts logging now delivers only later events.
func (r *Recorder) LastSeq(ctx context.Context) (int64, error) {
	if err := r.Flush(ctx); err != nil {
		return 0, err
	}
	var seq *int64
	err := r.db.SQL().QueryRowContext(ctx, `SELECT max(seq) FROM trail_events`).Scan(&seq)
	if err != nil || seq == nil {
		return 0, err
	}
	return *seq, nil
}
