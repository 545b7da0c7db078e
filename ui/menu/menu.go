// Package menu is the console home: the list of services, as the AWS console's
// service menu, each opening its first screen.
package menu

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/nav"
)

type item struct {
	service nav.Service
	title   string // message IDs
	desc    string
}

var items = []item{
	{nav.Billing, "MenuBilling", "MenuBillingDesc"},
	{nav.CloudWatch, "MenuCloudWatch", "MenuCloudWatchDesc"},
	{nav.IAM, "MenuIAM", "MenuIAMDesc"},
	{nav.CloudTrail, "MenuCloudTrail", "MenuCloudTrailDesc"},
	{nav.S3, "MenuS3", "MenuS3Desc"},
	{nav.Lab, "MenuLab", "MenuLabDesc"},
}

// Model is the service menu.
type Model struct {
	c             *common.Common
	keys          keyMap
	cursor        int
	width, height int
}

var _ nav.Screen = (*Model)(nil)

// New returns the menu.
func New(c *common.Common) *Model { return &Model{c: c, keys: newKeyMap(c)} }

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// Crumbs implements nav.Screen.
func (m *Model) Crumbs() []string { return []string{m.c.T("BreadcrumbHome")} }

// Capturing implements nav.Screen: the menu takes no text.
func (m *Model) Capturing() bool { return false }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Cursor is the highlighted entry, for tests.
func (m *Model) Cursor() int { return m.cursor }

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		m.keys = newKeyMap(m.c)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Up):
			m.cursor = (m.cursor - 1 + len(items)) % len(items)
		case key.Matches(msg, m.keys.Down):
			m.cursor = (m.cursor + 1) % len(items)
		case key.Matches(msg, m.keys.Open):
			return m, nav.Open(items[m.cursor].service)
		}
	}
	return m, nil
}

// View implements tea.Model.
func (m *Model) View() string {
	st := m.c.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render(m.c.T("MenuTitle")))
	b.WriteString("\n\n")
	titleW := 0
	for _, it := range items {
		titleW = max(titleW, lipgloss.Width(m.c.T(it.title)))
	}
	for i, it := range items {
		title := m.c.T(it.title)
		pad := strings.Repeat(" ", titleW-lipgloss.Width(title)+3)
		if i == m.cursor {
			b.WriteString(st.Menu.Cursor.Render("▸ ") + st.Menu.ItemSelected.Render(title) + pad + st.Menu.DescSelected.Render(m.c.T(it.desc)))
		} else {
			b.WriteString(st.Menu.Item.Render(title) + pad + st.Menu.Desc.Render(m.c.T(it.desc)))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding { return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Open} }

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
