// Package billing holds the Billing preferences page of the console (lab step A1):
// the "Receive Billing Alerts" preference that makes AWS publish EstimatedCharges to
// CloudWatch, its Save preferences button, and the "Manage billing alerts" link to
// CloudWatch's alarms. AWS has no API for the preference, so on a real account the
// page reads what it can and names the Billing console page where it is set.
package billing

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch"
	"github.com/labconsole/labconsole/ui/cloudwatch/simlab"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/nav"
)

// Preferences is Billing > Billing preferences > Alert preferences.
type Preferences struct {
	c       *common.Common
	keys    keys
	prefs   model.BillingPreferences
	loaded  bool
	err     error
	receive bool // the box as ticked, saved or not
	runner  action.Runner
	req     int
	width   int
	height  int
}

var _ nav.Screen = (*Preferences)(nil)

type keys struct {
	Toggle  key.Binding
	Save    key.Binding
	Manage  key.Binding
	Refresh key.Binding
}

func newKeys(c *common.Common) keys {
	bind := func(help, id string, ks ...string) key.Binding {
		return key.NewBinding(key.WithKeys(ks...), key.WithHelp(help, c.T(id)))
	}
	return keys{
		Toggle:  bind("space", "KeyToggle", " ", "x"),
		Save:    bind("ctrl+s", "BillingSavePreferences", "ctrl+s"),
		Manage:  bind("m", "BillingManageAlerts", "m"),
		Refresh: bind("r", "KeyRefresh", "r"),
	}
}

// NewPreferences returns the page; Init reads the preference.
func NewPreferences(c *common.Common) *Preferences {
	p := &Preferences{c: c, keys: newKeys(c), runner: action.New(c)}
	p.syncKeys()
	return p
}

// prefsMsg answers load number req.
type prefsMsg struct {
	p     *Preferences
	req   int
	prefs model.BillingPreferences
	err   error
}

// saveAfter tags the page's save.
type saveAfter struct{ p *Preferences }

func (p *Preferences) load() tea.Cmd {
	p.req++
	req, b, ctx := p.req, p.c.Backend, p.c.Ctx
	return func() tea.Msg {
		prefs, err := b.BillingPreferences(ctx)
		return prefsMsg{p: p, req: req, prefs: prefs, err: err}
	}
}

// Init implements tea.Model.
func (p *Preferences) Init() tea.Cmd { return p.load() }

// Crumbs implements nav.Screen.
func (p *Preferences) Crumbs() []string {
	return []string{p.c.T("MenuBilling"), p.c.T("BillingPreferences")}
}

// Capturing implements nav.Screen: only the confirmation dialog (real AWS) takes keys.
func (p *Preferences) Capturing() bool { return p.runner.Open() }

// SetSize implements common.Component.
func (p *Preferences) SetSize(w, h int) {
	p.width, p.height = w, h
	p.runner.SetSize(w, h)
}

// Receive is the box as ticked, for tests.
func (p *Preferences) Receive() bool { return p.receive }

// dirty reports whether the box differs from what is saved. Once alerts are on AWS
// keeps them on, so the box can only go from off to on.
func (p *Preferences) dirty() bool { return p.receive && !p.prefs.ReceiveBillingAlerts }

func (p *Preferences) syncKeys() {
	p.keys.Toggle.SetEnabled(!p.prefs.ReceiveBillingAlerts)
	p.keys.Save.SetEnabled(p.dirty())
}

// Update implements tea.Model.
func (p *Preferences) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer p.syncKeys()
	handled, rcmd, done := p.runner.Update(msg)
	if handled {
		if done != nil && done.Err == nil {
			if a, ok := done.Act.After.(saveAfter); ok && a.p == p {
				return p, tea.Batch(rcmd, p.load())
			}
		}
		return p, rcmd
	}
	switch msg := msg.(type) {
	case prefsMsg:
		if msg.p == p && msg.req == p.req {
			p.loaded, p.prefs, p.err = true, msg.prefs, msg.err
			p.receive = p.receive || msg.prefs.ReceiveBillingAlerts
		}
	case common.LanguageChangedMsg:
		p.keys = newKeys(p.c)
	case common.IdentityChangedMsg:
		p.runner.Clear()
		return p, tea.Batch(rcmd, p.load())
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, p.keys.Toggle):
			p.receive = !p.receive
		case key.Matches(msg, p.keys.Save):
			return p, tea.Batch(rcmd, p.runner.Start(p.save()))
		case key.Matches(msg, p.keys.Manage):
			return p, tea.Batch(rcmd, nav.Push(cloudwatch.NewAlarms(p.c)))
		case key.Matches(msg, p.keys.Refresh):
			return p, tea.Batch(rcmd, p.load())
		}
	}
	return p, rcmd
}

