package table

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/components/cells"
)

// Marks drawn by the table. ▲ and ▼ are East-Asian-ambiguous; cells counts them as one
// cell, as lipgloss does, so a Korean locale does not shift the header.
const (
	cursorMark = "▸ "
	ascMark    = "▲"
	descMark   = "▼"
)

// View draws exactly height lines of exactly width cells: the header, the rows on
// screen, and the footer. Its cost grows with the rows on screen, not the rows loaded.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(m.headerView())
	h, n := m.bodyHeight(), m.count()
	blank := strings.Repeat(" ", m.width)
	drawn := 0
	if n == 0 {
		b.WriteByte('\n')
		b.WriteString(m.placeholderView())
		drawn = 1
	}
	for i := m.offset; i < n && drawn < h; i++ {
		b.WriteByte('\n')
		b.WriteString(m.rowView(i))
		drawn++
	}
	for ; drawn < h; drawn++ {
		b.WriteByte('\n')
		b.WriteString(blank)
	}
	b.WriteByte('\n')
	b.WriteString(m.footerView())
	return b.String()
}

// headerView is the column titles with ▲/▼ beside the sort column.
func (m Model) headerView() string {
	st := m.c.Styles.Table
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", gutter))
	used := gutter
	for j, w := range m.widths {
		if w == 0 {
			continue
		}
		if used > gutter {
			b.WriteString(strings.Repeat(" ", sepW))
			used += sepW
		}
		col := m.cols[j]
		title := cells.SingleLine(col.Title)
		if j != m.sortCol {
			b.WriteString(st.Header.Render(cells.Fit(title, w, col.Align)))
		} else {
			mark := ascMark
			if m.sortDesc {
				mark = descMark
			}
			text := ""
			if w > 2 {
				text = cells.Truncate(title, w-2) + " "
			}
			padded := cells.Pad(text+mark, w, col.Align)
			cut := strings.LastIndex(padded, mark)
			b.WriteString(st.Header.Render(padded[:cut]))
			b.WriteString(st.SortIndicator.Render(mark))
			if rest := padded[cut+len(mark):]; rest != "" {
				b.WriteString(st.Header.Render(rest))
			}
		}
		used += w
	}
	if used < m.width {
		b.WriteString(strings.Repeat(" ", m.width-used))
	}
	return b.String()
}

// rowView is shown row i, full width; the selected row is highlighted end to end.
func (m Model) rowView(i int) string {
	st := m.c.Styles.Table
	r := m.rows[m.at(i)]
	var b strings.Builder
	for j, w := range m.widths {
		if w == 0 {
			continue
		}
		if j > 0 {
			b.WriteString(strings.Repeat(" ", sepW))
		}
		cell := ""
		if j < len(r.Cells) {
			cell = cells.SingleLine(r.Cells[j])
		}
		b.WriteString(cells.Fit(cell, w, m.cols[j].Align))
	}
	line := cells.Pad(b.String(), m.width-gutter, lipgloss.Left)
	if i == m.cursor {
		return st.Cursor.Render(cursorMark) + st.Selected.Render(line)
	}
	return st.Row.Render(strings.Repeat(" ", gutter) + line)
}

// placeholderView is the first body line when no row is shown: the spinner while
// loading, else "No matches" under a filter, else the empty text.
func (m Model) placeholderView() string {
	st := m.c.Styles.Table
	if m.loading {
		return cells.Fit(strings.Repeat(" ", gutter)+m.spin.View(), m.width, lipgloss.Left)
	}
	text := m.emptyText
	switch {
	case m.query != "":
		text = m.c.T("TableNoMatches")
	case text == "":
		text = m.c.T("TableEmpty")
	}
	return st.Empty.Render(cells.Fit(text, m.width, lipgloss.Center))
}

// footerView is one line. While the filter input has focus: the input, and the number
// of matches at the right. Otherwise: the loading spinner, the position ("1–20 of
// 135") and the applied filter, and at the right the "more available" hint when the
// service has a next page.
func (m Model) footerView() string {
	st := m.c.Styles.Table
	n := m.count()
	var left []string
	right := ""
	if m.filtering {
		left = append(left, m.input.View())
		right = st.Footer.Render(m.c.Tf("TableMatches", map[string]any{"Count": strconv.Itoa(n)}))
	} else {
		if m.loading && n > 0 {
			left = append(left, m.spin.View())
		}
		if n > 0 {
			to := min(m.offset+m.bodyHeight(), n)
			left = append(left, st.Footer.Render(m.c.Tf("TablePosition", map[string]any{
				"From": strconv.Itoa(m.offset + 1), "To": strconv.Itoa(to), "Total": strconv.Itoa(n),
			})))
		}
		if m.query != "" {
			left = append(left, st.Footer.Render(m.c.Tf("TableFilterLabel", map[string]any{"Filter": m.input.Value()})))
		}
		if m.hasMore && !m.loading {
			right = st.More.Render(m.c.Tf("TableMoreAvailable", map[string]any{"Key": m.keys.NextPage.Help().Key}))
		}
	}
	leftText := strings.Repeat(" ", gutter) + strings.Join(left, st.Footer.Render(" · "))
	rw := cells.Width(right)
	if right == "" || gutter+12+1+rw > m.width {
		return cells.Fit(leftText, m.width, lipgloss.Left)
	}
	return cells.Fit(leftText, m.width-rw-1, lipgloss.Left) + " " + right
}
