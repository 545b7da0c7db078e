package cloudwatch

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Tick evaluates every alarm once per simulated minute, as CloudWatch evaluates
// alarms with periods of a minute or more, and fires the actions of the alarms that
// changed state. After a fast-forward, alarms are evaluated at the new time only:
// billing, the lab's metric, only grows within a month, so the states in between
// would not differ. It is idempotent: a second tick in the same minute does nothing.
func (s *Service) Tick(ctx context.Context, now time.Time) error {
	minute := floorDiv(now.Unix(), 60)
	s.mu.Lock()
	var pending []*change
	for _, a := range s.alarms {
		if a.lastEvalMinute >= minute {
			continue
		}
		a.lastEvalMinute = minute
		ev := s.evaluate(a, now)
		if !ev.ok || ev.state == a.state {
			continue
		}
		reason, data := ev.reason(a, now)
		pending = append(pending, newChange(a, ev.state, reason, data, now))
	}
	err := s.commit(ctx, pending)
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("cloudwatch: saving alarm states: %w", err)
	}
	s.fireActions(ctx, pending)
	return nil
}

// metricOf is the metric, period and statistic an alarm watches: its own fields or
// its single MetricStat query.
func metricOf(a *alarm) (ns, name string, dims []Dimension, period int32, stat, unit string, ok bool) {
	c := a.cfg
	if c.MetricName != "" {
		return c.Namespace, c.MetricName, c.Dimensions, c.Period, c.Statistic, c.Unit, true
	}
	for _, q := range c.Metrics {
		if q.MetricStat != nil && (q.ReturnData == nil || *q.ReturnData) {
			st := q.MetricStat
			return deref(st.Metric.Namespace), deref(st.Metric.MetricName), st.Metric.Dimensions, deref(st.Period), deref(st.Stat), deref(st.Unit), true
		}
	}
	return "", "", nil, 0, "", "", false
}

// evaluation is the outcome of evaluating one alarm: the new state and what
// decided it (periods newest first). The reason texts are built only for
// transitions, so a tick that changes nothing allocates little.
type evaluation struct {
	state     string
	pts       []evalPoint
	present   int
	breaching int
	ok        bool
}

// evaluate decides the state of a at now over its last EvaluationPeriods periods
// (aligned to multiples of Period; the current period counts only once it has
// data, so a period in progress is not taken for missing data). ok is false when
// the state must not change (TreatMissingData "ignore" with no data, or an alarm the
// simulator cannot evaluate).
func (s *Service) evaluate(a *alarm, now time.Time) evaluation {
	ns, name, dims, period, stat, unit, ok := metricOf(a)
	if !ok || period <= 0 || a.cfg.Threshold == nil {
		return evaluation{}
	}
	ser := a.cachedSeries(s, ns, name, dims)
	pms := int64(period) * 1000
	n := int(a.cfg.EvaluationPeriods)
	last := floorDiv(ms(now), pms)
	if ser == nil || len(ser.window(last*pms, (last+1)*pms)) == 0 {
		last--
	}
	first := last - int64(n) + 1
	ev := evaluation{pts: make([]evalPoint, n), ok: true} // newest first
	for i := range ev.pts {
		ev.pts[i].ts = (last - int64(i)) * pms
	}
	threshold := *a.cfg.Threshold
	if ser != nil {
		pts := ser.window(first*pms, (last+1)*pms)
		for j := 0; j < len(pts); {
			start := floorDiv(pts[j].ts, pms) * pms
			var ag agg
			for ; j < len(pts) && floorDiv(pts[j].ts, pms)*pms == start; j++ {
				if unit == "" || pts[j].unit == unit {
					ag.add(pts[j])
				}
			}
			if ag.n == 0 {
				continue
			}
			i := int(last - start/pms)
			v, _ := ag.stat(stat)
			v = roundStat(v)
			ev.pts[i] = evalPoint{ts: start, value: v, samples: ag.n, present: true, breaching: crosses(v, threshold, a.cfg.ComparisonOperator)}
			ev.present++
			if ev.pts[i].breaching {
				ev.breaching++
			}
		}
	}
	if a.cfg.TreatMissingData == "breaching" {
		ev.breaching += n - ev.present
	}
	switch {
	case ev.breaching >= a.m():
		ev.state = stateAlarm
	case ev.present == 0 && a.cfg.TreatMissingData == "ignore":
		ev.ok = false
	case ev.present == 0 && a.cfg.TreatMissingData == "notBreaching":
		ev.state = stateOK
	case ev.present == 0:
		ev.state = stateInsufficient
	default:
		ev.state = stateOK
	}
	return ev
}

