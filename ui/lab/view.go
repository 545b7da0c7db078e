package lab

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model/lab"
	"github.com/labconsole/labconsole/ui/common"
)

// View implements tea.Model: the current step on top, the checklist below.
func (p *Panel) View() string {
	if p.cleanup != nil {
		return p.frame(p.cleanup.view(max(p.width-4, 10)))
	}
	if p.done != nil && p.done.show {
		return p.frame(p.done.view(p))
	}
	st := p.c.Styles
	w := max(p.width-4, 10)
	lang := string(p.c.L.Lang())
	var b []string
	b = append(b, st.Title.Render(p.c.T("LabPanelTitle")+" · "+p.lab.Title.In(lang)))
	if len(p.steps) == 0 {
		return p.frame(strings.Join(b, "\n"))
	}
	step := p.steps[p.cur]
	part := p.partOf(step)
	b = append(b, st.Subtitle.Render(ansi.Truncate(part.Title.In(lang), w, "…")))
	b = append(b, st.Muted.Render(p.c.Tf("LabStepOf", map[string]any{"N": p.cur + 1, "Total": len(p.steps)})))
	b = append(b, st.Text.Bold(true).Width(w).Render(p.mark(p.cur)+" "+step.Title.In(lang)))
	md := markdownStyles{text: st.Text, bold: st.Text.Bold(true), code: st.Info}
	b = append(b, renderMarkdown(md, p.expand(step.Body.In(lang)), w))
	for i := 0; i < p.progress.Hints[step.ID] && i < len(step.Hints); i++ {
		b = append(b, st.Warning.Width(w).Render(p.c.Tf("LabHint", map[string]any{"N": i + 1, "Text": p.expand(step.Hints[i].In(lang))})))
	}
	if step.Wait != "" {
		id := "LabWaitAWS"
		if p.opts.Control != nil {
			id = "LabWaitOffer"
		}
		b = append(b, st.Info.Width(w).Render(p.c.Tf(id, map[string]any{"Wait": step.Wait})))
	}
	if step.Check != nil && step.Check.Event != nil && p.opts.Control != nil {
		b = append(b, st.Info.Width(w).Render(p.c.T("LabActivityOffer")))
	}
	if p.checked && p.cur < len(p.results) && !p.results[p.cur].Pass {
		r := p.results[p.cur].Reason
		b = append(b, st.Muted.Width(w).Render("✗ "+p.c.Tf(r.ID, r.Data)))
	}
	b = append(b, "", st.Subtitle.Render(p.c.T("LabChecklist")+fmt.Sprintf(" %d/%d", p.Done(), len(p.steps))))
	b = append(b, p.checklist(w)...)
	b = append(b, st.Muted.Render(p.c.Tf("LabHintsUsed", map[string]any{"N": p.progress.HintsUsed})))
	switch {
	case p.confirm:
		b = append(b, st.Warning.Width(w).Render(p.c.T("LabResetConfirm")))
	case p.leave != "":
		b = append(b, st.Warning.Width(w).Render(p.c.Tf("LabLeaveConfirm", map[string]any{"Page": p.leavePage})))
	case p.err != nil:
		b = append(b, st.Error.Width(w).Render(p.c.Tf("LabError", map[string]any{"Error": p.errText()})))
	case p.status != "":
		b = append(b, st.Success.Width(w).Render(p.status))
	case !p.focused:
		b = append(b, st.Faint.Render(p.c.T("LabFocusHint")))
	}
	return p.frame(strings.Join(b, "\n"))
}

// checklist is one line per step, windowed around the current step so it fits.
func (p *Panel) checklist(w int) []string {
	lang := string(p.c.L.Lang())
	rows := max(p.height-22, 5)
	start := max(0, min(p.cur-rows/2, len(p.steps)-rows))
	var out []string
	for i := start; i < len(p.steps) && i < start+rows; i++ {
		line := fmt.Sprintf("%s %-4s %s", p.mark(i), p.steps[i].ID, p.steps[i].Title.In(lang))
		line = ansi.Truncate(line, w, "…")
		if i == p.cur {
			line = p.c.Styles.Text.Bold(true).Render(line)
		} else {
			line = p.c.Styles.Text.Render(line)
		}
		out = append(out, line)
	}
	return out
}

func (p *Panel) mark(i int) string {
	switch {
	case !p.checked || i >= len(p.results):
		return "·"
	case p.results[i].Pass:
		return "✓"
	}
	return "✗"
}

func (p *Panel) expand(s string) string {
	region := ""
	if p.state != nil {
		region = p.state.Info().Region
	}
	account := p.account
	if account == "" {
		account = "<account>"
	}
	return strings.NewReplacer("${account}", account, "${region}", region).Replace(s)
}

func (p *Panel) partOf(s *labStep) *labPart {
	for _, part := range p.lab.Parts {
		for _, x := range part.Steps {
			if x == s {
				return part
			}
		}
	}
	return p.lab.Parts[0]
}

// frame draws the panel's left border and cuts it to its height.
func (p *Panel) frame(body string) string {
	lines := strings.Split(body, "\n")
	if p.height > 0 && len(lines) > p.height {
		lines = lines[:p.height]
	}
	style := lipgloss.NewStyle().Renderer(p.c.Renderer).
		Border(lipgloss.NormalBorder(), false, false, false, true).
		BorderForeground(p.c.Styles.Theme.Border).PaddingLeft(1).PaddingRight(1).
		Width(max(p.width-1, 1)).Height(max(p.height, 1))
	return style.Render(strings.Join(lines, "\n"))
}

type (
	labStep = lab.Step
	labPart = lab.Part
)

// errText is the panel's error in the session's language where it is the backend's
// (the guard's read-only refusal above all), else as it came.
func (p *Panel) errText() string {
	var be *backend.Error
	if errors.As(p.err, &be) {
		return common.ErrorText(p.c, p.err)
	}
	return p.err.Error()
}
