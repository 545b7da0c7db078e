package cloudwatch

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch/simlab"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/chart"
	"github.com/labconsole/labconsole/ui/components/form"
)

// Field IDs of step 1's conditions.
const (
	fStat       = "statistic"
	fPeriod     = "period"
	fType       = "thresholdtype"
	fComparison = "comparison"
	fThreshold  = "threshold"
	// fMetric names the "select a metric first" error, which has no field.
	fMetric = "metric"
)

// periods are the wizard's Period choices, in seconds.
var periods = []int{60, 300, 900, 3600, 6 * 3600, 24 * 3600}

// metricStep is step 1, "Specify metric and conditions" (lab steps A3–A6): the
// metric browser until a metric is selected, then the metric's chart with the
// threshold line, which follows the threshold as it is typed, the statistic and
// period (reloading the chart), and the conditions.
type metricStep struct {
	c       *common.Common
	browser *metricBrowser
	metric  *model.Metric
	form    *form.Form
	chart   chart.Model
	edit    key.Binding
	series  model.MetricSeries
	serErr  error
	req     int
	loaded  [2]int // the statistic (as its index) and period the chart shows
	now     time.Time
	errMsg  string // "Select a metric" while browsing
	width   int
	height  int
}

// seriesMsg answers a chart load of step s.
type seriesMsg struct {
	s      *metricStep
	req    int
	series model.MetricSeries
	err    error
	now    time.Time
}

func newMetricStep(c *common.Common) *metricStep {
	s := &metricStep{c: c, browser: newMetricBrowser(c), chart: chart.New(c)}
	s.form = form.New(c,
		form.Select(fStat, form.ChoiceOptions{Value: "Average", Rows: 5}),
		form.Select(fPeriod, form.ChoiceOptions{Value: "300", Rows: 6}),
		form.Radio(fType, form.ChoiceOptions{Value: "static"}),
		form.Radio(fComparison, form.ChoiceOptions{Value: model.GreaterThanThreshold}),
		form.Text(fThreshold, form.TextOptions{MaxLength: 32}),
	)
	s.relabel()
	return s
}

// relabel translates the fields and keys.
func (s *metricStep) relabel() {
	c := s.c
	s.edit = bind(c, "ctrl+e", "CWKeyEditMetric", "ctrl+e")
	stat := s.form.Field(fStat).(*form.ChoiceField)
	stat.SetLabels(c.T("CWStatistic"), "", "")
	var statOpts []form.Option
	for _, st := range []string{"Average", "Sum", "Minimum", "Maximum", "SampleCount"} {
		statOpts = append(statOpts, form.Option{Value: st, Label: statisticLabel(c, st)})
	}
	stat.SetOptions(statOpts)
	period := s.form.Field(fPeriod).(*form.ChoiceField)
	period.SetLabels(c.T("CWPeriod"), "", "")
	var periodOpts []form.Option
	for _, p := range periods {
		periodOpts = append(periodOpts, form.Option{Value: strconv.Itoa(p), Label: periodText(c, p)})
	}
	period.SetOptions(periodOpts)
	typ := s.form.Field(fType).(*form.ChoiceField)
	typ.SetLabels(c.T("CWThresholdType"), "", "")
	typ.SetOptions([]form.Option{{Value: "static", Label: c.T("CWThresholdStatic"), Description: c.T("CWThresholdStaticDesc")}})
	metricName := "…"
	if s.metric != nil {
		metricName = s.metric.MetricName
	}
	cmp := s.form.Field(fComparison).(*form.ChoiceField)
	cmp.SetLabels(c.Tf("CWWhenever", map[string]any{"Metric": metricName}), c.T("CWWheneverDesc"), "")
	var cmpOpts []form.Option
	for _, op := range []string{model.GreaterThanThreshold, model.GreaterThanOrEqualToThreshold, model.LessThanOrEqualToThreshold, model.LessThanThreshold} {
		cmpOpts = append(cmpOpts, form.Option{Value: op, Label: comparisonLabel(c, op), Description: model.ComparisonSymbol(op) + " " + c.T("CWThresholdWord")})
	}
	cmp.SetOptions(cmpOpts)
	desc := c.T("CWThanDesc")
	if s.metric != nil && s.metric.Namespace == model.BillingNamespace {
		desc += " (" + model.BillingCurrency + ")"
	}
	s.form.Field(fThreshold).(*form.TextField).SetLabels(c.T("CWThan"), desc, c.T("ValidateThresholdNumber"), "")
}

