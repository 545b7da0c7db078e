package dialog

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/components/cells"
)

// View draws the box: title, body, the confirm field when asked for, and the buttons
// right-aligned as "[esc] Cancel  [enter] Delete".
func (m Model) View() string {
	st := m.c.Styles
	box := st.Dialog.Box
	if m.opts.Danger {
		box = st.Dialog.DangerBox
	}
	inner := max(m.boxWidth()-box.GetHorizontalFrameSize(), 1)
	pad := func(s string) string { return cells.Pad(s, inner, lipgloss.Left) }
	var lines []string
	for _, l := range cells.Wrap(m.opts.Title, inner) {
		lines = append(lines, st.Dialog.Title.Render(pad(l)))
	}
	if m.opts.Body != "" {
		lines = append(lines, pad(""))
		for _, l := range cells.Wrap(m.opts.Body, inner) {
			lines = append(lines, st.Dialog.Body.Render(pad(l)))
		}
	}
	if m.opts.ConfirmText != "" {
		prompt := m.opts.ConfirmPrompt
		if prompt == "" {
			prompt = m.c.Tf("DialogTypeToConfirm", map[string]any{"Text": m.opts.ConfirmText})
		}
		lines = append(lines, pad(""))
		for _, l := range cells.Wrap(prompt, inner) {
			lines = append(lines, st.Dialog.Prompt.Render(pad(l)))
		}
		in := m.input
		in.Width = max(inner-lipgloss.Width(in.Prompt)-1, 1)
		lines = append(lines, cells.Fit(in.View(), inner, lipgloss.Left))
	}
	lines = append(lines, pad(""), cells.Fit(m.buttons(), inner, lipgloss.Right))
	return box.Render(strings.Join(lines, "\n"))
}

// buttons renders the two keyboard buttons; confirm looks disabled until it can act.
func (m Model) buttons() string {
	b := m.c.Styles.Button
	cancel := m.opts.CancelLabel
	if cancel == "" {
		cancel = m.c.T("DialogCancel")
	}
	confirm := m.opts.ConfirmLabel
	if confirm == "" {
		confirm = m.c.T("DialogConfirm")
	}
	confirmStyle := b.Primary
	switch {
	case !m.CanConfirm():
		confirmStyle = b.Disabled
	case m.opts.Danger:
		confirmStyle = b.Danger
	}
	return b.Key.Render("[esc]") + " " + b.Normal.Render(cancel) + "  " +
		b.Key.Render("[enter]") + " " + confirmStyle.Render(confirm)
}
