//go:build bench

package chart

import (
	"testing"
	"time"

	"github.com/labconsole/labconsole/locales"
)

// Run with: go test -tags bench -bench . -run ^$ ./ui/components/chart/
// BenchmarkView100 must stay under 1 ms an op: the alarm wizard redraws the chart on
// every key typed into the threshold.

func benchView(b *testing.B, points int) {
	m := newChart(locales.Korean, 100, 20)
	m.SetSeries("EstimatedCharges", billing(points, 0.5))
	m.SetRange(day0, day0.Add(time.Duration(points)*6*time.Hour))
	m.SetThreshold(200, "> 200")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
	if per := b.Elapsed() / time.Duration(max(b.N, 1)); per > time.Millisecond {
		b.Fatalf("View takes %s at 100 columns, want under 1ms", per)
	}
}

func BenchmarkView100(b *testing.B)  { benchView(b, 100) }
func BenchmarkView1440(b *testing.B) { benchView(b, 1440) }
