// Package lab is the guided lab panel: it sits beside whatever screen is open and shows
// the current step of the lab, its text, hints on request and a checklist that
// re-checks the account every few seconds, so a student sees each step turn ✓ as they
// do it in the console.
package lab

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/assets"
	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/labcheck"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/model/lab"
	"github.com/labconsole/labconsole/ui/common"
)

// TickInterval is how often the checklist re-checks the account.
const TickInterval = 5 * time.Second

// Debounce is how long the panel waits after a change to the account before it
// re-checks, so a wizard's burst of calls (create user, password, group, tags) costs
// one check, not four.
const Debounce = 150 * time.Millisecond

// Panel is the lab panel of one session.
type Panel struct {
	c     *common.Common
	opts  Options
	lab   *lab.Lab
	steps []*lab.Step
	// state reads the account (the administrator's Backend: a signed-in lab-user may
	// not read IAM); the identity the console acts as is always c.Backend.
	state backend.Backend
	keys  keys

	results  []labcheck.Result
	checked  bool
	checkReq int
	// inFlight is true while a check runs: never more than one at a time. dirty asks
	// for another as soon as it answers; soon is a debounced re-check on its way.
	inFlight, dirty, soon bool

	account string
	// principal is the ARN the checks read as, known after the first check.
	principal string
	progress  Progress
	loaded    bool

	cur     int
	pinned  bool // the student moved with n/p: stop following the first open step
	focused bool
	confirm bool // "reset the lab?" is asked
	// leave is the step's screen "go to" would open over a page being edited,
	// leavePage that page's breadcrumbs: "go anyway?" is asked.
	leave, leavePage string
	status           string
	err              error
	done             *Completion
	cleanup          *Cleanup // the "clean up lab resources" page while open
	cleanupRuns      int      // numbers clean-ups, so a closed one's answers are dropped

	width, height int
}

