package cloudwatch

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch/simlab"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/table"
)

// dimensionNames are the dimension columns of the metrics level: Currency, or
// ServiceName and Currency for Billing's By Service.
func (b *metricBrowser) dimensionNames() []string {
	var names []string
	seen := map[string]bool{}
	for _, m := range b.metrics {
		for _, d := range m.Dimensions {
			if !seen[d.Name] {
				seen[d.Name] = true
				names = append(names, d.Name)
			}
		}
	}
	return names
}

func (b *metricBrowser) columns() []table.Column {
	c := b.c
	switch b.level {
	case levelGroups:
		return []table.Column{{ID: "group", Title: c.T("CWColGrouping"), MinWidth: 20}, {ID: "count", Title: c.T("CWMetrics"), Width: 8}}
	case levelMetrics:
		cols := []table.Column{{ID: "tick", Title: "", Width: 3}}
		for _, d := range b.dimensionNames() {
			cols = append(cols, table.Column{ID: "dim:" + d, Title: d, MinWidth: 10})
		}
		return append(cols, table.Column{ID: "name", Title: c.T("CWMetricName"), MinWidth: 16})
	}
	return []table.Column{{ID: "ns", Title: c.T("CWNamespace"), MinWidth: 20}}
}

func (b *metricBrowser) rows() []table.Row {
	var rows []table.Row
	switch b.level {
	case levelNamespaces:
		for _, ns := range b.namespaces {
			rows = append(rows, table.Row{ID: ns, Cells: []string{namespaceLabel(b.c, ns)}})
		}
	case levelGroups:
		for _, g := range b.billing {
			rows = append(rows, table.Row{ID: g.Name, Cells: []string{groupLabel(b.c, g.Name), strconv.Itoa(len(g.Metrics))}})
		}
	case levelMetrics:
		dims := b.dimensionNames()
		for _, m := range b.metrics {
			tick := "[ ]"
			if metricKey(m) == b.ticked {
				tick = "[x]"
			}
			cells := []string{tick}
			for _, d := range dims {
				cells = append(cells, m.DimensionValue(d))
			}
			rows = append(rows, table.Row{ID: metricKey(m), Cells: append(cells, m.MetricName), Data: m})
		}
	}
	return rows
}

// count is the number of metrics at the level shown ("Metrics (8)" at Billing).
func (b *metricBrowser) count() int {
	switch {
	case b.level == levelGroups:
		n := 0
		for _, g := range b.billing {
			n += len(g.Metrics)
		}
		return n
	case b.level == levelMetrics:
		return len(b.metrics)
	}
	return len(b.namespaces)
}

// path is "All > Billing > Total Estimated Charge".
func (b *metricBrowser) path() string {
	parts := []string{b.c.T("CWAll")}
	if b.level >= levelGroups || (b.level == levelMetrics && b.namespace != "") {
		parts = append(parts, namespaceLabel(b.c, b.namespace))
	}
	if b.level == levelMetrics && b.group != "" {
		parts = append(parts, groupLabel(b.c, b.group))
	}
	return strings.Join(parts, " > ")
}

// footer is a note when Billing has no metrics yet, and the fast-forward's outcome.
func (b *metricBrowser) footer() []string {
	var lines []string
	if b.level == levelNamespaces && !b.table.Loading() && b.err == nil && !hasBilling(b.namespaces) {
		id := "CWNoBillingMetrics"
		if simlab.Available(b.c) {
			id = "CWNoBillingMetricsSim"
		}
		lines = append(lines, cells.WrapWords(b.c.T(id), max(b.width, 10))...)
	}
	if v := b.runner.View(b.width); v != "" {
		lines = append(lines, strings.Split(v, "\n")...)
	}
	return lines
}

func hasBilling(nss []string) bool {
	for _, ns := range nss {
		if ns == model.BillingNamespace {
			return true
		}
	}
	return false
}

func (b *metricBrowser) View() string {
	st := b.c.Styles
	title := st.Subtitle.Render(b.c.Tf("CWMetricsCount", map[string]any{"Count": b.count()}))
	if b.level == levelNamespaces {
		title = st.Subtitle.Render(b.c.T("CWBrowse"))
	}
	lines := []string{title, st.Link.Render(b.path())}
	if b.err != nil {
		lines = append(lines, action.ErrorPanel(b.c, b.err, b.width))
	} else {
		lines = append(lines, b.table.View())
	}
	for _, l := range b.footer() {
		lines = append(lines, st.Muted.Render(l))
	}
	return b.runner.Overlay(strings.Join(lines, "\n"))
}

func (b *metricBrowser) ShortHelp() []key.Binding {
	if b.table.Filtering() {
		return b.table.ShortHelp()
	}
	k := b.keys
	k.Tick.SetEnabled(b.level == levelMetrics)
	k.Up.SetEnabled(b.level != levelNamespaces)
	return []key.Binding{k.Select, k.Tick, k.Up, table.NewKeyMap(b.c.L).Filter, k.FastForward}
}
