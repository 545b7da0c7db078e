package cloudwatch

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// seriesKey identifies one time series: a metric in a region.
type seriesKey struct {
	region, namespace, name, dims string
}

// point is the aggregate of every value put for a series in one storage bucket
// (a minute at standard resolution, a second at high resolution), which is all a
// statistic over any period needs.
type point struct {
	ts             int64 // Unix milliseconds, start of the bucket
	n, sum, lo, hi float64
	unit           string
}

func (p *point) merge(q point) {
	p.n += q.n
	p.sum += q.sum
	p.lo = min(p.lo, q.lo)
	p.hi = max(p.hi, q.hi)
	if q.unit != "" {
		p.unit = q.unit
	}
}

type series struct {
	id     int64
	key    seriesKey
	dims   []Dimension // sorted by name
	points []point     // ascending ts
}

// window returns the points with from <= ts < to (milliseconds).
func (s *series) window(from, to int64) []point {
	i := sort.Search(len(s.points), func(i int) bool { return s.points[i].ts >= from })
	j := sort.Search(len(s.points), func(i int) bool { return s.points[i].ts >= to })
	if j < i {
		j = i
	}
	return s.points[i:j]
}

// add merges p into the series, keeping points sorted.
func (s *series) add(p point) {
	n := len(s.points)
	if n == 0 || s.points[n-1].ts < p.ts {
		s.points = append(s.points, p)
		return
	}
	i := sort.Search(n, func(i int) bool { return s.points[i].ts >= p.ts })
	if i < n && s.points[i].ts == p.ts {
		s.points[i].merge(p)
		return
	}
	s.points = slices.Insert(s.points, i, p)
}

// metricStore is every series of the account, in memory.
type metricStore struct {
	byKey map[seriesKey]*series
}

func newMetricStore() *metricStore { return &metricStore{byKey: map[seriesKey]*series{}} }

// sortedDims returns a copy of ds ordered by name, the canonical form of a metric's
// identity (CloudWatch treats dimension order as insignificant).
func sortedDims(ds []Dimension) []Dimension {
	out := slices.Clone(ds)
	slices.SortFunc(out, func(a, b Dimension) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func dimsKey(sorted []Dimension) string {
	var b strings.Builder
	for i, d := range sorted {
		if i > 0 {
			b.WriteByte(0x1e)
		}
		b.WriteString(d.Name)
		b.WriteByte(0x1f)
		b.WriteString(d.Value)
	}
	return b.String()
}

func keyOf(region, namespace, name string, dims []Dimension) (seriesKey, []Dimension) {
	sorted := sortedDims(dims)
	return seriesKey{region: region, namespace: namespace, name: name, dims: dimsKey(sorted)}, sorted
}

// storageRegion is where a metric in namespace lives for a request in region, and
// false when the region may not see it: AWS/Billing lives only in us-east-1, and is
// served everywhere unless Options.BillingUSEast1Only.
func (s *Service) storageRegion(region, namespace string) (string, bool) {
	if namespace == billingNamespace {
		if s.opts.BillingUSEast1Only && region != billingRegion {
			return "", false
		}
		return billingRegion, true
	}
	return region, true
}

const (
	billingNamespace = "AWS/Billing"
	billingRegion    = "us-east-1"
)

// lookup finds a series as seen from region; nil when absent or not visible.
func (s *Service) lookup(region, namespace, name string, dims []Dimension) *series {
	r, ok := s.storageRegion(region, namespace)
	if !ok {
		return nil
	}
	k, _ := keyOf(r, namespace, name, dims)
	return s.metrics.byKey[k]
}

// datum is one value (or statistic set) to store.
type datum struct {
	name string
	dims []Dimension
	p    point
}

// store writes data for a metric namespace in region, through to the database, and
// merges it into memory. The caller holds s.mu for writing.
func (s *Service) store(ctx context.Context, region, namespace string, data []datum) error {
	type pending struct {
		key  seriesKey
		dims []Dimension
		ser  *series
	}
	rows := make([]pending, len(data))
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		created := map[seriesKey]int64{}
		for i, d := range data {
			k, sorted := keyOf(region, namespace, d.name, d.dims)
			rows[i] = pending{key: k, dims: sorted, ser: s.metrics.byKey[k]}
			var id int64
			if rows[i].ser != nil {
				id = rows[i].ser.id
			} else if cid, ok := created[k]; ok {
				id = cid
			} else {
				dj, _ := json.Marshal(sorted)
				if err := tx.QueryRowContext(ctx, `INSERT INTO cloudwatch_metrics(region, namespace, name, dimensions) VALUES(?,?,?,?) RETURNING id`,
					region, namespace, d.name, string(dj)).Scan(&id); err != nil {
					return err
				}
				created[k] = id
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO cloudwatch_datapoints(metric_id, ts, count, sum, min, max, unit) VALUES(?,?,?,?,?,?,?)
				ON CONFLICT(metric_id, ts) DO UPDATE SET count = count + excluded.count, sum = sum + excluded.sum,
				min = min(min, excluded.min), max = max(max, excluded.max), unit = excluded.unit`,
				id, d.p.ts, d.p.n, d.p.sum, d.p.lo, d.p.hi, d.p.unit); err != nil {
				return err
			}
			if rows[i].ser == nil {
				rows[i].ser = &series{id: id}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, d := range data {
		ser := s.metrics.byKey[rows[i].key]
		if ser == nil {
			ser = &series{id: rows[i].ser.id, key: rows[i].key, dims: rows[i].dims}
			s.metrics.byKey[rows[i].key] = ser
		}
		ser.add(d.p)
	}
	return nil
}

// loadMetrics reads every series and point into memory.
func (s *Service) loadMetrics(ctx context.Context) error {
	byID := map[int64]*series{}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT id, region, namespace, name, dimensions FROM cloudwatch_metrics`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var region, ns, name, dj string
		if err := rows.Scan(&id, &region, &ns, &name, &dj); err != nil {
			rows.Close()
			return err
		}
		var dims []Dimension
		if err := json.Unmarshal([]byte(dj), &dims); err != nil {
			rows.Close()
			return fmt.Errorf("cloudwatch: metric %d: %w", id, err)
		}
		k, sorted := keyOf(region, ns, name, dims)
		ser := &series{id: id, key: k, dims: sorted}
		byID[id] = ser
		s.metrics.byKey[k] = ser
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	prow, err := s.db.SQL().QueryContext(ctx, `SELECT metric_id, ts, count, sum, min, max, unit FROM cloudwatch_datapoints ORDER BY metric_id, ts`)
	if err != nil {
		return err
	}
	defer prow.Close()
	for prow.Next() {
		var id int64
		var p point
		if err := prow.Scan(&id, &p.ts, &p.n, &p.sum, &p.lo, &p.hi, &p.unit); err != nil {
			return err
		}
		if ser := byID[id]; ser != nil {
			ser.points = append(ser.points, p)
		}
	}
	return prow.Err()
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }
