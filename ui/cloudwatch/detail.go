package cloudwatch

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch/simlab"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/chart"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/sns"
)

// The tabs of the alarm details, in the console's order.
const (
	tabDetails = iota
	tabActions
	tabHistory
	tabCount
)

// AlarmDetail is one alarm's page: its state, the metric's chart with the threshold
// line, and the Details, Actions and History tabs. In simulator mode f fast-forwards
// by the alarm's period and $ books charges, so the student watches the state change.
type AlarmDetail struct {
	c       *common.Common
	keys    detailKeys
	region  string
	name    string
	req     int
	loaded  bool
	alarm   model.Alarm
	err     error
	history []model.AlarmHistoryItem
	histErr error
	series  model.MetricSeries
	seriesE error
	now     time.Time
	chart   chart.Model
	tab     int
	yoff    int
	runner  action.Runner
	prompt  *simlab.Prompt
	width   int
	height  int
}

var _ nav.Screen = (*AlarmDetail)(nil)

// NewAlarmDetail returns the page of alarm name in region; Init loads it.
func NewAlarmDetail(c *common.Common, region, name string) *AlarmDetail {
	return &AlarmDetail{c: c, keys: newDetailKeys(c), region: region, name: name, chart: chart.New(c), runner: action.New(c)}
}

// detailMsg answers load number req: the alarm, its history and its metric's series
// over the chart's window up to now (the simulated clock in simulator mode).
type detailMsg struct {
	owner   *AlarmDetail
	req     int
	alarm   model.Alarm
	err     error
	history []model.AlarmHistoryItem
	histErr error
	series  model.MetricSeries
	seriesE error
	now     time.Time
}

// detailAfter tags the page's actions.
type detailAfter struct {
	d      *AlarmDetail
	delete bool
}

func (d *AlarmDetail) load() tea.Cmd {
	d.req++
	req, b, ctx, region, name, clock := d.req, d.c.Backend, d.c.Ctx, d.region, d.name, simlab.ClockOf(d.c)
	return func() tea.Msg {
		cw := b.CloudWatchIn(region)
		msg := detailMsg{owner: d, req: req, now: clock()}
		msg.alarm, msg.err = cw.GetAlarm(ctx, name)
		if msg.err != nil {
			return msg
		}
		page, err := cw.AlarmHistory(ctx, name, model.PageRequest{Limit: 50})
		msg.history, msg.histErr = page.Items, err
		msg.series, msg.seriesE = loadSeries(ctx, cw, msg.alarm.Metric, msg.alarm.Statistic, msg.alarm.Period, msg.now)
		return msg
	}
}

// loadSeries reads stat of metric over the chart's window for period, ending now.
func loadSeries(ctx context.Context, cw backend.CloudWatch, m model.Metric, stat string, period int, now time.Time) (model.MetricSeries, error) {
	if period <= 0 {
		period = 300
	}
	return cw.MetricStatistics(ctx, model.StatisticsRequest{Metric: m, Stat: stat, Period: period,
		Start: now.Add(-chartWindow(period)), End: now})
}

// chartPoints converts a series for the chart.
func chartPoints(s model.MetricSeries) []chart.Point {
	pts := make([]chart.Point, len(s.Points))
	for i, p := range s.Points {
		pts[i] = chart.Point{T: p.Timestamp, V: p.Value}
	}
	return pts
}

// Init implements tea.Model.
func (d *AlarmDetail) Init() tea.Cmd { return d.load() }

// Crumbs implements nav.Screen.
func (d *AlarmDetail) Crumbs() []string { return []string{d.name} }

// Capturing implements nav.Screen: while the charges prompt or a dialog is open.
func (d *AlarmDetail) Capturing() bool { return d.prompt != nil || d.runner.Open() }

// SetSize implements common.Component.
func (d *AlarmDetail) SetSize(w, h int) {
	d.width, d.height = w, h
	d.runner.SetSize(w, h)
	d.chart.SetSize(w, chartHeight(h))
}

// chartHeight is the chart's share of the page: enough for the lab's week of
// billing, leaving the tabs at least ten lines.
func chartHeight(h int) int { return min(max(h-16, 5), 12) }

// Alarm is the alarm shown, for tests.
func (d *AlarmDetail) Alarm() model.Alarm { return d.alarm }

// Update implements tea.Model.
func (d *AlarmDetail) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	handled, rcmd, done := d.runner.Update(msg)
	if handled {
		return d, tea.Batch(rcmd, d.afterAction(done))
	}
	return d, tea.Batch(rcmd, d.update(msg))
}

