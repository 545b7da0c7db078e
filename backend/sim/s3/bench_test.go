//go:build bench

package s3_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/labconsole/labconsole/backend/sim"
)

// The listing budget: one 1,000-key page of ListObjectsV2 with Prefix and Delimiter
// over a bucket of 100,000 objects in under 20 ms, measured end to end through the
// SDK client (signing, routing, SQL, XML both ways). Run with
//
//	go test -tags bench -run XXX -bench ListObjects ./backend/sim/s3/
//
// The bucket mixes the shapes a console browses:
//   - 50,000 CloudTrail log files, 2,000 a day over 25 days (a day folder is two
//     full pages; the month folder rolls 50,000 keys up into 25 folders);
//   - 30,000 folders of one object each (a page of 1,000 folders);
//   - 1,000 folders of 20 objects each (a page of folders that each need a seek).
const benchBucket = "bench-bucket"

const dayPrefix = "AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/"

var (
	benchOnce sync.Once
	benchSim  *sim.Sim
	benchErr  error
)

func seededSim(b *testing.B) *sim.Sim {
	benchOnce.Do(func() {
		ctx := context.Background()
		start := time.Now()
		benchSim, benchErr = sim.New(ctx, sim.Options{DataDir: b.TempDir(), Now: func() time.Time { return t0 }})
		if benchErr != nil {
			return
		}
		svc := benchSim.S3()
		if benchErr = svc.CreateBucketInternal(ctx, benchBucket, "ap-northeast-2", t0); benchErr != nil {
			return
		}
		put := func(key string) {
			if benchErr == nil {
				_, benchErr = svc.PutObjectInternal(ctx, benchBucket, key, []byte("x"), "", nil, t0)
			}
		}
		for day := 1; day <= 25; day++ {
			for i := range 2000 {
				put(fmt.Sprintf("%s%02d/123456789012_CloudTrail_ap-northeast-2_202611%02dT%04dZ_%016d.json.gz", dayPrefix, day, day, i, i))
			}
		}
		for i := range 30000 {
			put(fmt.Sprintf("many/%05d/object.txt", i))
		}
		for i := range 1000 {
			for j := range 20 {
				put(fmt.Sprintf("dense/%04d/k%02d", i, j))
			}
		}
		b.Logf("seeded 100,000 objects in %v", time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchSim
}

func BenchmarkListObjectsV2(b *testing.B) {
	s := seededSim(b)
	c := client(s, s.AdminCredentials())
	ctx := context.Background()
	second := func(in *s3.ListObjectsV2Input) *s3.ListObjectsV2Input {
		out, err := c.ListObjectsV2(ctx, in)
		if err != nil || out.NextContinuationToken == nil {
			b.Fatalf("no second page: %v", err)
		}
		next := *in
		next.ContinuationToken = out.NextContinuationToken
		return &next
	}
	cases := []struct {
		name    string
		in      *s3.ListObjectsV2Input
		entries int
	}{
		{"day-folder/1000-objects", &s3.ListObjectsV2Input{Prefix: aws.String(dayPrefix + "22/"), Delimiter: aws.String("/")}, 1000},
		{"day-folder/second-page", second(&s3.ListObjectsV2Input{Bucket: aws.String(benchBucket), Prefix: aws.String(dayPrefix + "22/"), Delimiter: aws.String("/")}), 1000},
		{"month-folder/25-days-of-50000-keys", &s3.ListObjectsV2Input{Prefix: aws.String(dayPrefix), Delimiter: aws.String("/")}, 25},
		{"root/3-folders-of-100000-keys", &s3.ListObjectsV2Input{Delimiter: aws.String("/")}, 3},
		{"single-object-folders/1000-folders", &s3.ListObjectsV2Input{Prefix: aws.String("many/"), Delimiter: aws.String("/")}, 1000},
		{"twenty-object-folders/1000-folders", &s3.ListObjectsV2Input{Prefix: aws.String("dense/"), Delimiter: aws.String("/")}, 1000},
		{"no-delimiter/1000-keys-mid-bucket", &s3.ListObjectsV2Input{StartAfter: aws.String("many/15000/")}, 1000},
	}
	for _, tc := range cases {
		tc.in.Bucket = aws.String(benchBucket)
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				out, err := c.ListObjectsV2(ctx, tc.in)
				if err != nil {
					b.Fatal(err)
				}
				if n := len(out.Contents) + len(out.CommonPrefixes); n != tc.entries {
					b.Fatalf("%d entries, want %d", n, tc.entries)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/page")
		})
	}
}
