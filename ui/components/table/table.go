// Package table is the console's virtualized table: event history, objects and users
// can run to hundreds of thousands of rows, so View draws only the rows on screen and
// filtering and sorting are computed once per change of rows, filter or sort, never
// per frame. Rows page in from the service's next token (AppendRows, NextPageMsg).
package table

import (
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/spinner"
)

// Column describes one column. Titles are translated by the caller, who calls
// SetColumns again after a language change.
type Column struct {
	ID       string
	Title    string
	Width    int // fixed width in cells; 0 takes an equal share of what fixed columns leave
	MinWidth int // least width of a flexible column
	Align    lipgloss.Position
	Sortable bool
}

// Row is one row. Data carries the caller's value (e.g. a model.User) so a selection
// maps back to the domain without a lookup; SortKeys lets a column sort by something
// other than its text (an RFC 3339 time behind "3 days ago").
type Row struct {
	ID       string
	Cells    []string
	Data     any
	SortKeys []string
}

// NextPageMsg asks the parent for the service's next page; TableID tells tables apart
// when a screen has more than one.
type NextPageMsg struct{ TableID string }

// Layout constants, in cells.
const (
	gutter = 2 // the selection mark column at the left
	sepW   = 2 // space between columns
)

// Model is the table. It is a value, as bubbles models are; the parent stores the
// Model that Update returns.
type Model struct {
	c    *common.Common
	id   string
	keys KeyMap

	cols   []Column
	widths []int // cells per column for the current width; 0 hides the column

	rows  []Row
	shown []int    // rows shown, in display order, as positions in rows; nil = all in load order
	lower []string // lower-cased cells per row for the filter, built on first use

	sortCol  int // position in cols; -1 keeps the service's order
	sortDesc bool

	input     textinput.Model
	filtering bool   // the filter input has focus
	query     string // the applied filter, lower-cased

	cursor int // position in the shown rows
	offset int // first shown row on screen

	width, height int

	loading   bool
	spin      spinner.Model
	emptyText string
	hasMore   bool
}

// New returns an empty table with cols, sized to c's terminal until SetSize.
func New(c *common.Common, cols []Column) Model {
	m := Model{c: c, sortCol: -1, spin: spinner.New(c)}
	m.input = newFilterInput(c)
	m.keys = NewKeyMap(c.L)
	m.width, m.height = c.Width, c.Height
	m.input.Width = filterWidth(m.width)
	m.SetColumns(cols)
	return m
}

// newFilterInput restyles bubbles' textinput from the session's styles (its defaults
// use the global renderer) and turns off its clipboard paste, which would read the
// server's clipboard when served over SSH.
func newFilterInput(c *common.Common) textinput.Model {
	st := c.Styles.Table
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.Placeholder = c.T("TableFilterPlaceholder")
	ti.PromptStyle = st.FilterPrompt
	ti.TextStyle = st.FilterText
	ti.PlaceholderStyle = st.FilterPlaceholder
	ti.CompletionStyle = st.FilterPlaceholder
	ti.Cursor.Style = c.Styles.Form.Cursor
	ti.Cursor.TextStyle = st.FilterText
	ti.KeyMap.Paste.SetEnabled(false)
	return ti
}

// SetID names the table in the NextPageMsg it emits.
func (m *Model) SetID(id string) { m.id = id }

// ID is the name given by SetID.
func (m Model) ID() string { return m.id }

// SetColumns replaces the columns, e.g. retitled after a language change. The sort
// column is kept when a column with the same ID still exists.
func (m *Model) SetColumns(cols []Column) {
	sortID := ""
	if m.sortCol >= 0 && m.sortCol < len(m.cols) {
		sortID = m.cols[m.sortCol].ID
	}
	a := m.anchor()
	m.cols = append([]Column(nil), cols...)
	prev := m.sortCol
	m.sortCol = -1
	for i, col := range m.cols {
		if sortID != "" && col.ID == sortID && col.Sortable {
			m.sortCol = i
		}
	}
	m.widths = layout(m.cols, m.width)
	if prev != m.sortCol {
		m.recompute(a)
	}
	m.syncKeys()
}

// Columns returns the current columns.
func (m Model) Columns() []Column { return m.cols }

// SetRows replaces all rows (a refresh). The cursor stays on the row with the same ID
// when that row is still there. The slice is kept, not copied.
func (m *Model) SetRows(rows []Row) {
	a := m.anchor()
	m.rows = rows[:len(rows):len(rows)] // AppendRows must never write into the caller's array
	m.lower = nil
	m.recompute(a)
}

