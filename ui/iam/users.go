// Package iam holds the IAM screens of the console: the IAM home, User groups (list,
// Create user group, detail), Users (list, the Add users wizard, user detail with
// its tabs) and Policies. Every backend call runs in a tea.Cmd whose answer is tagged
// with the request that asked, and every change shows its AWS CLI equivalent.
package iam

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// Users is IAM > Users with the lab's columns (step B12): user name, groups, last
// activity, MFA, password age and active key age, paged with IAM's marker. The last
// five are derived per row (facts.go) after each page arrives.
type Users struct {
	c         *common.Common
	keys      usersKeys
	table     table.Model
	req       int // tags loads so a late page never lands after a refresh
	nextToken string
	users     []model.User
	facts     map[string]userFacts
	count     int
	err       error
	width     int
	height    int
}

var _ nav.Screen = (*Users)(nil)

// NewUsers returns the Users screen; Init loads the first page.
func NewUsers(c *common.Common) *Users {
	u := &Users{c: c, keys: newUsersKeys(c), facts: map[string]userFacts{}}
	u.table = table.New(c, u.columns())
	u.table.SetEmptyText(c.T("IAMUsersEmpty"))
	return u
}

func (u *Users) columns() []table.Column {
	return []table.Column{
		{ID: "name", Title: u.c.T("IAMColUserName"), Width: 16, Sortable: true},
		{ID: "groups", Title: u.c.T("IAMColGroups"), MinWidth: 12, Sortable: true},
		{ID: "activity", Title: u.c.T("IAMColLastActivity"), Width: 14, Sortable: true},
		{ID: "mfa", Title: u.c.T("IAMColMFA"), Width: 5},
		{ID: "password", Title: u.c.T("IAMColPasswordAge"), Width: 14, Sortable: true},
		{ID: "key", Title: u.c.T("IAMColKeyAge"), Width: 14, Sortable: true},
	}
}

// usersMsg is a page of users for load number req.
type usersMsg struct {
	req    int
	page   model.Page[model.User]
	err    error
	append bool
}

// userFactsMsg carries the derived columns of one page's users.
type userFactsMsg struct {
	req   int
	facts map[string]userFacts
}

func (u *Users) load(token string) tea.Cmd {
	if token == "" {
		u.req++
	}
	req, b, ctx := u.req, u.c.Backend, u.c.Ctx
	spin := u.table.SetLoading(true)
	return tea.Batch(spin, func() tea.Msg {
		page, err := b.ListUsers(ctx, model.PageRequest{Token: token})
		return usersMsg{req: req, page: page, err: err, append: token != ""}
	})
}

func (u *Users) loadFacts(users []model.User) tea.Cmd {
	req, b, ctx := u.req, u.c.Backend, u.c.Ctx
	return func() tea.Msg {
		facts := fanOut(users, factsConcurrency, func(usr model.User) userFacts { return loadUserFacts(ctx, b, usr.UserName) })
		out := make(map[string]userFacts, len(users))
		for i, usr := range users {
			out[usr.UserName] = facts[i]
		}
		return userFactsMsg{req: req, facts: out}
	}
}

// Init implements tea.Model.
func (u *Users) Init() tea.Cmd { return u.load("") }

// Crumbs implements nav.Screen.
func (u *Users) Crumbs() []string { return []string{u.c.T("IAMUsersTitle")} }

// Capturing implements nav.Screen: true while the table's filter takes text.
func (u *Users) Capturing() bool { return u.table.Filtering() }

// SetSize implements common.Component.
func (u *Users) SetSize(w, h int) {
	u.width, u.height = w, h
	u.table.SetSize(w, max(h-2, 1))
}

