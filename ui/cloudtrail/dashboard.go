package cloudtrail

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/spinner"
	"github.com/labconsole/labconsole/ui/nav"
)

// Dashboard is CloudTrail's first screen: the trails with their status, the five
// newest events, and links to Trails, Event history and Create trail. The cursor
// moves over the trails; enter opens the trail, or Event history when there are none.
type Dashboard struct {
	c       *common.Common
	keys    dashboardKeys
	spin    spinner.Model
	req     int
	loading int // answers still awaited
	trails  []trailInfo
	events  []model.Event
	trErr   error
	evErr   error
	cursor  int
	width   int
	pace    *lookupPace // the recent events' call waiting for its LookupEvents turn
}

var _ nav.Screen = (*Dashboard)(nil)

// NewDashboard returns the CloudTrail dashboard; Init loads it.
func NewDashboard(c *common.Common) *Dashboard {
	return &Dashboard{c: c, keys: newDashboardKeys(c), spin: spinner.New(c), pace: newLookupPace(c)}
}

// recentMsg answers the dashboard's recent-events load number req.
type recentMsg struct {
	req    int
	events []model.Event
	err    error
}

func (d *Dashboard) load() tea.Cmd {
	d.req++
	d.loading = 2
	req, b, ctx := d.req, d.c.Backend, d.c.Ctx
	lookupCtx, tick := d.pace.start(ctx)
	// One after the other: LookupEvents is paced, and the recent events then list the
	// dashboard's own calls in a stable order.
	return tea.Batch(d.spin.Start(), tick, tea.Sequence(loadTrails(ctx, b, req), func() tea.Msg {
		p, err := b.LookupEvents(lookupCtx, model.EventQuery{Page: model.PageRequest{Limit: 5}})
		return recentMsg{req: req, events: p.Items, err: err}
	}))
}

// Init implements tea.Model.
func (d *Dashboard) Init() tea.Cmd { return d.load() }

// Crumbs implements nav.Screen.
func (d *Dashboard) Crumbs() []string { return []string{"CloudTrail", d.c.T("CloudTrailDashboard")} }

// Capturing implements nav.Screen.
func (d *Dashboard) Capturing() bool { return false }

// SetSize implements common.Component.
func (d *Dashboard) SetSize(w, _ int) { d.width = w }

func (d *Dashboard) answered() {
	if d.loading--; d.loading <= 0 {
		d.spin.Stop()
	}
}

// Update implements tea.Model.
func (d *Dashboard) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case trailsMsg:
		if msg.req == d.req {
			d.trails, d.trErr = msg.trails, msg.err
			d.cursor = min(d.cursor, max(len(d.trails)-1, 0))
			d.answered()
		}
		return d, nil
	case paceTickMsg:
		_, cmd := d.pace.tick(msg)
		return d, cmd
	case recentMsg:
		if msg.req == d.req {
			d.pace.stop()
			d.events, d.evErr = msg.events, msg.err
			if len(d.events) > 5 {
				d.events = d.events[:5]
			}
			d.answered()
		}
		return d, nil
	case trailsChangedMsg, common.IdentityChangedMsg:
		return d, d.load()
	case common.LanguageChangedMsg:
		d.keys = newDashboardKeys(d.c)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, d.keys.Up):
			if d.cursor > 0 {
				d.cursor--
			}
		case key.Matches(msg, d.keys.Down):
			if d.cursor < len(d.trails)-1 {
				d.cursor++
			}
		case key.Matches(msg, d.keys.Open):
			if d.cursor < len(d.trails) {
				return d, nav.Push(NewTrailDetail(d.c, d.trails[d.cursor].trail.ARN))
			}
			return d, nav.Push(NewEventHistory(d.c))
		case key.Matches(msg, d.keys.Trails):
			return d, nav.Push(NewTrails(d.c))
		case key.Matches(msg, d.keys.Events):
			return d, nav.Push(NewEventHistory(d.c))
		case key.Matches(msg, d.keys.Create):
			return d, nav.Push(NewCreateTrail(d.c))
		case key.Matches(msg, d.keys.Refresh):
			return d, d.load()
		}
		return d, nil
	}
	var cmd tea.Cmd
	d.spin, cmd = d.spin.Update(msg)
	return d, cmd
}

// View implements tea.Model.
func (d *Dashboard) View() string {
	st := d.c.Styles
	w := max(d.width, 20)
	fit := lipgloss.NewStyle().MaxWidth(w)
	var b strings.Builder
	head := st.Title.Render(d.c.T("CTDashboardTitle"))
	if wait := d.pace.view(); wait != "" && d.spin.Active() {
		// The recent events wait for their LookupEvents turn: say so beside the spinner.
		head += "  " + d.spin.Glyph() + " " + st.Muted.Render(wait)
	} else if d.spin.Active() {
		head += "  " + d.spin.View()
	}
	b.WriteString(fit.Render(head))
	b.WriteString("\n\n" + st.Subtitle.Render(d.c.T("CloudTrailTrails")) + "\n")
	switch {
	case d.trErr != nil:
		b.WriteString(errorPanel(d.c, d.trErr, w) + "\n")
	case len(d.trails) == 0 && !d.spin.Active():
		b.WriteString(st.Muted.Render(d.c.T("CTNoTrails")) + "\n")
	}
	for i, t := range d.trails {
		status := st.Muted.Render("-")
		if t.statusErr == nil {
			status = st.Error.Render(logging(d.c, false))
			if t.status.IsLogging {
				status = st.Success.Render(logging(d.c, true))
			}
		}
		mark, name := "  ", st.Menu.Item.Render(padTo(t.trail.Name, 24))
		if i == d.cursor {
			mark, name = st.Menu.Cursor.Render("▸ "), st.Menu.ItemSelected.Render(padTo(t.trail.Name, 24))
		}
		b.WriteString(fit.Render(mark+name+"  "+status+"  "+st.Muted.Render(t.trail.HomeRegion)) + "\n")
	}
	b.WriteString("\n" + st.Subtitle.Render(d.c.T("CTRecentEvents")) + "\n")
	switch {
	case d.evErr != nil:
		b.WriteString(errorPanel(d.c, d.evErr, w) + "\n")
	case len(d.events) == 0 && !d.spin.Active():
		b.WriteString(st.Muted.Render(d.c.T("CTEventsEmpty")) + "\n")
	}
	for _, ev := range d.events {
		b.WriteString(fit.Render("  "+st.Text.Render(padTo(ev.EventName, 28))+"  "+st.Muted.Render(stamp(ev.EventTime))+"  "+st.Muted.Render(ev.EventSource)) + "\n")
	}
	b.WriteString("\n" + st.Link.Render(d.c.T("CTViewFullHistory")) + st.Muted.Render(" (e)"))
	return b.String()
}

// padTo pads s with spaces to w cells (measured, so Korean lines up).
func padTo(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// ShortHelp implements help.KeyMap.
func (d *Dashboard) ShortHelp() []key.Binding {
	return []key.Binding{d.keys.Open, d.keys.Trails, d.keys.Events, d.keys.Create, d.keys.Refresh}
}

// FullHelp implements help.KeyMap.
func (d *Dashboard) FullHelp() [][]key.Binding {
	return [][]key.Binding{{d.keys.Up, d.keys.Down}, d.ShortHelp()}
}
