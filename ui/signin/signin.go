// Package signin is the console's sign-in page for IAM users (lab steps B13 and C10:
// "sign out and sign in as lab-user", then back as the administrator). It asks for
// the account ID, the IAM user name and the password, and reports the new identity
// upward as SignedInMsg carrying a Backend that acts as that user; the root keeps
// the previous Backend to return to on SignedOutMsg. It never swaps anything itself.
package signin

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/form"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/components/spinner"
	"github.com/labconsole/labconsole/ui/nav"
)

// SignedInMsg reports a successful sign-in: Backend acts as UserName from now on.
type SignedInMsg struct {
	Backend  backend.Backend
	UserName string
}

// SignedOutMsg reports that the session signed in here was ended: the root returns
// to the identity it had before.
type SignedOutMsg struct{}

// Field IDs.
const (
	fAccount  = "account"
	fUser     = "user"
	fPassword = "password"
)

type keyMap struct {
	Submit  key.Binding
	SignOut key.Binding
	Cancel  key.Binding
	// Switch is the root's profile switcher key (ctrl+r), shown here on a real
	// account, where it replaces password sign-in; the root handles it.
	Switch key.Binding
}

func newKeys(c *common.Common, canSignOut, aws bool) keyMap {
	k := keyMap{
		Submit:  key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", c.T("IAMSignIn"))),
		SignOut: key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", c.T("IAMSignOut"))),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.T("KeyCancel"))),
		Switch:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", c.T("SignInAWSKey"))),
	}
	k.SignOut.SetEnabled(canSignOut)
	k.Switch.SetEnabled(aws)
	k.Submit.SetEnabled(!aws)
	return k
}

// Model is the sign-in page. It is a screen on the navigation stack, so the header
// keeps showing who the console acts as while it is open.
type Model struct {
	c          *common.Common
	keys       keyMap
	form       *form.Form
	account    string // the account the console is in; sign-in is for its users only
	current    string // who the console acts as now
	canSignOut bool
	// aws is a real account: password sign-in has no API there, so the page
	// explains that and offers the profile switcher instead of the form.
	aws    bool
	req    int
	busy   bool
	spin   spinner.Model
	err    string
	width  int
	height int
}

var _ nav.Screen = (*Model)(nil)

// doneMsg answers a sign-in or sign-out of request req.
type doneMsg struct {
	owner   *Model
	req     int
	b       backend.Backend
	user    string
	signOut bool
	err     error
}

// New returns the page. account prefills the account ID; current is the signed-in
// identity's name; canSignOut offers "Sign out" when current was signed in here.
func New(c *common.Common, account, current string, canSignOut bool) *Model {
	m := &Model{c: c, account: account, current: current, canSignOut: canSignOut, spin: spinner.New(c)}
	m.aws = c.Backend != nil && c.Backend.Info().Mode == backend.ModeAWS
	m.form = form.New(c,
		form.Text(fAccount, form.TextOptions{Value: account, MaxLength: 12}),
		form.Text(fUser, form.TextOptions{MaxLength: 64}),
		form.Password(fPassword, form.TextOptions{MaxLength: 128}),
	)
	m.relabel()
	return m
}

func (m *Model) relabel() {
	c := m.c
	m.keys = newKeys(c, m.canSignOut, m.aws)
	m.form.Field(fAccount).(*form.TextField).SetLabels(c.T("SignInAccount"), "", "", "123456789012")
	m.form.Field(fUser).(*form.TextField).SetLabels(c.T("SignInUserName"), "", "", "")
	m.form.Field(fPassword).(*form.TextField).SetLabels(c.T("SignInPassword"), "", "", "")
	m.spin.SetLabel(c.T("SignInBusy"))
}

// Init focuses the user name: the account ID is already filled in.
func (m *Model) Init() tea.Cmd {
	if m.aws {
		return nil
	}
	return m.form.FocusField(fUser)
}

// Crumbs implements nav.Screen.
func (m *Model) Crumbs() []string { return []string{m.c.T("IAMSignIn")} }

// Capturing implements nav.Screen: the form takes every key; esc cancels.
func (m *Model) Capturing() bool { return true }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

// boxInner is the width inside the dialog's frame.
func (m *Model) boxInner() int { return max(min(m.width, 64)-4, 20) }

// layout gives the form its lines: two per field, a blank line between fields, and
// one more under each field in error.
func (m *Model) layout() {
	h := 8
	for _, id := range []string{fAccount, fUser, fPassword} {
		if m.form.Field(id).Error() != "" {
			h++
		}
	}
	m.form.SetSize(m.boxInner(), h)
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case doneMsg:
		if msg.owner != m || msg.req != m.req {
			return m, nil
		}
		m.busy = false
		m.spin.Stop()
		switch {
		case msg.err != nil:
			m.err = m.errorText(msg.err)
			return m, nil
		case msg.signOut:
			return m, func() tea.Msg { return SignedOutMsg{} }
		}
		b, user := msg.b, msg.user
		return m, func() tea.Msg { return SignedInMsg{Backend: b, UserName: user} }
	case common.LanguageChangedMsg:
		m.relabel()
		m.form.Update(msg)
		return m, nil
	case tea.KeyMsg:
		if m.busy {
			return m, nil
		}
		switch {
		case key.Matches(msg, m.keys.Cancel):
			return m, nav.Pop()
		case key.Matches(msg, m.keys.SignOut):
			return m, m.signOut()
		case m.aws:
			return m, nil // no form to type in
		case key.Matches(msg, m.keys.Submit), msg.Type == tea.KeyEnter && m.form.Focused() == fPassword:
			return m, m.signIn()
		}
	}
	var cmds []tea.Cmd
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg)
	cmds = append(cmds, cmd)
	_, cmd = m.form.Update(msg)
	return m, tea.Batch(append(cmds, cmd)...)
}

