package cloudtrail

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// Trails is CloudTrail > Trails: name, home region, multi-region, S3 bucket, log file
// validation and status, as the console lists them.
type Trails struct {
	c      *common.Common
	keys   trailsKeys
	table  table.Model
	req    int
	count  int
	err    error
	width  int
	height int
}

var _ nav.Screen = (*Trails)(nil)

// NewTrails returns the Trails list; Init loads it.
func NewTrails(c *common.Common) *Trails {
	t := &Trails{c: c, keys: newTrailsKeys(c)}
	t.table = table.New(c, t.columns())
	t.table.SetEmptyText(c.T("CTNoTrails"))
	return t
}

func (t *Trails) columns() []table.Column {
	return []table.Column{
		{ID: "name", Title: t.c.T("CTColName"), MinWidth: 16, Sortable: true},
		{ID: "region", Title: t.c.T("CloudTrailHomeRegion"), Width: 14, Sortable: true},
		{ID: "multi", Title: t.c.T("CloudTrailMultiRegion"), Width: 12},
		{ID: "bucket", Title: t.c.T("CTColBucket"), MinWidth: 16, Sortable: true},
		{ID: "status", Title: t.c.T("CloudTrailStatus"), Width: 10, Sortable: true},
	}
}

func (t *Trails) load() tea.Cmd {
	t.req++
	return tea.Batch(t.table.SetLoading(true), loadTrails(t.c.Ctx, t.c.Backend, t.req))
}

// Init implements tea.Model.
func (t *Trails) Init() tea.Cmd { return t.load() }

// Crumbs implements nav.Screen.
func (t *Trails) Crumbs() []string { return []string{t.c.T("CloudTrailTrails")} }

// Capturing implements nav.Screen.
func (t *Trails) Capturing() bool { return t.table.Filtering() }

// SetSize implements common.Component.
func (t *Trails) SetSize(w, h int) {
	t.width, t.height = w, h
	t.table.SetSize(w, max(h-2, 1))
}

// Update implements tea.Model.
func (t *Trails) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case trailsMsg:
		if msg.req != t.req {
			return t, nil
		}
		t.table.SetLoading(false)
		t.err = msg.err
		t.count = len(msg.trails)
		t.table.SetRows(trailRows(t.c, msg.trails))
		return t, nil
	case trailsChangedMsg, common.IdentityChangedMsg:
		return t, t.load()
	case common.LanguageChangedMsg:
		t.keys = newTrailsKeys(t.c)
		t.table.SetColumns(t.columns())
		t.table.SetEmptyText(t.c.T("CTNoTrails"))
		return t, t.load()
	case tea.KeyMsg:
		if !t.table.Filtering() {
			switch {
			case key.Matches(msg, t.keys.Open):
				if r, ok := t.table.Selected(); ok {
					return t, nav.Push(NewTrailDetail(t.c, r.ID))
				}
				return t, nil
			case key.Matches(msg, t.keys.Create):
				return t, nav.Push(NewCreateTrail(t.c))
			case key.Matches(msg, t.keys.Refresh):
				return t, t.load()
			}
		}
	}
	var cmd tea.Cmd
	t.table, cmd = t.table.Update(msg)
	return t, cmd
}

func trailRows(c *common.Common, trails []trailInfo) []table.Row {
	rows := make([]table.Row, len(trails))
	for i, ti := range trails {
		tr := ti.trail
		status := "-"
		if ti.statusErr == nil {
			status = logging(c, ti.status.IsLogging)
		}
		multi := c.T("CTNo")
		if tr.IsMultiRegionTrail {
			multi = c.T("CTYes")
		}
		rows[i] = table.Row{ID: tr.ARN, Cells: []string{tr.Name, tr.HomeRegion, multi, tr.S3BucketName, status}, Data: ti,
			SortKeys: []string{strings.ToLower(tr.Name), tr.HomeRegion, multi, tr.S3BucketName, status}}
	}
	return rows
}

// View implements tea.Model.
func (t *Trails) View() string {
	title := t.c.Styles.Title.Render(t.c.Tf("CTTrailsCount", map[string]any{"Count": t.count}))
	if t.err != nil {
		return title + "\n\n" + errorPanel(t.c, t.err, t.width)
	}
	return lipgloss.JoinVertical(lipgloss.Left, title, "", t.table.View())
}

// ShortHelp implements help.KeyMap.
func (t *Trails) ShortHelp() []key.Binding {
	if t.table.Filtering() {
		return t.table.ShortHelp()
	}
	return []key.Binding{t.keys.Open, t.keys.Create, t.keys.Refresh, table.NewKeyMap(t.c.L).Filter}
}

// FullHelp implements help.KeyMap.
func (t *Trails) FullHelp() [][]key.Binding {
	return append(t.table.FullHelp(), []key.Binding{t.keys.Open, t.keys.Create, t.keys.Refresh})
}
