package cloudwatch

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// GetMetricData limits.
const (
	maxMetricDataQueries   = 500
	defaultMaxDatapoints   = 100800
	scanTimestampAscending = "TimestampAscending"
)

var metricIDPattern = regexp.MustCompile(`^[a-z][a-zA-Z0-9_]*$`)

type labelOptions struct{ Timezone *string }

type getMetricDataInput struct {
	MetricDataQueries []MetricDataQuery
	StartTime         *time.Time
	EndTime           *time.Time
	NextToken         *string
	ScanBy            *string
	MaxDatapoints     *int32
	LabelOptions      *labelOptions
}

type getMetricDataOutput struct {
	MetricDataResults []MetricDataResult
	NextToken         *string
	Messages          []MessageData
}

// validateQueries checks the queries of GetMetricData (and of metric-math alarms).
// Expressions (metric math, Metrics Insights) are refused with a clear message: the
// simulator evaluates MetricStat queries only.
func validateQueries(member string, qs []MetricDataQuery) error {
	seen := map[string]bool{}
	for i, q := range qs {
		m := fmt.Sprintf("%s.member.%d", member, i+1)
		if !metricIDPattern.MatchString(q.Id) || len(q.Id) > 255 {
			return validationError("The value %s for parameter %s.Id is invalid. Ids must start with a lowercase letter and contain only letters, numbers and underscores.", q.Id, m)
		}
		if seen[q.Id] {
			return validationError("The value %s for parameter %s.Id is not unique.", q.Id, m)
		}
		seen[q.Id] = true
		switch {
		case q.Expression != nil && q.MetricStat != nil:
			return validationError("Exactly one element of the metrics list should specify either MetricStat or Expression (%s).", m)
		case q.Expression != nil:
			return validationError("The simulator does not evaluate metric math or Metrics Insights expressions (%s.Expression); use a MetricStat query.", m)
		case q.MetricStat == nil:
			return validationError("Exactly one element of the metrics list should specify either MetricStat or Expression (%s).", m)
		}
		ms := q.MetricStat
		switch {
		case ms.Metric == nil || ms.Metric.Namespace == nil || ms.Metric.MetricName == nil:
			return missingParameter(m + ".MetricStat.Metric")
		case ms.Period == nil:
			return missingParameter(m + ".MetricStat.Period")
		case ms.Stat == nil:
			return missingParameter(m + ".MetricStat.Stat")
		}
		if !validQueryPeriod(*ms.Period) {
			return validationError("The value %d for parameter %s.MetricStat.Period is invalid. Period must be 1, 5, 10, 30 or a multiple of 60.", *ms.Period, m)
		}
		if _, ok := (agg{}).stat(*ms.Stat); !ok {
			return validationError("The value %s for parameter %s.MetricStat.Stat is invalid. The simulator computes SampleCount, Average, Sum, Minimum and Maximum.", *ms.Stat, m)
		}
		if err := validateUnit(strings.ToLower(member[:1])+member[1:]+".member.metricStat.unit", ms.Unit); err != nil {
			return err
		}
	}
	return nil
}

// dataToken is GetMetricData's continuation: the query and datapoint to resume at.
func dataToken(q, off int) *string {
	return ptr(base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(q) + ":" + strconv.Itoa(off))))
}

func parseDataToken(tok string) (q, off int, ok bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, 0, false
	}
	a, c, found := strings.Cut(string(b), ":")
	q, err1 := strconv.Atoi(a)
	off, err2 := strconv.Atoi(c)
	return q, off, found && err1 == nil && err2 == nil && q >= 0 && off >= 0
}

func (s *Service) getMetricData(c *service.Call, in *getMetricDataInput) (*getMetricDataOutput, error) {
	switch {
	case in.MetricDataQueries == nil:
		return nil, missingParameter("MetricDataQueries")
	case in.StartTime == nil:
		return nil, missingParameter("StartTime")
	case in.EndTime == nil:
		return nil, missingParameter("EndTime")
	case len(in.MetricDataQueries) > maxMetricDataQueries:
		return nil, validationError("The collection MetricDataQueries must not have a size greater than %d.", maxMetricDataQueries)
	}
	if err := validateQueries("MetricDataQueries", in.MetricDataQueries); err != nil {
		return nil, err
	}
	if in.ScanBy != nil && *in.ScanBy != scanTimestampAscending && *in.ScanBy != "TimestampDescending" {
		return nil, validationError("1 validation error detected: Value '%s' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]", *in.ScanBy)
	}
	start, end := in.StartTime.UTC(), in.EndTime.UTC()
	if !start.Before(end) {
		return nil, validationError("The parameter StartTime must be less than the parameter EndTime.")
	}
	limit := defaultMaxDatapoints
	if in.MaxDatapoints != nil {
		if *in.MaxDatapoints < 1 {
			return nil, validationError("The parameter MaxDatapoints must be greater than 0.")
		}
		limit = int(*in.MaxDatapoints)
	}
	firstQ, firstOff := 0, 0
	if in.NextToken != nil {
		var ok bool
		if firstQ, firstOff, ok = parseDataToken(*in.NextToken); !ok || firstQ >= len(in.MetricDataQueries) {
			return nil, invalidNextToken()
		}
	}
	if err := c.Authorize("cloudwatch:GetMetricData", ""); err != nil {
		return nil, err
	}
	c.Record.DataEvent = true
	ascending := in.ScanBy != nil && *in.ScanBy == scanTimestampAscending
	out := &getMetricDataOutput{MetricDataResults: []MetricDataResult{}}
	budget := limit
	s.mu.RLock()
	defer s.mu.RUnlock()
	for qi := firstQ; qi < len(in.MetricDataQueries); qi++ {
		q := in.MetricDataQueries[qi]
		if q.ReturnData != nil && !*q.ReturnData {
			continue
		}
		st := q.MetricStat
		pms := int64(*st.Period) * 1000
		from := floorDiv(ms(start), pms) * pms
		bs := buckets(s.lookup(c.Region, *st.Metric.Namespace, *st.Metric.MetricName, st.Metric.Dimensions), from, ms(end), *st.Period, deref(st.Unit))
		if !ascending {
			slices.Reverse(bs)
		}
		off := 0
		if qi == firstQ {
			off = min(firstOff, len(bs))
		}
		bs = bs[off:]
		res := MetricDataResult{Id: ptr(q.Id), Label: q.Label, StatusCode: ptr("Complete"), Timestamps: []time.Time{}, Values: []float64{}}
		if res.Label == nil {
			res.Label = st.Metric.MetricName
		}
		n := min(len(bs), budget)
		for _, b := range bs[:n] {
			v, _ := b.a.stat(*st.Stat)
			res.Timestamps = append(res.Timestamps, fromMS(b.ts))
			res.Values = append(res.Values, roundStat(v))
		}
		budget -= n
		if n < len(bs) {
			res.StatusCode = ptr("PartialData")
			out.MetricDataResults = append(out.MetricDataResults, res)
			out.NextToken = dataToken(qi, off+n)
			break
		}
		out.MetricDataResults = append(out.MetricDataResults, res)
	}
	return out, nil
}
