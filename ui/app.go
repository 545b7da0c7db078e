// Package ui is the console's root model: a navigation stack of screens under a header
// with account, identity, region and mode, breadcrumbs, and a help bar that joins the
// global keys with the active screen's.
package ui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/menu"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/signin"
	"github.com/labconsole/labconsole/ui/switcher"
)

// Model is the root of one console session.
type Model struct {
	c           *common.Common
	stack       []nav.Screen
	keys        globalKeys
	help        help.Model
	identity    *model.Identity
	identityErr error
	identityReq int
	// signedIn are the Backends the console acted as before each sign-in, most recent
	// last: signing out returns to the one below (lab step C10, back as admin).
	signedIn []backend.Backend
	lab      labRoot    // the guided lab panel (labpanel.go)
	safety   safetyRoot // --read-only guard, mutation notices, switcher (safety.go)
	overlay  overlayRoot
}

// New returns the root model for the session described by c. The root owns c from
// here on: it sets the size and swaps the localizer and backend when they change.
func New(c *common.Common) *Model {
	if c.Ctx == nil {
		c.Ctx = context.Background()
	}
	m := &Model{c: c}
	m.guardBackend()
	m.applyLanguage()
	m.stack = []nav.Screen{menu.New(c)}
	return m
}

func (m *Model) applyLanguage() {
	m.keys = newGlobalKeys(m.c)
	h := help.New()
	st := m.c.Styles.Help
	h.Styles = help.Styles{
		ShortKey: st.Key, ShortDesc: st.Desc, ShortSeparator: st.Sep,
		FullKey: st.Key, FullDesc: st.Desc, FullSeparator: st.Sep, Ellipsis: st.Sep,
	}
	h.ShowAll = m.help.ShowAll
	m.help = h
}

// identityMsg answers loadIdentity; req tags it so a stale answer (from before an
// identity change) is dropped.
type identityMsg struct {
	req int
	id  model.Identity
	err error
}

func (m *Model) loadIdentity() tea.Cmd {
	m.identityReq++
	req, b, ctx := m.identityReq, m.c.Backend, m.c.Ctx
	return func() tea.Msg {
		id, err := b.CallerIdentity(ctx)
		return identityMsg{req: req, id: id, err: err}
	}
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.loadIdentity(), m.top().Init(), m.listenMutations())
}

func (m *Model) top() nav.Screen { return m.stack[len(m.stack)-1] }

// Top is the active screen, for tests.
func (m *Model) Top() nav.Screen { return m.top() }

// Depth is the number of screens on the stack, for tests.
func (m *Model) Depth() int { return len(m.stack) }

// Crumbs are the breadcrumb segments of the whole stack in the session's language, so
// `labconsole serve` can show an instructor which screen each student is on. Call it
// from the program's goroutine (Update), like every other method of the root.
func (m *Model) Crumbs() []string {
	var crumbs []string
	for _, s := range m.stack {
		crumbs = append(crumbs, s.Crumbs()...)
	}
	return crumbs
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.resizeAll()
		return m, nil
	case identityMsg:
		if msg.req == m.identityReq {
			if msg.err != nil {
				m.identity, m.identityErr = nil, msg.err
			} else {
				m.identity, m.identityErr = &msg.id, nil
				return m, m.labIdentity(msg.id.Account) // labpanel.go
			}
		}
		return m, nil
	case common.IdentityChangedMsg:
		m.identity, m.identityErr = nil, nil
		return m, tea.Batch(m.loadIdentity(), m.broadcast(msg))
	case signin.SignedInMsg:
		m.signedIn = append(m.signedIn, m.c.Backend)
		m.c.Backend = msg.Backend
		return m, m.identityChanged()
	case signin.SignedOutMsg:
		if n := len(m.signedIn); n > 0 {
			m.c.Backend, m.signedIn = m.signedIn[n-1], m.signedIn[:n-1]
		}
		return m, m.identityChanged()
	case mutationArrivedMsg:
		return m, m.mutationArrived(msg)
	case switcher.SwitchedMsg:
		return m, m.switched(msg)
	case nav.PushMsg:
		return m, m.push(msg.Screen)
	case nav.OpenMsg:
		return m, m.push(m.open(msg.Service))
	case common.MutationMsg, labGoToMsg:
		return m, m.labMsg(msg)
	case nav.PopMsg:
		m.popMsg() // overlay.go
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	}
	return m, m.broadcast(msg)
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.keys.ForceQuit) {
		return tea.Quit
	}
	if cmd, ok := m.labKey(msg); ok {
		return cmd
	}
	if key.Matches(msg, m.keys.SignIn) {
		return m.openSignIn()
	}
	if key.Matches(msg, m.keys.Switch) && m.canSwitch() {
		return m.openSwitcher()
	}
	if !m.top().Capturing() {
		switch {
		case key.Matches(msg, m.keys.Quit):
			return tea.Quit
		case key.Matches(msg, m.keys.Language):
			return m.setLanguage(locales.Next(m.c.L.Lang()))
		case key.Matches(msg, m.keys.Help):
			m.help.ShowAll = !m.help.ShowAll
			for _, s := range m.stack {
				s.SetSize(m.contentSize())
			}
			return nil
		case key.Matches(msg, m.keys.Back) && len(m.stack) > 1:
			m.pop()
			return nil
		}
	}
	m.overlayKey()
	_, cmd := m.top().Update(msg)
	return cmd
}