// New returns the panel for the session c; state is the Backend checks read with.
func New(c *common.Common, state backend.Backend, opts Options) (*Panel, error) {
	if opts.Lab == "" {
		opts.Lab = "lab1"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	l, err := assets.Lab(opts.Lab)
	if err != nil {
		return nil, err
	}
	return &Panel{c: c, opts: opts, lab: l, steps: l.Steps(), state: state, keys: newKeys(c)}, nil
}

// Messages of the panel; each is tagged by its panel so two sessions never mix.
type (
	tickMsg    struct{ p *Panel }
	recheckMsg struct{ p *Panel }
	checkedMsg struct {
		p         *Panel
		req       int
		account   string
		principal string
		results   []labcheck.Result
		err       error
	}
	loadedMsg struct {
		p     *Panel
		prog  Progress
		found bool
		err   error
	}
	actionMsg struct {
		p      *Panel
		status string
		reset  bool
		err    error
	}
)

// AskLeave is the root's answer to GoToMsg when a page being edited (a wizard, a
// create form) would be closed: the panel takes the focus and asks; g again sends
// GoToMsg with Confirmed, anything else stays.
func (p *Panel) AskLeave(screen, page string) {
	p.leave, p.leavePage = screen, page
	p.focused = true
	p.status, p.err = "", nil
}

// GoToMsg asks the root to open a step's screen (model/lab's Screens, with
// ${account} and ${region} filled in), pushing the screens above it in order.
type GoToMsg struct {
	Screen string
	// Confirmed: the student chose to leave a page being edited (AskLeave).
	Confirmed bool
}

// Init implements tea.Model: check now and start the timer.
func (p *Panel) Init() tea.Cmd { return tea.Batch(p.recheck(), p.tick()) }

// recheck starts a check unless one is in flight; then it asks for another once that
// one answers, so the checklist always ends up reflecting the latest change.
func (p *Panel) recheck() tea.Cmd {
	if p.inFlight {
		p.dirty = true
		return nil
	}
	p.inFlight, p.dirty = true, false
	return p.check()
}

// mutated debounces a change to the account into one re-check.
func (p *Panel) mutated() tea.Cmd {
	if p.soon {
		return nil
	}
	p.soon = true
	return tea.Tick(Debounce, func(time.Time) tea.Msg { return recheckMsg{p: p} })
}

// Checking reports whether a check is in flight, for tests.
func (p *Panel) Checking() bool { return p.inFlight }

func (p *Panel) tick() tea.Cmd {
	return tea.Tick(TickInterval, func(time.Time) tea.Msg { return tickMsg{p: p} })
}

// check evaluates every step in a command: no I/O in Update.
func (p *Panel) check() tea.Cmd {
	p.checkReq++
	req, ctx, l := p.checkReq, p.c.Ctx, p.lab
	ck := &labcheck.Checker{State: p.state, Acting: p.c.Backend}
	return func() tea.Msg {
		v, err := ck.Vars(ctx)
		if err != nil {
			return checkedMsg{p: p, req: req, err: err}
		}
		srs, err := ck.Lab(ctx, l)
		if err != nil {
			return checkedMsg{p: p, req: req, err: err}
		}
		rs := make([]labcheck.Result, len(srs))
		for i, r := range srs {
			rs[i] = r.Result
		}
		return checkedMsg{p: p, req: req, account: v.Account, principal: v.Principal, results: rs}
	}
}

func (p *Panel) load(account string) tea.Cmd {
	st, ctx, id := p.opts.Store, p.c.Ctx, p.lab.ID
	if st == nil {
		return func() tea.Msg { return loadedMsg{p: p} }
	}
	return func() tea.Msg {
		prog, found, err := st.Load(ctx, account, id)
		return loadedMsg{p: p, prog: prog, found: found, err: err}
	}
}

func (p *Panel) save() tea.Cmd {
	st, ctx, prog := p.opts.Store, p.c.Ctx, p.progress.clone()
	if st == nil || !p.loaded {
		return nil
	}
	return func() tea.Msg {
		if err := st.Save(ctx, prog); err != nil {
			return actionMsg{p: p, err: err}
		}
		return nil
	}
}

// Update implements tea.Model.
func (p *Panel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if p.cleanup != nil {
		if cmd, ok := p.cleanup.message(msg); ok {
			return p, cmd
		}
	}
	switch msg := msg.(type) {
	case cleanupPlanMsg, cleanupItemMsg: // a closed clean-up's late answer
		return p, nil
	case tickMsg:
		if msg.p != p {
			return p, nil
		}
		if p.inFlight { // a slow account: skip this beat rather than queue checks
			return p, p.tick()
		}
		return p, tea.Batch(p.recheck(), p.tick())
	case common.MutationMsg:
		return p, p.mutated()
	case recheckMsg:
		if msg.p != p {
			return p, nil
		}
		p.soon = false
		return p, p.recheck()
	case checkedMsg:
		if msg.p != p || msg.req != p.checkReq {
			return p, nil
		}
		p.inFlight = false
		cmd := p.applyResults(msg)
		if p.dirty {
			return p, tea.Batch(cmd, p.recheck())
		}
		return p, cmd
	case loadedMsg:
		if msg.p != p {
			return p, nil
		}
		p.err = msg.err
		if msg.found {
			p.progress = msg.prog
		}
		p.loaded = true
		p.progress.ensure(p.lab.ID, p.account, p.opts.Now())
		return p, tea.Batch(p.record(), p.save())
	case actionMsg:
		if msg.p != p {
			return p, nil
		}
		p.err = msg.err
		if msg.err == nil {
			p.status = msg.status
		}
		if msg.reset && msg.err == nil {
			p.progress, p.loaded, p.pinned, p.cur, p.done = Progress{}, false, false, 0, nil
			p.progress.ensure(p.lab.ID, p.account, p.opts.Now())
			p.loaded = true
		}
		return p, p.recheck()
	case exportedMsg:
		if msg.p != p || p.done == nil {
			return p, nil
		}
		p.err = msg.err
		if msg.err == nil {
			p.done.status = p.c.Tf("LabExported", map[string]any{"Path": msg.path})
		}
		return p, nil
	case common.IdentityChangedMsg:
		return p, p.recheck()
	case common.LanguageChangedMsg:
		p.keys = newKeys(p.c)
		if p.cleanup != nil {
			p.cleanup.spin.SetLabel(p.c.T("LabCleanupPlanning"))
		}
		return p, nil
	case tea.KeyMsg:
		if p.focused {
			return p, p.handleKey(msg)
		}
	}
	return p, nil
}

// applyResults takes a check's answer; the first answer also tells the account, so
// the progress of that account is loaded.
func (p *Panel) applyResults(msg checkedMsg) tea.Cmd {
	if msg.err != nil {
		p.err = msg.err
		return nil
	}
	p.err = nil
	p.results, p.checked = msg.results, true
	if !p.pinned {
		p.cur = p.firstOpen()
	}
	p.principal = msg.principal
	if p.account != msg.account {
		// Another account (a profile switch): its own progress decides from here.
		p.account, p.loaded = msg.account, false
		return p.load(msg.account)
	}
	return tea.Batch(p.record(), p.save())
}

// record marks newly passed steps in the progress and finishes the lab when all pass.
func (p *Panel) record() tea.Cmd {
	if !p.loaded || !p.checked {
		return nil
	}
	for i, r := range p.results {
		if r.Pass {
			p.progress.Completed[p.steps[i].ID] = true
		}
	}
	if p.Done() == len(p.steps) && p.progress.Finished == nil {
		now := p.opts.Now()
		p.progress.Finished = &now
	}
	if p.progress.Finished != nil && p.done == nil {
		p.done = newCompletion(p)
	}
	return nil
}

func (p *Panel) firstOpen() int {
	for i, r := range p.results {
		if !r.Pass {
			return i
		}
	}
	return max(len(p.steps)-1, 0)
}

// Done is the number of steps whose check passes now.
func (p *Panel) Done() int {
	n := 0
	for _, r := range p.results {
		if r.Pass {
			n++
		}
	}
	return n
}

func (p *Panel) handleKey(msg tea.KeyMsg) tea.Cmd {
	if p.cleanup != nil {
		return p.cleanup.update(msg)
	}
	if p.done != nil && p.done.show {
		return p.done.update(msg)
	}
	if p.confirm {
		p.confirm = false
		if msg.String() == "y" {
			return p.reset()
		}
		return nil
	}
	if p.leave != "" {
		screen := p.leave
		p.leave, p.leavePage = "", ""
		if key.Matches(msg, p.keys.Go) {
			p.focused = false
			return func() tea.Msg { return GoToMsg{Screen: screen, Confirmed: true} }
		}
		return nil
	}
	step := p.steps[p.cur]
	switch {
	case key.Matches(msg, p.keys.Blur):
		p.focused = false
	case key.Matches(msg, p.keys.Next):
		p.cur, p.pinned = min(p.cur+1, len(p.steps)-1), true
	case key.Matches(msg, p.keys.Prev):
		p.cur, p.pinned = max(p.cur-1, 0), true
	case key.Matches(msg, p.keys.Hint):
		p.progress.ensure(p.lab.ID, p.account, p.opts.Now())
		if p.progress.Hints[step.ID] < len(step.Hints) {
			p.progress.Hints[step.ID]++
			p.progress.HintsUsed++
			p.status = ""
			return p.save()
		}
		p.status = p.c.T("LabNoMoreHints")
	case key.Matches(msg, p.keys.Go):
		if step.Screen == "" {
			p.status = p.c.T("LabGoNoScreen")
			return nil
		}
		p.focused = false
		screen := p.expand(step.Screen)
		return func() tea.Msg { return GoToMsg{Screen: screen} }
	case key.Matches(msg, p.keys.Wait):
		return p.advance(step)
	case key.Matches(msg, p.keys.Activity):
		return p.activity()
	case key.Matches(msg, p.keys.Reset):
		p.confirm = true
	case key.Matches(msg, p.keys.Cleanup):
		return p.startCleanup()
	case p.done != nil && msg.String() == "e":
		return p.done.update(msg)
	}
	return nil
}

func (p *Panel) advance(step *lab.Step) tea.Cmd {
	if step.Wait == "" {
		return nil
	}
	if p.opts.Control == nil {
		p.status = p.c.T("LabSimOnly")
		return nil
	}
	d, _ := time.ParseDuration(step.Wait)
	ctl, ctx, st := p.opts.Control, p.c.Ctx, p.c.Tf("LabAdvanced", map[string]any{"Wait": step.Wait})
	return func() tea.Msg { return actionMsg{p: p, status: st, err: ctl.Advance(ctx, d)} }
}

func (p *Panel) activity() tea.Cmd {
	if p.opts.Control == nil {
		p.status = p.c.T("LabSimOnly")
		return nil
	}
	ctl, ctx, id, st := p.opts.Control, p.c.Ctx, p.lab.ID, p.c.T("LabActivityDone")
	return func() tea.Msg { return actionMsg{p: p, status: st, err: ctl.RunActivity(ctx, id)} }
}

// reset restores a fresh account (simulator) and forgets the progress.
func (p *Panel) reset() tea.Cmd {
	ctl, st, ctx, account, id, msg := p.opts.Control, p.opts.Store, p.c.Ctx, p.account, p.lab.ID, p.c.T("LabResetDone")
	return func() tea.Msg {
		if ctl != nil {
			if err := ctl.Reset(ctx); err != nil {
				return actionMsg{p: p, err: err}
			}
		}
		if st != nil {
			if err := st.Clear(ctx, account, id); err != nil {
				return actionMsg{p: p, err: err}
			}
		}
		return actionMsg{p: p, status: msg, reset: true}
	}
}

// Focus gives the panel the keys (or gives them back to the screen).
func (p *Panel) Focus(on bool) { p.focused = on }

// Focused reports whether the panel takes the keys.
func (p *Panel) Focused() bool { return p.focused }

// SetSize implements common.Component.
func (p *Panel) SetSize(w, h int) { p.width, p.height = w, h }

// ShortHelp implements help.KeyMap.
func (p *Panel) ShortHelp() []key.Binding {
	if p.cleanup != nil {
		return []key.Binding{p.keys.CleanupUp, p.keys.CleanupCancel}
	}
	return []key.Binding{p.keys.Hint, p.keys.Go, p.keys.Next, p.keys.Wait, p.keys.Cleanup, p.keys.Blur}
}

// FullHelp implements help.KeyMap.
func (p *Panel) FullHelp() [][]key.Binding {
	return [][]key.Binding{{p.keys.Hint, p.keys.Go, p.keys.Next, p.keys.Prev}, {p.keys.Wait, p.keys.Activity, p.keys.Reset, p.keys.Cleanup, p.keys.Blur}}
}

// TaggingLab is the lab whose resources the console tags while it creates them
// (labres.Tagging), or "" when it should not tag. The rule: a lab is in progress in
// this account once the panel has loaded (or started) this account's progress and
// until that progress is finished. Opening the panel starts the lab, so from then on
// what the student creates is the lab's; completing it stops the tagging, so what an
// operator creates afterwards on a real account is never taken for a lab resource;
// resetting the lab starts it again. The rule is the same in the simulator and on
// AWS: a simulated account may hold resources made outside any lab too (the shell's
// aws CLI, a classroom's seeds), and the clean-up must never take those.
func (p *Panel) TaggingLab() string {
	if !p.loaded || p.progress.Finished != nil {
		return ""
	}
	return p.lab.ID
}

// Account is the account the checks read (known after the first check).
func (p *Panel) Account() string { return p.account }

// ProgressLoaded reports whether the panel knows this account's progress (after its
// first check).
func (p *Panel) ProgressLoaded() bool { return p.loaded }

// State is the backend the checks read with (and the clean-up deletes with).
func (p *Panel) State() backend.Backend { return p.state }

// FollowSwitch hands the panel the backend a profile/Region switch (ctrl+r) made, if
// the panel should check and clean up with it: when it reads as the same principal
// (a Region switch) or in another account (that account's lab from there), or before
// the panel knows whom it reads as. A switch to another principal of the same
// account — the lab's "sign in as lab-user", which on a real account is a profile
// switch — leaves the panel reading as the administrator it started with: lab-user
// may not read IAM or CloudWatch, and the checks must not fail for that.
func (p *Panel) FollowSwitch(b backend.Backend, id model.Identity) bool {
	if p.principal != "" && id.Account == p.account && id.Arn != p.principal {
		return false
	}
	p.state = b
	return true
}

func (pr *Progress) ensure(labID, account string, now time.Time) {
	if pr.Lab == "" {
		pr.Lab, pr.Account, pr.Started = labID, account, now
	}
	if pr.Hints == nil {
		pr.Hints = map[string]int{}
	}
	if pr.Completed == nil {
		pr.Completed = map[string]bool{}
	}
}

func (pr Progress) clone() Progress {
	out := pr
	out.Hints, out.Completed = map[string]int{}, map[string]bool{}
	for k, v := range pr.Hints {
		out.Hints[k] = v
	}
	for k, v := range pr.Completed {
		out.Completed[k] = v
	}
	return out
}
