package chart

import (
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/components/cells"
)

// Lines around the plot.
const (
	legendLines = 1
	// minPlotRows is the least plot height; a smaller chart drops its legend first.
	minPlotRows = 2
)

// brailleBits are the bits of the dot at column dx (0–1) and row dy (0–3) of a
// braille cell (U+2800 + bits).
var brailleBits = [2][4]uint8{{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}}

// grid is the plot in braille cells: one bit mask for the series and one for the
// threshold, so each keeps its colour; the series wins a cell both reach.
type grid struct {
	cols, rows int
	series     []uint8
	threshold  []uint8
}

func newGrid(cols, rows int) *grid {
	return &grid{cols: cols, rows: rows, series: make([]uint8, cols*rows), threshold: make([]uint8, cols*rows)}
}

// set lights the dot at (x, y) of layer; dots outside the grid are ignored.
func (g *grid) set(layer []uint8, x, y int) {
	if x < 0 || y < 0 || x >= g.cols*2 || y >= g.rows*4 {
		return
	}
	layer[(y/4)*g.cols+x/2] |= brailleBits[x%2][y%4]
}

// line lights the dots from (x0, y0) to (x1, y1) (Bresenham).
func (g *grid) line(layer []uint8, x0, y0, x1, y1 int) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	e := dx + dy
	for {
		g.set(layer, x0, y0)
		if x0 == x1 && y0 == y1 {
			return
		}
		if e2 := 2 * e; e2 >= dy {
			e += dy
			x0 += sx
		} else {
			e += dx
			y0 += sy
		}
	}
}

// View draws exactly height lines of exactly width cells: the y axis with its
// values, the plot, the x axis with its times and the legend. Its cost grows with
// the cells and the points in range, so a chart of a few hundred points redraws in
// well under a millisecond on every key.
func (m Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	// The plot keeps at least minPlotRows; the legend goes first, then the times,
	// then the x axis itself.
	axis, times, legend := 1, 1, legendLines
	if h-axis-times-legend < minPlotRows {
		legend = 0
	}
	if h-axis-times < 1 {
		times = 0
	}
	if h-axis < 1 {
		axis = 0
	}
	rows := max(h-axis-times-legend, 1)

	pts := m.inRange()
	values := make([]float64, 0, len(pts)+1)
	for _, p := range pts {
		values = append(values, p.V)
	}
	if m.hasThreshold {
		values = append(values, m.threshold)
	}
	ys := newYScale(values, rows*4, rows/2+1)
	labels := make([]string, rows) // y label per text row
	lw := 0
	for _, v := range ys.ticks() {
		r := ys.dot(v) / 4
		if r >= 0 && r < rows && labels[r] == "" {
			labels[r] = ys.label(v)
			lw = max(lw, len(labels[r]))
		}
	}
	cols := w - lw - 2 // labels, a space, the axis
	if cols < 2 {
		return cells.FitLines("", w, h)
	}

	start, end := m.timeRange(pts)
	g := newGrid(cols, rows)
	m.plot(g, ys, pts, start, end)

	st := m.c.Styles.Chart
	var b strings.Builder
	message := ""
	if len(pts) == 0 {
		message = m.noData
		if message == "" {
			message = m.c.T("ChartNoData")
		}
	}
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteByte('\n')
		}
		axis := "│"
		if labels[r] != "" {
			axis = "┤"
		}
		b.WriteString(st.Label.Render(cells.Pad(labels[r], lw, lipgloss.Right)))
		b.WriteByte(' ')
		b.WriteString(st.Axis.Render(axis))
		if message != "" && r == rows/2 {
			b.WriteString(st.Empty.Render(cells.Fit(message, cols, lipgloss.Center)))
			continue
		}
		m.row(&b, g, r)
	}
	if axis > 0 {
		b.WriteByte('\n')
		b.WriteString(strings.Repeat(" ", lw+1))
		b.WriteString(st.Axis.Render("└" + strings.Repeat("─", cols)))
	}
	if times > 0 {
		b.WriteByte('\n')
		b.WriteString(st.Label.Render(timeAxis(start, end, lw+2, cols, w)))
	}
	if legend > 0 {
		b.WriteByte('\n')
		b.WriteString(m.legend(w))
	}
	return b.String()
}

// plot draws the threshold line and the series into g: a line through the points,
// and a 2×2 mark on each while they are sparse, so a lone datapoint (billing's first
// after six hours) still shows.
func (m Model) plot(g *grid, ys yScale, pts []Point, start, end time.Time) {
	if m.hasThreshold {
		y := ys.dot(m.threshold)
		for x := 0; x < g.cols*2; x++ {
			g.set(g.threshold, x, y)
		}
	}
	span := float64(end.Sub(start))
	xdots := g.cols*2 - 1
	marks := len(pts) <= max(g.cols/6, 1)
	px, py := 0, 0
	for i, p := range pts {
		x := int(float64(p.T.Sub(start)) / span * float64(xdots))
		y := ys.dot(p.V)
		if i > 0 {
			g.line(g.series, px, py, x, y)
		}
		if marks {
			x0, y0 := x&^1, y&^1 // the mark's dots share one cell
			for _, d := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				g.set(g.series, x0+d[0], y0+d[1])
			}
		}
		px, py = x, y
	}
}

// row writes text row r of the plot, one styled run per stretch of the same layer.
func (m Model) row(b *strings.Builder, g *grid, r int) {
	st := m.c.Styles.Chart
	const (
		blank = iota
		series
		threshold
	)
	kind, run := blank, []rune(nil)
	flush := func() {
		if len(run) == 0 {
			return
		}
		switch kind {
		case series:
			b.WriteString(st.Series.Render(string(run)))
		case threshold:
			b.WriteString(st.Threshold.Render(string(run)))
		default:
			b.WriteString(string(run))
		}
		run = run[:0]
	}
	for c := 0; c < g.cols; c++ {
		i := r*g.cols + c
		k, ch := blank, ' '
		switch {
		case g.series[i] != 0:
			k, ch = series, rune(0x2800+int(g.series[i]))
		case g.threshold[i] != 0:
			k, ch = threshold, rune(0x2800+int(g.threshold[i]))
		}
		if k != kind {
			flush()
			kind = k
		}
		run = append(run, ch)
	}
	flush()
}

// timeAxis is the line of times under the x axis: each label centred on its tick,
// moved inside at the chart's edges, and left out where it would touch the previous
// one.
func timeAxis(start, end time.Time, offset, cols, width int) string {
	line := []rune(strings.Repeat(" ", width))
	ticks, layout := timeTicks(start, end, max(cols/8, 1))
	span := float64(end.Sub(start))
	next := offset // first free cell
	for _, t := range ticks {
		text := t.UTC().Format(layout)
		col := offset + int(float64(t.Sub(start))/span*float64(cols-1)+0.5)
		at := min(max(col-len(text)/2, offset), width-len(text))
		if at < next {
			continue
		}
		copy(line[at:], []rune(text))
		next = at + len(text) + 2
	}
	return string(line)
}

// legend names the series and the threshold under their colours.
func (m Model) legend(w int) string {
	st := m.c.Styles.Chart
	parts := []string{}
	if m.label != "" {
		parts = append(parts, st.Series.Render("──")+" "+st.Legend.Render(m.label))
	}
	if m.hasThreshold && m.thresholdLabel != "" {
		parts = append(parts, st.Threshold.Render("┄┄")+" "+st.Legend.Render(m.thresholdLabel))
	}
	return cells.Fit(strings.Join(parts, "   "), w, lipgloss.Left)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}
