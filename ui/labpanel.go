package ui

import (
	"reflect"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/guard"
	"github.com/labconsole/labconsole/backend/labres"
	labui "github.com/labconsole/labconsole/ui/lab"
	"github.com/labconsole/labconsole/ui/nav"
)

// labRoot is the root's part of the guided lab: the panel beside the active screen,
// toggled with ctrl+l (a control key, so it works while a screen takes text).
// ctrl+l opens the panel with the keys; pressed again it closes it; esc in the panel
// gives the keys back to the screen while it stays open, and ctrl+l takes them again.
type labRoot struct {
	panel *labui.Panel
	open  bool
	opts  labui.Options
	err   error
	// saved is the lab this account's saved progress shows in progress ("" when
	// none, or finished), read when the identity is known and the panel is not open
	// yet; savedReq drops a stale answer.
	saved    string
	savedReq int
}

// labSavedMsg answers labIdentity.
type labSavedMsg struct {
	req int
	lab string
}

// labIdentity reads, in a tea.Cmd, whether this account's saved progress shows the
// lab in progress, so a student who restarts the console mid-lab has what they
// create tagged before they reopen the panel. Once the panel exists it decides.
func (m *Model) labIdentity(account string) tea.Cmd {
	st, lab := m.lab.opts.Store, m.lab.opts.Lab
	if m.lab.panel != nil || st == nil || account == "" {
		return nil
	}
	if lab == "" {
		lab = "lab1"
	}
	m.lab.savedReq++
	req, ctx := m.lab.savedReq, m.c.Ctx
	return func() tea.Msg {
		prog, found, err := st.Load(ctx, account, lab)
		if err != nil || !found || prog.Finished != nil {
			return labSavedMsg{req: req}
		}
		return labSavedMsg{req: req, lab: lab}
	}
}

// taggingLab is the lab whose resources are being created now (labres.Tagging), or
// "" (see labui.Panel.TaggingLab for the rule): the panel's progress decides once it
// has loaded it; before, this account's saved progress.
func (m *Model) taggingLab() string {
	if m.lab.panel != nil && m.lab.panel.ProgressLoaded() {
		return m.lab.panel.TaggingLab()
	}
	return m.lab.saved
}

// syncTagging puts the tagging decorator under the guard of the console's backend,
// and of the backends a sign-in left below it, when a lab is in progress, and takes
// it away when none is: guard.Wrap(labres.TaggingWith(b, lab, tagger), opts). What a
// create call cannot tag itself (the trail wizard's new bucket) is tagged with the
// credentials the panel checks with — the administrator's, while lab-user, signed in
// or as a profile, may create the bucket but not tag it.
func (m *Model) syncTagging() {
	lab := m.taggingLab()
	var tagger backend.Backend
	if m.lab.panel != nil && m.lab.panel.State() != nil {
		tagger = labres.Untagged(guard.Unwrap(m.lab.panel.State()))
	}
	retag := func(b backend.Backend) backend.Backend {
		if b == nil {
			return nil
		}
		inner := guard.Unwrap(b)
		if labres.LabOf(inner) == lab && (lab == "" || tagger == nil || labres.TaggerOf(inner) == tagger) {
			return b
		}
		return guard.Wrap(labres.TaggingWith(inner, lab, tagger), m.safety.opts)
	}
	m.c.Backend = retag(m.c.Backend)
	for i, b := range m.signedIn {
		m.signedIn[i] = retag(b)
	}
}

func labToggleKey(m *Model) key.Binding {
	return key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", m.c.T("KeyLab")))
}

// SetLabOptions tells the root how the lab panel saves progress and drives the
// simulator (cmd/labconsole knows the mode and the data directory).
func (m *Model) SetLabOptions(o labui.Options) { m.lab.opts = o }

// LabPanel is the lab panel once opened, for tests.
func (m *Model) LabPanel() *labui.Panel { return m.lab.panel }

// labWidth is the columns the open panel takes from the screen.
func (m *Model) labWidth() int {
	if !m.lab.open {
		return 0
	}
	return min(max(m.c.Width*2/5, 30), 48)
}

