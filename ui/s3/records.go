package s3

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/jsonview"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// recordColumns are what a student reads first in a record (lab step D5): when, what,
// who, from where, and which service.
func recordColumns(c *common.Common) []table.Column {
	return []table.Column{
		{ID: "time", Title: c.T("S3ColEventTime"), Width: 20, Sortable: true},
		{ID: "name", Title: c.T("S3ColEventName"), MinWidth: 14, Sortable: true},
		{ID: "user", Title: c.T("S3ColUserName"), Width: 20, Sortable: true},
		{ID: "ip", Title: c.T("S3ColSourceIP"), Width: 15, Sortable: true},
		{ID: "source", Title: c.T("S3ColEventSource"), MinWidth: 16, Sortable: true},
	}
}

// recordRows are the records in the file's order; the row ID is the position, since
// CloudTrail may deliver the same event (eventID) twice.
func recordRows(recs []record) []table.Row {
	rows := make([]table.Row, len(recs))
	for i, r := range recs {
		rows[i] = table.Row{
			ID:       strconv.Itoa(i),
			Cells:    []string{dash(r.Time), dash(r.Name), dash(r.User), dash(r.IP), dash(r.Source)},
			Data:     r,
			SortKeys: []string{r.Time, strings.ToLower(r.Name), strings.ToLower(r.User), r.IP, r.Source},
		}
	}
	return rows
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// RecordView is one record of a CloudTrail log file in the JSON viewer: the whole
// event, userIdentity to tlsDetails, pretty-printed.
type RecordView struct {
	c     *common.Common
	rec   record
	ready bool
	json  jsonview.Model
	width int
}

var _ nav.Screen = (*RecordView)(nil)

func newRecordView(c *common.Common, rec record) *RecordView {
	return &RecordView{c: c, rec: rec, json: jsonview.New(c)}
}

// recordDocMsg carries the formatted record to its page.
type recordDocMsg struct {
	owner *RecordView
	doc   *jsonview.Document
}

// Init implements tea.Model: the record is formatted in a command, as every document.
func (r *RecordView) Init() tea.Cmd {
	raw := r.rec.Raw
	return func() tea.Msg { return recordDocMsg{owner: r, doc: jsonview.Parse(raw)} }
}

// Crumbs implements nav.Screen: the event's name.
func (r *RecordView) Crumbs() []string {
	if r.rec.Name == "" {
		return []string{r.c.T("S3Record")}
	}
	return []string{r.rec.Name}
}

// Capturing implements nav.Screen.
func (r *RecordView) Capturing() bool { return false }

// SetSize implements common.Component.
func (r *RecordView) SetSize(w, h int) {
	r.width = w
	r.json.SetSize(w, max(h-3, 3))
}

// Update implements tea.Model.
func (r *RecordView) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case recordDocMsg:
		if msg.owner == r {
			r.json.SetDocument(msg.doc)
			r.ready = true
		}
		return r, nil
	case common.LanguageChangedMsg, tea.KeyMsg, tea.MouseMsg:
		var cmd tea.Cmd
		r.json, cmd = r.json.Update(msg)
		return r, cmd
	}
	return r, nil
}

// View implements tea.Model.
func (r *RecordView) View() string {
	st := r.c.Styles
	title := st.Title.Render(fit(dash(r.rec.Name), r.width))
	sub := st.Muted.Render(fit(strings.Join([]string{dash(r.rec.Time), dash(r.rec.User), dash(r.rec.Source)}, "  ·  "), r.width))
	if !r.ready {
		return title + "\n" + sub
	}
	return title + "\n" + sub + "\n\n" + r.json.View()
}

// ShortHelp implements help.KeyMap.
func (r *RecordView) ShortHelp() []key.Binding { return r.json.ShortHelp() }

// FullHelp implements help.KeyMap.
func (r *RecordView) FullHelp() [][]key.Binding { return r.json.FullHelp() }