// openSignIn shows the sign-in page over the current screen, unless it is open.
func (m *Model) openSignIn() tea.Cmd {
	if _, open := m.top().(*signin.Model); open {
		return nil
	}
	account, current := "", ""
	if m.identity != nil {
		account, current = m.identity.Account, m.identity.Name()
	}
	return m.push(signin.New(m.c, account, current, len(m.signedIn) > 0))
}

// identityChanged closes the sign-in page and tells the header and every screen
// that the console acts as someone else now, so they reload.
func (m *Model) identityChanged() tea.Cmd {
	if _, open := m.top().(*signin.Model); open {
		m.pop()
	}
	return func() tea.Msg { return common.IdentityChangedMsg{} }
}

// setLanguage switches the session's language live and tells every screen.
func (m *Model) setLanguage(lang locales.Lang) tea.Cmd {
	m.c.L = locales.New(lang)
	m.applyLanguage()
	return m.broadcast(common.LanguageChangedMsg{Lang: lang})
}

// broadcast hands a message to every screen on the stack: async results are tagged,
// so a screen below the top still receives its own answer and others ignore it.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.stack)+1)
	cmds = append(cmds, m.labUpdate(msg))
	for _, s := range m.stack {
		_, cmd := s.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (m *Model) push(s nav.Screen) tea.Cmd {
	s.SetSize(m.contentSize())
	m.stack = append(m.stack, s)
	return s.Init()
}

func (m *Model) pop() {
	if len(m.stack) > 1 {
		m.stack = m.stack[:len(m.stack)-1]
	}
}

// chrome is the lines taken by header, breadcrumbs, spacing and the help bar.
func (m *Model) chromeHeight() int {
	helpLines := 1
	if m.help.ShowAll {
		helpLines = lipgloss.Height(m.help.View(m))
	}
	return 1 + 1 + 1 + 1 + helpLines // header, crumbs, blank, blank above help, help
}

func (m *Model) contentSize() (int, int) {
	return max(m.c.Width-2-m.labWidth(), 1), max(m.c.Height-m.chromeHeight(), 1)
}

// View implements tea.Model.
func (m *Model) View() string {
	if m.c.Width == 0 || m.c.Height == 0 {
		return ""
	}
	_, h := m.contentSize()
	content := m.withLab(lipgloss.NewStyle().PaddingLeft(1).Render(m.top().View()))
	lines := strings.Split(content, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	var b strings.Builder
	b.WriteString(m.header())
	b.WriteString("\n")
	b.WriteString(m.breadcrumbs())
	b.WriteString("\n\n")
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteString("\n\n")
	// bubbles' help adds an item that overflows when not even its ellipsis fits, so the
	// line is cut to the terminal here.
	b.WriteString(lipgloss.NewStyle().MaxWidth(m.c.Width).Render(" " + m.help.View(m)))
	return b.String()
}

// ShortHelp implements help.KeyMap: the screen's keys, then the global ones.
func (m *Model) ShortHelp() []key.Binding {
	keys := append([]key.Binding{}, m.top().ShortHelp()...)
	if len(m.stack) > 1 {
		keys = append(keys, m.keys.Back)
	}
	keys = append(keys, m.keys.Language, m.keys.Help, m.keys.Quit, m.keys.SignIn)
	if m.canSwitch() {
		keys = append(keys, m.keys.Switch)
	}
	return append(keys, m.labHelp()...)
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	groups := append([][]key.Binding{}, m.top().FullHelp()...)
	global := []key.Binding{m.keys.Back, m.keys.Language, m.keys.Help, m.keys.Quit, m.keys.SignIn}
	if m.canSwitch() {
		global = append(global, m.keys.Switch)
	}
	return append(groups, global)
}
