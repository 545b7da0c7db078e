package cloudwatch

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// agg is the aggregate of the points of one period.
type agg struct {
	n, sum, lo, hi float64
	unit           string
}

func (a *agg) add(p point) {
	if a.n == 0 {
		a.lo, a.hi = p.lo, p.hi
	} else {
		a.lo, a.hi = min(a.lo, p.lo), max(a.hi, p.hi)
	}
	a.n += p.n
	a.sum += p.sum
	if p.unit != "" {
		a.unit = p.unit
	}
}

// stat returns statistic name of a; ok is false for an unknown statistic.
func (a agg) stat(name string) (float64, bool) {
	switch name {
	case "SampleCount":
		return a.n, true
	case "Sum":
		return a.sum, true
	case "Average":
		if a.n == 0 {
			return 0, true
		}
		return a.sum / a.n, true
	case "Minimum":
		return a.lo, true
	case "Maximum":
		return a.hi, true
	}
	return 0, false
}

// bucket is one period's aggregate, starting at ts (ms).
type bucket struct {
	ts int64
	a  agg
}

// buckets aggregates the points in [from, to) into periods of period seconds
// aligned to multiples of the period since the epoch (which is how CloudWatch
// rounds: a 6-hour period starts at 00:00, 06:00, 12:00 or 18:00 UTC). unit, when
// set, keeps only points put with that unit. Buckets come oldest first and only
// where there is data.
func buckets(ser *series, from, to int64, period int32, unit string) []bucket {
	if ser == nil {
		return nil
	}
	pms := int64(period) * 1000
	var out []bucket
	for _, p := range ser.window(from, to) {
		if unit != "" && p.unit != unit {
			continue
		}
		start := floorDiv(p.ts, pms) * pms
		if n := len(out); n > 0 && out[n-1].ts == start {
			out[n-1].a.add(p)
			continue
		}
		b := bucket{ts: start}
		b.a.add(p)
		out = append(out, b)
	}
	return out
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// standardUnits is the StandardUnit enum.
var standardUnits = []string{"Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
	"Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second",
	"Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
	"Gigabits/Second", "Terabits/Second", "Count/Second", "None"}

func validateUnit(member string, u *string) error {
	if u == nil || slices.Contains(standardUnits, *u) {
		return nil
	}
	return validationError("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [%s]",
		*u, member, strings.Join(standardUnits, ", "))
}

// validQueryPeriod: 1, 5, 10, 30 (high resolution) or a multiple of 60 seconds.
func validQueryPeriod(p int32) bool {
	return p == 1 || p == 5 || p == 10 || p == 30 || (p > 0 && p%60 == 0)
}

// maxStatisticsDatapoints is GetMetricStatistics' per-call limit.
const maxStatisticsDatapoints = 1440

type getMetricStatisticsInput struct {
	Namespace          *string
	MetricName         *string
	Dimensions         []Dimension
	StartTime          *time.Time
	EndTime            *time.Time
	Period             *int32
	Statistics         []string
	ExtendedStatistics []string
	Unit               *string
}

type getMetricStatisticsOutput struct {
	Label      *string
	Datapoints []Datapoint
}

func (s *Service) getMetricStatistics(c *service.Call, in *getMetricStatisticsInput) (*getMetricStatisticsOutput, error) {
	switch {
	case in.Namespace == nil:
		return nil, missingParameter("Namespace")
	case in.MetricName == nil:
		return nil, missingParameter("MetricName")
	case in.StartTime == nil:
		return nil, missingParameter("StartTime")
	case in.EndTime == nil:
		return nil, missingParameter("EndTime")
	case in.Period == nil:
		return nil, missingParameter("Period")
	}
	if err := validateUnit("unit", in.Unit); err != nil {
		return nil, err
	}
	period := *in.Period
	if !validQueryPeriod(period) {
		return nil, invalidParameterValue("The parameter Period must be a multiple of 60.")
	}
	if len(in.Statistics) == 0 && len(in.ExtendedStatistics) == 0 {
		return nil, invalidParameterCombination("At least one of the parameters Statistics and ExtendedStatistics must be specified.")
	}
	if len(in.ExtendedStatistics) > 0 {
		return nil, invalidParameterValue("The simulator does not compute percentile statistics (ExtendedStatistics); use Statistics.")
	}
	for _, st := range in.Statistics {
		if _, ok := (agg{}).stat(st); !ok {
			return nil, validationError("1 validation error detected: Value '[%s]' at 'statistics' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [Maximum, SampleCount, Sum, Minimum, Average]]", strings.Join(in.Statistics, ", "))
		}
	}
	start, end := in.StartTime.UTC(), in.EndTime.UTC()
	if !start.Before(end) {
		return nil, invalidParameterValue("The parameter StartTime must be less than the parameter EndTime.")
	}
	pms := int64(period) * 1000
	from := floorDiv(ms(start), pms) * pms
	n := (ms(end) - from + pms - 1) / pms
	if n > maxStatisticsDatapoints {
		return nil, invalidParameterCombination("You have requested up to %d datapoints, which exceeds the limit of %d. You may reduce the datapoints requested by increasing Period, or decreasing the time range.", n, maxStatisticsDatapoints)
	}
	if err := c.Authorize("cloudwatch:GetMetricStatistics", ""); err != nil {
		return nil, err
	}
	c.Record.DataEvent = true
	s.mu.RLock()
	bs := buckets(s.lookup(c.Region, *in.Namespace, *in.MetricName, in.Dimensions), from, ms(end), period, deref(in.Unit))
	s.mu.RUnlock()
	out := &getMetricStatisticsOutput{Label: in.MetricName, Datapoints: make([]Datapoint, 0, len(bs))}
	for _, b := range bs {
		dp := Datapoint{Timestamp: ptr(fromMS(b.ts)), Unit: ptr(unitOr(b.a.unit, in.Unit))}
		for _, st := range in.Statistics {
			v, _ := b.a.stat(st)
			v = roundStat(v)
			switch st {
			case "SampleCount":
				dp.SampleCount = ptr(v)
			case "Average":
				dp.Average = ptr(v)
			case "Sum":
				dp.Sum = ptr(v)
			case "Minimum":
				dp.Minimum = ptr(v)
			case "Maximum":
				dp.Maximum = ptr(v)
			}
		}
		out.Datapoints = append(out.Datapoints, dp)
	}
	return out, nil
}

func unitOr(u string, want *string) string {
	if want != nil {
		return *want
	}
	if u == "" {
		return "None"
	}
	return u
}

// roundStat drops floating-point noise from sums and averages (0.1+0.2) the way
// CloudWatch's stored decimals do not show it.
func roundStat(v float64) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	r := math.Round(v*1e10) / 1e10
	if math.Abs(r-v) < 1e-9*math.Max(1, math.Abs(v)) {
		return r
	}
	return v
}
