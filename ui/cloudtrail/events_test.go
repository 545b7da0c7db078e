package cloudtrail

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/uitest"
)

func events(names ...string) model.Page[model.Event] {
	var p model.Page[model.Event]
	for i, n := range names {
		p.Items = append(p.Items, model.Event{EventID: n, EventName: n, EventSource: "iam.amazonaws.com", Username: "Administrator",
			EventTime: time.Date(2026, 11, 22, 9, 30, i, 0, time.UTC)})
	}
	return p
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func TestEventsUpdate(t *testing.T) {
	cases := []struct {
		name     string
		msgs     func(e *Events) []tea.Msg
		wantRows int
		wantBusy bool
		wantQ    query
		wantIn   []string
	}{
		{"first page", func(e *Events) []tea.Msg {
			return []tea.Msg{eventsMsg{req: e.req, page: events("CreateUser", "ListUsers")}}
		},
			2, false, query{}, []string{"CreateUser", "ListUsers"}},
		{"a stale answer is dropped", func(e *Events) []tea.Msg {
			return []tea.Msg{eventsMsg{req: e.req - 1, page: events("Stale")}}
		}, 0, false, query{}, []string{"No events match"}},
		{"next page appends", func(e *Events) []tea.Msg {
			p := events("A")
			p.NextToken = "t1"
			return []tea.Msg{eventsMsg{req: e.req, page: p}, eventsMsg{req: e.req, page: events("B"), append: true}}
		}, 2, false, query{}, nil},
		{"a range change while busy waits for the answer", func(e *Events) []tea.Msg {
			return []tea.Msg{runes("t")}
		}, 0, true, query{rng: timeRange(time.Hour)}, []string{"Last 1 hours"}},
		{"choosing an attribute and typing a value", func(e *Events) []tea.Msg {
			return []tea.Msg{eventsMsg{req: e.req, page: events("X")}, runes("a"), runes("a"), runes("a"), runes("v"), runes("C"), runes("r"), tea.KeyMsg{Type: tea.KeyEnter}}
		}, 1, true, query{attr: model.LookupEventName, value: "Cr"}, []string{"Event name", "Cr"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := NewEvents(uitest.Common(locales.English), "", "")
			e.eq(t)
			for _, m := range c.msgs(e) {
				e.Update(m)
			}
			if got := e.table.Total(); got != c.wantRows {
				t.Errorf("rows = %d, want %d", got, c.wantRows)
			}
			if e.busy != c.wantBusy {
				t.Errorf("busy = %v, want %v", e.busy, c.wantBusy)
			}
			if e.q != c.wantQ {
				t.Errorf("query = %+v, want %+v", e.q, c.wantQ)
			}
			view := e.View()
			for _, w := range c.wantIn {
				if !strings.Contains(view, w) {
					t.Errorf("view lacks %q:\n%s", w, view)
				}
			}
		})
	}
}

// eq starts e as Init would, without a backend: one request in flight.
func (e *Events) eq(t *testing.T) {
	t.Helper()
	e.SetSize(98, 24)
	e.req++
	e.busy = true
}

func TestEventsPacing(t *testing.T) {
	e := NewEvents(uitest.Common(locales.English), "", "")
	e.eq(t)
	e.Update(runes("t")) // 1h
	e.Update(runes("t")) // 3h: replaces the queued request
	if e.pending == nil || e.pending.Start.IsZero() {
		t.Fatalf("pending = %+v, want a queued ranged request", e.pending)
	}
	if got := e.pending.End.Sub(e.pending.Start); got != 3*time.Hour {
		t.Errorf("queued range = %v, want 3h", got)
	}
}

func TestNewTrailFromForms(t *testing.T) {
	c := uitest.Common(locales.English)
	a, ev := attributesForm(c), eventsForm(c)
	a.Field(fName).(interface{ SetValue(string) }).SetValue("lab-events-trail")
	a.Field(fBucket).(interface{ SetValue(string) }).SetValue("aws-cloudtrail-logs-123456789012-mylog")
	n := newTrail(a.Values(), ev.Values())
	if !n.CreateBucket || !n.IsMultiRegionTrail || !n.EnableLogFileValidation || !n.StartLogging || n.ReadWriteType != model.ReadWriteAll {
		t.Errorf("new trail = %+v, want the console's defaults", n)
	}
	if errs := validateAttributes(c, a.Values()); len(errs) != 0 {
		t.Errorf("errors = %v", errs)
	}
	a.Field(fName).(interface{ SetValue(string) }).SetValue("my--trail")
	if errs := validateAttributes(c, a.Values()); errs[fName] == "" {
		t.Errorf("my--trail accepted")
	}
}
