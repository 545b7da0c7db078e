package ec2

import (
	"context"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend/sim/store"
)

// TestRunningInstancesCostMoney: a t2.micro is billed from launch until it
// terminates, at Seoul's On-Demand price.
func TestRunningInstancesCostMoney(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s, err := New(ctx, db, "123456789012", "ap-northeast-2", func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	usd := func() float64 {
		t.Helper()
		v, err := s.HourlyUSD(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if usd() != 0 || s.ServiceName() != "AmazonEC2" {
		t.Fatalf("an empty account costs %v", usd())
	}
	inst := Instance{InstanceId: "i-0123456789abcdef0", InstanceType: "t2.micro", LaunchTime: now}
	if err := s.put(ctx, kindInstance, inst.InstanceId, inst); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	if got := usd(); got != 0.0144 {
		t.Fatalf("running t2.micro: %v", got)
	}
	stopped := now
	inst.TerminatedAt = &stopped
	if err := s.put(ctx, kindInstance, inst.InstanceId, inst); err != nil {
		t.Fatal(err)
	}
	if got := usd(); got != 0 {
		t.Fatalf("terminated: %v", got)
	}
}