// Update implements tea.Model.
func (u *Users) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case usersMsg:
		if msg.req != u.req {
			return u, nil
		}
		u.table.SetLoading(false)
		u.err = msg.err
		if msg.err != nil {
			return u, nil
		}
		if msg.append {
			u.users = append(u.users, msg.page.Items...)
		} else {
			u.users = msg.page.Items
			u.facts = map[string]userFacts{}
		}
		u.count = len(u.users)
		u.table.SetRows(u.rows())
		u.nextToken = msg.page.NextToken
		u.table.SetHasMore(u.nextToken != "")
		if len(msg.page.Items) == 0 {
			return u, nil
		}
		return u, u.loadFacts(msg.page.Items)
	case userFactsMsg:
		if msg.req == u.req {
			for k, v := range msg.facts {
				u.facts[k] = v
			}
			u.table.SetRows(u.rows())
		}
		return u, nil
	case usersChangedMsg:
		return u, u.load("")
	case table.NextPageMsg:
		if u.nextToken != "" {
			return u, u.load(u.nextToken)
		}
		return u, nil
	case common.LanguageChangedMsg:
		u.keys = newUsersKeys(u.c)
		u.table.SetColumns(u.columns())
		u.table.SetEmptyText(u.c.T("IAMUsersEmpty"))
		u.table.SetRows(u.rows())
	case common.IdentityChangedMsg:
		return u, u.load("")
	case tea.KeyMsg:
		if !u.table.Filtering() {
			switch {
			case key.Matches(msg, u.keys.Refresh):
				return u, u.load("")
			case key.Matches(msg, u.keys.Create):
				return u, nav.Push(NewAddUsers(u.c))
			case key.Matches(msg, u.keys.Open):
				if r, ok := u.table.Selected(); ok {
					return u, nav.Push(NewUserDetail(u.c, r.ID))
				}
				return u, nil
			}
		}
	}
	var cmd tea.Cmd
	u.table, cmd = u.table.Update(msg)
	return u, cmd
}

func (u *Users) rows() []table.Row {
	rows := make([]table.Row, len(u.users))
	for i, usr := range u.users {
		f, known := u.facts[usr.UserName]
		rows[i] = userRow(u.c, usr, f, known)
	}
	return rows
}

// usersChangedMsg tells the Users list that a page above it created or deleted a
// user, so it reloads.
type usersChangedMsg struct{}

// userRow writes one user as the console does: "None" for no groups or MFA device,
// "Never" for no sign-in, "-" for no password or active key and for a cell the
// caller may not read. Cells stay empty until the facts arrive.
func userRow(c *common.Common, usr model.User, f userFacts, known bool) table.Row {
	activity, activityKey := c.T("IAMNever"), ""
	if usr.PasswordLastUsed != nil {
		activity, activityKey = age(c, *usr.PasswordLastUsed), sortStamp(*usr.PasswordLastUsed)
	}
	groups, mfa, password, keyAge := "", "", "", ""
	passwordKey, keyKey := "", ""
	if known {
		groups = "-"
		if f.groupsErr == nil {
			groups = joinOr(c, f.groups, "IAMNone")
		}
		// The simulator has no MFA devices; on a real account the console would need
		// iam:ListMFADevices, which the backend does not offer yet, so it says "-".
		mfa = c.T("IAMNone")
		if c.Backend != nil && c.Backend.Info().Mode == backend.ModeAWS {
			mfa = "-"
		}
		password = "-"
		if f.profileErr == nil && f.profile != nil {
			password, passwordKey = age(c, f.profile.CreateDate), sortStamp(f.profile.CreateDate)
		}
		keyAge = "-"
		if f.keysErr == nil {
			for _, k := range f.keys {
				if k.Status == model.AccessKeyActive && (keyKey == "" || sortStamp(k.CreateDate) < keyKey) {
					keyAge, keyKey = age(c, k.CreateDate), sortStamp(k.CreateDate)
				}
			}
		}
	}
	return table.Row{
		ID:       usr.UserName,
		Cells:    []string{usr.UserName, groups, activity, mfa, password, keyAge},
		Data:     usr,
		SortKeys: []string{strings.ToLower(usr.UserName), groups, activityKey, mfa, passwordKey, keyKey},
	}
}

// View implements tea.Model.
func (u *Users) View() string {
	st := u.c.Styles
	title := st.Title.Render(u.c.Tf("IAMUsersCount", map[string]any{"Count": u.count}))
	if u.err != nil {
		return title + "\n\n" + action.ErrorPanelWith(u.c, u.err, max(u.width, 10), errorText)
	}
	return lipgloss.JoinVertical(lipgloss.Left, title, "", u.table.View())
}

// ShortHelp implements help.KeyMap.
func (u *Users) ShortHelp() []key.Binding {
	if u.table.Filtering() {
		return u.table.ShortHelp()
	}
	return []key.Binding{u.keys.Open, u.keys.Create, u.keys.Refresh, table.NewKeyMap(u.c.L).Filter, table.NewKeyMap(u.c.L).Sort}
}

// FullHelp implements help.KeyMap.
func (u *Users) FullHelp() [][]key.Binding {
	return append(u.table.FullHelp(), []key.Binding{u.keys.Open, u.keys.Create, u.keys.Refresh})
}