// signIn checks the form and asks the backend, in a command.
func (m *Model) signIn() tea.Cmd {
	v := m.form.Values()
	account, user, pw := strings.TrimSpace(v.String(fAccount)), strings.TrimSpace(v.String(fUser)), v.String(fPassword)
	errs := map[string]string{}
	for id, val := range map[string]string{fAccount: account, fUser: user, fPassword: pw} {
		if val == "" {
			errs[id] = m.c.T("ValidateRequired")
		}
	}
	cmd := m.form.SetErrors(errs)
	m.layout()
	if len(errs) > 0 {
		return cmd
	}
	m.err = ""
	if m.account != "" && account != m.account {
		// Another account's sign-in page: this console cannot check that password.
		m.err = m.c.T("IAMSignInFailed")
		return nil
	}
	m.req++
	m.busy = true
	req, b, ctx := m.req, m.c.Backend, m.c.Ctx
	return tea.Batch(m.spin.Start(), func() tea.Msg {
		nb, err := b.SignIn(ctx, user, pw)
		return doneMsg{owner: m, req: req, b: nb, user: user, err: err}
	})
}

// signOut ends the session signed in here; the root then swaps the old Backend back.
func (m *Model) signOut() tea.Cmd {
	m.req++
	m.busy = true
	req, b, ctx := m.req, m.c.Backend, m.c.Ctx
	return tea.Batch(m.spin.Start(), func() tea.Msg {
		err := b.SignOut(ctx)
		// A session the simulator already dropped is signed out all the same.
		if backend.KindOf(err) == backend.KindAuth || backend.KindOf(err) == backend.KindAccessDenied {
			err = nil
		}
		return doneMsg{owner: m, req: req, signOut: true, err: err}
	})
}

// errorText is AWS's sign-in answer in the session's language, or, on a real
// account, how to act as another identity there.
func (m *Model) errorText(err error) string {
	if errors.Is(err, backend.ErrNoConsoleSignIn) {
		return m.c.T("IAMSignInNoAPI")
	}
	var be *backend.Error
	if errors.As(err, &be) && be.Kind == backend.KindAuth {
		return m.c.T("IAMSignInFailed")
	}
	return common.ErrorText(m.c, err)
}

// Error is the message shown, for tests.
func (m *Model) Error() string { return m.err }

// View implements tea.Model: a dialog box with the form, then what signing in does.
func (m *Model) View() string {
	if m.aws {
		return m.awsView()
	}
	st := m.c.Styles
	w := m.boxInner()
	lines := []string{st.Dialog.Title.Render(m.c.T("SignInTitle"))}
	for _, l := range wrapText(m.c.Tf("SignInCurrent", map[string]any{"Name": m.current}), w) {
		lines = append(lines, st.Muted.Render(l))
	}
	lines = append(lines, "", m.form.View())
	switch {
	case m.busy:
		lines = append(lines, m.spin.View())
	case m.err != "":
		p := panel.New(m.c, panel.Error, m.c.T("SignInFailedTitle"), m.err)
		p.SetSize(w, 0)
		lines = append(lines, p.View())
	}
	bs := st.Button
	buttons := bs.Key.Render("[esc]") + " " + bs.Normal.Render(m.c.T("WizardCancel")) + "  " +
		bs.Key.Render("[ctrl+s]") + " " + bs.Primary.Render(m.c.T("IAMSignIn"))
	lines = append(lines, "", buttons)
	if m.canSignOut {
		lines = append(lines, bs.Key.Render("[ctrl+x]")+" "+bs.Danger.Render(m.c.Tf("SignOutAs", map[string]any{"Name": m.current})))
	}
	box := st.Dialog.Box.Render(strings.Join(lines, "\n"))
	return box + "\n\n" + st.Faint.Width(max(m.width, 20)).Render(m.c.T("SignInHint"))
}

// awsView is the page on a real account: why there is no password sign-in, and
// the profile switcher in its place.
func (m *Model) awsView() string {
	st := m.c.Styles
	w := m.boxInner()
	lines := []string{st.Dialog.Title.Render(m.c.T("SignInAWSTitle"))}
	for _, l := range wrapText(m.c.Tf("SignInCurrent", map[string]any{"Name": m.current}), w) {
		lines = append(lines, st.Muted.Render(l))
	}
	lines = append(lines, "")
	for _, l := range wrapText(m.c.T("SignInAWSBody"), w) {
		lines = append(lines, st.Dialog.Body.Render(l))
	}
	bs := st.Button
	lines = append(lines, "", bs.Key.Render("[esc]")+" "+bs.Normal.Render(m.c.T("WizardCancel"))+"  "+
		bs.Key.Render("[ctrl+r]")+" "+bs.Primary.Render(m.c.T("SignInAWSKey")))
	return st.Dialog.Box.Render(strings.Join(lines, "\n"))
}

// wrapText breaks s at spaces into lines of at most w cells.
func wrapText(s string, w int) []string {
	return strings.Split(ansi.Wrap(s, w, ""), "\n")
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.aws {
		return []key.Binding{m.keys.Switch, m.keys.Cancel}
	}
	return append(m.form.ShortHelp(), m.keys.Submit, m.keys.SignOut, m.keys.Cancel)
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
