package iam

import (
	"strings"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/table"
)

func (u *UserDetail) columns(tab int) []table.Column {
	c := u.c
	switch tab {
	case tabPermissions:
		return []table.Column{
			{ID: "name", Title: c.T("IAMColPolicyName"), MinWidth: 28, Sortable: true},
			{ID: "type", Title: c.T("IAMColType"), Width: 18, Sortable: true},
			{ID: "via", Title: c.T("IAMColAttachedVia"), Width: 32, Sortable: true},
		}
	case tabGroups:
		return []table.Column{
			{ID: "name", Title: c.T("IAMColGroupName"), Width: 30, Sortable: true},
			{ID: "policies", Title: c.T("IAMColAttachedPolicies"), MinWidth: 20},
		}
	case tabTags:
		return []table.Column{
			{ID: "key", Title: c.T("FormTagKey"), Width: 30, Sortable: true},
			{ID: "value", Title: c.T("FormTagValue"), MinWidth: 20, Sortable: true},
		}
	default:
		return []table.Column{
			{ID: "id", Title: c.T("IAMColAccessKeyID"), Width: 24},
			{ID: "status", Title: c.T("IAMColStatus"), Width: 12, Sortable: true},
			{ID: "created", Title: c.T("IAMColCreated"), Width: 22, Sortable: true},
			{ID: "age", Title: c.T("IAMColKeyAge"), MinWidth: 12},
		}
	}
}

// Row data of the Permissions tab: what a row is, so remove knows which call undoes it.
type permRow struct {
	arn    string // managed policy; "" for inline
	name   string
	group  string // attached through this group; "" for directly
	inline bool
}

// fill builds the tables from the loaded detail, in the current language.
func (u *UserDetail) fill() {
	c, d := u.c, u.detail
	var perms []table.Row
	add := func(p permRow, typ, via string) {
		perms = append(perms, table.Row{ID: p.group + "|" + p.arn + "|" + p.name, Cells: []string{p.name, typ, via}, Data: p,
			SortKeys: []string{strings.ToLower(p.name), typ, via}})
	}
	for _, p := range d.attached {
		add(permRow{arn: p.PolicyArn, name: p.PolicyName}, policyType(c, p.PolicyArn), c.T("IAMAttachedDirectly"))
	}
	for _, n := range d.inline {
		add(permRow{name: n, inline: true}, c.T("IAMPolicyInline"), c.T("IAMAttachedDirectly"))
	}
	for _, g := range d.groups {
		for _, p := range d.groupPolicies[g.GroupName] {
			add(permRow{arn: p.PolicyArn, name: p.PolicyName, group: g.GroupName}, policyType(c, p.PolicyArn),
				c.Tf("IAMAttachedViaGroup", map[string]any{"Group": g.GroupName}))
		}
	}
	u.tables[tabPermissions].SetRows(perms)

	groups := make([]table.Row, len(d.groups))
	for i, g := range d.groups {
		var names []string
		for _, p := range d.groupPolicies[g.GroupName] {
			names = append(names, p.PolicyName)
		}
		pol := joinOr(c, names, "IAMNone")
		groups[i] = table.Row{ID: g.GroupName, Cells: []string{g.GroupName, pol}, Data: g, SortKeys: []string{strings.ToLower(g.GroupName), pol}}
	}
	u.tables[tabGroups].SetRows(groups)

	tags := make([]table.Row, len(d.tags))
	for i, t := range d.tags {
		tags[i] = table.Row{ID: t.Key, Cells: []string{t.Key, t.Value}, Data: t}
	}
	u.tables[tabTags].SetRows(tags)

	keys := make([]table.Row, len(d.keys))
	for i, k := range d.keys {
		status := c.T("IAMKeyActive")
		if k.Status == model.AccessKeyInactive {
			status = c.T("IAMKeyInactive")
		}
		keys[i] = table.Row{ID: k.AccessKeyID, Cells: []string{k.AccessKeyID, status, stamp(k.CreateDate), age(c, k.CreateDate)}, Data: k,
			SortKeys: []string{k.AccessKeyID, status, sortStamp(k.CreateDate), sortStamp(k.CreateDate)}}
	}
	u.tables[tabSecurity].SetRows(keys)
}

