package table

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

// 25 rows at height 8: one header, six rows, one footer.
func TestUpdateKeys(t *testing.T) {
	cases := []struct {
		name      string
		keys      []string
		typed     string // typed after keys, one rune at a time
		after     []string
		cursor    int
		offset    int
		selected  string
		length    int
		filtering bool
		filter    string
		sortBy    string
		desc      bool
	}{
		{name: "start", selected: "user-000", length: 25},
		{name: "down 3", keys: []string{"down", "j", "down"}, cursor: 3, selected: "user-003", length: 25},
		{name: "down past screen scrolls by one", keys: rep("down", 7), cursor: 7, offset: 2, selected: "user-007", length: 25},
		{name: "up at top stays", keys: []string{"up", "k"}, selected: "user-000", length: 25},
		{name: "down then up", keys: []string{"j", "j", "k"}, cursor: 1, selected: "user-001", length: 25},
		{name: "page down", keys: []string{"pgdown"}, cursor: 6, offset: 6, selected: "user-006", length: 25},
		{name: "page down to the end", keys: rep("pgdown", 5), cursor: 24, offset: 19, selected: "user-024", length: 25},
		{name: "end", keys: []string{"end"}, cursor: 24, offset: 19, selected: "user-024", length: 25},
		{name: "G", keys: []string{"G"}, cursor: 24, offset: 19, selected: "user-024", length: 25},
		{name: "end then page up", keys: []string{"end", "pgup"}, cursor: 18, offset: 13, selected: "user-018", length: 25},
		{name: "end then home", keys: []string{"end", "home"}, selected: "user-000", length: 25},
		{name: "end then g", keys: []string{"G", "g"}, selected: "user-000", length: 25},
		{name: "filter while typing", keys: []string{"/"}, typed: "USER-02", length: 5, selected: "user-020", filtering: true, filter: "USER-02"},
		{name: "filter kept by enter", keys: []string{"end", "/"}, typed: "user-01", after: []string{"enter"}, length: 10, selected: "user-010", filter: "user-01"},
		{name: "filter cleared by esc in input keeps the row", keys: []string{"/"}, typed: "user-01", after: []string{"esc"}, length: 25, cursor: 10, offset: 10, selected: "user-010"},
		{name: "applied filter cleared by esc", keys: []string{"/"}, typed: "user-01", after: []string{"enter", "esc"}, length: 25, selected: "user-010", cursor: 10, offset: 10},
		{name: "empty filter closes", keys: []string{"/", "enter"}, length: 25, selected: "user-000"},
		{name: "filter backspace widens", keys: []string{"/"}, typed: "user-011", after: []string{"backspace"}, length: 10, selected: "user-010", filtering: true, filter: "user-01"},
		{name: "arrows move while filtering", keys: []string{"/"}, typed: "user-01", after: []string{"down", "down"}, length: 10, cursor: 2, selected: "user-012", filtering: true, filter: "user-01"},
		{name: "j is text while filtering", keys: []string{"/", "j"}, length: 0, filtering: true, filter: "j"},
		{name: "filter never spans cells", keys: []string{"/"}, typed: "0/", after: []string{"enter"}, length: 0, filter: "0/"},
		{name: "sort by first sortable column", keys: []string{"s"}, selected: "user-000", length: 25, sortBy: "name"},
		{name: "sort cycles to next sortable", keys: []string{"s", "s"}, selected: "user-000", length: 25, sortBy: "count"},
		{name: "sort cycles back to service order", keys: []string{"s", "s", "s"}, selected: "user-000", length: 25},
		{name: "reverse with no sort sorts first column desc", keys: []string{"S"}, cursor: 24, offset: 19, selected: "user-000", length: 25, sortBy: "name", desc: true},
		{name: "reverse twice", keys: []string{"s", "S", "S"}, selected: "user-000", length: 25, sortBy: "name"},
		{name: "sort keeps selection", keys: []string{"down", "down", "s", "s"}, cursor: 10, offset: 8, selected: "user-002", length: 25, sortBy: "count"},
		{name: "sorted then top", keys: []string{"s", "s", "g"}, selected: "user-000", length: 25, sortBy: "count"},
		{name: "sorted numbers desc then top", keys: []string{"s", "s", "S", "g"}, selected: "user-007", length: 25, sortBy: "count", desc: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newTable(t, locales.English, 60, 8, 25)
			m = keys(m, tc.keys...)
			m = typeText(m, tc.typed)
			m = keys(m, tc.after...)
			if m.Cursor() != tc.cursor || m.Offset() != tc.offset {
				t.Errorf("cursor/offset = %d/%d, want %d/%d", m.Cursor(), m.Offset(), tc.cursor, tc.offset)
			}
			if got := selectedID(m); got != tc.selected {
				t.Errorf("selected = %q, want %q", got, tc.selected)
			}
			if m.Len() != tc.length {
				t.Errorf("Len = %d, want %d", m.Len(), tc.length)
			}
			if m.Filtering() != tc.filtering {
				t.Errorf("Filtering = %v, want %v", m.Filtering(), tc.filtering)
			}
			if m.Filter() != tc.filter || m.FilterApplied() != (tc.filter != "") {
				t.Errorf("Filter = %q applied=%v, want %q", m.Filter(), m.FilterApplied(), tc.filter)
			}
			if id, desc := m.SortBy(); id != tc.sortBy || desc != tc.desc {
				t.Errorf("SortBy = %q desc=%v, want %q desc=%v", id, desc, tc.sortBy, tc.desc)
			}
		})
	}
}

func rep(k string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = k
	}
	return out
}

