package cells

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Overlay draws box over background, centred in a width×height area, and returns the
// composed block. Lipgloss v1 has no layers, so dialogs are placed by splicing each
// box line into the background line: the background's cells left and right of the
// box stay, a wide rune cut by the box's edge becomes a space.
func Overlay(background, box string, width, height int) string {
	bg := strings.Split(background, "\n")
	for len(bg) < height {
		bg = append(bg, "")
	}
	bg = bg[:height]
	for i, l := range bg { // clip, without "…": the background is cut, not shortened
		l = ansi.Truncate(l, width, "")
		bg[i] = l + strings.Repeat(" ", max(width-Width(l), 0))
	}
	fg := strings.Split(box, "\n")
	boxW := 0
	for _, l := range fg {
		boxW = max(boxW, Width(l))
	}
	boxW = min(boxW, width)
	x0 := max((width-boxW)/2, 0)
	y0 := max((height-len(fg))/2, 0)
	for i, l := range fg {
		y := y0 + i
		if y >= len(bg) {
			break
		}
		bg[y] = splice(bg[y], Fit(l, boxW, 0), x0, boxW, width)
	}
	return strings.Join(bg, "\n")
}

// splice puts fg (exactly fgW cells) at cell x of line, a line width cells wide.
func splice(line, fg string, x, fgW, width int) string {
	left := ansi.Truncate(line, x, "")
	if lw := Width(left); lw < x {
		left += strings.Repeat(" ", x-lw)
	}
	right := ""
	if want := width - x - fgW; want > 0 {
		right = ansi.TruncateLeft(line, x+fgW, "")
		if Width(right) > want { // a wide rune straddles the box's right edge
			right = ansi.TruncateLeft(line, x+fgW+1, "")
		}
		if rw := Width(right); rw < want {
			right = strings.Repeat(" ", want-rw) + right
		}
	}
	reset := ""
	if strings.Contains(left, "\x1b") {
		reset = "\x1b[0m" // do not let the background's colours run into the box
	}
	return left + reset + fg + right
}