// labKey handles ctrl+l and, while the panel has the focus, hands it the keys.
func (m *Model) labKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	if key.Matches(msg, labToggleKey(m)) {
		return m.toggleLab(), true
	}
	if m.lab.open && m.lab.panel != nil && m.lab.panel.Focused() {
		_, cmd := m.lab.panel.Update(msg)
		m.syncTagging()
		return cmd, true
	}
	return nil, false
}

func (m *Model) toggleLab() tea.Cmd {
	var cmd tea.Cmd
	switch {
	case m.lab.open && m.lab.panel.Focused():
		m.lab.open = false
	case m.lab.open:
		m.lab.panel.Focus(true)
	default:
		if m.lab.panel == nil {
			// Checks read as the administrator: a signed-in lab-user may not read IAM.
			state := m.c.Backend
			if len(m.signedIn) > 0 {
				state = m.signedIn[0]
			}
			p, err := labui.New(m.c, state, m.lab.opts)
			if err != nil {
				m.lab.err = err
				return nil
			}
			m.lab.panel = p
			cmd = p.Init()
		}
		m.lab.open = true
		m.lab.panel.Focus(true)
	}
	m.resizeAll()
	return cmd
}

func (m *Model) resizeAll() {
	for _, s := range m.stack {
		s.SetSize(m.contentSize())
	}
	if m.lab.panel != nil {
		_, h := m.contentSize()
		m.lab.panel.SetSize(m.labWidth(), h)
	}
}

// labUpdate hands a non-key message to the panel (its own ticks and answers, identity
// and language changes).
func (m *Model) labUpdate(msg tea.Msg) tea.Cmd {
	if s, ok := msg.(labSavedMsg); ok {
		if s.req == m.lab.savedReq {
			m.lab.saved = s.lab
		}
		m.syncTagging()
		return nil
	}
	if m.lab.panel == nil {
		return nil
	}
	if _, ok := msg.(tea.KeyMsg); ok {
		return nil
	}
	_, cmd := m.lab.panel.Update(msg)
	m.syncTagging()
	return cmd
}

// withLab lays the open panel out to the right of the screen's content.
func (m *Model) withLab(content string) string {
	if !m.lab.open || m.lab.panel == nil {
		return content
	}
	w, _ := m.contentSize()
	left := lipgloss.NewStyle().Width(w + 1).MaxWidth(w + 1).Render(content)
	return lipgloss.JoinHorizontal(lipgloss.Top, left, m.lab.panel.View())
}

// labHelp are the panel's keys while it has the focus, else the toggle.
func (m *Model) labHelp() []key.Binding {
	if m.lab.open && m.lab.panel != nil && m.lab.panel.Focused() {
		return append(m.lab.panel.ShortHelp(), labToggleKey(m))
	}
	return []key.Binding{labToggleKey(m)}
}

// labGoToMsg is the panel's "go to the screen of this step", named here so the
// root's Update can route it without importing the panel's package.
type labGoToMsg = labui.GoToMsg

// labMsg handles what the root routes to its lab part: a change to the account
// (common.MutationMsg: the panel re-checks at once, debounced) and the panel's
// request to open a step's screen.
func (m *Model) labMsg(msg tea.Msg) tea.Cmd {
	if g, ok := msg.(labGoToMsg); ok {
		return m.labGo(g)
	}
	return m.labUpdate(msg)
}

// labGo opens a step's screen for the panel's g. Already on it, nothing happens (what
// was entered there stays); when a page on the stack holds input that cutting the
// stack would lose, the panel asks first (Panel.AskLeave), as a wizard's esc does.
func (m *Model) labGo(g labGoToMsg) tea.Cmd {
	screens, ok := m.screensFor(g.Screen)
	if !ok || len(screens) == 0 {
		return nil
	}
	if top, want := m.top(), screens[len(screens)-1]; reflect.TypeOf(top) == reflect.TypeOf(want) && slices.Equal(top.Crumbs(), want.Crumbs()) {
		return nil
	}
	if !g.Confirmed && m.lab.panel != nil {
		for _, s := range m.stack[1:] {
			if e, ok := s.(nav.Editor); ok && e.Edited() {
				m.lab.panel.AskLeave(g.Screen, strings.Join(s.Crumbs(), " > "))
				return nil
			}
		}
	}
	return m.openPath(screens)
}
