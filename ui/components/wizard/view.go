package wizard

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/panel"
)

// minWideWidth is the least width at which the step list is shown beside the content;
// narrower, a "Step 2 of 4" line takes its place.
const minWideWidth = 60

// navWidth is the width of the step list.
func (m Model) navWidth() int {
	if m.width < minWideWidth {
		return 0
	}
	return min(max(m.width/4, 18), 30)
}

// contentWidth is the width right of the step list and its divider (" │ ").
func (m Model) contentWidth() int {
	if nw := m.navWidth(); nw > 0 {
		return max(m.width-nw-3, 1)
	}
	return max(m.width, 1)
}

// headerLines are the lines above the body: the step title and a blank line, and
// "Step 2 of 4" when the step list is hidden.
func (m Model) headerLines() int {
	if m.navWidth() == 0 {
		return 3
	}
	return 2
}

// footer is what goes under the body: AWS's error panel after a failed submit, a
// message line (the blocking-errors summary) and the buttons.
func (m Model) footer() []string {
	st := m.c.Styles
	w := m.contentWidth()
	var lines []string
	if m.submitErr != "" {
		p := panel.New(m.c, panel.Error, m.submitErr, "")
		p.SetSize(w, 0)
		lines = append(lines, strings.Split(p.View(), "\n")...)
	}
	if len(m.errs) == 0 {
		lines = append(lines, cells.Fit("", w, lipgloss.Left))
	} else {
		msg := m.c.T("WizardErrors")
		if _, inPlace := m.steps[m.current].Body.(errorsSetter); !inPlace {
			msg += " " + strings.Join(sortedErrors(m.errs), " ")
		}
		wrapped := cells.Wrap(msg, w)
		if len(wrapped) > maxErrorLines {
			wrapped = wrapped[:maxErrorLines]
			wrapped[maxErrorLines-1] = cells.Truncate(wrapped[maxErrorLines-1]+" "+cells.Ellipsis, w)
		}
		for _, l := range wrapped {
			lines = append(lines, st.Wizard.Errors.Render(cells.Fit(l, w, lipgloss.Left)))
		}
	}
	return append(lines, cells.Fit(m.buttons(w), w, lipgloss.Right))
}

// maxErrorLines bounds the error summary so the body keeps its room.
const maxErrorLines = 3

// bodySize is the size given to a step's body.
func (m Model) bodySize() (int, int) {
	return m.contentWidth(), max(m.height-m.headerLines()-len(m.footer()), 1)
}

// buttons are "[esc] Cancel   [ctrl+p] Previous   [ctrl+n] Next", the last step's
// Next being the submit label, or a spinner while submitting. When they do not fit
// in w cells they get closer together, then lose Cancel (esc is in the help bar),
// then their key hints, so the main action always shows.
func (m Model) buttons(w int) string {
	if m.submitting {
		return m.spin.Glyph() + " " + m.c.T("WizardSubmitting")
	}
	b := m.c.Styles.Button
	type button struct {
		key, label string
		style      lipgloss.Style
	}
	all := []button{{m.keys.Cancel.Help().Key, m.c.T("WizardCancel"), b.Normal}}
	if m.current > 0 {
		all = append(all, button{m.keys.Prev.Help().Key, m.c.T("WizardPrevious"), b.Normal})
	}
	next := m.c.T("WizardNext")
	if m.last() && m.opts.SubmitLabel != "" {
		next = m.opts.SubmitLabel
	}
	all = append(all, button{m.keys.Next.Help().Key, next, b.Primary})
	draw := func(bs []button, hints bool, sep string) string {
		parts := make([]string, len(bs))
		for i, x := range bs {
			parts[i] = x.style.Render(x.label)
			if hints {
				parts[i] = b.Key.Render("["+x.key+"]") + " " + parts[i]
			}
		}
		return strings.Join(parts, sep)
	}
	variants := []string{draw(all, true, "   "), draw(all, true, "  "), draw(all[1:], true, "  "), draw(all[1:], false, "  ")}
	for _, v := range variants {
		if cells.Width(v) <= w {
			return v
		}
	}
	return variants[len(variants)-1]
}

// View draws exactly height lines of exactly width cells; the leave dialog, when
// open, is centred over the wizard.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 || len(m.steps) == 0 {
		return ""
	}
	view := m.frame()
	if m.leaving != nil {
		view = m.leaving.Overlay(view)
	}
	return view
}

// frame is the wizard without the dialog.
func (m Model) frame() string {
	st := m.c.Styles.Wizard
	cw := m.contentWidth()
	var right []string
	if m.navWidth() == 0 {
		stepOf := m.c.Tf("WizardStepOf", map[string]any{"N": m.current + 1, "Total": len(m.steps)})
		right = append(right, st.StepNumber.Render(cells.Fit(stepOf, cw, lipgloss.Left)))
	}
	right = append(right, st.Title.Render(cells.Fit(m.steps[m.current].Title, cw, lipgloss.Left)), cells.Fit("", cw, lipgloss.Left))
	_, bh := m.bodySize()
	body := ""
	if b := m.steps[m.current].Body; b != nil {
		body = b.View()
	}
	right = append(right, strings.Split(cells.FitLines(body, cw, bh), "\n")...)
	right = append(right, m.footer()...)
	content := cells.FitLines(strings.Join(right, "\n"), cw, m.height)
	nw := m.navWidth()
	if nw == 0 {
		return content
	}
	nav := strings.Split(cells.FitLines(m.nav(nw), nw, m.height), "\n")
	divider := m.c.Styles.Wizard.Divider.Render("│")
	lines := strings.Split(content, "\n")
	for i := range lines {
		lines[i] = nav[i] + " " + divider + " " + lines[i]
	}
	return strings.Join(lines, "\n")
}

// nav is the step list: "Step N" over each title, done steps ticked, the current one
// marked and bold, upcoming ones faint.
func (m Model) nav(w int) string {
	st := m.c.Styles.Wizard
	var lines []string
	for i, s := range m.steps {
		mark, num, title := "  ", st.StepNumber, st.StepUpcoming
		switch {
		case i < m.current:
			mark, title = st.StepDone.Render("✓ "), st.StepDone
		case i == m.current:
			mark, title = st.Marker.Render("▸ "), st.StepCurrent
		}
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, mark+num.Render(cells.Truncate(m.c.Tf("WizardStep", map[string]any{"N": i + 1}), w-2)))
		for _, l := range cells.Wrap(s.Title, w-2) {
			lines = append(lines, "  "+title.Render(l))
		}
	}
	return strings.Join(lines, "\n")
}
