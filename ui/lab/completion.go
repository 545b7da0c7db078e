package lab

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/labconsole/labconsole/ui/components/textkey"
)

// Completion is the panel's "lab complete" page: time taken, hints used, steps done,
// and an export of the report to a path the student types.
type Completion struct {
	p      *Panel
	show   bool
	typing bool
	input  textinput.Model
	status string
}

type exportedMsg struct {
	p    *Panel
	path string
	err  error
}

func newCompletion(p *Panel) *Completion {
	in := textinput.New()
	in.Prompt = "> "
	in.SetValue("lab-report.md")
	return &Completion{p: p, show: true, input: in}
}

// update handles keys on the completion page: e starts the export, enter writes it,
// esc goes back to the checklist.
func (d *Completion) update(msg tea.KeyMsg) tea.Cmd {
	if !d.show {
		if msg.String() == "e" {
			d.show = true
		}
		return nil
	}
	if d.typing {
		switch msg.String() {
		case "enter":
			d.typing = false
			path, rep, p := strings.TrimSpace(d.input.Value()), d.p.report(), d.p
			return func() tea.Msg { return exportedMsg{p: p, path: path, err: rep.WriteFile(path)} }
		case "esc":
			d.typing = false
			d.input.Blur()
			return nil
		}
		var cmd tea.Cmd
		cmd = textkey.Update(&d.input, msg)
		return cmd
	}
	if key.Matches(msg, d.p.keys.Cleanup) {
		return d.p.startCleanup()
	}
	switch msg.String() {
	case "e":
		d.typing = true
		return d.input.Focus()
	case "esc":
		d.show = false
	}
	return nil
}

func (d *Completion) view(p *Panel) string {
	st := p.c.Styles
	r := p.report()
	lines := []string{
		st.Title.Render(p.c.T("LabCompleteTitle")),
		st.Subtitle.Render(r.Title),
		"",
		p.c.Tf("LabTimeTaken", map[string]any{"Time": r.Duration}),
		p.c.Tf("LabHintsUsed", map[string]any{"N": r.HintsUsed}),
		p.c.Tf("LabStepsDone", map[string]any{"Done": r.Done, "Total": r.Total}),
		"",
	}
	if d.typing {
		lines = append(lines, p.c.T("LabExportPrompt"), d.input.View())
	} else {
		lines = append(lines, st.Muted.Render("e: "+p.c.T("KeyLabExport")))
		lines = append(lines, st.Muted.Render("c: "+p.c.T("LabCleanupKey")))
	}
	if p.err != nil {
		lines = append(lines, st.Error.Width(max(p.width-4, 10)).Render(p.c.Tf("LabError", map[string]any{"Error": p.errText()})))
	}
	if d.status != "" {
		lines = append(lines, st.Success.Width(max(p.width-4, 10)).Render(d.status))
	}
	return strings.Join(lines, "\n")
}
