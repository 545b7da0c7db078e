package iam

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/cells"
)

// tabBar draws a detail page's tabs as the console's: "Permissions | Groups (1) |
// Tags (1) | Security credentials", the active one bracketed so it reads without
// colour too.
func tabBar(c *common.Common, titles []string, active, width int) string {
	st := c.Styles
	parts := make([]string, len(titles))
	for i, t := range titles {
		if i == active {
			parts[i] = st.Title.Render("[" + t + "]")
		} else {
			parts[i] = st.Muted.Render(" " + t + " ")
		}
	}
	return cells.Clip(strings.Join(parts, st.Faint.Render("|")), width)
}

// field is one label/value pair of a summary.
type field struct{ label, value string }

// summary lays pairs out one a line, "Label   value", labels aligned: ARNs are long
// and must show whole (the lab copies the user ARN at step B13).
func summary(c *common.Common, fields []field, width int) string {
	st := c.Styles
	labelW := 0
	for _, f := range fields {
		labelW = max(labelW, lipgloss.Width(f.label))
	}
	labelW = min(labelW, max(width/3, 1))
	lines := make([]string, len(fields))
	for i, f := range fields {
		lines[i] = st.Muted.Render(cells.Clip(f.label, labelW)) + "  " + st.Text.Render(cells.Clip(f.value, max(width-labelW-2, 1)))
	}
	return strings.Join(lines, "\n")
}
