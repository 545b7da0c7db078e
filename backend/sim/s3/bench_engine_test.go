//go:build bench

package s3

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend/sim/store"
)

// The listing engine alone (SQL and roll-up, no HTTP, signing or XML) over the same
// 100,000-object bucket as the end-to-end benchmark in bench_test.go.

var (
	engineOnce sync.Once
	engineSvc  *Service
	engineErr  error
)

func engine(b *testing.B) *Service {
	engineOnce.Do(func() {
		ctx := context.Background()
		db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			engineErr = err
			return
		}
		if engineSvc, engineErr = New(ctx, db, "123456789012"); engineErr != nil {
			return
		}
		now := time.Now()
		engineErr = db.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.Exec(`INSERT INTO s3_buckets(name, region, created) VALUES('b', 'ap-northeast-2', 0)`); err != nil {
				return err
			}
			stmt, err := tx.Prepare(`INSERT INTO s3_objects(bucket, key, size, etag, last_modified, storage_class, attrs, chunks) VALUES('b', ?, 1, '"x"', ?, 'STANDARD', '{}', '')`)
			if err != nil {
				return err
			}
			defer stmt.Close()
			for _, k := range benchKeys() {
				if _, err := stmt.Exec(k, now.UnixMilli()); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if engineErr != nil {
		b.Fatal(engineErr)
	}
	return engineSvc
}

const engineDays = "AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/"

// benchKeys are the 100,000 keys of the benchmark bucket.
func benchKeys() []string {
	keys := make([]string, 0, 100000)
	for day := 1; day <= 25; day++ {
		for i := range 2000 {
			keys = append(keys, fmt.Sprintf("%s%02d/123456789012_CloudTrail_ap-northeast-2_202611%02dT%04dZ_%016d.json.gz", engineDays, day, day, i, i))
		}
	}
	for i := range 30000 {
		keys = append(keys, fmt.Sprintf("many/%05d/object.txt", i))
	}
	for i := range 1000 {
		for j := range 20 {
			keys = append(keys, fmt.Sprintf("dense/%04d/k%02d", i, j))
		}
	}
	return keys
}

func BenchmarkListEngine(b *testing.B) {
	s := engine(b)
	ctx := context.Background()
	cases := []struct {
		name    string
		q       listQuery
		entries int
	}{
		{"day-folder/1000-objects", listQuery{prefix: engineDays + "22/", delimiter: "/"}, 1000},
		{"month-folder/25-days-of-50000-keys", listQuery{prefix: engineDays, delimiter: "/"}, 25},
		{"single-object-folders/1000-folders", listQuery{prefix: "many/", delimiter: "/"}, 1000},
		{"twenty-object-folders/1000-folders", listQuery{prefix: "dense/", delimiter: "/"}, 1000},
		{"no-delimiter/1000-keys-mid-bucket", listQuery{marker: "many/15000/"}, 1000},
	}
	for _, tc := range cases {
		tc.q.bucket, tc.q.maxKeys = "b", MaxKeys
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				page, err := s.list(ctx, tc.q)
				if err != nil {
					b.Fatal(err)
				}
				if n := len(page.objects) + len(page.prefixes); n != tc.entries {
					b.Fatalf("%d entries, want %d", n, tc.entries)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/page")
		})
	}
}