// choose shows the conditions of m with the console's defaults: for billing the
// lab's Maximum over 6 hours, else Average over 5 minutes.
func (s *metricStep) choose(m model.Metric) tea.Cmd {
	s.metric, s.errMsg = &m, ""
	if m.Namespace == model.BillingNamespace {
		s.form.Field(fStat).(*form.ChoiceField).SetValue("Maximum")
		s.form.Field(fPeriod).(*form.ChoiceField).SetValue(strconv.Itoa(model.BillingPeriodHours * 3600))
	}
	s.relabel()
	s.SetSize(s.width, s.height)
	return tea.Batch(s.form.Init(), s.load())
}

// values are the statistic and period chosen.
func (s *metricStep) values() (stat string, period int) {
	v := s.form.Values()
	period, _ = strconv.Atoi(v.String(fPeriod))
	return v.String(fStat), period
}

// load reads the chart's series for the statistic and period chosen.
func (s *metricStep) load() tea.Cmd {
	if s.metric == nil {
		return nil
	}
	s.req++
	stat, period := s.values()
	s.loaded = [2]int{statIndex(stat), period}
	req, b, ctx, m, clock := s.req, s.c.Backend, s.c.Ctx, *s.metric, simlab.ClockOf(s.c)
	region := alarmRegion(b.Info(), m)
	return func() tea.Msg {
		now := clock()
		ser, err := loadSeries(ctx, b.CloudWatchIn(region), m, stat, period, now)
		return seriesMsg{s: s, req: req, series: ser, err: err, now: now}
	}
}

func statIndex(stat string) int {
	for i, s := range model.Statistics {
		if s == stat {
			return i
		}
	}
	return -1
}

// Metric is the metric selected, nil while browsing.
func (s *metricStep) Metric() *model.Metric { return s.metric }

func (s *metricStep) Init() tea.Cmd { return s.browser.Init() }

func (s *metricStep) SetSize(w, h int) {
	s.width, s.height = w, h
	s.browser.SetSize(w, h)
	ch := s.chartHeight()
	s.chart.SetSize(w, ch)
	s.form.SetSize(w, max(h-ch-len(s.headLines()), 3))
}

// chartHeight leaves the conditions at least ten lines.
func (s *metricStep) chartHeight() int { return min(max(s.height-12, 5), 9) }

// capturing reports whether a key typed is text: the browser's search or a field.
func (s *metricStep) capturing() bool { return s.metric == nil && s.browser.Filtering() }

func (s *metricStep) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case metricChosenMsg:
		if msg.b != s.browser {
			return s, nil
		}
		return s, s.choose(msg.metric)
	case seriesMsg:
		if msg.s == s && msg.req == s.req {
			s.series, s.serErr, s.now = msg.series, msg.err, msg.now
			s.syncChart()
		}
		return s, nil
	case common.LanguageChangedMsg:
		s.relabel()
		s.syncChart()
		_, cmd := s.form.Update(msg)
		return s, tea.Batch(cmd, s.browser.Update(msg))
	case tea.KeyMsg:
		if s.metric == nil {
			return s, s.browser.Update(msg)
		}
		if key.Matches(msg, s.edit) {
			s.metric = nil
			return s, nil
		}
		_, cmd := s.form.Update(msg)
		s.syncChart()
		if stat, period := s.values(); s.loaded != [2]int{statIndex(stat), period} {
			cmd = tea.Batch(cmd, s.load())
		}
		return s, cmd
	}
	if s.metric == nil {
		return s, s.browser.Update(msg)
	}
	_, cmd := s.form.Update(msg)
	return s, cmd
}

