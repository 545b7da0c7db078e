package iam

import (
	"strings"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/uitest"
)

func page(next string, names ...string) model.Page[model.User] {
	p := model.Page[model.User]{NextToken: next}
	for _, n := range names {
		p.Items = append(p.Items, model.User{UserName: n, Path: "/", Arn: "arn:aws:iam::123456789012:user/" + n, CreateDate: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	}
	return p
}

func TestUsersUpdate(t *testing.T) {
	cases := []struct {
		name      string
		msgs      func(u *Users) []any
		wantCount int
		wantIn    []string
		wantNotIn []string
	}{
		{"first page", func(u *Users) []any { return []any{usersMsg{req: u.req, page: page("", "Administrator", "lab-user")}} },
			2, []string{"Users (2)", "lab-user"}, nil},
		{"a stale answer is dropped", func(u *Users) []any {
			return []any{usersMsg{req: u.req, page: page("", "fresh")}, usersMsg{req: u.req - 1, page: page("", "stale")}}
		}, 1, []string{"fresh"}, []string{"stale"}},
		{"next page appends", func(u *Users) []any {
			return []any{usersMsg{req: u.req, page: page("t1", "a", "b")}, usersMsg{req: u.req, page: page("", "c"), append: true}}
		}, 3, []string{"Users (3)", " c "}, nil},
		{"a denial shows the permissions panel", func(u *Users) []any {
			return []any{usersMsg{req: u.req, err: &backend.Error{Kind: backend.KindAccessDenied, Code: "AccessDenied",
				Message: "User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action"}}}
		}, 0, []string{"Insufficient permissions", "iam:ListUsers"}, []string{"No users"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := NewUsers(uitest.Common(locales.English))
			u.Init()
			u.SetSize(98, 24)
			for _, msg := range c.msgs(u) {
				u.Update(msg)
			}
			view := u.View()
			if u.count != c.wantCount {
				t.Errorf("count = %d, want %d", u.count, c.wantCount)
			}
			for _, w := range c.wantIn {
				if !strings.Contains(view, w) {
					t.Errorf("view lacks %q:\n%s", w, view)
				}
			}
			for _, w := range c.wantNotIn {
				if strings.Contains(view, w) {
					t.Errorf("view has %q:\n%s", w, view)
				}
			}
		})
	}
}
