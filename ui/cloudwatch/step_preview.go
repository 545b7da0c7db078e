package cloudwatch

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/cells"
)

// previewStep is step 4, "Preview and create" (lab step A9): every setting of the
// three steps and the AWS CLI equivalents of the calls Create alarm will make,
// scrolling when it is longer than the terminal.
type previewStep struct {
	c      *common.Common
	plan   func() alarmPlan
	yoff   int
	width  int
	height int
	up     key.Binding
	down   key.Binding
}

func newPreviewStep(c *common.Common, plan func() alarmPlan) *previewStep {
	s := &previewStep{c: c, plan: plan}
	s.relabel()
	return s
}

func (s *previewStep) relabel() {
	s.up = bind(s.c, "↑", "KeyUp", "up", "k", "pgup")
	s.down = bind(s.c, "↓", "KeyDown", "down", "j", "pgdown")
}

func (s *previewStep) Init() tea.Cmd    { return nil }
func (s *previewStep) SetSize(w, h int) { s.width, s.height = w, h }

func (s *previewStep) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		s.relabel()
	case tea.KeyMsg:
		step := 1
		if msg.Type == tea.KeyPgUp || msg.Type == tea.KeyPgDown {
			step = max(s.height-1, 1)
		}
		last := max(len(s.lines())-s.height, 0)
		switch {
		case key.Matches(msg, s.up):
			s.yoff = max(s.yoff-step, 0)
		case key.Matches(msg, s.down):
			s.yoff = min(s.yoff+step, last)
		}
	}
	return s, nil
}

// lines are the preview, wrapped to the step's width.
func (s *previewStep) lines() []string {
	c, p, st := s.c, s.plan(), s.c.Styles
	var out []string
	section := func(id string) {
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, st.Subtitle.Bold(true).Render(c.T(id)))
	}
	var rows [][2]string
	flush := func() {
		w := 0
		for _, r := range rows {
			w = max(w, lipgloss.Width(r[0]))
		}
		for _, r := range rows {
			label := cells.Fit(r[0], w+2, lipgloss.Left)
			for i, l := range cells.WrapWords(r[1], max(s.width-w-2, 10)) {
				if i > 0 {
					label = strings.Repeat(" ", w+2)
				}
				out = append(out, st.Muted.Render(label)+st.Text.Render(l))
			}
		}
		rows = nil
	}
	al := model.Alarm{Metric: p.metric, Period: p.period, EvaluationPeriods: 1, DatapointsToAlarm: 1,
		Threshold: p.threshold, ComparisonOperator: p.comparison}
	section("CWPreviewMetric")
	rows = append(rows, [2]string{c.T("CWNamespace"), p.metric.Namespace}, [2]string{c.T("CWMetricName"), p.metric.MetricName})
	for _, d := range p.metric.Dimensions {
		rows = append(rows, [2]string{d.Name, d.Value})
	}
	rows = append(rows,
		[2]string{c.T("CWStatistic"), statisticLabel(c, p.statistic)},
		[2]string{c.T("CWPeriod"), periodText(c, p.period)},
		[2]string{c.T("CWThresholdType"), c.T("CWThresholdStatic")},
		[2]string{c.T("CWColConditions"), condition(c, al)},
		[2]string{c.T("CWDatapointsToAlarm"), c.Tf("CWOutOf", map[string]any{"M": 1, "N": 1})},
		[2]string{c.T("CWMissingData"), missingDataLabel(c, "missing")})
	flush()
	section("CWPreviewActions")
	rows = append(rows, [2]string{c.T("CWAlarmStateTrigger"), stateLabel(c, p.trigger)})
	switch p.topicMode {
	case topicNew:
		rows = append(rows, [2]string{c.T("CWSendTo"), c.Tf("CWNewTopicNamed", map[string]any{"Name": p.newTopic})},
			[2]string{c.T("CWEmailEndpointsShort"), strings.Join(p.emails, ", ")})
	default:
		rows = append(rows, [2]string{c.T("CWSendTo"), p.topicArn})
	}
	flush()
	section("CWPreviewName")
	desc := p.description
	if desc == "" {
		desc = "-"
	}
	rows = append(rows, [2]string{c.T("CWAlarmName"), p.name}, [2]string{c.T("CWDescriptionLabel"), desc})
	info := c.Backend.Info()
	if p.region != info.Region {
		rows = append(rows, [2]string{c.T("HeaderRegion"), p.region + " (" + regionName(c, p.region) + ")"})
	}
	flush()
	out = append(out, "")
	return append(out, action.CLILines(c, p.commands(), p.region, nil, s.width)...)
}

func (s *previewStep) View() string {
	lines, _ := cells.Scroll(s.lines(), s.yoff, max(s.height, 1))
	return cells.FitLines(strings.Join(lines, "\n"), s.width, s.height)
}

func (s *previewStep) ShortHelp() []key.Binding  { return []key.Binding{s.up, s.down} }
func (s *previewStep) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
