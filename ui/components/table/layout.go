package table

// minFlex is the least width of a flexible column without a MinWidth, and the least
// width at which a column squeezed by a narrow terminal is still drawn.
const minFlex = 3

// layout gives each column its width in cells for a table width cells wide. Fixed
// columns get their Width. Flexible ones (Width 0) share what is left equally, except
// that one whose MinWidth is above the equal share gets its MinWidth and the others
// share the rest. When the columns still do not fit, the rightmost are narrowed and
// then hidden (width 0, and every column after it too), so a line never wraps.
func layout(cols []Column, width int) []int {
	widths := make([]int, len(cols))
	if len(cols) == 0 {
		return widths
	}
	avail := width - gutter
	free := avail - sepW*(len(cols)-1)
	var pool []int // flexible columns not yet held at their minimum
	for i, c := range cols {
		if c.Width > 0 {
			widths[i] = c.Width
			free -= c.Width
		} else {
			pool = append(pool, i)
		}
	}
	for len(pool) > 0 {
		share := free / len(pool)
		var rest []int
		for _, i := range pool {
			if lo := max(cols[i].MinWidth, minFlex); lo > share {
				widths[i] = lo
				free -= lo
			} else {
				rest = append(rest, i)
			}
		}
		if len(rest) == len(pool) { // everyone takes the share; the first get the remainder
			extra := free - share*len(pool)
			for _, i := range pool {
				widths[i] = share
				if extra > 0 {
					widths[i]++
					extra--
				}
			}
			break
		}
		pool = rest
	}
	used, hide := 0, false
	for i := range widths {
		sep := 0
		if used > 0 {
			sep = sepW
		}
		room := avail - used - sep
		if hide || room < min(widths[i], minFlex) {
			widths[i], hide = 0, true
			continue
		}
		widths[i] = min(widths[i], room)
		used += sep + widths[i]
	}
	return widths
}
