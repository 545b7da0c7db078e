package cloudwatch

import (
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch/simlab"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/table"
)

// The levels of the Browse tab: All > Billing > Total Estimated Charge.
const (
	levelNamespaces = iota
	levelGroups     // Billing's "By Service" (7) and "Total Estimated Charge" (1)
	levelMetrics
)

// metricBrowser is the Select metric page of the wizard's first step (lab steps A3
// and A4): namespaces, then Billing's two groupings with their counts as the
// handout shows them (지표 (8): 서비스별 7, 예상 요금 합계 1), then the metrics with a
// tick box. enter on a metric (or on any row once one is ticked) selects it.
type metricBrowser struct {
	c          *common.Common
	keys       browserKeys
	table      table.Model
	runner     action.Runner
	level      int
	namespace  string
	group      string
	namespaces []string
	billing    []model.BillingMetricGroup
	metrics    []model.Metric // the metrics of the level shown
	ticked     string         // metricKey of the ticked metric
	req        int
	err        error
	width      int
	height     int
}

type browserKeys struct {
	Select      key.Binding
	Tick        key.Binding
	Up          key.Binding
	FastForward key.Binding
	Refresh     key.Binding
}

func newBrowserKeys(c *common.Common) browserKeys {
	k := browserKeys{
		Select:      bind(c, "enter", "CWKeySelectMetric", "enter"),
		Tick:        bind(c, "space", "KeyToggle", " "),
		Up:          bind(c, "←", "CWKeyUpLevel", "left", "backspace"),
		FastForward: bind(c, "f", "CWKeyFastForward", "f"),
		Refresh:     bind(c, "r", "KeyRefresh", "r"),
	}
	k.FastForward.SetEnabled(simlab.Available(c))
	return k
}

// metricChosenMsg reports the metric selected in browser b.
type metricChosenMsg struct {
	b      *metricBrowser
	metric model.Metric
}

type browserNamespacesMsg struct {
	b          *metricBrowser
	req        int
	namespaces []string
	billing    []model.BillingMetricGroup
	err        error
}

type browserMetricsMsg struct {
	b       *metricBrowser
	req     int
	metrics []model.Metric
	err     error
}

// browserAfter tags the browser's fast-forward.
type browserAfter struct{ b *metricBrowser }

func newMetricBrowser(c *common.Common) *metricBrowser {
	b := &metricBrowser{c: c, keys: newBrowserKeys(c), runner: action.New(c)}
	b.table = table.New(c, nil)
	b.setLevel(levelNamespaces)
	return b
}

// loadNamespaces reads the console region's namespaces and the billing metrics (from
// us-east-1, where AWS keeps them), Billing first as the lab's.
func (b *metricBrowser) loadNamespaces() tea.Cmd {
	b.req++
	req, be, ctx := b.req, b.c.Backend, b.c.Ctx
	spin := b.table.SetLoading(true)
	return tea.Batch(spin, func() tea.Msg {
		msg := browserNamespacesMsg{b: b, req: req}
		nss, err := be.ListNamespaces(ctx)
		if err != nil {
			msg.err = err
			return msg
		}
		msg.billing, err = be.BillingMetrics(ctx)
		if err != nil && backend.KindOf(err) != backend.KindAccessDenied {
			msg.err = err
			return msg
		}
		count := 0
		for _, g := range msg.billing {
			count += len(g.Metrics)
		}
		if count > 0 {
			msg.namespaces = append(msg.namespaces, model.BillingNamespace)
		}
		for _, ns := range nss {
			if ns != model.BillingNamespace {
				msg.namespaces = append(msg.namespaces, ns)
			}
		}
		return msg
	})
}

func (b *metricBrowser) loadMetrics(ns string) tea.Cmd {
	b.req++
	req, be, ctx := b.req, b.c.Backend, b.c.Ctx
	spin := b.table.SetLoading(true)
	return tea.Batch(spin, func() tea.Msg {
		page, err := be.ListMetrics(ctx, model.MetricFilter{Namespace: ns}, model.PageRequest{})
		ms := page.Items
		sort.SliceStable(ms, func(i, j int) bool { return metricKey(ms[i]) < metricKey(ms[j]) })
		return browserMetricsMsg{b: b, req: req, metrics: ms, err: err}
	})
}

// metricKey identifies a metric among the rows.
func metricKey(m model.Metric) string {
	return m.Namespace + "|" + m.MetricName + "|" + dimensionsText(m)
}

// namespaceLabel is a namespace as the Browse tab's tiles name it: Billing (결제)
// for AWS/Billing, the rest without "AWS/".
func namespaceLabel(c *common.Common, ns string) string {
	if ns == model.BillingNamespace {
		return c.T("BillingTitle")
	}
	return strings.TrimPrefix(ns, "AWS/")
}

