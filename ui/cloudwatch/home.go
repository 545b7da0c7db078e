package cloudwatch

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/logs"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/sns"
)

// homeEntry is one link of the CloudWatch home.
type homeEntry struct {
	title, desc string // message IDs
	open        func(c *common.Common) nav.Screen
}

// homeEntries are the console's "Getting started with CloudWatch" link (Create
// alarm, lab step 3), the Alarms list, and the SNS pages an alarm's notification
// goes through, ending at the simulator's mailbox.
func homeEntries() []homeEntry {
	return []homeEntry{
		{"CWAlarms", "CWHomeAlarmsDesc", func(c *common.Common) nav.Screen {
			a := NewAlarms(c)
			a.underHome = true
			return a
		}},
		{"CWCreateAlarm", "CWHomeCreateDesc", func(c *common.Common) nav.Screen { return NewCreateAlarm(c, false) }},
		{"SNSTopics", "CWHomeTopicsDesc", func(c *common.Common) nav.Screen { return sns.NewTopics(c) }},
		{"SNSSubscriptions", "CWHomeSubscriptionsDesc", func(c *common.Common) nav.Screen { return sns.NewSubscriptions(c, "") }},
		{"MailboxTitle", "CWHomeMailboxDesc", func(c *common.Common) nav.Screen { return sns.NewMailbox(c, "") }},
		{"LogsLogGroups", "LGHomeDesc", func(c *common.Common) nav.Screen { return logs.NewGroups(c) }},
	}
}

type homeKeys struct {
	Up, Down, Open key.Binding
}

func newHomeKeys(c *common.Common) homeKeys {
	return homeKeys{
		Up:   bind(c, "↑/k", "KeyUp", "up", "k"),
		Down: bind(c, "↓/j", "KeyDown", "down", "j"),
		Open: bind(c, "enter", "KeyOpen", "enter", "right", "l"),
	}
}

// Home is the CloudWatch home: where the console's "Manage billing alerts" link and
// the service menu lead.
type Home struct {
	c       *common.Common
	keys    homeKeys
	entries []homeEntry
	cursor  int
	width   int
}

var _ nav.Screen = (*Home)(nil)

// NewHome returns the CloudWatch home.
func NewHome(c *common.Common) *Home {
	return &Home{c: c, keys: newHomeKeys(c), entries: homeEntries()}
}

// Init implements tea.Model.
func (h *Home) Init() tea.Cmd { return nil }

// Crumbs implements nav.Screen.
func (h *Home) Crumbs() []string { return []string{h.c.T("MenuCloudWatch")} }

// Capturing implements nav.Screen.
func (h *Home) Capturing() bool { return false }

// SetSize implements common.Component.
func (h *Home) SetSize(w, _ int) { h.width = w }

// Update implements tea.Model.
func (h *Home) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		h.keys = newHomeKeys(h.c)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, h.keys.Up):
			h.cursor = (h.cursor - 1 + len(h.entries)) % len(h.entries)
		case key.Matches(msg, h.keys.Down):
			h.cursor = (h.cursor + 1) % len(h.entries)
		case key.Matches(msg, h.keys.Open):
			return h, nav.Push(h.entries[h.cursor].open(h.c))
		}
	}
	return h, nil
}

// View implements tea.Model.
func (h *Home) View() string {
	st := h.c.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render(h.c.T("MenuCloudWatch")) + "\n\n")
	b.WriteString(st.Subtitle.Render(h.c.T("CWGettingStarted")) + "\n")
	titleW := 0
	for _, e := range h.entries {
		titleW = max(titleW, lipgloss.Width(h.c.T(e.title)))
	}
	for i, e := range h.entries {
		title := h.c.T(e.title)
		pad := strings.Repeat(" ", titleW-lipgloss.Width(title)+3)
		if i == h.cursor {
			b.WriteString(st.Menu.Cursor.Render("▸ ") + st.Menu.ItemSelected.Render(title) + pad + st.Menu.DescSelected.Render(h.c.T(e.desc)))
		} else {
			b.WriteString(st.Menu.Item.Render(title) + pad + st.Menu.Desc.Render(h.c.T(e.desc)))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n" + st.Muted.Width(max(h.width, 20)).Render(h.c.T("BillingRegionNote")))
	return b.String()
}

// ShortHelp implements help.KeyMap.
func (h *Home) ShortHelp() []key.Binding { return []key.Binding{h.keys.Up, h.keys.Down, h.keys.Open} }

// FullHelp implements help.KeyMap.
func (h *Home) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }
