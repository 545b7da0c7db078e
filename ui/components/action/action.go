// Package action runs the changes a screen makes, the way the console does them:
// deletes (and every change on a real account) are confirmed first in a dialog that
// shows the AWS CLI equivalent; the call runs in a tea.Cmd under a spinner; then a
// panel shows the outcome — a success line or AWS's own error — with the equivalent
// commands, until the next change. Every answer is tagged with the action that asked,
// so a late answer never lands on another screen or another action.
package action

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/components/spinner"
)

// Action is one change: what it does in words, its command-line equivalents and the
// call. Texts are translated by the caller.
type Action struct {
	Title         string // dialog title, e.g. "Delete lab-myalarm?"
	Body          string // dialog body
	ConfirmLabel  string
	Danger        bool
	TypeToConfirm string // the console's typed confirmation ("delete me" for topics)
	Ask           bool   // ask even in the simulator (deletes, as the console does)
	// Done words the outcome for the success panel from what Run returned; it runs at
	// View time, so the panel follows a language switch. Text makes one for a line
	// translated up front.
	Done func(result any) string
	// Commands are the AWS CLI equivalents; Region, when set, is the region they run
	// in (a billing alarm lives in us-east-1 whatever the console's region).
	Commands []*awscli.Command
	Region   string
	// Shell are equivalents that are not AWS CLI commands, such as `labconsole sim
	// advance 6h` for the simulator's clock.
	Shell []string
	// Run makes the calls; it runs in a tea.Cmd, never in Update. Call adapts a call
	// that returns only an error.
	Run func(ctx context.Context, b backend.Backend) (result any, err error)
	// After is handed back in DoneMsg for the screen's own follow-up.
	After any
}

// Text is a Done for an outcome worded up front.
func Text(s string) func(any) string { return func(any) string { return s } }

// Call is a Run for calls that return nothing but an error.
func Call(run func(ctx context.Context, b backend.Backend) error) func(context.Context, backend.Backend) (any, error) {
	return func(ctx context.Context, b backend.Backend) (any, error) { return nil, run(ctx, b) }
}

// DoneText is the outcome's success line: Done applied to result, "" without Done.
func (a *Action) DoneText(result any) string {
	if a == nil || a.Done == nil {
		return ""
	}
	return a.Done(result)
}

// DoneMsg answers one action; Act tags it, so only the runner that started it takes it.
type DoneMsg struct {
	Act    *Action
	Result any
	Err    error
}

// Options adapt a runner to its screens. The zero value is the console's usual
// runner.
type Options struct {
	// ErrorText words a failed call for the red panel; nil is common.ErrorText.
	ErrorText func(c *common.Common, err error) string
	// Wrap breaks the equivalent commands under the outcome; nil is cells.WrapWords,
	// which keeps hyphenated options whole.
	Wrap func(text string, w int) []string
}

// Runner runs a screen's actions one at a time. It is a value held by the screen.
type Runner struct {
	c       *common.Common
	opts    Options
	dialog  *dialog.Model
	pending *Action
	running bool
	spin    spinner.Model
	last    *DoneMsg
	width   int
	height  int
}

// New returns an idle runner with the default Options.
func New(c *common.Common) Runner { return NewWith(c, Options{}) }

// NewWith returns an idle runner adapted by opts.
func NewWith(c *common.Common, opts Options) Runner {
	if opts.ErrorText == nil {
		opts.ErrorText = common.ErrorText
	}
	if opts.Wrap == nil {
		opts.Wrap = cells.WrapWords
	}
	return Runner{c: c, opts: opts, spin: spinner.New(c)}
}

// ask reports whether a must be confirmed first: deletes always, and every change on
// a real account, where a mistake costs real resources.
func (r *Runner) ask(a *Action) bool {
	return a.Ask || a.TypeToConfirm != "" || r.c.Backend.Info().Mode == backend.ModeAWS
}

// Start begins a: the dialog when it must be confirmed, else the call. It does nothing
// while another action is open or running.
func (r *Runner) Start(a *Action) tea.Cmd {
	if a == nil || r.running || r.dialog != nil {
		return nil
	}
	r.pending = a
	if !r.ask(a) {
		return r.run()
	}
	body := a.Body
	if cli := joinLines(r.cliLines(a, 0)); cli != "" {
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

func (r *Runner) run() tea.Cmd {
	a, b, ctx := r.pending, r.c.Backend, r.c.Ctx
	r.running, r.last = true, nil
	r.spin.SetLabel(r.c.T("ActionWorking"))
	return tea.Batch(r.spin.Start(), func() tea.Msg {
		if a.Run == nil {
			return DoneMsg{Act: a}
		}
		res, err := a.Run(ctx, b)
		return DoneMsg{Act: a, Result: res, Err: err}
	})
}

// Update takes the runner's own messages: keys while the dialog is open, the dialog's
// answer and the call's result. handled is false for everything else; done is the
// finished action once, for the screen to follow up (reload, pop…).
func (r *Runner) Update(msg tea.Msg) (handled bool, cmd tea.Cmd, done *DoneMsg) {
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
	case DoneMsg:
		if msg.Act != r.pending || !r.running {
			return false, nil, nil
		}
		r.running, r.pending = false, nil
		r.spin.Stop()
		r.last = &msg
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
		d, dc := r.dialog.Update(msg) // the cursor of a typed confirmation blinks
		r.dialog = &d
		c = tea.Batch(c, dc)
	}
	return false, c, nil
}

// Open reports whether the dialog is shown: the screen then hands it every key.
func (r *Runner) Open() bool { return r.dialog != nil }

// Running reports whether a call is in flight.
func (r *Runner) Running() bool { return r.running }

// Last is the last finished action, nil when none or after Clear.
func (r *Runner) Last() *DoneMsg { return r.last }

// Clear forgets the last outcome, e.g. when the screen reloads for another identity.
func (r *Runner) Clear() { r.last = nil }

// Show makes a, finished elsewhere without error, the outcome the runner shows: a
// screen reports the change another screen made before it returned.
func (r *Runner) Show(a *Action) {
	if a == nil || r.running {
		return
	}
	r.last = &DoneMsg{Act: a}
}

// ShortHelp is the dialog's keys while it is open, else none: a screen shows them in
// its help instead of its own.
func (r *Runner) ShortHelp() []key.Binding {
	if r.dialog == nil {
		return nil
	}
	return r.dialog.ShortHelp()
}

// FullHelp is the dialog's keys while it is open, else none.
func (r *Runner) FullHelp() [][]key.Binding {
	if r.dialog == nil {
		return nil
	}
	return r.dialog.FullHelp()
}

// SetSize is the area the dialog is centred in.
func (r *Runner) SetSize(w, h int) {
	r.width, r.height = w, h
	if r.dialog != nil {
		r.dialog.SetSize(w, h)
	}
}

// Overlay draws the dialog, when open, over the screen's view.
func (r *Runner) Overlay(view string) string {
	if r.dialog == nil {
		return view
	}
	return r.dialog.Overlay(view)
}
