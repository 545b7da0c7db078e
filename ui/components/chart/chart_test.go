package chart

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

// day0 is where the test series start: the lab's billing alarm watches six-hourly
// EstimatedCharges datapoints.
var day0 = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

// billing is n six-hourly datapoints growing by step USD, as the month's bill grows.
func billing(n int, step float64) []Point {
	pts := make([]Point, n)
	for i := range pts {
		pts[i] = Point{T: day0.Add(time.Duration(i) * 6 * time.Hour), V: float64(i) * step}
	}
	return pts
}

func newChart(lang locales.Lang, w, h int) Model {
	m := New(uitest.Common(lang))
	m.SetSize(w, h)
	return m
}

func TestViewIsExactlyTheSizeSet(t *testing.T) {
	for _, size := range [][2]int{{100, 12}, {71, 9}, {40, 5}, {20, 3}, {8, 2}, {3, 1}} {
		for _, lang := range locales.Langs {
			m := newChart(lang, size[0], size[1])
			m.SetSeries("EstimatedCharges", billing(12, 25))
			m.SetRange(day0, day0.Add(3*24*time.Hour))
			m.SetThreshold(200, "200")
			view := m.View()
			lines := strings.Split(view, "\n")
			if len(lines) != size[1] {
				t.Errorf("%v %s: %d lines, want %d:\n%s", size, lang, len(lines), size[1], view)
			}
			for i, l := range lines {
				if w := lipgloss.Width(l); w != size[0] {
					t.Errorf("%v %s: line %d is %d cells, want %d: %q", size, lang, i, w, size[0], l)
				}
			}
		}
	}
}

func TestThresholdLineAndAxes(t *testing.T) {
	m := newChart(locales.English, 60, 10)
	m.SetSeries("EstimatedCharges", billing(8, 10))
	m.SetRange(day0, day0.Add(2*24*time.Hour))
	m.SetThreshold(200, "Threshold 200")
	view := m.View()
	lines := strings.Split(view, "\n")
	if !strings.Contains(lines[0], "200 ┤") {
		t.Errorf("the threshold, the highest value, must label the top row:\n%s", view)
	}
	if !strings.Contains(lines[0], "⠉") {
		t.Errorf("the threshold line must run along the top row:\n%s", view)
	}
	if !strings.Contains(view, "  0 ┤") || !strings.Contains(view, "└────") {
		t.Errorf("the y axis must start at 0 above the x axis:\n%s", view)
	}
	if !strings.Contains(lines[len(lines)-2], "11/20") || !strings.Contains(lines[len(lines)-2], "11/21") {
		t.Errorf("a two-day range labels its days as MM/DD:\n%s", view)
	}
	if !strings.Contains(lines[len(lines)-1], "── EstimatedCharges") || !strings.Contains(lines[len(lines)-1], "┄┄ Threshold 200") {
		t.Errorf("legend missing:\n%s", view)
	}
}

func TestSeriesRisesLeftToRight(t *testing.T) {
	m := newChart(locales.English, 40, 8)
	m.SetSeries("m", billing(5, 50))
	m.SetRange(day0, day0.Add(24*time.Hour))
	lines := strings.Split(m.View(), "\n")
	plot := lines[:5]             // 8 lines less axis, times, legend
	first := func(l string) int { // column of the first braille cell
		for i, r := range []rune(l) {
			if r >= 0x2801 && r <= 0x28ff {
				return i
			}
		}
		return -1
	}
	top, bottom := first(plot[0]), first(plot[len(plot)-1])
	if top < 0 || bottom < 0 || top <= bottom {
		t.Errorf("the line must start low at the left and end high at the right (top row col %d, bottom %d):\n%s", top, bottom, strings.Join(lines, "\n"))
	}
	if !strings.Contains(lines[6], "00:00") || !strings.Contains(lines[6], "12:00") {
		t.Errorf("a one-day range labels hours:\n%s", strings.Join(lines, "\n"))
	}
}

func TestPointsOutsideTheRangeAreNotDrawn(t *testing.T) {
	m := newChart(locales.English, 40, 8)
	m.SetSeries("m", billing(4, 1))
	m.SetRange(day0.Add(30*24*time.Hour), day0.Add(31*24*time.Hour))
	if !strings.Contains(m.View(), "No data available") {
		t.Errorf("a range without points is empty:\n%s", m.View())
	}
}

func TestEmptySeriesSaysNoDataInTheSessionsLanguage(t *testing.T) {
	for lang, want := range map[locales.Lang]string{locales.English: "No data available", locales.Korean: "사용 가능한 데이터가 없습니다"} {
		m := newChart(lang, 60, 8)
		m.SetRange(day0, day0.Add(6*time.Hour))
		if view := m.View(); !strings.Contains(view, want) {
			t.Errorf("%s: %q missing:\n%s", lang, want, view)
		}
	}
	m := newChart(locales.English, 60, 8)
	m.SetNoDataText("Turn on billing alerts first")
	if view := m.View(); !strings.Contains(view, "Turn on billing alerts first") {
		t.Errorf("SetNoDataText ignored:\n%s", view)
	}
}

func TestNiceSteps(t *testing.T) {
	cases := map[float64]float64{0.07: 0.1, 0.2: 0.2, 0.21: 0.25, 3: 5, 40: 50, 51: 100, 0: 1}
	for raw, want := range cases {
		if got := niceStep(raw); got != want {
			t.Errorf("niceStep(%v) = %v, want %v", raw, got, want)
		}
	}
	s := newYScale([]float64{0.3, 0.9}, 20, 6)
	if s.lo != 0 || s.hi != 1 || s.label(0.2) != "0.2" {
		t.Errorf("scale %+v, label %q", s, s.label(0.2))
	}
	if q := newYScale([]float64{0, 0.5}, 20, 3); q.label(0.25) != "0.25" {
		t.Errorf("label(0.25) = %q with step %v", q.label(0.25), q.step)
	}
}

func TestTimeTicks(t *testing.T) {
	ticks, layout := timeTicks(day0.Add(90*time.Minute), day0.Add(6*time.Hour), 6)
	if layout != "15:04" || len(ticks) == 0 || ticks[0] != day0.Add(2*time.Hour) {
		t.Errorf("ticks %v layout %s", ticks, layout)
	}
	ticks, layout = timeTicks(day0, day0.Add(7*24*time.Hour), 4)
	if layout != "01/02" || len(ticks) != 4 || ticks[1] != day0.Add(2*24*time.Hour) {
		t.Errorf("week ticks %v layout %s", ticks, layout)
	}
}

// TestGolden pins the lab's chart: a week of billing rising toward the 200 USD
// threshold, and an empty chart, in both languages.
func TestGolden(t *testing.T) {
	for _, lang := range locales.Langs {
		t.Run("billing_"+string(lang), func(t *testing.T) {
			m := newChart(lang, 70, 12)
			m.SetSeries("EstimatedCharges", billing(24, 7.5))
			m.SetRange(day0, day0.Add(7*24*time.Hour))
			m.SetThreshold(200, "> 200")
			golden.RequireEqual(t, []byte(m.View()))
		})
		t.Run("empty_"+string(lang), func(t *testing.T) {
			m := newChart(lang, 70, 8)
			m.SetRange(day0, day0.Add(6*time.Hour))
			m.SetThreshold(200, "> 200")
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
}
