package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	labui "github.com/labconsole/labconsole/ui/lab"
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
	if m.lab.panel == nil {
		return nil
	}
	if _, ok := msg.(tea.KeyMsg); ok {
		return nil
	}
	_, cmd := m.lab.panel.Update(msg)
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
		return m.goTo(g.Screen)
	}
	return m.labUpdate(msg)
}
