package jsonview

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/components/cells"
)

// View draws exactly height lines of exactly width cells: the error line for invalid
// JSON, the lines on screen, and a footer with the position. Its cost grows with the
// lines on screen, not with the document.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.c.Styles.JSON
	var out []string
	if d := m.doc; d.Err != nil {
		msg := m.c.Tf("JSONInvalid", map[string]any{"Line": d.ErrLine, "Column": d.ErrColumn, "Error": d.Err.Error()})
		out = append(out, st.Error.Render(cells.Fit(cells.SingleLine(msg), m.width, lipgloss.Left)))
	}
	h, n := m.bodyHeight(), m.doc.Lines()
	blank := strings.Repeat(" ", m.width)
	for i := m.yoff; i < m.yoff+h; i++ {
		if i < n {
			out = append(out, m.gutter(i)+m.renderLine(i))
		} else {
			out = append(out, blank)
		}
	}
	out = append(out, m.footer())
	return strings.Join(out, "\n")
}

// gutterWidth is the width of the line numbers and their space, 0 when hidden.
func (m Model) gutterWidth() int {
	if !m.lineNumbers {
		return 0
	}
	return len(strconv.Itoa(m.doc.Lines())) + 1
}

func (m Model) gutter(i int) string {
	w := m.gutterWidth()
	if w == 0 {
		return ""
	}
	return m.c.Styles.JSON.LineNumber.Render(cells.Pad(strconv.Itoa(i+1), w-1, lipgloss.Right) + " ")
}

// renderLine draws the cells [xoff, xoff+textWidth) of line i, each token in its
// style. A wide rune cut by either edge becomes spaces.
func (m Model) renderLine(i int) string {
	text, spans := m.doc.line(i)
	w, from := m.textWidth(), m.xoff
	cond := cells.Condition()
	var b strings.Builder
	segStart, segKind := -1, kSpace
	flush := func(end int) {
		if segStart >= 0 && end > segStart {
			b.WriteString(m.style(segKind).Render(text[segStart:end]))
		}
		segStart = -1
	}
	pos, out, si, stop := 0, 0, 0, len(text)
	for bi, r := range text {
		if out >= w {
			stop = bi
			break
		}
		for si < len(spans)-1 && int(spans[si].end) <= bi {
			si++
		}
		k := kText
		if si < len(spans) {
			k = spans[si].kind
		}
		rw := cond.RuneWidth(r)
		switch {
		case pos+rw <= from: // left of the window
		case pos < from: // straddles the left edge
			n := min(pos+rw-from, w-out)
			b.WriteString(strings.Repeat(" ", n))
			out += n
		case out+rw > w: // straddles the right edge
			flush(bi)
			b.WriteString(strings.Repeat(" ", w-out))
			out = w
		default:
			if segStart < 0 || k != segKind {
				flush(bi)
				segStart, segKind = bi, k
			}
			out += rw
		}
		pos += rw
	}
	flush(stop)
	if out < w {
		b.WriteString(strings.Repeat(" ", w-out))
	}
	return b.String()
}

func (m Model) style(k kind) lipgloss.Style {
	st := m.c.Styles.JSON
	switch k {
	case kKey:
		return st.Key
	case kString:
		return st.String
	case kNumber:
		return st.Number
	case kBool:
		return st.Bool
	case kNull:
		return st.Null
	case kPunct:
		return st.Punct
	case kText:
		return st.Text
	}
	return m.c.Styles.Text
}

// footer is "Lines 1–20 of 2345 (0%)", or "No content" for an empty document.
func (m Model) footer() string {
	st := m.c.Styles.JSON
	n := m.doc.Lines()
	if m.doc.Empty() {
		return st.Footer.Render(cells.Fit(m.c.T("JSONEmpty"), m.width, lipgloss.Left))
	}
	to := min(m.yoff+m.bodyHeight(), n)
	text := m.c.Tf("JSONPosition", map[string]any{
		"From": strconv.Itoa(m.yoff + 1), "To": strconv.Itoa(to), "Total": strconv.Itoa(n),
		"Percent": strconv.Itoa(m.ScrollPercent()),
	})
	return st.Footer.Render(cells.Fit(text, m.width, lipgloss.Left))
}
