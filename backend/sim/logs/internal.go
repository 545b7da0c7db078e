package logs

import (
	"context"
	"errors"
	"slices"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/model"
)

// In-process API for other simulated services. A group is named by its name (in
// the account's home region) or by its ARN ("arn:aws:logs:<region>:<acct>:
// log-group:<name>[:*]", as a trail's CloudWatchLogsLogGroupArn holds it). None of
// these calls is authorized or recorded: the calling service already was.

func isAlreadyExists(err error) bool {
	var pe *protocol.Error
	return errors.As(err, &pe) && pe.Code == "ResourceAlreadyExistsException"
}

// EnsureLogGroup creates the log group unless it exists.
func (s *Service) EnsureLogGroup(ctx context.Context, group string) error {
	region, name := s.resolveGroup(s.home, group)
	if err := model.ValidateLogGroupName(name); err != nil {
		return err
	}
	if err := s.insertGroup(ctx, region, name, "STANDARD", "", s.now().UnixMilli()); err != nil && !isAlreadyExists(err) {
		return err
	}
	return nil
}

// EnsureLogStream creates the stream (and its group) unless they exist.
func (s *Service) EnsureLogStream(ctx context.Context, group, stream string) error {
	if err := s.EnsureLogGroup(ctx, group); err != nil {
		return err
	}
	if err := model.ValidateLogStreamName(stream); err != nil {
		return err
	}
	region, name := s.resolveGroup(s.home, group)
	g, err := s.findGroup(ctx, region, name)
	if err != nil {
		return err
	}
	if err := s.insertStream(ctx, g.id, stream, s.now().UnixMilli()); err != nil && !isAlreadyExists(err) {
		return err
	}
	return nil
}

// PutLogEventsInternal writes events to an existing group and stream (use
// EnsureLogStream first). Events are sorted, and split into batches of PutLogEvents'
// limits, so a delivery of any size goes through; events outside the accepted time
// range are dropped as PutLogEvents would reject them.
func (s *Service) PutLogEventsInternal(ctx context.Context, group, stream string, events []InputEvent) error {
	region, name := s.resolveGroup(s.home, group)
	evs := make([]event, len(events))
	for i, e := range events {
		evs[i] = event{ts: e.Timestamp.UnixMilli(), msg: e.Message}
	}
	slices.SortStableFunc(evs, func(a, b event) int { return int(min(max(a.ts-b.ts, -1), 1)) })
	now := s.now()
	for len(evs) > 0 {
		n, size := 0, 0
		for n < len(evs) && n < maxBatchEvents && size+len(evs[n].msg)+eventOverhead <= maxBatchBytes &&
			evs[n].ts-evs[0].ts <= maxBatchSpan.Milliseconds() {
			size += len(evs[n].msg) + eventOverhead
			n++
		}
		if n == 0 {
			n = 1 // a single event over the limit is stored rather than lost
		}
		if _, err := s.store(ctx, region, name, stream, evs[:n], now); err != nil {
			return err
		}
		evs = evs[n:]
	}
	return nil
}

// StoredBytes is the size of every log event the account holds, for the bill.
func (s *Service) StoredBytes(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.SQL().QueryRowContext(ctx, `SELECT coalesce(sum(stored_bytes), 0) FROM logs_streams`).Scan(&n)
	return n, err
}

// LogGroupExists reports whether the group (a name, or an ARN with or without the
// trailing ":*") exists.
func (s *Service) LogGroupExists(ctx context.Context, group string) (bool, error) {
	region, name := s.resolveGroup(s.home, group)
	if _, err := s.findGroup(ctx, region, name); err != nil {
		var pe *protocol.Error
		if errors.As(err, &pe) && pe.Code == "ResourceNotFoundException" {
			return false, nil
		}
		return false, err
	}
	return true, nil
}
