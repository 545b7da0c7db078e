package iam

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/components/spinner"
)

// action is one change a screen makes: what it does in words, its AWS CLI
// equivalent and the call. Every IAM mutation goes through an actions runner so the
// CLI is always shown and real-AWS mode always asks first.
type action struct {
	Title         string // dialog title, e.g. "Delete lab-cloudtrail-group?"
	Body          string // dialog body
	ConfirmLabel  string
	Danger        bool
	TypeToConfirm string // the console's typed confirmation for deletes
	Ask           bool   // ask even in the simulator (deletes, as the console does)
	Done          string // translated success line, e.g. "Policy attached."
	Commands      []*awscli.Command
	// Run makes the calls; it runs in a tea.Cmd, never in Update.
	Run func(ctx context.Context, b backend.Backend) error
	// After is handed back in actionDoneMsg for the screen's own follow-up.
	After any
}

// actionDoneMsg answers one action; act tags it so only the runner that started it
// takes it.
type actionDoneMsg struct {
	act *action
	err error
}

// actions runs a screen's mutations one at a time: an optional confirmation dialog
// showing the AWS CLI equivalent, the call with a spinner, then a result panel with
// the CLI equivalent (or AWS's error) until the next action.
type actions struct {
	c       *common.Common
	dialog  *dialog.Model
	pending *action
	running bool
	spin    spinner.Model
	last    *action
	lastErr error
	width   int
	height  int
}

func newActions(c *common.Common) actions {
	return actions{c: c, spin: spinner.New(c)}
}

// ask reports whether a must be confirmed before it runs: deletes always, and every
// change on a real account, where a mistake costs real resources.
func (r *actions) ask(a *action) bool {
	return a.Ask || a.TypeToConfirm != "" || r.c.Backend.Info().Mode == backend.ModeAWS
}

// Start begins a: the dialog when it must be confirmed, else the call.
func (r *actions) Start(a *action) tea.Cmd {
	if r.running || r.dialog != nil {
		return nil
	}
	r.pending = a
	if !r.ask(a) {
		return r.run()
	}
	body := a.Body
	if cli := r.cliText(a); cli != "" {
		if body != "" {
			body += "\n\n"
		}
		body += cli
	}
	d := dialog.New(r.c, dialog.Options{Tag: a, Title: a.Title, Body: body, ConfirmLabel: a.ConfirmLabel,
		Danger: a.Danger, ConfirmText: a.TypeToConfirm, Width: 84})
	d.SetSize(r.width, r.height)
	r.dialog = &d
	return d.Init()
}

func (r *actions) run() tea.Cmd {
	a, b, ctx := r.pending, r.c.Backend, r.c.Ctx
	r.running = true
	r.last, r.lastErr = nil, nil
	r.spin.SetLabel(r.c.T("IAMWorking"))
	return tea.Batch(r.spin.Start(), func() tea.Msg {
		return actionDoneMsg{act: a, err: a.Run(ctx, b)}
	})
}

// Update takes the runner's own messages: keys while the dialog is open, the
// dialog's answer and the call's result. handled is false for everything else;
// done is the finished action (with its error) once, for the screen to follow up.
func (r *actions) Update(msg tea.Msg) (handled bool, cmd tea.Cmd, done *actionDoneMsg) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if r.dialog == nil {
			return false, nil, nil
		}
		d, cmd := r.dialog.Update(msg)
		r.dialog = &d
		return true, cmd, nil
	case dialog.ConfirmedMsg:
		if r.dialog == nil || msg.Tag != any(r.pending) {
			return false, nil, nil
		}
		r.dialog = nil
		return true, r.run(), nil
	case dialog.CanceledMsg:
		if r.dialog == nil || msg.Tag != any(r.pending) {
			return false, nil, nil
		}
		r.dialog, r.pending = nil, nil
		return true, nil, nil
	case actionDoneMsg:
		if msg.act != r.pending || !r.running {
			return false, nil, nil
		}
		r.running, r.pending = false, nil
		r.spin.Stop()
		r.last, r.lastErr = msg.act, msg.err
		return true, nil, &msg
	case common.LanguageChangedMsg:
		if r.dialog != nil {
			d, _ := r.dialog.Update(msg)
			r.dialog = &d
		}
		return false, nil, nil
	}
	var c tea.Cmd
	r.spin, c = r.spin.Update(msg)
	if r.dialog != nil {
		d, dc := r.dialog.Update(msg) // cursor blink of a typed confirmation
		r.dialog = &d
		c = tea.Batch(c, dc)
	}
	return false, c, nil
}

// Open reports whether the dialog is shown: the screen then gives it every key.
func (r *actions) Open() bool { return r.dialog != nil }

// Running reports whether a call is in flight.
func (r *actions) Running() bool { return r.running }

// Clear forgets the last result, e.g. when the screen reloads for another identity.
func (r *actions) Clear() { r.last, r.lastErr = nil, nil }

// SetSize is the area the dialog is centred in.
func (r *actions) SetSize(w, h int) {
	r.width, r.height = w, h
	if r.dialog != nil {
		r.dialog.SetSize(w, h)
	}
}

// Overlay draws the dialog over the screen's view.
func (r *actions) Overlay(view string) string {
	if r.dialog == nil {
		return view
	}
	return r.dialog.Overlay(view)
}

// cliText is "AWS CLI equivalent" and one "$ aws …" line per command.
func (r *actions) cliText(a *action) string {
	if len(a.Commands) == 0 {
		return ""
	}
	lines := []string{r.c.T("AWSCLIEquivalent")}
	for _, cmd := range a.Commands {
		lines = append(lines, "$ "+cmd.String(r.c.Backend.Info()))
	}
	return strings.Join(lines, "\n")
}

// View is the status area under a screen: the spinner while a call runs, then the
// result (a success line or AWS's error) with the AWS CLI equivalent. "" when idle.
func (r *actions) View(width int) string {
	switch {
	case r.running:
		return r.spin.View()
	case r.last == nil:
		return ""
	}
	var out string
	if r.lastErr != nil {
		out = errorPanel(r.c, r.lastErr, width)
	} else {
		p := panel.New(r.c, panel.Success, r.last.Done, "")
		p.SetSize(width, 0)
		out = p.View()
	}
	if cli := r.cliText(r.last); cli != "" {
		lines := strings.Split(cli, "\n")
		out += "\n" + r.c.Styles.Muted.Render(lines[0])
		for _, l := range lines[1:] {
			for _, w := range wrap(l, width) {
				out += "\n" + r.c.Styles.Text.Render(w)
			}
		}
	}
	return out
}

// cliLines are the commands as wrapped lines under the AWS CLI equivalent label, for
// screens that preview their calls before they are made.
func cliLines(c *common.Common, cmds []*awscli.Command, width int) []string {
	if len(cmds) == 0 {
		return nil
	}
	lines := []string{c.Styles.Muted.Render(c.T("AWSCLIEquivalent"))}
	for _, cmd := range cmds {
		for _, w := range wrap("$ "+cmd.String(c.Backend.Info()), width) {
			lines = append(lines, c.Styles.Text.Render(w))
		}
	}
	return lines
}