// reason words an evaluation's outcome as CloudWatch does, with its StateReasonData.
func (ev evaluation) reason(a *alarm, now time.Time) (reason, data string) {
	n := len(ev.pts)
	data = reasonData(a, ev.pts, now)
	switch {
	case ev.state == stateAlarm && ev.present == 0:
		return missingReason(n, "Breaching"), data
	case ev.state == stateAlarm:
		return thresholdReason(a, stateAlarm, filter(ev.pts, true), n), data
	case ev.state == stateOK && ev.present == 0:
		return missingReason(n, "NonBreaching"), data
	case ev.state == stateInsufficient:
		return insufficientReason(n), data
	}
	return thresholdReason(a, stateOK, filter(ev.pts, false), n), data
}

func filter(pts []evalPoint, breaching bool) []evalPoint {
	var out []evalPoint
	for _, p := range pts {
		if p.present && p.breaching == breaching {
			out = append(out, p)
		}
	}
	return out
}

// crosses reports whether v is on the alarm side of threshold.
func crosses(v, threshold float64, op string) bool {
	switch op {
	case "GreaterThanThreshold":
		return v > threshold
	case "GreaterThanOrEqualToThreshold":
		return v >= threshold
	case "LessThanThreshold":
		return v < threshold
	case "LessThanOrEqualToThreshold":
		return v <= threshold
	}
	return false
}

// change is one state transition: the alarm before and after.
type change struct {
	before, after *alarm
}

func newChange(a *alarm, state, reason, data string, now time.Time) *change {
	cp := *a
	cp.state, cp.reason, cp.reasonData = state, truncate(reason, 1023), data
	cp.stateUpdated, cp.stateTransitioned = now, now
	return &change{before: a, after: &cp}
}

// transition sets a's state (SetAlarmState) and returns the change, nil when the
// state stays the same (then only the reason is updated). The caller holds s.mu.
func (s *Service) transition(ctx context.Context, a *alarm, state, reason, data string, now time.Time) (*change, error) {
	ch := newChange(a, state, reason, data, now)
	if state == a.state {
		ch.after.stateTransitioned = a.stateTransitioned
		err := s.db.Tx(ctx, func(tx *sql.Tx) error { return saveAlarm(ctx, tx, ch.after) })
		if err == nil {
			s.alarms[alarmKey{a.region, a.cfg.AlarmName}] = ch.after
		}
		return nil, err
	}
	if err := s.commit(ctx, []*change{ch}); err != nil {
		return nil, err
	}
	return ch, nil
}

// commit saves state changes and their history in one transaction, then installs
// them in memory. The caller holds s.mu.
func (s *Service) commit(ctx context.Context, cs []*change) error {
	if len(cs) == 0 {
		return nil
	}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		for _, c := range cs {
			if err := saveAlarm(ctx, tx, c.after); err != nil {
				return err
			}
			b, a := c.before, c.after
			summary := fmt.Sprintf("Alarm updated from %s to %s", b.state, a.state)
			if err := addHistory(ctx, tx, a.region, a.cfg.AlarmName, a.stateUpdated, "StateUpdate", summary,
				stateHistoryData(b.state, b.reason, a.state, a.reason, a.reasonData)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range cs {
		s.alarms[alarmKey{c.after.region, c.after.cfg.AlarmName}] = c.after
	}
	return nil
}
