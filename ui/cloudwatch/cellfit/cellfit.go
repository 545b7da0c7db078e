// Package cellfit fits text to terminal cells for the CloudWatch, SNS and Billing
// screens (the components' own helper is internal to ui/components). Widths are
// measured as lipgloss does: Korean is two cells a rune, ANSI escapes none, and
// East-Asian-ambiguous runes (…, ─) one, as the root pins them.
package cellfit

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Fit cuts s to w cells (ending in …) and pads it to exactly w.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) > w {
		s = strings.TrimRight(ansi.Truncate(s, w-1, ""), " ") + "…"
	}
	if gap := w - lipgloss.Width(s); gap > 0 {
		s += strings.Repeat(" ", gap)
	}
	return s
}

// Right pads s on the left to w cells (numbers, counts).
func Right(s string, w int) string {
	if gap := w - lipgloss.Width(s); gap > 0 {
		return strings.Repeat(" ", gap) + s
	}
	return Fit(s, w)
}

// Lines makes text exactly h lines of exactly w cells, so screens can stack blocks
// without measuring them again.
func Lines(text string, w, h int) string {
	lines := strings.Split(text, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = Fit(l, w)
	}
	return strings.Join(lines, "\n")
}

// Wrap breaks text into lines of at most w cells at its spaces, and inside a word
// only when the word alone is wider than w (a long ARN). Unlike ansi.Wrap it never
// breaks at a hyphen, so an AWS CLI option such as --notification-endpoint or a
// region such as ap-northeast-2 stays whole when it fits on a line.
func Wrap(text string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line, lw := "", 0
		for _, word := range strings.Split(para, " ") {
			ww := lipgloss.Width(word)
			switch {
			case lw == 0:
			case lw+1+ww <= w:
				line, lw = line+" "+word, lw+1+ww
				continue
			default:
				out = append(out, line)
				line, lw = "", 0
			}
			for ww > w { // a word wider than a line: cut it
				head := ansi.Truncate(word, w, "")
				out = append(out, head)
				word = strings.TrimPrefix(word, head)
				ww = lipgloss.Width(word)
			}
			line, lw = word, ww
		}
		out = append(out, strings.TrimRight(line, " "))
	}
	return out
}

// Window returns lines[from:from+h] padded with blank lines to h, with from clamped
// so the last line is at the bottom at most: the scrolling of a read-only page.
func Window(lines []string, from, h int) ([]string, int) {
	from = min(max(from, 0), max(len(lines)-h, 0))
	out := append([]string(nil), lines[from:min(from+h, len(lines))]...)
	for len(out) < h {
		out = append(out, "")
	}
	return out, from
}
