package awsapi

import (
	"context"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/labconsole/labconsole/model"
)

// maxNamespacePages bounds ListNamespaces on a large real account (500 metrics a page).
const maxNamespacePages = 20

// ListMetrics implements backend.CloudWatch.
func (b *Backend) ListMetrics(ctx context.Context, f model.MetricFilter, req model.PageRequest) (model.Page[model.Metric], error) {
	return b.listMetrics(ctx, f, req.Token, "")
}

func (b *Backend) listMetrics(ctx context.Context, f model.MetricFilter, token, region string) (model.Page[model.Metric], error) {
	in := &cloudwatch.ListMetricsInput{}
	if f.Namespace != "" {
		in.Namespace = aws.String(f.Namespace)
	}
	if f.MetricName != "" {
		in.MetricName = aws.String(f.MetricName)
	}
	for _, d := range f.Dimensions {
		df := types.DimensionFilter{Name: aws.String(d.Name)}
		if d.Value != "" {
			df.Value = aws.String(d.Value)
		}
		in.Dimensions = append(in.Dimensions, df)
	}
	if token != "" {
		in.NextToken = aws.String(token)
	}
	out, err := b.cloudwatch.ListMetrics(ctx, in, cwRegion(region))
	if err != nil {
		return model.Page[model.Metric]{}, wrap("cloudwatch:ListMetrics", err)
	}
	page := model.Page[model.Metric]{Items: make([]model.Metric, 0, len(out.Metrics)), NextToken: aws.ToString(out.NextToken)}
	for _, m := range out.Metrics {
		page.Items = append(page.Items, model.Metric{Namespace: aws.ToString(m.Namespace), MetricName: aws.ToString(m.MetricName), Dimensions: dimensionsFrom(m.Dimensions)})
	}
	return page, nil
}

// ListNamespaces implements backend.CloudWatch. CloudWatch has no such call; the
// console derives the namespaces from ListMetrics, and so does this (up to 10,000
// metrics), sorted with the AWS/ ones first as the Browse tab shows them.
func (b *Backend) ListNamespaces(ctx context.Context) ([]string, error) {
	seen := map[string]bool{}
	token := ""
	for range maxNamespacePages {
		page, err := b.listMetrics(ctx, model.MetricFilter{}, token, "")
		if err != nil {
			return nil, err
		}
		for _, m := range page.Items {
			seen[m.Namespace] = true
		}
		if token = page.NextToken; token == "" {
			break
		}
	}
	out := make([]string, 0, len(seen))
	for ns := range seen {
		out = append(out, ns)
	}
	sort.Slice(out, func(i, j int) bool {
		ai, aj := strings.HasPrefix(out[i], "AWS/"), strings.HasPrefix(out[j], "AWS/")
		if ai != aj {
			return !ai
		}
		return out[i] < out[j]
	})
	return out, nil
}

// BillingMetrics implements backend.CloudWatch: AWS/Billing lives in us-east-1
// whatever the console's region.
func (b *Backend) BillingMetrics(ctx context.Context) ([]model.BillingMetricGroup, error) {
	var all []model.Metric
	token := ""
	for range maxNamespacePages {
		page, err := b.listMetrics(ctx, model.MetricFilter{Namespace: model.BillingNamespace}, token, model.BillingRegion)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if token = page.NextToken; token == "" {
			break
		}
	}
	sort.Slice(all, func(i, j int) bool {
		return all[i].DimensionValue("ServiceName") < all[j].DimensionValue("ServiceName")
	})
	return model.GroupBillingMetrics(all), nil
}

// MetricStatistics implements backend.CloudWatch with GetMetricData (oldest first,
// following its pages), which has no 1,440-datapoint limit. Billing metrics are
// read from us-east-1.
func (b *Backend) MetricStatistics(ctx context.Context, req model.StatisticsRequest) (model.MetricSeries, error) {
	region := ""
	if req.Metric.Namespace == model.BillingNamespace {
		region = model.BillingRegion
	}
	in := &cloudwatch.GetMetricDataInput{
		StartTime: aws.Time(req.Start), EndTime: aws.Time(req.End), ScanBy: types.ScanByTimestampAscending,
		MetricDataQueries: []types.MetricDataQuery{{Id: aws.String("m1"), ReturnData: aws.Bool(true), MetricStat: &types.MetricStat{
			Period: aws.Int32(int32(req.Period)), Stat: aws.String(req.Stat),
			Metric: &types.Metric{Namespace: aws.String(req.Metric.Namespace), MetricName: aws.String(req.Metric.MetricName), Dimensions: dimensionsTo(req.Metric.Dimensions)},
		}}},
	}
	series := model.MetricSeries{Metric: req.Metric, Stat: req.Stat, Period: req.Period, Label: req.Metric.MetricName}
	for {
		out, err := b.cloudwatch.GetMetricData(ctx, in, cwRegion(region))
		if err != nil {
			return model.MetricSeries{}, wrap("cloudwatch:GetMetricData", err)
		}
		for _, r := range out.MetricDataResults {
			if l := aws.ToString(r.Label); l != "" {
				series.Label = l
			}
			for i, ts := range r.Timestamps {
				if i < len(r.Values) {
					series.Points = append(series.Points, model.Datapoint{Timestamp: ts, Value: r.Values[i]})
				}
			}
		}
		if out.NextToken == nil {
			break
		}
		in.NextToken = out.NextToken
	}
	sort.SliceStable(series.Points, func(i, j int) bool { return series.Points[i].Timestamp.Before(series.Points[j].Timestamp) })
	return series, nil
}
