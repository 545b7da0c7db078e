//go:build bench

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
	simcw "github.com/labconsole/labconsole/backend/sim/cloudwatch"
	"github.com/labconsole/labconsole/model"
)

// BenchmarkEvaluate1000Alarms is one evaluation tick over 1,000 alarms, each on its
// own metric with hourly data (the steady state: no transitions).
// Target: under 10 ms/op.
func BenchmarkEvaluate1000Alarms(b *testing.B) {
	ctx := context.Background()
	s := newSim(b, sim.Options{})
	cw, _ := clients(s, "")
	now := s.Clock().Now().Truncate(time.Minute)
	var data []simcw.Datum
	for h := range 1000 {
		host := fmt.Sprintf("h%04d", h)
		// Ten days back and ten ahead, so however many minutes the loop runs the
		// alarms keep seeing data and stay OK.
		for hour := -240; hour < 240; hour++ {
			data = append(data, simcw.Datum{MetricName: "Requests", Dimensions: []model.Dimension{{Name: "Host", Value: host}},
				Timestamp: now.Add(time.Duration(hour) * time.Hour), Value: float64((hour + 240) % 50)})
		}
		in := alarmInput("alarm-" + host)
		in.Namespace, in.MetricName, in.Period = aws.String("Bench"), aws.String("Requests"), aws.Int32(86400)
		in.Dimensions = []cwtypes.Dimension{{Name: aws.String("Host"), Value: aws.String(host)}}
		if _, err := cw.PutMetricAlarm(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.CloudWatch().PutMetricDataInternal(ctx, s.Region(), "Bench", data); err != nil {
		b.Fatal(err)
	}
	svc := s.CloudWatch()
	if err := svc.Tick(ctx, now.Add(time.Minute)); err != nil { // the one tick with 1,000 transitions
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 2
	for b.Loop() {
		if err := svc.Tick(ctx, now.Add(time.Duration(i)*time.Minute)); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.StopTimer()
	out, _ := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{StateValue: cwtypes.StateValueOk, MaxRecords: aws.Int32(100)})
	if len(out.MetricAlarms) != 100 {
		b.Fatalf("alarms were not evaluated: %d OK", len(out.MetricAlarms))
	}
}

// BenchmarkGetMetricData90Days is the billing chart's call through the real SDK
// (rpc-v2-cbor, SigV4, the in-process transport): 90 days of 6-hour datapoints.
// Target: under 2 ms/op.
func BenchmarkGetMetricData90Days(b *testing.B) {
	ctx := context.Background()
	s := newSim(b, sim.Options{})
	cw, _ := clients(s, "")
	now := s.Clock().Now().Truncate(6 * time.Hour)
	var data []simcw.Datum
	for i := range 90 * 4 {
		data = append(data, simcw.Datum{MetricName: "EstimatedCharges", Dimensions: []model.Dimension{{Name: "Currency", Value: "USD"}},
			Timestamp: now.Add(-time.Duration(i) * 6 * time.Hour), Value: float64(i)})
	}
	if err := s.CloudWatch().PutMetricDataInternal(ctx, "us-east-1", "AWS/Billing", data); err != nil {
		b.Fatal(err)
	}
	in := &cloudwatch.GetMetricDataInput{StartTime: aws.Time(now.Add(-90 * 24 * time.Hour)), EndTime: aws.Time(now.Add(time.Hour)),
		MetricDataQueries: []cwtypes.MetricDataQuery{{Id: aws.String("m1"), MetricStat: &cwtypes.MetricStat{Period: aws.Int32(21600), Stat: aws.String("Maximum"),
			Metric: &cwtypes.Metric{Namespace: aws.String("AWS/Billing"), MetricName: aws.String("EstimatedCharges"),
				Dimensions: []cwtypes.Dimension{{Name: aws.String("Currency"), Value: aws.String("USD")}}}}}}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out, err := cw.GetMetricData(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(out.MetricDataResults[0].Values); n != 360 {
			b.Fatalf("%d datapoints, want 360", n)
		}
	}
}