func TestNextPage(t *testing.T) {
	m := newTable(t, locales.English, 60, 8, 25)
	m.SetID("users")
	if _, cmd := m.Update(keyMsg("n")); cmd != nil {
		t.Fatal("n without a next token must do nothing")
	}
	m.SetHasMore(true)
	_, cmd := m.Update(keyMsg("n"))
	if cmd == nil {
		t.Fatal("n with a next token must ask for the next page")
	}
	if msg, ok := cmd().(NextPageMsg); !ok || msg.TableID != "users" {
		t.Fatalf("got %#v, want NextPageMsg{users}", msg)
	}
	m.SetLoading(true)
	if _, cmd := m.Update(keyMsg("n")); cmd != nil {
		t.Fatal("n while a page loads must not ask again")
	}
	if containsBinding(m.ShortHelp(), "n") {
		t.Fatal("help must hide the next-page key while it cannot act")
	}
	m.SetLoading(false)
	if !containsBinding(m.ShortHelp(), "n") {
		t.Fatal("help must show the next-page key")
	}
}

func TestSetRowsKeepsTheSelectedID(t *testing.T) {
	m := newTable(t, locales.English, 60, 8, 25)
	m = keys(m, rep("down", 8)...) // user-008, third line on screen
	rows := userRows(25)
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	m.SetRows(rows)
	if selectedID(m) != "user-008" || m.Cursor() != 16 {
		t.Fatalf("selected %q at %d, want user-008 at 16", selectedID(m), m.Cursor())
	}
	if m.Cursor()-m.Offset() != 5 {
		t.Fatalf("the row moved on screen: cursor %d offset %d", m.Cursor(), m.Offset())
	}
	m.SetRows(userRows(5)) // user-008 is gone: clamp
	if selectedID(m) != "user-004" {
		t.Fatalf("selected %q, want the last row", selectedID(m))
	}
	m.SetRows(nil)
	if _, ok := m.Selected(); ok || m.Len() != 0 {
		t.Fatal("no rows, no selection")
	}
}

func TestAppendRows(t *testing.T) {
	all := userRows(40)
	t.Run("service order", func(t *testing.T) {
		m := newTable(t, locales.English, 60, 8, 0)
		m.SetRows(all[:20])
		m = keys(m, "end")
		m.AppendRows(all[20:])
		if m.Len() != 40 || selectedID(m) != "user-019" {
			t.Fatalf("Len %d selected %q", m.Len(), selectedID(m))
		}
	})
	t.Run("filtered", func(t *testing.T) {
		m := newTable(t, locales.English, 60, 8, 0)
		m.SetRows(all[:20])
		m = keys(m, "/")
		m = typeText(m, "user-01")
		m = keys(m, "enter")
		m.AppendRows(all[20:])
		if m.Len() != 10 {
			t.Fatalf("Len %d, want 10", m.Len())
		}
		m = typeText(keys(m, "/"), "")
		m = keys(m, "backspace", "3", "enter") // "user-03"
		if m.Len() != 10 || selectedID(m) != "user-030" {
			t.Fatalf("appended rows must be filterable: Len %d selected %q", m.Len(), selectedID(m))
		}
	})
	t.Run("sorted", func(t *testing.T) {
		m := newTable(t, locales.English, 60, 8, 0)
		m.SetRows(all[:20])
		m.SetSort("name", true)
		m.AppendRows(all[20:])
		if selectedID(m) != "user-000" || m.Cursor() != 39 {
			t.Fatalf("selected %q at %d", selectedID(m), m.Cursor())
		}
		m = keys(m, "g")
		if selectedID(m) != "user-039" {
			t.Fatalf("top is %q, want user-039", selectedID(m))
		}
	})
	t.Run("caller's array untouched", func(t *testing.T) {
		backing := make([]Row, 2, 10)
		copy(backing, all[:2])
		m := newTable(t, locales.English, 60, 8, 0)
		m.SetRows(backing)
		m.AppendRows(all[2:4])
		if backing[:3][2].ID != "" {
			t.Fatal("AppendRows wrote into the caller's array")
		}
	})
}

func TestSetColumnsKeepsSortAndLanguageChange(t *testing.T) {
	c := uitest.Common(locales.English)
	m := New(c, testColumns(c))
	m.SetSize(60, 8)
	m.SetRows(userRows(5))
	m.SetSort("count", false)
	msg := uitest.SetLang(c, locales.Korean)
	m, _ = m.Update(msg)
	m.SetColumns(testColumns(c))
	if id, _ := m.SortBy(); id != "count" {
		t.Fatalf("sort lost: %q", id)
	}
	if got := m.ShortHelp()[0].Help().Desc; got != "위로" {
		t.Fatalf("help not relocalized: %q", got)
	}
	m.SetColumns([]Column{{ID: "other", Title: "x", Sortable: true}})
	if id, _ := m.SortBy(); id != "" {
		t.Fatalf("sort on a removed column: %q", id)
	}
}

func TestMouseWheel(t *testing.T) {
	m := newTable(t, locales.English, 60, 8, 25)
	m, _ = m.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	m, _ = m.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	if m.Cursor() != 2 {
		t.Fatalf("cursor %d", m.Cursor())
	}
}

func TestSpinnerTicksOnlyWhileLoading(t *testing.T) {
	m := newTable(t, locales.English, 60, 8, 0)
	cmd := m.SetLoading(true)
	if cmd == nil {
		t.Fatal("SetLoading(true) returns the spinner's tick")
	}
	tick := cmd()
	if _, next := m.Update(tick); next == nil {
		t.Fatal("the spinner keeps ticking while loading")
	}
	m.SetLoading(false)
	if _, next := m.Update(tick); next != nil {
		t.Fatal("the spinner stops with the loading")
	}
}

func containsBinding(bs []keyBinding, k string) bool {
	for _, b := range bs {
		if b.Enabled() && b.Help().Key == k {
			return true
		}
	}
	return false
}
