package lab

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// markdownStyles are the few styles the lab's Markdown needs, built from the
// session's renderer (never lipgloss's global one: over SSH, sessions differ).
type markdownStyles struct {
	text, bold, code lipgloss.Style
}

// renderMarkdown renders the small Markdown subset lab texts use (paragraphs,
// **bold**, `code`, "- " lists) wrapped to width. A full renderer (glamour) would pull
// in its own global styles and a chroma dependency for four inline forms.
func renderMarkdown(st markdownStyles, src string, width int) string {
	var paras []string
	for _, p := range strings.Split(strings.TrimSpace(src), "\n\n") {
		lines := strings.Split(p, "\n")
		var items []string
		cur := ""
		for _, l := range lines {
			l = strings.TrimSpace(l)
			if strings.HasPrefix(l, "- ") {
				if cur != "" {
					items = append(items, cur)
				}
				cur = "• " + strings.TrimPrefix(l, "- ")
				continue
			}
			if cur != "" {
				cur += " "
			}
			cur += l
		}
		if cur != "" {
			items = append(items, cur)
		}
		for _, it := range items {
			paras = append(paras, st.text.Width(max(width, 1)).Render(inline(st, it)))
		}
	}
	return strings.Join(paras, "\n")
}

// inline styles **bold** and `code` spans.
func inline(st markdownStyles, s string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexAny(s, "*`")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		mark, style := "`", st.code
		if strings.HasPrefix(s, "**") {
			mark, style = "**", st.bold
		} else if s[0] == '*' {
			mark, style = "*", st.bold
		}
		end := strings.Index(s[len(mark):], mark)
		if end < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(style.Render(s[len(mark) : len(mark)+end]))
		s = s[len(mark)+end+len(mark):]
	}
	return b.String()
}