func (d *AlarmDetail) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case detailMsg:
		if msg.owner != d || msg.req != d.req {
			return nil
		}
		d.loaded = true
		d.alarm, d.err, d.now = msg.alarm, msg.err, msg.now
		d.history, d.histErr = msg.history, msg.histErr
		d.series, d.seriesE = msg.series, msg.seriesE
		d.refreshChart()
	case common.LanguageChangedMsg:
		d.keys = newDetailKeys(d.c)
		d.refreshChart()
		if d.prompt != nil {
			d.prompt.Update(msg)
		}
	case common.IdentityChangedMsg:
		d.runner.Clear()
		return d.load()
	case tea.KeyMsg:
		if d.prompt != nil {
			usd, ok, canceled, cmd := d.prompt.Update(msg)
			switch {
			case canceled:
				d.prompt = nil
			case ok:
				d.prompt = nil
				return d.runner.Start(simlab.Spend(d.c, usd, detailAfter{d: d}))
			}
			return cmd
		}
		return d.handleKey(msg)
	}
	return nil
}

func (d *AlarmDetail) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := d.keys
	switch {
	case key.Matches(msg, k.NextTab):
		d.tab, d.yoff = (d.tab+1)%tabCount, 0
	case key.Matches(msg, k.PrevTab):
		d.tab, d.yoff = (d.tab+tabCount-1)%tabCount, 0
	case msg.String() >= "1" && msg.String() <= "3":
		d.tab, d.yoff = int(msg.String()[0]-'1'), 0
	case key.Matches(msg, k.Up):
		d.scroll(-1)
	case key.Matches(msg, k.Down):
		d.scroll(1)
	case key.Matches(msg, k.Refresh):
		return d.load()
	case key.Matches(msg, k.Delete):
		if d.loaded && d.err == nil {
			return d.runner.Start(deleteAction(d.c, d.region, d.name, detailAfter{d: d, delete: true}))
		}
	case key.Matches(msg, k.FastForward):
		period := time.Duration(max(d.alarm.Period, 60)) * time.Second
		return d.runner.Start(simlab.FastForward(d.c, period, detailAfter{d: d}))
	case key.Matches(msg, k.Spend):
		d.prompt = simlab.NewPrompt(d.c)
		return d.prompt.Init()
	case key.Matches(msg, k.Mailbox):
		return nav.Push(sns.NewMailbox(d.c, ""))
	}
	return nil
}

// afterAction reloads after a fast-forward or charges, and goes back to the list
// (which reloads) after a delete.
func (d *AlarmDetail) afterAction(done *action.DoneMsg) tea.Cmd {
	if done == nil || done.Err != nil {
		return nil
	}
	after, ok := done.Act.After.(detailAfter)
	if !ok || after.d != d {
		return nil
	}
	if after.delete {
		return tea.Sequence(nav.Pop(), func() tea.Msg { return alarmsChangedMsg{} })
	}
	return d.load()
}

// refreshChart shows the loaded series with the alarm's threshold.
func (d *AlarmDetail) refreshChart() {
	if !d.loaded || d.err != nil {
		return
	}
	d.chart.SetSeries(d.alarm.Metric.MetricName, chartPoints(d.series))
	d.chart.SetRange(d.now.Add(-chartWindow(d.alarm.Period)), d.now)
	d.chart.SetThreshold(d.alarm.Threshold, model.ComparisonSymbol(d.alarm.ComparisonOperator)+" "+thresholdText(d.alarm.Threshold))
}

// deleteAction deletes alarm name in region after the console's confirmation.
func deleteAction(c *common.Common, region, name string, after any) *action.Action {
	return &action.Action{
		Title:        c.T("CWDeleteAlarmTitle"),
		Body:         c.Tf("CWDeleteAlarmBody", map[string]any{"Name": name}),
		ConfirmLabel: c.T("CWDelete"),
		Danger:       true,
		Ask:          true,
		Done:         func(any) string { return c.Tf("CWAlarmDeleted", map[string]any{"Name": name}) },
		Commands:     []*awscli.Command{awscli.New("cloudwatch", "delete-alarms").With("--alarm-names", name)},
		Region:       region,
		Run: func(ctx context.Context, b backend.Backend) (any, error) {
			return nil, b.CloudWatchIn(region).DeleteAlarms(ctx, name)
		},
		After: after,
	}
}