// syncChart shows the series and the threshold typed, when it is a number.
func (s *metricStep) syncChart() {
	if s.metric == nil {
		return
	}
	_, period := s.values()
	s.chart.SetSeries(s.metric.MetricName, chartPoints(s.series))
	if !s.now.IsZero() {
		s.chart.SetRange(s.now.Add(-chartWindow(period)), s.now)
	}
	if v, err := model.ParseThreshold(s.form.Values().String(fThreshold)); err == nil {
		op := s.form.Values().String(fComparison)
		s.chart.SetThreshold(v, model.ComparisonSymbol(op)+" "+thresholdText(v))
	} else {
		s.chart.ClearThreshold()
	}
}

// SetErrors implements the wizard's errorsSetter: the conditions' errors under their
// fields, "select a metric" under the browser.
func (s *metricStep) SetErrors(errs map[string]string) tea.Cmd {
	s.errMsg = errs[fMetric]
	return s.form.SetErrors(errs)
}

// validate applies CloudWatch's rules before Next.
func (s *metricStep) validate() map[string]string {
	errs := map[string]string{}
	if s.metric == nil {
		errs[fMetric] = s.c.T("CWSelectMetricFirst")
		return errs
	}
	if _, err := model.ParseThreshold(s.form.Values().String(fThreshold)); err != nil {
		errs[fThreshold] = common.ErrorText(s.c, err)
	}
	return errs
}

// headLines are the lines between the chart and the conditions: what the chart
// means, the metric, and where a billing alarm will live.
func (s *metricStep) headLines() []string {
	if s.metric == nil {
		return nil
	}
	st, c, m := s.c.Styles, s.c, *s.metric
	_, period := s.values()
	op := s.form.Values().String(fComparison)
	var lines []string
	for _, l := range cells.WrapWords(c.Tf(triggerID(op), map[string]any{"Period": periodText(c, period)}), s.width) {
		lines = append(lines, st.Muted.Render(l))
	}
	facts := st.Subtitle.Render(c.T("CWNamespace")+" ") + st.Text.Render(m.Namespace) + st.Muted.Render("  ·  ") +
		st.Subtitle.Render(c.T("CWMetricName")+" ") + st.Text.Render(m.MetricName)
	for _, d := range m.Dimensions {
		facts += st.Muted.Render("  ·  ") + st.Subtitle.Render(d.Name+" ") + st.Text.Render(d.Value)
	}
	lines = append(lines, cells.Fit(facts, s.width, lipgloss.Left))
	info := c.Backend.Info()
	if r := alarmRegion(info, m); r != info.Region {
		for _, l := range cells.WrapWords(c.Tf("CWBillingRegionSwitch", map[string]any{"Region": r, "Name": regionName(c, r)}), s.width) {
			lines = append(lines, st.Info.Render(l))
		}
	}
	return lines
}

// triggerID is the sentence under the chart for a condition.
func triggerID(op string) string {
	switch op {
	case model.GreaterThanOrEqualToThreshold:
		return "CWChartTriggerGreaterEqual"
	case model.LessThanThreshold:
		return "CWChartTriggerLower"
	case model.LessThanOrEqualToThreshold:
		return "CWChartTriggerLowerEqual"
	}
	return "CWChartTriggerGreater"
}

func (s *metricStep) View() string {
	if s.metric == nil {
		view := s.browser.View()
		if s.errMsg != "" {
			view = cells.FitLines(view, s.width, max(s.height-1, 1)) + "\n" + s.c.Styles.Form.Error.Render("✕ "+s.errMsg)
		}
		return view
	}
	chartView := s.chart.View()
	if s.serErr != nil {
		chartView = cells.FitLines(action.ErrorPanel(s.c, s.serErr, s.width), s.width, s.chartHeight())
	}
	parts := append([]string{chartView}, s.headLines()...)
	parts = append(parts, s.form.View())
	return lipgloss.JoinVertical(lipgloss.Left, strings.Join(parts, "\n"))
}

func (s *metricStep) ShortHelp() []key.Binding {
	if s.metric == nil {
		return s.browser.ShortHelp()
	}
	return append(s.form.ShortHelp(), s.edit)
}

func (s *metricStep) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
