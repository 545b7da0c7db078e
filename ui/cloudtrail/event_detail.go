package cloudtrail

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/jsonview"
	"github.com/labconsole/labconsole/ui/nav"
)

// EventDetail is the event details page: the summary the console shows above the
// record (who, when, from where, with which key, and the error if the call failed),
// the referenced resources, and the record itself in the JSON viewer. It needs no
// call: LookupEvents already returned the record.
type EventDetail struct {
	c      *common.Common
	ev     model.Event
	json   jsonview.Model
	width  int
	height int
}

var _ nav.Screen = (*EventDetail)(nil)

// NewEventDetail returns the details of ev.
func NewEventDetail(c *common.Common, ev model.Event) *EventDetail {
	d := &EventDetail{c: c, ev: ev, json: jsonview.New(c)}
	d.json.SetContent([]byte(ev.Raw))
	return d
}

// Init implements tea.Model.
func (d *EventDetail) Init() tea.Cmd { return nil }

// Crumbs implements nav.Screen.
func (d *EventDetail) Crumbs() []string { return []string{d.ev.EventName} }

// Capturing implements nav.Screen.
func (d *EventDetail) Capturing() bool { return false }

// SetSize implements common.Component: the record takes what the summary leaves.
func (d *EventDetail) SetSize(w, h int) {
	d.width, d.height = w, h
	d.json.SetSize(w, max(h-lipgloss.Height(d.summary())-1, 3))
}

// Update implements tea.Model.
func (d *EventDetail) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(common.LanguageChangedMsg); ok {
		d.json.Relocalize()
		d.SetSize(d.width, d.height)
		return d, nil
	}
	var cmd tea.Cmd
	d.json, cmd = d.json.Update(msg)
	return d, cmd
}

// fields are the summary's label/value pairs, in the console's order.
func (d *EventDetail) fields() [][2]string {
	ev, r := d.ev, d.ev.Record
	ro := "false"
	if ev.ReadOnly {
		ro = "true"
	}
	orDash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	f := [][2]string{
		{"CloudTrailEventName", ev.EventName},
		{"CloudTrailEventTime", stamp(ev.EventTime)},
		{"CloudTrailUserName", orDash(ev.Username)},
		{"CloudTrailEventSource", ev.EventSource},
		{"CloudTrailAccessKey", orDash(ev.AccessKeyID)},
		{"CTSourceIP", orDash(r.SourceIPAddress)},
		{"CTRegion", orDash(r.AWSRegion)},
		{"CloudTrailEventID", ev.EventID},
		{"CTRequestID", orDash(r.RequestID)},
		{"CloudTrailReadOnly", ro},
	}
	if r.ErrorCode != "" {
		f = append(f, [2]string{"CTErrorCode", r.ErrorCode})
	}
	return f
}

// summary is the Details panel and the Resources referenced list.
func (d *EventDetail) summary() string {
	st := d.c.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render(d.ev.EventName) + "\n")
	fields := d.fields()
	labelW := 0
	for _, f := range fields {
		labelW = max(labelW, lipgloss.Width(d.c.T(f[0])))
	}
	colW := max(d.width/2, labelW+4)
	for i := 0; i < len(fields); i += 2 {
		line := ""
		for j := i; j < min(i+2, len(fields)); j++ {
			lbl := d.c.T(fields[j][0])
			cell := st.Muted.Render(lbl+strings.Repeat(" ", labelW-lipgloss.Width(lbl)+1)) + st.Text.Render(fields[j][1])
			if j == i {
				cell = padTo(ansi.Truncate(cell, colW-1, "…"), colW)
			}
			line += cell
		}
		b.WriteString(lipgloss.NewStyle().MaxWidth(max(d.width, 10)).Render(line) + "\n")
	}
	b.WriteString(st.Subtitle.Render(d.c.Tf("CTResourcesReferenced", map[string]any{"Count": len(d.ev.Resources)})) + "\n")
	for _, r := range d.ev.Resources {
		b.WriteString(lipgloss.NewStyle().MaxWidth(max(d.width, 10)).Render("  "+st.Muted.Render(r.Type)+"  "+st.Text.Render(r.Name)) + "\n")
	}
	b.WriteString(st.Subtitle.Render(d.c.T("CloudTrailEventRecord")))
	return b.String()
}

// View implements tea.Model.
func (d *EventDetail) View() string {
	return d.summary() + "\n" + d.json.View()
}

// ShortHelp implements help.KeyMap.
func (d *EventDetail) ShortHelp() []key.Binding { return d.json.ShortHelp() }

// FullHelp implements help.KeyMap.
func (d *EventDetail) FullHelp() [][]key.Binding { return d.json.FullHelp() }
