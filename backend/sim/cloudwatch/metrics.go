package cloudwatch

import (
	"context"
	"encoding/base64"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// PutMetricData limits.
const (
	maxMetricData        = 1000
	maxValuesPerDatum    = 150
	maxPutMetricDataBody = 1 << 20
	maxPastData          = 14 * 24 * time.Hour
	maxFutureData        = 2 * time.Hour
	// CloudWatch rejects values whose magnitude is outside this range (except 0).
	minMagnitude = 8.515920e-109
	maxMagnitude = 1.174271e+108
)

type statisticSet struct {
	SampleCount *float64
	Sum         *float64
	Minimum     *float64
	Maximum     *float64
}

type metricDatum struct {
	MetricName        *string
	Dimensions        []Dimension
	Timestamp         *time.Time
	Value             *float64
	StatisticValues   *statisticSet
	Values            []float64
	Counts            []float64
	Unit              *string
	StorageResolution *int32
}

type putMetricDataInput struct {
	Namespace  *string
	MetricData []metricDatum
}

type putMetricDataOutput struct{}

func checkValue(member string, v float64) error {
	a := math.Abs(v)
	if math.IsNaN(v) || math.IsInf(v, 0) || (a != 0 && (a < minMagnitude || a > maxMagnitude)) {
		return invalidParameterValue("The value %s for parameter %s is invalid.", strconv.FormatFloat(v, 'g', -1, 64), member)
	}
	return nil
}

// toPoint validates one datum and turns it into a stored point.
func toPoint(i int, d metricDatum, now time.Time) (point, error) {
	m := fmt.Sprintf("MetricData.member.%d", i+1)
	if d.MetricName == nil {
		return point{}, missingParameter(m + ".MetricName")
	}
	if err := fromModel(model.ValidateDimensions(modelDims(d.Dimensions))); err != nil {
		return point{}, err
	}
	if err := validateUnit(fmt.Sprintf("metricData.%d.member.unit", i+1), d.Unit); err != nil {
		return point{}, err
	}
	res := int32(60)
	if d.StorageResolution != nil {
		res = *d.StorageResolution
		if res != 1 && res != 60 {
			return point{}, invalidParameterValue("The value %d for parameter %s.StorageResolution is invalid.", res, m)
		}
	}
	ts := now
	if d.Timestamp != nil {
		ts = d.Timestamp.UTC()
		if ts.Before(now.Add(-maxPastData)) {
			return point{}, invalidParameterValue("The parameter %s.Timestamp must specify a time no more than two weeks in the past.", m)
		}
		if ts.After(now.Add(maxFutureData)) {
			return point{}, invalidParameterValue("The parameter %s.Timestamp must specify a time no more than two hours in the future.", m)
		}
	}
	p := point{ts: ts.Truncate(time.Duration(res) * time.Second).UnixMilli(), unit: deref(d.Unit)}
	kinds := 0
	if d.Value != nil {
		kinds++
	}
	if d.StatisticValues != nil {
		kinds++
	}
	if len(d.Values) > 0 {
		kinds++
	}
	switch {
	case kinds > 1:
		return point{}, invalidParameterCombination("The parameters %s.Value, %s.StatisticValues and %s.Values are mutually exclusive and you have specified more than one.", m, m, m)
	case kinds == 0:
		return point{}, missingParameter(m + ".Value")
	case d.Value != nil:
		if err := checkValue(m+".Value", *d.Value); err != nil {
			return point{}, err
		}
		p.n, p.sum, p.lo, p.hi = 1, *d.Value, *d.Value, *d.Value
	case d.StatisticValues != nil:
		sv := d.StatisticValues
		if sv.SampleCount == nil || sv.Sum == nil || sv.Minimum == nil || sv.Maximum == nil {
			return point{}, missingParameter(m + ".StatisticValues.SampleCount, Sum, Minimum and Maximum")
		}
		for name, v := range map[string]float64{"SampleCount": *sv.SampleCount, "Sum": *sv.Sum, "Minimum": *sv.Minimum, "Maximum": *sv.Maximum} {
			if err := checkValue(m+".StatisticValues."+name, v); err != nil {
				return point{}, err
			}
		}
		if *sv.SampleCount <= 0 || *sv.Minimum > *sv.Maximum {
			return point{}, invalidParameterValue("The parameter %s.StatisticValues is invalid: SampleCount must be positive and Minimum not above Maximum.", m)
		}
		p.n, p.sum, p.lo, p.hi = *sv.SampleCount, *sv.Sum, *sv.Minimum, *sv.Maximum
	default:
		if len(d.Values) > maxValuesPerDatum {
			return point{}, invalidParameterValue("The collection %s.Values must not have a size greater than %d.", m, maxValuesPerDatum)
		}
		if len(d.Counts) > 0 && len(d.Counts) != len(d.Values) {
			return point{}, invalidParameterValue("The parameters %s.Values and %s.Counts must be of the same size.", m, m)
		}
		for j, v := range d.Values {
			if err := checkValue(fmt.Sprintf("%s.Values.member.%d", m, j+1), v); err != nil {
				return point{}, err
			}
			c := 1.0
			if len(d.Counts) > 0 {
				c = d.Counts[j]
			}
			if j == 0 {
				p.lo, p.hi = v, v
			}
			p.n += c
			p.sum += v * c
			p.lo, p.hi = min(p.lo, v), max(p.hi, v)
		}
	}
	return p, nil
}

func (s *Service) putMetricData(c *service.Call, in *putMetricDataInput) (*putMetricDataOutput, error) {
	if len(c.Req.Body) > maxPutMetricDataBody {
		return nil, cwError(413, "RequestEntityTooLarge", "RequestEntityTooLarge", "Request size %d exceeded %d bytes", len(c.Req.Body), maxPutMetricDataBody)
	}
	if in.Namespace == nil {
		return nil, missingParameter("Namespace")
	}
	ns := *in.Namespace
	if err := fromModel(model.ValidateMetric(model.Metric{Namespace: ns, MetricName: "-"})); err != nil {
		return nil, err
	}
	if strings.HasPrefix(ns, "AWS/") {
		return nil, invalidParameterValue("The value %s for parameter Namespace is invalid.", ns)
	}
	if len(in.MetricData) == 0 {
		return nil, missingParameter("MetricData")
	}
	if len(in.MetricData) > maxMetricData {
		return nil, invalidParameterValue("The collection MetricData must not have a size greater than %d.", maxMetricData)
	}
	data := make([]datum, 0, len(in.MetricData))
	for i, d := range in.MetricData {
		p, err := toPoint(i, d, c.Now)
		if err != nil {
			return nil, err
		}
		if err := fromModel(model.ValidateMetric(model.Metric{Namespace: ns, MetricName: *d.MetricName})); err != nil {
			return nil, err
		}
		data = append(data, datum{name: *d.MetricName, dims: d.Dimensions, p: p})
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "cloudwatch:PutMetricData", Context: map[string][]string{"cloudwatch:namespace": {ns}}}); err != nil {
		return nil, err
	}
	c.Record.DataEvent = true
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.store(c.Ctx, c.Region, ns, data); err != nil {
		return nil, err
	}
	return &putMetricDataOutput{}, nil
}

// Datum is one value another simulated service publishes (billing's
// EstimatedCharges): a point at Timestamp, kept at standard (minute) resolution.
type Datum struct {
	MetricName string
	Dimensions []model.Dimension
	Timestamp  time.Time
	Value      float64
	Unit       string
}

// PutMetricDataInternal stores data the way PutMetricData does, without a request:
// AWS services publish into their reserved AWS/ namespaces this way.
func (s *Service) PutMetricDataInternal(ctx context.Context, region, namespace string, data []Datum) error {
	ds := make([]datum, len(data))
	for i, d := range data {
		ds[i] = datum{name: d.MetricName, dims: wireDims(d.Dimensions), p: point{
			ts: d.Timestamp.UTC().Truncate(time.Minute).UnixMilli(), n: 1, sum: d.Value, lo: d.Value, hi: d.Value, unit: d.Unit}}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store(ctx, region, namespace, ds)
}

func modelDims(ds []Dimension) []model.Dimension {
	out := make([]model.Dimension, len(ds))
	for i, d := range ds {
		out[i] = model.Dimension(d)
	}
	return out
}

func wireDims(ds []model.Dimension) []Dimension {
	out := make([]Dimension, len(ds))
	for i, d := range ds {
		out[i] = Dimension(d)
	}
	return out
}

type listMetricsInput struct {
	Namespace             *string
	MetricName            *string
	Dimensions            []DimensionFilter
	NextToken             *string
	RecentlyActive        *string
	IncludeLinkedAccounts *bool
	OwningAccount         *string
}

type listMetricsOutput struct {
	Metrics   []Metric
	NextToken *string
}

// listMetricsPage is how many metrics ListMetrics returns per call.
const listMetricsPage = 500

func (s *Service) listMetrics(c *service.Call, in *listMetricsInput) (*listMetricsOutput, error) {
	if len(in.Dimensions) > 10 {
		return nil, validationError("1 validation error detected: Value at 'dimensions' failed to satisfy constraint: Member must have length less than or equal to 10")
	}
	if in.RecentlyActive != nil && *in.RecentlyActive != "PT3H" {
		return nil, validationError("1 validation error detected: Value '%s' at 'recentlyActive' failed to satisfy constraint: Member must satisfy enum value set: [PT3H]", *in.RecentlyActive)
	}
	after := ""
	if in.NextToken != nil {
		b, err := base64.RawURLEncoding.DecodeString(*in.NextToken)
		if err != nil || len(b) == 0 {
			return nil, invalidNextToken()
		}
		after = string(b)
	}
	if err := c.Authorize("cloudwatch:ListMetrics", ""); err != nil {
		return nil, err
	}
	recent := int64(math.MinInt64)
	if in.RecentlyActive != nil {
		recent = ms(c.Now.Add(-3 * time.Hour))
	}
	s.mu.RLock()
	type row struct {
		sort string
		m    Metric
	}
	var rows []row
	for k, ser := range s.metrics.byKey {
		if !s.visible(c.Region, k) || len(ser.points) == 0 || ser.points[len(ser.points)-1].ts < recent {
			continue
		}
		if (in.Namespace != nil && k.namespace != *in.Namespace) || (in.MetricName != nil && k.name != *in.MetricName) || !matchesFilters(ser.dims, in.Dimensions) {
			continue
		}
		rows = append(rows, row{sort: k.namespace + "\x00" + k.name + "\x00" + k.dims,
			m: Metric{Namespace: ptr(k.namespace), MetricName: ptr(k.name), Dimensions: slices.Clone(ser.dims)}})
	}
	s.mu.RUnlock()
	slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.sort, b.sort) })
	out := &listMetricsOutput{Metrics: []Metric{}}
	for _, r := range rows {
		if r.sort <= after {
			continue
		}
		if len(out.Metrics) == listMetricsPage {
			out.NextToken = ptr(base64.RawURLEncoding.EncodeToString([]byte(*out.Metrics[len(out.Metrics)-1].Namespace + "\x00" + last(out.Metrics))))
			break
		}
		out.Metrics = append(out.Metrics, r.m)
	}
	return out, nil
}

func last(ms []Metric) string {
	m := ms[len(ms)-1]
	k, _ := keyOf("", "", "", m.Dimensions)
	return *m.MetricName + "\x00" + k.dims
}

// visible reports whether a series stored under k shows to a request in region.
func (s *Service) visible(region string, k seriesKey) bool {
	if k.namespace == billingNamespace {
		_, ok := s.storageRegion(region, k.namespace)
		return ok && k.region == billingRegion
	}
	return k.region == region
}

// matchesFilters: the metric must have every filtered dimension (with the value,
// when one is given).
func matchesFilters(dims []Dimension, fs []DimensionFilter) bool {
	for _, f := range fs {
		found := false
		for _, d := range dims {
			if d.Name == f.Name && (f.Value == nil || d.Value == *f.Value) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