// AppendRows adds a page of rows after the loaded ones.
func (m *Model) AppendRows(rows []Row) {
	if len(rows) == 0 {
		return
	}
	a, base := m.anchor(), len(m.rows)
	m.rows = append(m.rows, rows...)
	if m.lower != nil {
		m.lower = append(m.lower, lowerRows(rows)...)
	}
	if m.shown == nil { // load order, no filter: nothing to recompute
		m.clamp()
		return
	}
	if m.sortCol < 0 { // filtered, load order: only the new rows need matching
		for i := range rows {
			if m.matches(base + i) {
				m.shown = append(m.shown, base+i)
			}
		}
		m.clamp()
		return
	}
	m.recompute(a)
}

// SetLoading shows or hides the loading line. It returns the spinner's tick when the
// spinner starts; a parent that drops it gets a still spinner rather than an error.
func (m *Model) SetLoading(on bool) tea.Cmd {
	m.loading = on
	m.syncKeys()
	if on {
		return m.spin.Start()
	}
	m.spin.Stop()
	return nil
}

// Loading reports whether the loading line is shown.
func (m Model) Loading() bool { return m.loading }

// SetEmptyText sets the translated text shown when there are no rows; "" restores the
// table's own "No resources to display".
func (m *Model) SetEmptyText(s string) { m.emptyText = s }

// SetHasMore tells the table the service has a next token, which enables the
// next-page key and the "more available" footer.
func (m *Model) SetHasMore(more bool) {
	m.hasMore = more
	m.syncKeys()
}

// HasMore reports what SetHasMore set.
func (m Model) HasMore() bool { return m.hasMore }

// SetSize sets the table's size in cells: one header line, the rows, one footer line.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.widths = layout(m.cols, m.width)
	m.input.Width = filterWidth(m.width)
	m.clamp()
}

// Selected returns the row under the cursor; false when no row is shown.
func (m Model) Selected() (Row, bool) {
	if m.count() == 0 {
		return Row{}, false
	}
	return m.rows[m.at(m.cursor)], true
}

// Cursor is the cursor's position among the shown rows.
func (m Model) Cursor() int { return m.cursor }

// Offset is the position of the first row on screen among the shown rows.
func (m Model) Offset() int { return m.offset }

// Len is the number of rows shown (after the filter).
func (m Model) Len() int { return m.count() }

// Total is the number of rows loaded (before the filter).
func (m Model) Total() int { return len(m.rows) }

// Filtering reports whether the filter input has focus; the parent must then pass
// every key to the table instead of treating it as its own.
func (m Model) Filtering() bool { return m.filtering }

// Filter returns the applied filter text as typed.
func (m Model) Filter() string { return m.input.Value() }

// FilterApplied reports whether a filter narrows the rows. A parent that binds esc to
// "back" can first let esc clear the filter.
func (m Model) FilterApplied() bool { return m.query != "" }

// ClearFilter removes the filter and closes its input.
func (m *Model) ClearFilter() {
	m.input.Reset()
	m.input.Blur()
	m.filtering = false
	m.setQuery("")
}

// SortBy returns the ID of the sort column ("" for the service's order) and direction.
func (m Model) SortBy() (colID string, desc bool) {
	if m.sortCol < 0 {
		return "", false
	}
	return m.cols[m.sortCol].ID, m.sortDesc
}

// SetSort sorts by the sortable column colID ("" restores the service's order).
func (m *Model) SetSort(colID string, desc bool) {
	a := m.anchor()
	m.sortCol, m.sortDesc = -1, false
	for i, col := range m.cols {
		if col.ID == colID && col.Sortable {
			m.sortCol, m.sortDesc = i, desc
		}
	}
	m.recompute(a)
}

// Relocalize rebuilds the table's own texts (key help, placeholder) from the current
// localizer; Update calls it on common.LanguageChangedMsg.
func (m *Model) Relocalize() {
	m.keys = NewKeyMap(m.c.L)
	m.input.Placeholder = m.c.T("TableFilterPlaceholder")
	m.syncKeys()
}

// count is the number of shown rows.
func (m Model) count() int {
	if m.shown == nil {
		return len(m.rows)
	}
	return len(m.shown)
}

// at maps a shown position to a position in rows.
func (m Model) at(i int) int {
	if m.shown == nil {
		return i
	}
	return m.shown[i]
}

func (m Model) sortableCount() int {
	n := 0
	for _, col := range m.cols {
		if col.Sortable {
			n++
		}
	}
	return n
}

// filterWidth is the filter input's width: half the table, so the match count fits.
func filterWidth(w int) int { return max(min(w/2, 40), 8) }
