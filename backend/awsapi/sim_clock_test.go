package awsapi_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
)

func TestSimulatorClockFastForwardsBilling(t *testing.T) {
	ctx := context.Background()
	s, b := newSim(t, "")
	before, err := b.SimulatorClock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.SetReceiveBillingAlerts(ctx, true); err != nil {
		t.Fatal(err)
	}
	now, err := b.AdvanceClock(ctx, 6*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if d := now.Sub(before); d < 6*time.Hour || d > 6*time.Hour+time.Minute {
		t.Fatalf("the clock moved %s, want 6h", d)
	}
	if got := s.Clock().Now(); got.Sub(now) > time.Minute || got.Before(now) {
		t.Fatalf("simulator clock %s, AdvanceClock said %s", got, now)
	}
	groups, err := b.BillingMetrics(ctx)
	if err != nil || len(groups) != 2 || len(groups[1].Metrics) != 1 {
		t.Fatalf("after fast-forward, billing metrics = %+v %v", groups, err)
	}
	if _, err := b.AdvanceClock(ctx, 0); backend.KindOf(err) != backend.KindValidation {
		t.Fatalf("AdvanceClock(0) = %v, want a validation error", err)
	}
}

func TestSimulatorClockIsSimulatorOnly(t *testing.T) {
	ctx := context.Background()
	s, _ := newSim(t, "")
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	creds := s.AdminCredentials()
	for k, v := range map[string]string{"AWS_ENDPOINT_URL": srv.URL, "AWS_ACCESS_KEY_ID": creds.AccessKeyID, "AWS_SECRET_ACCESS_KEY": creds.SecretAccessKey,
		"AWS_REGION": "ap-northeast-2", "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_PROFILE": "", "AWS_CA_BUNDLE": ""} {
		t.Setenv(k, v)
	}
	b, err := awsapi.NewAWS(ctx, awsapi.AWSOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var be *backend.Error
	if _, err := b.AdvanceClock(ctx, time.Hour); !errors.As(err, &be) || be.Code != "SimulatorOnly" {
		t.Fatalf("AdvanceClock on AWS: %v", err)
	}
	if _, err := b.SimulatorClock(ctx); !errors.As(err, &be) || be.Code != "SimulatorOnly" {
		t.Fatalf("SimulatorClock on AWS: %v", err)
	}
	if off := s.Clock().Offset(); off != 0 {
		t.Fatalf("the simulator's clock moved by %s", off)
	}
}
