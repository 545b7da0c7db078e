package chart

import (
	"math"
	"strconv"
	"time"
)

// yScale maps values to dot rows: hi at the top dot row, lo at the bottom one.
type yScale struct {
	lo, hi float64
	step   float64 // between labelled ticks
	dots   int     // dot rows (four per text row)
}

// newYScale spans the values and the threshold in nice steps (1, 2, 2.5 or 5 times a
// power of ten), from zero when every value is positive, as the console's billing
// graph starts at 0. ticks is about how many labels the axis has room for.
func newYScale(values []float64, dots, ticks int) yScale {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if math.IsInf(lo, 0) { // nothing to show: the console's empty 0–1 axis
		lo, hi = 0, 1
	}
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if hi-lo < 1e-9 {
		hi = lo + 1
	}
	step := niceStep((hi - lo) / float64(max(ticks-1, 1)))
	lo = math.Floor(lo/step) * step
	hi = math.Ceil(hi/step) * step
	if hi <= lo {
		hi = lo + step
	}
	return yScale{lo: lo, hi: hi, step: step, dots: max(dots, 1)}
}

// niceStep rounds a raw step up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 1
	}
	exp := math.Floor(math.Log10(raw))
	base := math.Pow(10, exp)
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*base >= raw*(1-1e-9) {
			return f * base
		}
	}
	return 10 * base
}

// dot is the dot row of v, 0 at the top.
func (s yScale) dot(v float64) int {
	f := (s.hi - v) / (s.hi - s.lo) * float64(s.dots-1)
	return int(math.Round(f))
}

// ticks are the labelled values, bottom up.
func (s yScale) ticks() []float64 {
	var out []float64
	for i := 0; ; i++ {
		v := s.lo + float64(i)*s.step
		if v > s.hi+s.step*1e-6 {
			break
		}
		out = append(out, v)
	}
	return out
}

// label writes a tick value with as many decimals as the step needs: 0.25, 50, 1000.
func (s yScale) label(v float64) string {
	dec := 0
	for p := s.step; p < 1 && dec < 6; p *= 10 {
		dec++
	}
	if math.Abs(s.step*math.Pow(10, float64(dec))-math.Round(s.step*math.Pow(10, float64(dec)))) > 1e-9 {
		dec++ // 2.5 × 10^-n needs one more digit
	}
	if math.Abs(v) < s.step*1e-9 {
		v = 0
	}
	return strconv.FormatFloat(v, 'f', dec, 64)
}

// timeSteps are the spacings the x axis' labels may take, smallest first.
var timeSteps = []time.Duration{
	time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 28 * 24 * time.Hour,
}

// timeTicks are the labelled times between start and end: multiples of the smallest
// step that gives at most n labels, in UTC so every student of a class sees the same
// axis. The layout is "15:04" within a day and "01/02" (as the console's 05/28) beyond.
func timeTicks(start, end time.Time, n int) (ticks []time.Time, layout string) {
	span := end.Sub(start)
	layout = "01/02"
	if span <= 26*time.Hour {
		layout = "15:04"
	}
	if n < 1 || span <= 0 {
		return nil, layout
	}
	step := timeSteps[len(timeSteps)-1]
	for _, s := range timeSteps {
		if int(span/s) <= n && (layout == "15:04" || s >= 24*time.Hour) {
			step = s
			break
		}
	}
	t := start.UTC().Truncate(step)
	if step >= 24*time.Hour { // midnight UTC, not the Unix epoch's multiples of the step
		day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
		t = day
	}
	for ; !t.After(end); t = t.Add(step) {
		if !t.Before(start) {
			ticks = append(ticks, t)
		}
	}
	return ticks, layout
}
