//go:build bench

package table

import (
	"testing"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

// Run with: go test -tags bench -bench . -run ^$ ./ui/components/table/
// BenchmarkView100k must stay within 2× of BenchmarkView1k: View draws the rows on
// screen, not the rows loaded.

func benchTable(b *testing.B, n int) Model {
	c := uitest.Common(locales.Korean)
	m := New(c, testColumns(c))
	m.SetSize(100, 30)
	m.SetRows(koreanRows(n))
	m = keys(m, "pgdown", "down", "down")
	return m
}

func benchView(b *testing.B, n int) {
	m := benchTable(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
}

func BenchmarkView1k(b *testing.B)   { benchView(b, 1_000) }
func BenchmarkView100k(b *testing.B) { benchView(b, 100_000) }

// A sorted and filtered table still draws in the same time: both are cached.
func BenchmarkView100kSortedFiltered(b *testing.B) {
	m := benchTable(b, 100_000)
	m.SetSort("name", true)
	m = keys(typeText(keys(m, "/"), "김민준"), "enter")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
}

func BenchmarkSetRows100k(b *testing.B) {
	rows := koreanRows(100_000)
	c := uitest.Common(locales.Korean)
	m := New(c, testColumns(c))
	m.SetSize(100, 30)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.SetRows(rows)
	}
}

func BenchmarkSort100k(b *testing.B) {
	m := benchTable(b, 100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.SetSort("name", i%2 == 0)
	}
}

func BenchmarkFilterKeystroke100k(b *testing.B) {
	m := benchTable(b, 100_000)
	m = keys(m, "/")
	m.ensureLower()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.setQuery([]string{"김민", "김민준"}[i%2])
	}
}
