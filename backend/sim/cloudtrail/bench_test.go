//go:build bench

package cloudtrail

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
	"github.com/labconsole/labconsole/backend/sim/trail"
	"github.com/labconsole/labconsole/model"
)

// benchBuckets accepts every write.
type benchBuckets struct{ policy string }

func (b *benchBuckets) BucketExists(context.Context, string) (bool, error) { return true, nil }
func (b *benchBuckets) BucketPolicy(context.Context, string) (string, bool, error) {
	return b.policy, true, nil
}
func (b *benchBuckets) PutObjectInternal(_ context.Context, _, _ string, body []byte, _ string, _ map[string]string, _ time.Time) (string, error) {
	return "etag", nil
}

type putMetricDataInput struct {
	Namespace  string
	MetricData []struct {
		MetricName string
		Value      float64
	}
}

// BenchmarkDeliverFile: one 5-minute log file of 10,000 events (budget: 200 ms):
// read the window, select, assemble {"Records":[…]}, gzip, hash and write.
func BenchmarkDeliverFile(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open("")
	if err != nil {
		b.Fatal(err)
	}
	rec, err := trail.NewRecorder(ctx, db, "123456789012", nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	defer rec.Close()
	arn := model.TrailARN("ap-northeast-2", "123456789012", "bench")
	s, err := New(ctx, db, "123456789012", rec, &benchBuckets{policy: model.TrailBucketPolicy("bench-bucket", "", "123456789012", arn)}, nil)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	req, _ := http.NewRequest(http.MethodPost, "http://monitoring.amazonaws.com/", nil)
	spec := &protocol.Spec{SigningName: "monitoring"}
	for i := 0; i < 10_000; i++ {
		in := &putMetricDataInput{Namespace: "Lab"}
		in.MetricData = append(in.MetricData, struct {
			MetricName string
			Value      float64
		}{"Requests", float64(i)})
		rec.Record(&service.Call{Req: &protocol.Request{Kind: protocol.JSON10, Operation: "PutMetricData", HTTP: req}, Region: "ap-northeast-2",
			Principal: service.Principal{Type: "IAMUser", Account: "123456789012", UserName: "admin", UserID: "AIDAEXAMPLE", Arn: "arn:aws:iam::123456789012:user/admin", AccessKeyID: "AKIAEXAMPLE"},
			RequestID: "r", Now: start.Add(time.Duration(i) * 25 * time.Millisecond), SourceIP: "127.0.0.1", UserAgent: "aws-cli/2.9.19", Input: in}, spec, nil)
	}
	if err := rec.Flush(ctx); err != nil {
		b.Fatal(err)
	}
	t := &trailState{Name: "bench", HomeRegion: "ap-northeast-2", ARN: arn, Bucket: "bench-bucket", IncludeGlobal: true, MultiRegion: true, Validation: true}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.deliverWindow(ctx, t, start, start.Add(5*time.Minute), start.Add(5*time.Minute)); err != nil {
			b.Fatal(err)
		}
	}
}
