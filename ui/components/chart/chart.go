// Package chart draws a metric's series in the terminal, as the graph of the
// CloudWatch alarm wizard and alarm details: a line through the datapoints in braille
// dots (two columns and four rows of dots a cell, so a 100-column terminal gets 180
// horizontal steps), values on the y axis, times on the x axis, and the alarm's
// threshold as a horizontal line in another colour. It is static: the screen sets
// the series, the time range and the threshold, and View draws exactly the size set.
package chart

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
)

// Point is one datapoint: the start of its period and the statistic's value.
type Point struct {
	T time.Time
	V float64
}

// Model is a chart. It is a value, as bubbles models are; the zero value is not
// usable, call New.
type Model struct {
	c      *common.Common
	label  string // the series' name in the legend, e.g. "EstimatedCharges"
	points []Point
	start  time.Time
	end    time.Time

	threshold      float64
	hasThreshold   bool
	thresholdLabel string

	noData string // overrides the translated "No data available"
	width  int
	height int
}

// New returns an empty chart as large as c's terminal until SetSize.
func New(c *common.Common) Model {
	return Model{c: c, width: c.Width, height: c.Height}
}

// SetSeries replaces the series; points must be oldest first, as CloudWatch returns
// them. The slice is kept, not copied.
func (m *Model) SetSeries(label string, points []Point) {
	m.label, m.points = label, points
}

// Points is the series shown.
func (m Model) Points() []Point { return m.points }

// SetRange sets the time range of the x axis. Points outside it are not drawn.
func (m *Model) SetRange(start, end time.Time) { m.start, m.end = start, end }

// Range is the time range of the x axis.
func (m Model) Range() (time.Time, time.Time) { return m.start, m.end }

// SetThreshold draws a threshold line at v; label (translated by the caller) names
// it in the legend.
func (m *Model) SetThreshold(v float64, label string) {
	m.threshold, m.hasThreshold, m.thresholdLabel = v, true, label
}

// ClearThreshold removes the threshold line, e.g. while its field is not a number.
func (m *Model) ClearThreshold() { m.hasThreshold = false }

// Threshold is the threshold drawn and whether there is one.
func (m Model) Threshold() (float64, bool) { return m.threshold, m.hasThreshold }

// SetNoDataText replaces the translated "No data available" shown over an empty
// chart; "" restores it.
func (m *Model) SetNoDataText(s string) { m.noData = s }

// SetSize sets the chart's size in cells.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0) }

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// Update implements tea.Model; a chart has no keys of its own.
func (m Model) Update(tea.Msg) (Model, tea.Cmd) { return m, nil }

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return nil }

// inRange are the points inside the time range, still oldest first.
func (m Model) inRange() []Point {
	if m.start.IsZero() || m.end.IsZero() {
		return m.points
	}
	lo, hi := 0, len(m.points)
	for lo < hi && m.points[lo].T.Before(m.start) {
		lo++
	}
	for hi > lo && m.points[hi-1].T.After(m.end) {
		hi--
	}
	return m.points[lo:hi]
}

// timeRange is the x axis' range: the one set, else the points' own span.
func (m Model) timeRange(pts []Point) (time.Time, time.Time) {
	start, end := m.start, m.end
	if start.IsZero() || end.IsZero() || !end.After(start) {
		if len(pts) == 0 {
			end = time.Unix(0, 0).UTC()
			return end.Add(-3 * time.Hour), end
		}
		start, end = pts[0].T, pts[len(pts)-1].T
		if !end.After(start) {
			start, end = start.Add(-time.Hour), end.Add(time.Hour)
		}
	}
	return start, end
}
