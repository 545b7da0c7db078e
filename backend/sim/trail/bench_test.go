//go:build bench

package trail

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend/sim/store"
)

// BenchmarkRecord is what recording adds to a simulated call: the router's hook
// (budget: 30 µs). Encoding and the database write happen on the writer goroutine.
func BenchmarkRecord(b *testing.B) {
	r := newRecorderB(b, "")
	at := time.Now()
	pw := "x"
	c := call("CreateUser", at, &createUserInput{UserName: "lab-user", Password: &pw}, &createUserOutput{})
	b.ReportAllocs()
	for b.Loop() {
		r.Record(c, iamSpec, nil)
	}
}

// BenchmarkRecordWritten is the whole cost per event, amortized: hook, encoding and
// the batched insert with every Event history index.
func BenchmarkRecordWritten(b *testing.B) {
	r := newRecorderB(b, filepath.Join(b.TempDir(), "a.db"))
	at := time.Now()
	c := call("CreateUser", at, &createUserInput{UserName: "lab-user"}, &createUserOutput{})
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		r.Record(c, iamSpec, nil)
		if n++; n%batchSize == 0 {
			if err := r.Flush(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := r.Flush(context.Background()); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkLookupByEventName: Event history filtered by EventName over 1,000,000
// stored events returns its 50 newest matches (budget: 20 ms; each iteration here
// reads two pages). The database is
// built once per machine in the temp directory and reused.
func BenchmarkLookupByEventName(b *testing.B) {
	const total = 1_000_000
	path := filepath.Join(os.TempDir(), fmt.Sprintf("labconsole-trail-bench-%d.db", total))
	fresh := false
	if _, err := os.Stat(path); err != nil {
		fresh = true
	}
	r := newRecorderB(b, path)
	base := time.Now().Add(-80 * 24 * time.Hour)
	if fresh {
		fill(b, r, total, base)
	}
	ctx := context.Background()
	cases := []struct{ attr, value string }{
		{AttrEventName, "PutMetricData"}, // every one a global service's event
		{AttrEventName, "DescribeAlarms"},
		{AttrEventName, "CreateUser"}, // one event in a thousand
		{AttrResourceName, "alarm-42"},
		{"", ""},
	}
	for _, c := range cases {
		b.Run(c.attr+"="+c.value, func(b *testing.B) {
			q := Query{Region: "ap-northeast-2", Attribute: c.attr, Value: c.value, Start: base.Add(-time.Hour), End: time.Now(), Limit: 50}
			for b.Loop() {
				evs, next, err := r.Lookup(ctx, q)
				if err != nil || len(evs) != 50 || next == nil {
					b.Fatalf("%v %d", err, len(evs))
				}
				// The next page continues from the cursor.
				q2 := q
				q2.After = next
				if evs, _, err = r.Lookup(ctx, q2); err != nil || len(evs) != 50 {
					b.Fatalf("page 2: %v %d", err, len(evs))
				}
			}
		})
	}
}

// fill inserts total events spread over 80 days: 20 event names, one in a thousand
// a CreateUser, in both the region's and the global scope.
func fill(b *testing.B, r *Recorder, total int, base time.Time) {
	b.Helper()
	names := []string{"PutMetricData", "DescribeAlarms", "GetObject", "ListBuckets", "DescribeTrails", "LookupEvents", "GetTrailStatus",
		"ListUsers", "GetUser", "Publish", "ListTopics", "PutObject", "GetBucketAcl", "DescribeLogGroups", "PutLogEvents",
		"GetMetricData", "ListMetrics", "SetAlarmState", "StartLogging", "StopLogging"}
	record := []byte(`{"eventVersion":"1.11","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/admin","accountId":"123456789012","accessKeyId":"AKIAEXAMPLE","userName":"admin"},"eventTime":"2026-01-01T00:00:00Z","eventSource":"monitoring.amazonaws.com","eventName":"PutMetricData","awsRegion":"ap-northeast-2","sourceIPAddress":"127.0.0.1","userAgent":"aws-cli/2.9.19","requestParameters":{"namespace":"Lab"},"responseElements":null,"requestID":"x","eventID":"y","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management"}`)
	step := 80 * 24 * time.Hour / time.Duration(total)
	batch := make([]Event, 0, 10_000)
	for i := 0; i < total; i++ {
		name := names[i%len(names)]
		if i%1000 == 7 {
			name = "CreateUser"
		}
		batch = append(batch, Event{EventID: newEventID(), EventTime: base.Add(time.Duration(i) * step), EventName: name,
			EventSource: "monitoring.amazonaws.com", Region: "ap-northeast-2", Global: i%10 == 0, ReadOnly: i%2 == 0, Management: true,
			Username: "admin", AccessKeyID: "AKIAEXAMPLE", Resources: []Resource{{"AWS::CloudWatch::Alarm", fmt.Sprint("alarm-", i%100)}}, Record: record})
		if len(batch) == cap(batch) {
			if err := r.insert(context.Background(), batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := r.insert(context.Background(), batch); err != nil {
		b.Fatal(err)
	}
}

func newRecorderB(b *testing.B, path string) *Recorder {
	b.Helper()
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	r, err := NewRecorder(context.Background(), db, "123456789012", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { r.Close(); db.Close() })
	return r
}