// save turns billing alerts on. On a real account the backend answers that no API
// can, naming the Billing console page, and the panel shows that answer.
func (p *Preferences) save() *action.Action {
	c := p.c
	a := &action.Action{
		Title:        c.T("BillingSavePreferences"),
		Body:         c.T("BillingAlertsOnForever"),
		ConfirmLabel: c.T("BillingSavePreferences"),
		Done:         func(any) string { return c.T("BillingSaved") },
		Run: func(ctx context.Context, b backend.Backend) (any, error) {
			return b.SetReceiveBillingAlerts(ctx, true)
		},
		After: saveAfter{p},
	}
	if simlab.Available(c) {
		a.Shell = []string{"labconsole sim billing on"}
	}
	return a
}

// View implements tea.Model.
func (p *Preferences) View() string {
	st, c := p.c.Styles, p.c
	w := max(p.width, 20)
	lines := []string{st.Title.Render(c.T("BillingPreferences")), "", st.Subtitle.Render(c.T("BillingAlertPreferences"))}
	if !p.loaded {
		return strings.Join(append(lines, st.Muted.Render(c.T("Loading"))), "\n")
	}
	aws := c.Backend.Info().Mode == backend.ModeAWS
	mark := "[ ]"
	switch {
	case aws && !p.prefs.Known && !p.receive:
		mark = "[?]"
	case p.receive:
		mark = "[x]"
	}
	box := st.Form.ControlFocused.Render(mark) + " " + st.Form.OptionFocused.Render(c.T("BillingReceiveAlerts"))
	lines = append(lines, box)
	for _, l := range cells.WrapWords(c.T("BillingReceiveAlertsDesc"), w-4) {
		lines = append(lines, "    "+st.Muted.Render(l))
	}
	lines = append(lines, "    "+st.Link.Render(c.T("BillingManageAlerts"))+st.Muted.Render("  (m)"))
	if note := p.stateNote(); note != "" {
		lines = append(lines, "")
		for _, l := range cells.WrapWords(note, w) {
			lines = append(lines, st.Text.Render(l))
		}
	}
	save := st.Button.Disabled
	if p.dirty() {
		save = st.Button.Primary
	}
	lines = append(lines, "", st.Button.Key.Render("[ctrl+s]")+" "+save.Render(c.T("BillingSavePreferences")))
	if p.err != nil {
		lines = append(lines, "", action.ErrorPanel(c, p.err, w))
	}
	if aws {
		info := panel.New(c, panel.Info, c.T("BillingNoAPITitle"), c.T("BillingNoAPI"))
		info.SetSize(w, 0)
		lines = append(lines, "", info.View())
	}
	if v := p.runner.View(w); v != "" {
		lines = append(lines, "", v)
	}
	return p.runner.Overlay(strings.Join(lines, "\n"))
}

// stateNote says what the saved preference means for the lab: since when alerts are
// on and when the first datapoint comes, or that a real account's preference cannot
// be read.
func (p *Preferences) stateNote() string {
	c := p.c
	switch {
	case p.prefs.ReceiveBillingAlerts && p.prefs.EnabledAt != nil:
		return c.Tf("BillingEnabledSince", map[string]any{"Time": simlab.Stamp(*p.prefs.EnabledAt)}) + " " + c.T("BillingDataEvery6h")
	case p.prefs.ReceiveBillingAlerts:
		return c.T("BillingEnabledKnown") + " " + c.T("BillingAlertsOnForever")
	case !p.prefs.Known:
		return c.T("BillingUnknown")
	}
	return c.T("BillingAlertsOnForever")
}

// ShortHelp implements help.KeyMap.
func (p *Preferences) ShortHelp() []key.Binding {
	if p.runner.Open() {
		return nil
	}
	return []key.Binding{p.keys.Toggle, p.keys.Save, p.keys.Manage, p.keys.Refresh}
}

// FullHelp implements help.KeyMap.
func (p *Preferences) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
