//go:build bench

package s3

import (
	"fmt"
	"testing"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
)

// Run with: go test -tags bench -bench . -run ^$ ./ui/s3/
// BenchmarkFolderView100k must stay within 2× of BenchmarkFolderView1k: a folder of
// 100,000 log files draws the rows on screen, not the rows loaded.

// benchFolder is a day folder holding n CloudTrail log files, loaded in pages of
// 1,000 as S3 answers them, scrolled into the middle.
func benchFolder(b *testing.B, n int) *Folder {
	f := newFolder(testCommon(locales.Korean, newFake()), bucketRef{name: labBucket}, labDay)
	f.SetSize(98, 25)
	for from := 0; from < n; from += defaultPageSize {
		l := model.Listing{Bucket: labBucket, Prefix: labDay, Delimiter: "/", NextToken: "more"}
		for i := from; i < min(from+defaultPageSize, n); i++ {
			l.Objects = append(l.Objects, model.Object{Key: fmt.Sprintf("%s123456789012_CloudTrail_ap-northeast-2_20261122T%04dZ_%016d.json.gz", labDay, i%2400, i),
				Size: int64(1000 + i), LastModified: testTime, StorageClass: "STANDARD"})
		}
		f.Update(listingMsg{owner: f, req: f.req, listing: l, append: from > 0})
	}
	if f.Rows() != n {
		b.Fatalf("rows %d", f.Rows())
	}
	for range 3 {
		f.Update(keyMsg("pgdown"))
	}
	return f
}

func benchView(b *testing.B, n int) {
	f := benchFolder(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = f.View()
	}
}

func BenchmarkFolderView1k(b *testing.B)   { benchView(b, 1_000) }
func BenchmarkFolderView100k(b *testing.B) { benchView(b, 100_000) }

// A sorted folder draws in the same time: the order is computed once per change.
func BenchmarkFolderView100kSorted(b *testing.B) {
	f := benchFolder(b, 100_000)
	f.table.SetSort("size", true)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = f.View()
	}
}

// BenchmarkFolderAppendPage is the cost of one more page of 1,000 arriving on a
// folder that already holds 100,000 rows.
func BenchmarkFolderAppendPage(b *testing.B) {
	f := benchFolder(b, 100_000)
	l := model.Listing{Bucket: labBucket, Prefix: labDay, Delimiter: "/", NextToken: "more"}
	for i := range defaultPageSize {
		l.Objects = append(l.Objects, model.Object{Key: fmt.Sprintf("%sx%06d.json.gz", labDay, i), Size: 1, LastModified: testTime})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.Update(listingMsg{owner: f, req: f.req, listing: l, append: true})
	}
}
