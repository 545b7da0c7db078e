package cloudwatch

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch/simlab"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/components/table"
)

// previewLines is the height of the selected alarm's summary under the table.
const previewLines = 3

// layout gives the table what the title, the summary and the status area leave.
func (a *Alarms) layout() {
	if a.width <= 0 || a.height <= 0 {
		return
	}
	below := lipgloss.Height(a.statusView()) + previewLines + 1
	a.table.SetSize(a.width, max(a.height-2-below, 3))
}

// View implements tea.Model.
func (a *Alarms) View() string {
	st := a.c.Styles
	title := st.Title.Render(a.c.Tf("CWAlarmsCount", map[string]any{"Count": len(a.alarms)}))
	filter := a.c.T("CWAllStates")
	if a.state != "" {
		filter = stateLabel(a.c, a.state)
	}
	right := st.Muted.Render(a.c.T("CWColState")+": ") + st.Text.Render(filter)
	if a.region != a.c.Backend.Info().Region {
		right += st.Muted.Render("  "+a.c.T("HeaderRegion")+": ") + st.Text.Render(a.region)
	}
	gap := max(a.width-lipgloss.Width(title)-lipgloss.Width(right), 1)
	head := title + strings.Repeat(" ", gap) + right
	if a.err != nil {
		return head + "\n\n" + action.ErrorPanel(a.c, a.err, a.width)
	}
	parts := []string{head, "", a.colourStates(a.table.View()), a.preview()}
	if s := a.statusView(); s != "" {
		parts = append(parts, s)
	}
	return a.runner.Overlay(strings.Join(parts, "\n"))
}

// preview is the selected alarm's full condition and state reason, which the
// table's columns cut at 100 columns.
func (a *Alarms) preview() string {
	st := a.c.Styles
	lines := make([]string, 0, previewLines)
	if r, ok := a.table.Selected(); ok {
		if al, ok := r.Data.(model.Alarm); ok {
			lines = append(lines,
				st.Subtitle.Render(a.c.T("CWColConditions")+" ")+st.Text.Render(condition(a.c, al)),
				st.Muted.Render(al.StateReason))
		}
	}
	return cells.FitLines(strings.Join(lines, "\n"), a.width, previewLines)
}

// statusView is, from the top: the charges prompt, the outcome of the last change
// (with its command-line equivalent), the note after a create, and in simulator mode
// the lab's clock line.
func (a *Alarms) statusView() string {
	var parts []string
	if a.prompt != nil {
		parts = append(parts, a.prompt.View())
	}
	if s := a.runner.View(a.width); s != "" {
		parts = append(parts, s)
	} else if a.created != nil {
		parts = append(parts, a.createdNote())
	}
	if simlab.Available(a.c) {
		parts = append(parts, a.clockLine())
	}
	return strings.Join(parts, "\n")
}

// createdNote is the console's green banner after Create alarm, and what comes next
// in the lab: the topic's new email endpoints must confirm their subscription.
func (a *Alarms) createdNote() string {
	n := a.created
	body := ""
	if len(n.emails) > 0 {
		body = a.c.Tf("CWCreatedConfirmMail", map[string]any{"Emails": strings.Join(n.emails, ", ")})
	}
	p := panel.New(a.c, panel.Success, a.c.Tf("CWAlarmCreated", map[string]any{"Name": n.name}), body)
	p.SetSize(a.width, 0)
	return p.View()
}

// clockLine shows the simulated time and the keys that move the lab along.
func (a *Alarms) clockLine() string {
	st := a.c.Styles
	line := st.Muted.Render(a.c.T("CWSimulatedTime")+" ") + st.Text.Render(simlab.Stamp(a.now)+" UTC")
	hint := a.c.Tf("CWClockHint", map[string]any{"Duration": simlab.Duration(a.c, a.fastForwardBy())})
	return cells.Fit(line+st.Muted.Render("  ·  "+hint), a.width, lipgloss.Left)
}

// colourStates paints the State cells of the table's view in their state's colour.
// The table draws cells as plain text (it strips escapes from cell values, which may
// come from AWS), so the colour goes on after it has laid the rows out: the State
// column is found under its title in the header line, and each row's cell there is
// replaced by the same text in colour.
func (a *Alarms) colourStates(view string) string {
	lines := strings.Split(view, "\n")
	if len(lines) < 2 {
		return view
	}
	header := ansi.Strip(lines[0])
	title := a.c.T("CWColState")
	i := strings.Index(header, title)
	if i < 0 {
		return view
	}
	x := lipgloss.Width(header[:i])
	states := []model.AlarmState{model.AlarmStateAlarm, model.AlarmStateOK, model.AlarmStateInsufficientData}
	for li := 1; li < len(lines)-1; li++ {
		plain := ansi.Strip(lines[li])
		for _, s := range states {
			label := stateLabel(a.c, s)
			w := lipgloss.Width(label)
			if ansi.Cut(plain, x, x+w) != label || strings.TrimSpace(ansi.Cut(plain, x+w, x+w+1)) != "" {
				continue
			}
			total := lipgloss.Width(lines[li])
			lines[li] = ansi.Cut(lines[li], 0, x) + stateStyle(a.c, s).Render(label) + ansi.Cut(lines[li], x+w, total)
			break
		}
	}
	return strings.Join(lines, "\n")
}

// ShortHelp implements help.KeyMap.
func (a *Alarms) ShortHelp() []key.Binding {
	switch {
	case a.runner.Open():
		return nil
	case a.prompt != nil:
		return a.prompt.ShortHelp()
	case a.table.Filtering():
		return a.table.ShortHelp()
	}
	k := a.keys
	tk := table.NewKeyMap(a.c.L)
	return []key.Binding{k.Open, k.Create, k.Delete, k.State, tk.Filter, k.FastForward, k.Spend, k.Mailbox, k.Refresh}
}

// FullHelp implements help.KeyMap.
func (a *Alarms) FullHelp() [][]key.Binding {
	k := a.keys
	return append(a.table.FullHelp(),
		[]key.Binding{k.Open, k.Create, k.Delete, k.Refresh},
		[]key.Binding{k.State, k.Region, k.FastForward, k.Spend, k.Mailbox})
}
