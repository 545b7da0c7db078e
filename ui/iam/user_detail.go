package iam

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// Tabs of a user's page, in the console's order.
const (
	tabPermissions = iota
	tabGroups
	tabTags
	tabSecurity
	tabCount
)

// UserDetail is a user's page (lab steps B13 and C10): the summary (ARN, path,
// created, console access, last console sign-in) and the tabs Permissions, Groups,
// Tags and Security credentials, each with the changes the console offers there.
type UserDetail struct {
	c       *common.Common
	keys    detailKeys
	name    string
	tab     int
	tables  [tabCount]table.Model
	actions action.Runner
	secret  *dialog.Model // the new access key's secret, shown once
	req     int
	loaded  bool
	detail  userDetail
	err     error
	width   int
	height  int
}

var _ nav.Screen = (*UserDetail)(nil)

// userChangedMsg tells a user's page that a page above it changed the user; the
// page reloads and shows what was done.
type userChangedMsg struct {
	user     string
	done     string
	commands []*awscli.Command
}

// secretTag marks the dialog that shows a new secret access key.
type secretTag struct{ u *UserDetail }

// NewUserDetail returns the page of user name on its Permissions tab.
func NewUserDetail(c *common.Common, name string) *UserDetail {
	u := &UserDetail{c: c, name: name, actions: newRunner(c)}
	for i := range u.tables {
		u.tables[i] = table.New(c, u.columns(i))
	}
	u.relabel()
	return u
}

// Tab selects a tab, for tests and for links into the page.
func (u *UserDetail) Tab(t int) {
	if t >= 0 && t < tabCount {
		u.tab = t
		u.syncKeys()
	}
}

func (u *UserDetail) relabel() {
	u.keys = newDetailKeys(u.c)
	u.tables[tabPermissions].SetEmptyText(u.c.T("IAMNoPolicies"))
	u.tables[tabGroups].SetEmptyText(u.c.T("IAMUserNoGroups"))
	u.tables[tabTags].SetEmptyText(u.c.T("FormTagsEmpty"))
	u.tables[tabSecurity].SetEmptyText(u.c.T("IAMNoAccessKeys"))
	u.syncKeys()
}

// syncKeys enables the keys that act on the tab shown, so the help bar lists them.
func (u *UserDetail) syncKeys() {
	k := &u.keys
	k.Add.SetEnabled(u.tab == tabPermissions || u.tab == tabGroups)
	if u.tab == tabGroups {
		k.Add.SetHelp("a", u.c.T("IAMKeyAddToGroups"))
	} else {
		k.Add.SetHelp("a", u.c.T("IAMKeyAddPermissions"))
	}
	k.Remove.SetEnabled(u.tab != tabTags)
	k.Edit.SetEnabled(u.tab == tabTags)
	k.Password.SetEnabled(u.tab == tabSecurity)
	k.CreateKey.SetEnabled(u.tab == tabSecurity)
	k.KeyStatus.SetEnabled(u.tab == tabSecurity)
	k.Delete.SetEnabled(false)
}

func (u *UserDetail) load() tea.Cmd {
	u.req++
	req, b, ctx, name := u.req, u.c.Backend, u.c.Ctx, u.name
	return func() tea.Msg {
		d, err := loadUserDetail(ctx, b, name)
		return userDetailMsg{owner: u, req: req, detail: d, err: err}
	}
}

// Init implements tea.Model.
func (u *UserDetail) Init() tea.Cmd { return u.load() }

// Crumbs implements nav.Screen.
func (u *UserDetail) Crumbs() []string { return []string{u.name} }

// Capturing implements nav.Screen.
func (u *UserDetail) Capturing() bool {
	return u.tables[u.tab].Filtering() || u.actions.Open() || u.secret != nil
}

// SetSize implements common.Component.
func (u *UserDetail) SetSize(w, h int) {
	u.width, u.height = w, h
	u.actions.SetSize(w, h)
	if u.secret != nil {
		u.secret.SetSize(w, h)
	}
	u.resize()
}

