package table

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// anchor is where the selection was before a change: the row's ID and its line on
// screen, so that recompute can put the same row back on the same line.
type anchor struct {
	id        string
	ok        bool
	screenRow int
}

// anchor records the selection; call it before changing rows, filter or sort.
func (m Model) anchor() anchor {
	a := anchor{screenRow: m.cursor - m.offset}
	if r, ok := m.Selected(); ok && r.ID != "" {
		a.id, a.ok = r.ID, true
	}
	return a
}

// recompute rebuilds the shown rows after the rows, the filter or the sort changed.
// It is the only place whose cost grows with the number of rows, and it runs on those
// changes only, never from View. The cursor follows the anchored row; with a zero
// anchor (a new filter) it goes to the first row.
func (m *Model) recompute(a anchor) {
	if m.query == "" && m.sortCol < 0 {
		m.shown = nil
	} else {
		var idx []int
		if m.query != "" {
			m.ensureLower()
			idx = make([]int, 0, len(m.rows)/4)
			for i := range m.rows {
				if m.matches(i) {
					idx = append(idx, i)
				}
			}
		} else {
			idx = make([]int, len(m.rows))
			for i := range idx {
				idx[i] = i
			}
		}
		if m.sortCol >= 0 {
			m.sortIndex(idx)
		}
		m.shown = idx
	}

	if !a.ok {
		m.cursor, m.offset = 0, 0
	} else if pos, ok := m.find(a.id); ok {
		m.cursor = pos
		m.offset = pos - a.screenRow // keep the row where it was on screen
	}
	m.clamp()
}

// find returns the shown position of the row with id.
func (m Model) find(id string) (int, bool) {
	for i, n := 0, m.count(); i < n; i++ {
		if m.rows[m.at(i)].ID == id {
			return i, true
		}
	}
	return 0, false
}

// setQuery applies filter text as typed; matching ignores case.
func (m *Model) setQuery(q string) {
	q = strings.ToLower(q)
	if q == m.query {
		return
	}
	a := m.anchor()
	if q != "" {
		a = anchor{} // a new match list starts at its first row
	}
	m.query = q
	m.recompute(a)
}

// matches reports whether row i contains the query in any cell.
func (m Model) matches(i int) bool { return strings.Contains(m.lower[i], m.query) }

func (m *Model) ensureLower() {
	if m.lower == nil {
		m.lower = lowerRows(m.rows)
	}
}

// lowerRows joins each row's cells, lower-cased, with NUL between cells so that a
// query never matches across two cells.
func lowerRows(rows []Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.ToLower(strings.Join(r.Cells, "\x00"))
	}
	return out
}

// sortKey is a row's key in the sort column, parsed once per sort.
type sortKey struct {
	s     string
	n     float64
	isNum bool
	pos   int // position in rows, the tie-breaker that keeps the service's order
}

// sortIndex sorts idx (positions in rows) by the sort column: numbers numerically
// and before text, text case-insensitively, ties in load order.
func (m *Model) sortIndex(idx []int) {
	col := m.sortCol
	keys := make([]sortKey, len(idx))
	for i, p := range idx {
		k := sortKey{s: strings.ToLower(m.keyOf(p, col)), pos: p}
		k.n, k.isNum = number(k.s)
		keys[i] = k
	}
	desc := m.sortDesc
	slices.SortFunc(keys, func(a, b sortKey) int {
		c := compareKeys(a, b)
		if desc {
			c = -c
		}
		if c == 0 {
			c = cmp.Compare(a.pos, b.pos)
		}
		return c
	})
	for i, k := range keys {
		idx[i] = k.pos
	}
}

func compareKeys(a, b sortKey) int {
	switch {
	case a.isNum && b.isNum:
		return cmp.Compare(a.n, b.n)
	case a.isNum:
		return -1
	case b.isNum:
		return 1
	}
	return strings.Compare(a.s, b.s)
}

// keyOf is row p's sort key in column col: its SortKeys entry when given, else its text.
func (m Model) keyOf(p, col int) string {
	r := m.rows[p]
	if col < len(r.SortKeys) && r.SortKeys[col] != "" {
		return r.SortKeys[col]
	}
	if col < len(r.Cells) {
		return r.Cells[col]
	}
	return ""
}

// cycleSort moves the sort to the next sortable column, after the last back to the
// service's order.
func (m *Model) cycleSort() {
	next := -1
	for i := m.sortCol + 1; i < len(m.cols); i++ {
		if m.cols[i].Sortable {
			next = i
			break
		}
	}
	a := m.anchor()
	m.sortCol, m.sortDesc = next, false
	m.recompute(a)
}

// reverseSort flips the direction; with no sort column it sorts the first sortable
// column descending.
func (m *Model) reverseSort() {
	a := m.anchor()
	if m.sortCol < 0 {
		for i, col := range m.cols {
			if col.Sortable {
				m.sortCol = i
				break
			}
		}
		if m.sortCol < 0 {
			return
		}
		m.sortDesc = true
	} else {
		m.sortDesc = !m.sortDesc
	}
	m.recompute(a)
}

// bodyHeight is the number of row lines: the height less header and footer.
func (m Model) bodyHeight() int { return max(m.height-2, 1) }

// clamp keeps cursor and offset inside the rows and the cursor on screen.
func (m *Model) clamp() {
	n, h := m.count(), m.bodyHeight()
	m.cursor = min(max(m.cursor, 0), max(n-1, 0))
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = min(max(m.offset, 0), max(n-h, 0))
}

// number parses a sort key that looks like a number ("42", "-1.5", "3e6"); words that
// ParseFloat also takes ("inf", "nan") stay text.
func number(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || !strings.ContainsAny(s[:1], "0123456789+-.") {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil
}
