//go:build bench

package jsonview

import (
	"testing"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

// Run with: go test -tags bench -bench . -run ^$ ./ui/components/jsonview/
// View of a 5 MB document costs what View of a small one does: only the lines on
// screen are drawn.

func BenchmarkParse5MB(b *testing.B) {
	raw := bigDocument(5 << 20)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Parse(raw)
	}
}

func benchView(b *testing.B, raw []byte) {
	m := New(uitest.Common(locales.English))
	m.SetSize(100, 30)
	m.SetContent(raw)
	m.yoff = m.maxYOffset() / 2
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
}

func BenchmarkViewSmall(b *testing.B) { benchView(b, []byte(event)) }
func BenchmarkView5MB(b *testing.B)   { benchView(b, bigDocument(5<<20)) }