// groupLabel translates Billing's groupings.
func groupLabel(c *common.Common, g string) string {
	switch g {
	case model.BillingGroupTotal:
		return c.T("BillingTotalEstimatedCharge")
	case model.BillingGroupByService:
		return c.T("BillingByService")
	}
	return g
}

func (b *metricBrowser) Init() tea.Cmd { return b.loadNamespaces() }

func (b *metricBrowser) SetSize(w, h int) {
	b.width, b.height = w, h
	b.runner.SetSize(w, h)
	b.layout()
}

func (b *metricBrowser) layout() {
	used := 3 + len(b.footer())
	b.table.SetSize(b.width, max(b.height-used, 3))
}

// Filtering reports whether the table's search takes the keys.
func (b *metricBrowser) Filtering() bool { return b.table.Filtering() }

func (b *metricBrowser) Update(msg tea.Msg) tea.Cmd {
	defer b.layout()
	handled, rcmd, done := b.runner.Update(msg)
	if handled {
		if done != nil && done.Err == nil {
			return tea.Batch(rcmd, b.reload())
		}
		return rcmd
	}
	switch msg := msg.(type) {
	case browserNamespacesMsg:
		if msg.b != b || msg.req != b.req {
			return rcmd
		}
		b.table.SetLoading(false)
		b.err, b.namespaces, b.billing = msg.err, msg.namespaces, msg.billing
		b.setLevel(b.level)
		return rcmd
	case browserMetricsMsg:
		if msg.b != b || msg.req != b.req {
			return rcmd
		}
		b.table.SetLoading(false)
		b.err, b.metrics = msg.err, msg.metrics
		b.setLevel(levelMetrics)
		return rcmd
	case common.LanguageChangedMsg:
		b.keys = newBrowserKeys(b.c)
		b.setLevel(b.level)
	case tea.KeyMsg:
		if !b.table.Filtering() {
			if cmd, ok := b.handleKey(msg); ok {
				return tea.Batch(rcmd, cmd)
			}
		}
	}
	var cmd tea.Cmd
	b.table, cmd = b.table.Update(msg)
	return tea.Batch(rcmd, cmd)
}

func (b *metricBrowser) handleKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, b.keys.Up):
		b.up()
		return nil, true
	case key.Matches(msg, b.keys.Refresh):
		return b.reload(), true
	case key.Matches(msg, b.keys.FastForward):
		return b.runner.Start(simlab.FastForward(b.c, model.BillingPeriodHours*time.Hour, browserAfter{b})), true
	case key.Matches(msg, b.keys.Tick) && b.level == levelMetrics:
		if r, ok := b.table.Selected(); ok {
			if b.ticked == r.ID {
				b.ticked = ""
			} else {
				b.ticked = r.ID
			}
			b.table.SetRows(b.rows())
		}
		return nil, true
	case key.Matches(msg, b.keys.Select):
		return b.enter(), true
	}
	return nil, false
}

// enter opens the row's level, or selects the ticked metric (else the one under the
// cursor) on the metrics level.
func (b *metricBrowser) enter() tea.Cmd {
	r, ok := b.table.Selected()
	switch {
	case b.level == levelMetrics:
		id := b.ticked
		if id == "" && ok {
			id = r.ID
		}
		for _, m := range b.metrics {
			if metricKey(m) == id {
				m := m
				return func() tea.Msg { return metricChosenMsg{b: b, metric: m} }
			}
		}
	case !ok:
		return nil
	case b.level == levelNamespaces && r.ID == model.BillingNamespace:
		b.namespace = r.ID
		b.setLevel(levelGroups)
	case b.level == levelNamespaces:
		b.namespace = r.ID
		return b.loadMetrics(r.ID)
	case b.level == levelGroups:
		b.group = r.ID
		for _, g := range b.billing {
			if g.Name == r.ID {
				b.metrics = g.Metrics
			}
		}
		b.setLevel(levelMetrics)
	}
	return nil
}

// up goes back one level.
func (b *metricBrowser) up() {
	switch {
	case b.level == levelMetrics && b.namespace == model.BillingNamespace:
		b.setLevel(levelGroups)
	case b.level != levelNamespaces:
		b.namespace, b.group = "", ""
		b.setLevel(levelNamespaces)
	}
}

// reload reads the level shown again, e.g. after a fast-forward brought data.
func (b *metricBrowser) reload() tea.Cmd {
	if b.level == levelMetrics && b.namespace != model.BillingNamespace {
		return b.loadMetrics(b.namespace)
	}
	return b.loadNamespaces()
}

// setLevel shows level's columns and rows.
func (b *metricBrowser) setLevel(level int) {
	b.level = level
	if level == levelMetrics && b.namespace == model.BillingNamespace {
		for _, g := range b.billing { // a reload may have brought more metrics
			if g.Name == b.group {
				b.metrics = g.Metrics
			}
		}
	}
	b.table.SetColumns(b.columns())
	b.table.SetRows(b.rows())
	b.table.SetEmptyText(b.c.T("CWNoMetrics"))
	b.table.Relocalize()
}
