package iam

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/nav"
)

// homeEntry is one link of the IAM console's left menu under "Access management".
type homeEntry struct {
	title, desc string // message IDs
	open        func(c *common.Common) nav.Screen
}

// homeEntries are fixed: the console's own menu, in its order.
func homeEntries() []homeEntry {
	return []homeEntry{
		{"IAMGroupsTitle", "IAMGroupsDesc", func(c *common.Common) nav.Screen { return NewGroups(c) }},
		{"IAMUsersTitle", "IAMUsersDesc", func(c *common.Common) nav.Screen { return NewUsers(c) }},
		{"IAMPoliciesTitle", "IAMPoliciesDesc", func(c *common.Common) nav.Screen { return NewPolicies(c) }},
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

// Home is the IAM dashboard: the "Access management" menu (User groups, Users,
// Policies) and the account's sign-in URL for IAM users, which the lab's students
// need at step B13.
type Home struct {
	c       *common.Common
	keys    homeKeys
	entries []homeEntry
	cursor  int
	req     int
	account string
	err     error
	width   int
}

var _ nav.Screen = (*Home)(nil)

// NewHome returns the IAM home; Init asks who the console acts as, for the URL.
func NewHome(c *common.Common) *Home {
	return &Home{c: c, keys: newHomeKeys(c), entries: homeEntries()}
}

// homeIdentityMsg answers Home's identity load number req.
type homeIdentityMsg struct {
	req int
	id  model.Identity
	err error
}

func (h *Home) load() tea.Cmd {
	h.req++
	req, b, ctx := h.req, h.c.Backend, h.c.Ctx
	return func() tea.Msg {
		id, err := b.CallerIdentity(ctx)
		return homeIdentityMsg{req: req, id: id, err: err}
	}
}

// Init implements tea.Model.
func (h *Home) Init() tea.Cmd { return h.load() }

// Crumbs implements nav.Screen.
func (h *Home) Crumbs() []string { return []string{h.c.T("MenuIAM")} }

// Capturing implements nav.Screen.
func (h *Home) Capturing() bool { return false }

// SetSize implements common.Component.
func (h *Home) SetSize(w, _ int) { h.width = w }

// Cursor is the highlighted entry, for tests.
func (h *Home) Cursor() int { return h.cursor }

// Update implements tea.Model.
func (h *Home) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case homeIdentityMsg:
		if msg.req == h.req {
			h.account, h.err = msg.id.Account, msg.err
		}
	case common.LanguageChangedMsg:
		h.keys = newHomeKeys(h.c)
	case common.IdentityChangedMsg:
		return h, h.load()
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
	b.WriteString(st.Title.Render(h.c.T("IAMHomeTitle")) + "\n\n")
	b.WriteString(st.Subtitle.Render(h.c.T("IAMAccessManagement")) + "\n")
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
	b.WriteString("\n")
	switch {
	case h.err != nil:
		b.WriteString(action.ErrorPanelWith(h.c, h.err, h.width, errorText))
	case h.account != "":
		b.WriteString(st.Subtitle.Render(h.c.T("IAMSignInURLTitle")) + "\n")
		b.WriteString(st.Link.Render(signInURL(h.account)) + "\n")
		b.WriteString(st.Muted.Width(max(h.width, 20)).Render(h.c.T("IAMSignInURLHint")))
	}
	return b.String()
}

// ShortHelp implements help.KeyMap.
func (h *Home) ShortHelp() []key.Binding { return []key.Binding{h.keys.Up, h.keys.Down, h.keys.Open} }

// FullHelp implements help.KeyMap.
func (h *Home) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }
