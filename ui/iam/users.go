// Package iam holds the IAM screens of the console.
package iam

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/errview"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// Users is IAM > Users: the account's users, paged with IAM's marker.
type Users struct {
	c         *common.Common
	keys      usersKeys
	table     table.Model
	req       int // tags loads so a late page never lands after a refresh
	nextToken string
	count     int
	err       error
	width     int
	height    int
}

var _ nav.Screen = (*Users)(nil)

// NewUsers returns the Users screen; Init loads the first page.
func NewUsers(c *common.Common) *Users {
	u := &Users{c: c, keys: newUsersKeys(c)}
	u.table = table.New(c, u.columns())
	u.table.SetEmptyText(c.T("IAMUsersEmpty"))
	return u
}

func (u *Users) columns() []table.Column {
	return []table.Column{
		{ID: "name", Title: u.c.T("IAMColUserName"), Width: 24, Sortable: true},
		{ID: "path", Title: u.c.T("IAMColPath"), Width: 10, Sortable: true},
		{ID: "created", Title: u.c.T("IAMColCreated"), Width: 22, Sortable: true},
		{ID: "arn", Title: u.c.T("IAMColARN")},
	}
}

// usersMsg is a page of users for load number req.
type usersMsg struct {
	req    int
	page   model.Page[model.User]
	err    error
	append bool
}

func (u *Users) load(token string) tea.Cmd {
	if token == "" {
		u.req++
	}
	req, b, ctx := u.req, u.c.Backend, u.c.Ctx
	spin := u.table.SetLoading(true)
	return tea.Batch(spin, func() tea.Msg {
		page, err := listUsers(ctx, b, token)
		return usersMsg{req: req, page: page, err: err, append: token != ""}
	})
}

func listUsers(ctx context.Context, b backend.Backend, token string) (model.Page[model.User], error) {
	return b.ListUsers(ctx, model.PageRequest{Token: token})
}

// Init implements tea.Model.
func (u *Users) Init() tea.Cmd { return u.load("") }

// Crumbs implements nav.Screen.
func (u *Users) Crumbs() []string { return []string{u.c.T("MenuIAM"), u.c.T("IAMUsersTitle")} }

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
		rows := make([]table.Row, len(msg.page.Items))
		for i, usr := range msg.page.Items {
			rows[i] = userRow(usr)
		}
		if msg.append {
			u.table.AppendRows(rows)
			u.count += len(rows)
		} else {
			u.table.SetRows(rows)
			u.count = len(rows)
		}
		u.nextToken = msg.page.NextToken
		u.table.SetHasMore(u.nextToken != "")
		return u, nil
	case table.NextPageMsg:
		if u.nextToken != "" {
			return u, u.load(u.nextToken)
		}
		return u, nil
	case common.LanguageChangedMsg:
		u.keys = newUsersKeys(u.c)
		u.table.SetColumns(u.columns())
		u.table.SetEmptyText(u.c.T("IAMUsersEmpty"))
	case tea.KeyMsg:
		if !u.table.Filtering() && key.Matches(msg, u.keys.Refresh) {
			return u, u.load("")
		}
	}
	var cmd tea.Cmd
	u.table, cmd = u.table.Update(msg)
	return u, cmd
}

func userRow(usr model.User) table.Row {
	created := usr.CreateDate.UTC().Format("2006-01-02 15:04 UTC")
	return table.Row{
		ID:       usr.UserName,
		Cells:    []string{usr.UserName, usr.Path, created, usr.Arn},
		Data:     usr,
		SortKeys: []string{strings.ToLower(usr.UserName), usr.Path, usr.CreateDate.UTC().Format("2006-01-02T15:04:05"), usr.Arn},
	}
}

// View implements tea.Model.
func (u *Users) View() string {
	st := u.c.Styles
	title := st.Title.Render(u.c.Tf("IAMUsersCount", map[string]any{"Count": u.count}))
	if u.err != nil {
		return title + "\n\n" + errview.View(u.c, u.err, max(u.width, 10))
	}
	return lipgloss.JoinVertical(lipgloss.Left, title, "", u.table.View())
}

// ShortHelp implements help.KeyMap.
func (u *Users) ShortHelp() []key.Binding {
	return append(u.table.ShortHelp(), u.keys.Refresh)
}

// FullHelp implements help.KeyMap.
func (u *Users) FullHelp() [][]key.Binding {
	return append(u.table.FullHelp(), []key.Binding{u.keys.Refresh})
}