// head is the title, the summary and the tab bar.
func (u *UserDetail) head() string {
	c, st, d := u.c, u.c.Styles, u.detail
	var b strings.Builder
	b.WriteString(st.Title.Render(u.name) + "\n\n")
	b.WriteString(st.Subtitle.Render(c.T("IAMSummary")) + "\n")
	consoleAccess := c.T("IAMConsoleDisabled")
	switch {
	case d.profileErr != nil: // not allowed to know
		consoleAccess = "-"
	case d.profile != nil:
		consoleAccess = c.T("IAMConsoleEnabledNoMFA")
	}
	lastSignIn := c.T("IAMNever")
	if d.user.PasswordLastUsed != nil {
		lastSignIn = stamp(*d.user.PasswordLastUsed)
	}
	b.WriteString(summary(c, []field{
		{c.T("IAMUserARN"), d.user.Arn},
		{c.T("IAMColPath"), d.user.Path},
		{c.T("IAMColCreated"), stamp(d.user.CreateDate)},
		{c.T("IAMConsoleAccessLabel"), consoleAccess},
		{c.T("IAMLastConsoleSignIn"), lastSignIn},
	}, u.width) + "\n\n")
	tabs := []string{
		c.T("IAMTabPermissions"),
		c.Tf("IAMTabGroups", map[string]any{"Count": len(d.groups)}),
		c.Tf("IAMTabTags", map[string]any{"Count": len(d.tags)}),
		c.T("IAMTabSecurity"),
	}
	b.WriteString(tabBar(c, tabs, u.tab, u.width) + "\n")
	return b.String()
}

// security is the top of the Security credentials tab: the console sign-in link and
// the console password's state, then the access keys' title.
func (u *UserDetail) security() string {
	c, st, d := u.c, u.c.Styles, u.detail
	password := c.T("IAMConsoleNotEnabled")
	switch {
	case d.profileErr != nil:
		password = "-"
	case d.profile != nil && d.user.PasswordLastUsed == nil:
		password = c.T("IAMPasswordEnabledNever")
	case d.profile != nil:
		password = c.Tf("IAMPasswordEnabledLast", map[string]any{"When": stamp(*d.user.PasswordLastUsed)})
	}
	var b strings.Builder
	b.WriteString(st.Subtitle.Render(c.T("IAMSignInCredentials")) + "\n")
	b.WriteString(summary(c, []field{
		{c.T("IAMConsoleSignInLink"), signInURL(accountOf(d.user.Arn))},
		{c.T("IAMConsolePassword"), password},
		{c.T("IAMAssignedMFA"), c.T("IAMNotAssigned")},
	}, u.width) + "\n")
	b.WriteString(st.Subtitle.Render(c.Tf("IAMAccessKeysCount", map[string]any{"Count": len(d.keys)})))
	return b.String()
}

// tabError is the error of the part of the page the tab shows.
func (u *UserDetail) tabError() error {
	d := u.detail
	switch u.tab {
	case tabPermissions:
		if d.permsErr != nil {
			return d.permsErr
		}
		return d.groupsErr
	case tabGroups:
		return d.groupsErr
	case tabTags:
		return d.tagsErr
	default:
		return d.keysErr
	}
}

// resize gives the tab's table what the head, the security block and the action
// result leave.
func (u *UserDetail) resize() {
	used := 2 + 1 + 5 + 1 + 2 // title, blank, summary title and 5 lines, blank, tabs and blank
	if u.tab == tabSecurity {
		used += 5
	}
	if status := u.actions.View(u.width); status != "" {
		used += lines(status) + 1
	}
	for i := range u.tables {
		u.tables[i].SetSize(u.width, max(u.height-used, 3))
	}
}

// body is the page without dialogs.
func (u *UserDetail) body() string {
	st := u.c.Styles
	switch {
	case u.err != nil:
		return st.Title.Render(u.name) + "\n\n" + action.ErrorPanelWith(u.c, u.err, u.width, errorText)
	case !u.loaded:
		return st.Title.Render(u.name) + "\n\n" + st.Muted.Render(u.c.T("Loading"))
	}
	u.resize()
	var b strings.Builder
	b.WriteString(u.head() + "\n")
	if u.tab == tabSecurity {
		b.WriteString(u.security() + "\n")
	}
	if err := u.tabError(); err != nil {
		b.WriteString(action.ErrorPanelWith(u.c, err, u.width, errorText))
	} else {
		b.WriteString(u.tables[u.tab].View())
	}
	if status := u.actions.View(u.width); status != "" {
		b.WriteString("\n" + status)
	}
	return b.String()
}
