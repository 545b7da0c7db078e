package billing

import (
	"context"
	"sort"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// Prices of the cost sources the simulator wires (Seoul list prices, rounded).
const (
	S3StandardUSDPerGBMonth  = 0.025
	LogsStorageUSDPerGBMonth = 0.0314
	AlarmUSDPerMonth         = 0.10
	FreeAlarms               = 10
	bytesPerGB               = 1 << 30
	gbMonthToHour            = 1.0 / HoursPerMonth
	alarmMonthToHour         = 1.0 / HoursPerMonth
)

// PerGBMonth prices what a service stores (S3 objects, log events) at usd per
// GB-month; bytes reports the stored size now.
func PerGBMonth(service string, usd float64, bytes func(context.Context) (int64, error)) CostSource {
	return gbSource{service: service, usd: usd, bytes: bytes}
}

type gbSource struct {
	service string
	usd     float64
	bytes   func(context.Context) (int64, error)
}

func (g gbSource) ServiceName() string { return g.service }

func (g gbSource) HourlyUSD(ctx context.Context) (float64, error) {
	n, err := g.bytes(ctx)
	if err != nil {
		return 0, err
	}
	return float64(n) / bytesPerGB * g.usd * gbMonthToHour, nil
}

// PerUnitMonth prices countable resources (alarms) at usd per unit-month beyond the
// free tier.
func PerUnitMonth(service string, usd float64, free int, count func(context.Context) (int, error)) CostSource {
	return unitSource{service: service, usd: usd, free: free, count: count}
}

type unitSource struct {
	service string
	usd     float64
	free    int
	count   func(context.Context) (int, error)
}

func (u unitSource) ServiceName() string { return u.service }

func (u unitSource) HourlyUSD(ctx context.Context) (float64, error) {
	n, err := u.count(ctx)
	if err != nil {
		return 0, err
	}
	return float64(max(n-u.free, 0)) * u.usd * alarmMonthToHour, nil
}

// StoredBytesReporter is what S3 (and CloudWatch Logs) offer the bill: their
// stored size.
type StoredBytesReporter interface {
	StoredBytes(ctx context.Context) (int64, error)
}

// SourcesFor finds the cost sources among the simulator's services (by SigV4
// signing name): services that implement CostSource themselves, S3's and CloudWatch
// Logs' stored bytes, and CloudWatch's alarms. Services added later (S3 while it is
// being written) are picked up by what they offer, with no change here.
func SourcesFor(services map[string]service.Service) []CostSource {
	names := make([]string, 0, len(services))
	for n := range services {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []CostSource
	for _, n := range names {
		svc := services[n]
		if cs, ok := svc.(CostSource); ok {
			out = append(out, cs)
			continue
		}
		switch sb, hasBytes := svc.(StoredBytesReporter); {
		case n == "s3" && hasBytes:
			out = append(out, PerGBMonth("AmazonS3", S3StandardUSDPerGBMonth, sb.StoredBytes))
		case n == "logs" && hasBytes:
			out = append(out, PerGBMonth("AmazonCloudWatch", LogsStorageUSDPerGBMonth, sb.StoredBytes))
		}
		if ac, ok := svc.(interface{ AlarmCount() int }); ok && n == "monitoring" {
			out = append(out, PerUnitMonth("AmazonCloudWatch", AlarmUSDPerMonth, FreeAlarms, func(context.Context) (int, error) { return ac.AlarmCount(), nil }))
		}
	}
	return out
}