// Update implements tea.Model.
func (u *UserDetail) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if u.secret != nil {
		if cmd, ok := u.updateSecret(msg); ok {
			return u, cmd
		}
	}
	if handled, cmd, done := u.actions.Update(msg); handled {
		u.resize()
		if done != nil {
			return u, tea.Batch(cmd, u.afterAction(done))
		}
		return u, cmd
	}
	switch msg := msg.(type) {
	case userDetailMsg:
		if msg.owner == u && msg.req == u.req {
			u.loaded, u.err, u.detail = true, msg.err, msg.detail
			u.fill()
			u.resize()
		}
		return u, nil
	case userChangedMsg:
		if msg.user != u.name {
			return u, nil
		}
		u.actions.Show(&action.Action{Done: action.Text(msg.done), Commands: msg.commands})
		u.resize()
		return u, u.load()
	case common.LanguageChangedMsg:
		u.relabel()
		for i := range u.tables {
			u.tables[i].SetColumns(u.columns(i))
		}
		u.fill()
	case common.IdentityChangedMsg:
		u.actions.Clear()
		return u, u.load()
	case tea.KeyMsg:
		if !u.tables[u.tab].Filtering() {
			if cmd, ok := u.handleKey(msg); ok {
				return u, cmd
			}
		}
		var cmd tea.Cmd
		u.tables[u.tab], cmd = u.tables[u.tab].Update(msg)
		return u, cmd
	}
	var cmds []tea.Cmd
	for i := range u.tables {
		var cmd tea.Cmd
		u.tables[i], cmd = u.tables[i].Update(msg)
		cmds = append(cmds, cmd)
	}
	return u, tea.Batch(cmds...)
}

// updateSecret routes keys and answers to the secret dialog while it is open.
func (u *UserDetail) updateSecret(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		d, cmd := u.secret.Update(msg)
		u.secret = &d
		return cmd, true
	case dialog.ConfirmedMsg, dialog.CanceledMsg:
		var tag any
		if m, ok := msg.(dialog.ConfirmedMsg); ok {
			tag = m.Tag
		} else {
			tag = msg.(dialog.CanceledMsg).Tag
		}
		if t, ok := tag.(secretTag); ok && t.u == u {
			u.secret = nil
			return nil, true
		}
	}
	return nil, false
}

func (u *UserDetail) handleKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := u.keys
	switch {
	case key.Matches(msg, k.NextTab):
		u.Tab((u.tab + 1) % tabCount)
	case key.Matches(msg, k.PrevTab):
		u.Tab((u.tab + tabCount - 1) % tabCount)
	case key.Matches(msg, k.Refresh):
		return u.load(), true
	case msg.String() >= "1" && msg.String() <= "4" && len(msg.String()) == 1:
		u.Tab(int(msg.String()[0] - '1'))
	case !u.loaded || u.err != nil:
		return nil, false
	case key.Matches(msg, k.Add):
		return u.add(), true
	case key.Matches(msg, k.Remove):
		return u.remove(), true
	case key.Matches(msg, k.Edit):
		return nav.Push(NewEditTags(u.c, u.name, u.detail.tags)), true
	case key.Matches(msg, k.Password):
		return nav.Push(NewConsoleAccess(u.c, u.name, u.detail.profile != nil)), true
	case key.Matches(msg, k.CreateKey):
		return u.actions.Start(createKeyAction(u.c, u.name)), true
	case key.Matches(msg, k.KeyStatus):
		return u.toggleKey(), true
	default:
		return nil, false
	}
	return nil, true
}

// View implements tea.Model; the body is in user_view.go.
func (u *UserDetail) View() string {
	view := u.actions.Overlay(cells.ClipLines(u.body(), u.width, u.height))
	if u.secret != nil {
		view = u.secret.Overlay(view)
	}
	return view
}

// ShortHelp implements help.KeyMap.
func (u *UserDetail) ShortHelp() []key.Binding {
	switch {
	case u.secret != nil:
		return u.secret.ShortHelp()
	case u.actions.Open():
		return u.actions.ShortHelp()
	case u.tables[u.tab].Filtering():
		return u.tables[u.tab].ShortHelp()
	}
	k := u.keys
	return []key.Binding{k.NextTab, k.Add, k.Remove, k.Edit, k.Password, k.CreateKey, k.KeyStatus, k.Refresh}
}

// FullHelp implements help.KeyMap.
func (u *UserDetail) FullHelp() [][]key.Binding {
	k := u.keys
	return append(u.tables[u.tab].FullHelp(),
		[]key.Binding{k.NextTab, k.PrevTab, k.Refresh},
		[]key.Binding{k.Add, k.Remove, k.Edit, k.Password, k.CreateKey, k.KeyStatus})
}

// lines counts the lines of a block.
func lines(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
}
