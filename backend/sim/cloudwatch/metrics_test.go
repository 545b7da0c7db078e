package cloudwatch_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/labconsole/labconsole/backend/sim"
)

func TestPutMetricDataValidation(t *testing.T) {
	ctx := context.Background()
	s := newSim(t, sim.Options{})
	cw, _ := clients(s, "")
	datum := func(f func(*cwtypes.MetricDatum)) []cwtypes.MetricDatum {
		d := cwtypes.MetricDatum{MetricName: aws.String("m"), Value: aws.Float64(1)}
		f(&d)
		return []cwtypes.MetricDatum{d}
	}
	cases := []struct {
		name string
		in   *cloudwatch.PutMetricDataInput
		code string
		msg  string
	}{
		{"reserved namespace", &cloudwatch.PutMetricDataInput{Namespace: aws.String("AWS/Billing"), MetricData: datum(func(*cwtypes.MetricDatum) {})},
			"InvalidParameterValue", "The value AWS/Billing for parameter Namespace is invalid."},
		{"too old", &cloudwatch.PutMetricDataInput{Namespace: aws.String("Lab"), MetricData: datum(func(d *cwtypes.MetricDatum) { d.Timestamp = aws.Time(t0.Add(-15 * 24 * time.Hour)) })},
			"InvalidParameterValue", "The parameter MetricData.member.1.Timestamp must specify a time no more than two weeks in the past."},
		{"both value kinds", &cloudwatch.PutMetricDataInput{Namespace: aws.String("Lab"), MetricData: datum(func(d *cwtypes.MetricDatum) { d.Values = []float64{1, 2} })},
			"InvalidParameterCombination", ""},
		{"counts mismatch", &cloudwatch.PutMetricDataInput{Namespace: aws.String("Lab"), MetricData: datum(func(d *cwtypes.MetricDatum) {
			d.Value, d.Values, d.Counts = nil, []float64{1, 2}, []float64{1}
		})}, "InvalidParameterValue", "The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be of the same size."},
		{"resolution", &cloudwatch.PutMetricDataInput{Namespace: aws.String("Lab"), MetricData: datum(func(d *cwtypes.MetricDatum) { d.StorageResolution = aws.Int32(5) })},
			"InvalidParameterValue", "The value 5 for parameter MetricData.member.1.StorageResolution is invalid."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cw.PutMetricData(ctx, tc.in)
			apiErr(t, err, tc.code, tc.msg)
		})
	}
}

func TestMetricsListAndRead(t *testing.T) {
	ctx := context.Background()
	s := newSim(t, sim.Options{})
	cw, _ := clients(s, "")
	now := s.Clock().Now().Truncate(time.Minute)
	// 510 metrics (two pages), one with a week of hourly datapoints.
	for batch := 0; batch < 510; batch += 255 {
		var data []cwtypes.MetricDatum
		for i := batch; i < batch+255; i++ {
			data = append(data, cwtypes.MetricDatum{MetricName: aws.String("Requests"), Value: aws.Float64(float64(i)),
				Dimensions: []cwtypes.Dimension{{Name: aws.String("Host"), Value: aws.String(fmt.Sprintf("h%03d", i))}}})
		}
		if _, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("Web"), MetricData: data}); err != nil {
			t.Fatal(err)
		}
	}
	var series []cwtypes.MetricDatum
	for h := 0; h < 7*24; h++ {
		series = append(series, cwtypes.MetricDatum{MetricName: aws.String("Latency"), Timestamp: aws.Time(now.Add(-time.Duration(h) * time.Hour)),
			Values: []float64{float64(h), float64(h) + 10}, Counts: []float64{1, 3}})
	}
	if _, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("Web"), MetricData: series}); err != nil {
		t.Fatal(err)
	}

	p := cloudwatch.NewListMetricsPaginator(cw, &cloudwatch.ListMetricsInput{Namespace: aws.String("Web")})
	total, pages := 0, 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		total, pages = total+len(out.Metrics), pages+1
	}
	if total != 511 || pages != 2 {
		t.Fatalf("ListMetrics: %d metrics in %d pages", total, pages)
	}
	out, err := cw.ListMetrics(ctx, &cloudwatch.ListMetricsInput{Namespace: aws.String("Web"),
		Dimensions: []cwtypes.DimensionFilter{{Name: aws.String("Host"), Value: aws.String("h007")}}})
	if err != nil || len(out.Metrics) != 1 {
		t.Fatalf("dimension filter: %d %v", len(out.Metrics), err)
	}

	stats, err := cw.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{Namespace: aws.String("Web"), MetricName: aws.String("Latency"),
		StartTime: aws.Time(now.Add(-3 * time.Hour)), EndTime: aws.Time(now.Add(time.Minute)), Period: aws.Int32(3600),
		Statistics: []cwtypes.Statistic{cwtypes.StatisticSampleCount, cwtypes.StatisticAverage, cwtypes.StatisticMaximum}})
	if err != nil {
		t.Fatal(err)
	}
	last := stats.Datapoints[len(stats.Datapoints)-1]
	if len(stats.Datapoints) != 4 || aws.ToFloat64(last.SampleCount) != 4 || aws.ToFloat64(last.Average) != 7.5 || aws.ToFloat64(last.Maximum) != 10 || last.Sum != nil {
		t.Fatalf("statistics = %d points, last %+v", len(stats.Datapoints), last)
	}

	q := cwtypes.MetricDataQuery{Id: aws.String("lat"), MetricStat: &cwtypes.MetricStat{Period: aws.Int32(3600), Stat: aws.String("Minimum"),
		Metric: &cwtypes.Metric{Namespace: aws.String("Web"), MetricName: aws.String("Latency")}}}
	in := &cloudwatch.GetMetricDataInput{MetricDataQueries: []cwtypes.MetricDataQuery{q}, StartTime: aws.Time(now.Add(-7 * 24 * time.Hour)),
		EndTime: aws.Time(now.Add(time.Minute)), MaxDatapoints: aws.Int32(100)}
	var got []float64
	for {
		res, err := cw.GetMetricData(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, res.MetricDataResults[0].Values...)
		if res.NextToken == nil {
			break
		}
		if res.MetricDataResults[0].StatusCode != cwtypes.StatusCodePartialData {
			t.Fatalf("a truncated result must say PartialData, got %s", res.MetricDataResults[0].StatusCode)
		}
		in.NextToken = res.NextToken
	}
	if len(got) != 168 || got[0] != 0 || got[167] != 167 {
		t.Fatalf("GetMetricData descending: %d values, first %v last %v", len(got), got[0], got[len(got)-1])
	}
	in.NextToken, in.ScanBy, in.MaxDatapoints = nil, cwtypes.ScanByTimestampAscending, nil
	res, err := cw.GetMetricData(ctx, in)
	if err != nil || res.MetricDataResults[0].Values[0] != 167 || aws.ToString(res.MetricDataResults[0].Label) != "Latency" {
		t.Fatalf("ascending: %v %v", res.MetricDataResults[0].Values[:2], err)
	}
	bad := q
	bad.Id = aws.String("Lat")
	_, err = cw.GetMetricData(ctx, &cloudwatch.GetMetricDataInput{MetricDataQueries: []cwtypes.MetricDataQuery{bad}, StartTime: in.StartTime, EndTime: in.EndTime})
	apiErr(t, err, "ValidationError", "")
}
