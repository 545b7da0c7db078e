// Package placeholder is the screen for a service that is not built yet: it says so
// plainly instead of pretending.
package placeholder

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/nav"
)

// Model tells the user a service is not available yet.
type Model struct {
	c       *common.Common
	titleID string
	width   int
}

var _ nav.Screen = (*Model)(nil)

// New returns the placeholder for the service whose menu title is titleID.
func New(c *common.Common, titleID string) *Model { return &Model{c: c, titleID: titleID} }

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// Crumbs implements nav.Screen.
func (m *Model) Crumbs() []string { return []string{m.c.T(m.titleID)} }

// Capturing implements nav.Screen.
func (m *Model) Capturing() bool { return false }

// SetSize implements common.Component.
func (m *Model) SetSize(w, _ int) { m.width = w }

// Update implements tea.Model.
func (m *Model) Update(tea.Msg) (tea.Model, tea.Cmd) { return m, nil }

// View implements tea.Model.
func (m *Model) View() string {
	st := m.c.Styles
	title := m.c.Tf("NotBuiltTitle", map[string]any{"Service": m.c.T(m.titleID)})
	return st.Title.Render(title) + "\n\n" + st.Muted.Width(max(m.width-2, 10)).Render(m.c.T("NotBuiltBody"))
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return nil }
