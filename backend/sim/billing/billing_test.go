package billing_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend/sim/billing"
	"github.com/labconsole/labconsole/backend/sim/cloudwatch"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

// recorder is a Metrics that keeps what the bill publishes.
type recorder struct{ data []cloudwatch.Datum }

func (r *recorder) PutMetricDataInternal(_ context.Context, region, namespace string, data []cloudwatch.Datum) error {
	if region != "us-east-1" || namespace != "AWS/Billing" {
		return errors.New("billing metrics belong in us-east-1, AWS/Billing")
	}
	r.data = append(r.data, data...)
	return nil
}

// total returns the Currency-only datapoint at ts.
func (r *recorder) total(ts time.Time) (float64, bool) {
	for _, d := range r.data {
		if len(d.Dimensions) == 1 && d.Timestamp.Equal(ts) {
			return d.Value, true
		}
	}
	return 0, false
}

type fixedCost struct {
	svc string
	usd float64
}

func (f fixedCost) ServiceName() string                        { return f.svc }
func (f fixedCost) HourlyUSD(context.Context) (float64, error) { return f.usd, nil }

func TestChargesAccrueAndResetMonthly(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 3, 31, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	rec := &recorder{}
	b, err := billing.New(ctx, db, clock, rec, fixedCost{"AmazonS3", 1}) // $1/h on top of the base
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Tick(ctx, now.Add(24*time.Hour)); err != nil || len(rec.data) != 0 {
		t.Fatalf("nothing is published while alerts are off: %d points, %v", len(rec.data), err)
	}
	if _, err := b.SetReceiveBillingAlerts(ctx, true); err != nil {
		t.Fatal(err)
	}
	if err := b.Spend(ctx, 250, ""); err != nil {
		t.Fatal(err)
	}
	if err := b.Spend(ctx, 1, "AmazonNothing"); err == nil {
		t.Fatal("unknown service accepted")
	}
	now = time.Date(2026, 4, 1, 7, 0, 0, 0, time.UTC)
	if err := b.Tick(ctx, now); err != nil {
		t.Fatal(err)
	}
	if len(rec.data) != 4*8 {
		t.Fatalf("marks 12:00, 18:00, 00:00 and 06:00 × 8 metrics, got %d points", len(rec.data))
	}
	noon, _ := rec.total(time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC))
	eve, _ := rec.total(time.Date(2026, 3, 31, 18, 0, 0, 0, time.UTC))
	// From account creation (10:00) to 12:00: 2 h at $1.0052/h (no instance running), plus the $250 spent.
	if noon != 252.01 || eve <= noon {
		t.Fatalf("March totals: 12:00 %v, 18:00 %v", noon, eve)
	}
	if april, ok := rec.total(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)); !ok || april != 0 {
		t.Fatalf("the bill resets on the 1st: %v %v", april, ok)
	}
	n := len(rec.data)
	if err := b.Tick(ctx, now); err != nil || len(rec.data) != n {
		t.Fatalf("a second tick publishes nothing new: %d → %d, %v", n, len(rec.data), err)
	}
	if _, err := b.SetReceiveBillingAlerts(ctx, false); !errors.Is(err, billing.ErrCannotDisable) {
		t.Fatalf("turning off: %v", err)
	}
}

type fakeService struct {
	service.Service
	bytes  int64
	alarms int
}

func (f fakeService) StoredBytes(context.Context) (int64, error) { return f.bytes, nil }
func (f fakeService) AlarmCount() int                            { return f.alarms }

// TestSourcesFor: S3's and Logs' stored bytes and CloudWatch's alarms are priced.
func TestSourcesFor(t *testing.T) {
	ctx := context.Background()
	srcs := billing.SourcesFor(map[string]service.Service{
		"s3":         fakeService{bytes: 730 << 30},
		"logs":       fakeService{bytes: 0},
		"monitoring": fakeService{alarms: 12},
		"iam":        nil,
	})
	got := map[string]float64{}
	for _, s := range srcs {
		r, err := s.HourlyUSD(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got[s.ServiceName()] += r
	}
	// 730 GB-month of S3 at $0.025 is $0.025 an hour; 2 alarms beyond the free 10 at
	// $0.10 a month; the fake "monitoring" also reports 0 stored bytes.
	if len(srcs) != 3 || got["AmazonS3"] != 0.025 || got["AmazonCloudWatch"] < 0.000273 || got["AmazonCloudWatch"] > 0.000275 {
		t.Fatalf("sources = %d, rates %v", len(srcs), got)
	}
}
