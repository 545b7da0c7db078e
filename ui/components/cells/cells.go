// Package cells measures and fits text in terminal cells. Every component and screen
// lays out columns with it so that Korean (two cells a rune) and East-Asian-ambiguous
// runes (…, ─, ▲) are counted the same way everywhere: ambiguous runes are one cell,
// as lipgloss and x/ansi count them, whatever the process's locale says.
package cells

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// Ellipsis marks text cut to fit. It is East-Asian-ambiguous and counted as one cell.
const Ellipsis = "…"

// Width is the number of cells s occupies; ANSI escapes count nothing. Printable ASCII,
// most of what AWS returns, is counted without grapheme segmentation.
func Width(s string) int {
	if printableASCII(s) {
		return len(s)
	}
	return ansi.StringWidth(s)
}

// printableASCII reports whether every byte of s is a printable ASCII character, one
// cell each.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// Condition returns a go-runewidth condition that counts ambiguous runes as one cell.
// It is made per call site rather than shared, because runewidth.DefaultCondition is a
// package global that other code (and the locale of the process) may change.
func Condition() *runewidth.Condition {
	return &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}
}

// Truncate cuts s to at most w cells, ending in "…" when something was cut (spaces
// before the "…" are dropped). A wide rune that would straddle the edge is dropped
// too, so the result may be a cell short; Fit pads it back.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if Width(s) <= w {
		return s
	}
	if printableASCII(s) {
		return strings.TrimRight(s[:w-1], " ") + Ellipsis
	}
	return strings.TrimRight(ansi.Truncate(s, w-1, ""), " ") + Ellipsis
}

// Pad fills s with spaces to exactly w cells, placing it by align (lipgloss.Left,
// Center or Right). s wider than w is returned unchanged.
func Pad(s string, w int, align lipgloss.Position) string {
	gap := w - Width(s)
	if gap <= 0 {
		return s
	}
	switch align {
	case lipgloss.Right:
		return strings.Repeat(" ", gap) + s
	case lipgloss.Center:
		left := gap / 2
		return strings.Repeat(" ", left) + s + strings.Repeat(" ", gap-left)
	default:
		return s + strings.Repeat(" ", gap)
	}
}

// Fit truncates and pads s to exactly w cells.
func Fit(s string, w int, align lipgloss.Position) string {
	if w <= 0 {
		return ""
	}
	return Pad(Truncate(s, w), w, align)
}

// SingleLine makes s safe to draw on one line: line breaks and tabs become spaces, and
// other control characters (ESC among them) become U+FFFD, so that a value from AWS
// (an S3 key may hold any character) can neither break a row nor drive the terminal.
func SingleLine(s string) string {
	if printableASCII(s) {
		return s
	}
	clean := true
	for _, r := range s {
		if isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", " ")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case isControl(r):
			return '\uFFFD'
		}
		return r
	}, s)
}

// isControl reports C0 and C1 control characters and DEL.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// FitLines makes text exactly h lines of exactly w cells: longer lines are truncated,
// missing lines are blank. Components return blocks of a fixed size so that parents
// can join them without measuring.
func FitLines(text string, w, h int) string {
	lines := strings.Split(text, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(Fit(lines[i], w, lipgloss.Left))
		} else {
			b.WriteString(strings.Repeat(" ", max(w, 0)))
		}
	}
	return b.String()
}

// Window returns the part of plain text s that falls in cells [from, from+w), padded
// to w cells. A wide rune cut by either edge becomes spaces, so columns stay aligned.
// Cost grows with from+w, not with the length of s.
func Window(s string, from, w int) string {
	if w <= 0 {
		return ""
	}
	c := Condition()
	var b strings.Builder
	pos, out := 0, 0
	for _, r := range s {
		if out >= w {
			break
		}
		rw := c.RuneWidth(r)
		switch {
		case pos+rw <= from:
			// left of the window
		case pos < from: // straddles the left edge
			n := min(pos+rw-from, w-out)
			b.WriteString(strings.Repeat(" ", n))
			out += n
		case out+rw > w: // straddles the right edge
			b.WriteString(strings.Repeat(" ", w-out))
			out = w
		default:
			b.WriteRune(r)
			out += rw
		}
		pos += rw
	}
	if out < w {
		b.WriteString(strings.Repeat(" ", w-out))
	}
	return b.String()
}

// Wrap breaks text into lines of at most w cells, at spaces where it can and inside
// a word (a long ARN) where it must. Korean wraps at its spaces like English.
func Wrap(text string, w int) []string {
	if w <= 0 {
		return nil
	}
	out := WrapAt(text, w, "")
	for i, l := range out {
		out[i] = strings.TrimRight(l, " ")
	}
	return out
}

// WrapAt breaks text into lines of at most w cells as ansi.Wrap does: at spaces and
// hyphens, after any rune of breakpoints ("/" for S3 keys and URIs), and inside a word
// where it must. Unlike Wrap it leaves the spaces at the ends of lines as they are.
func WrapAt(text string, w int, breakpoints string) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, strings.Split(ansi.Wrap(para, w, breakpoints), "\n")...)
	}
	return out
}

// WrapWords breaks text into lines of at most w cells at its spaces, and inside a
// word only when the word alone is wider than w (a long ARN). Unlike Wrap it never
// breaks at a hyphen, so an AWS CLI option such as --notification-endpoint or a
// region such as ap-northeast-2 stays whole when it fits on a line.
func WrapWords(text string, w int) []string {
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

// Scroll returns lines[from:from+h] padded with blank lines to h, with from clamped
// so that the last line is at the bottom at most: the scrolling of a read-only page.
// It returns the clamped from.
func Scroll(lines []string, from, h int) ([]string, int) {
	from = min(max(from, 0), max(len(lines)-h, 0))
	out := append([]string(nil), lines[from:min(from+h, len(lines))]...)
	for len(out) < h {
		out = append(out, "")
	}
	return out, from
}

// Clip cuts s to w cells, ending in "…", and pads it to exactly w, measuring as
// lipgloss.Width does (the widest line). Unlike Fit it keeps the spaces before the
// "…": the IAM and S3 screens' cut.
func Clip(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) > w {
		s = ansi.Truncate(s, w-1, "") + Ellipsis
	}
	if gap := w - lipgloss.Width(s); gap > 0 {
		s += strings.Repeat(" ", gap)
	}
	return s
}

// ClipLines makes text exactly h lines of exactly w cells with Clip.
func ClipLines(text string, w, h int) string { return Lines(text, w, h, Clip) }

// Lines makes text exactly h lines, each made exactly w cells by fit (missing lines
// are fit("", w)), for screens whose cut differs from Fit's.
func Lines(text string, w, h int, fit func(s string, w int) string) string {
	h = max(h, 0)
	lines := strings.Split(text, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = fit(l, w)
	}
	return strings.Join(lines, "\n")
}

// FitBlock is Fit, left-aligned, for text that may hold several lines (an input with
// its error under it): it is measured by its widest line, as lipgloss.Width does, cut
// only when that line is too wide, and padded after its last line.
func FitBlock(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) > w {
		s = strings.TrimRight(ansi.Truncate(s, w-1, ""), " ") + Ellipsis
	}
	if gap := w - lipgloss.Width(s); gap > 0 {
		s += strings.Repeat(" ", gap)
	}
	return s
}
