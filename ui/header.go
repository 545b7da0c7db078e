package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
)

// formatAccount writes a 12-digit account ID as the AWS console does: 1234-5678-9012.
func formatAccount(id string) string {
	if len(id) != 12 {
		return id
	}
	return id[0:4] + "-" + id[4:8] + "-" + id[8:12]
}

// header is the top bar: product, mode badge, then account, identity and region, so
// nobody mistakes a real account for the simulator or one identity for another.
func (m *Model) header() string {
	st := m.c.Styles
	info := m.c.Backend.Info()
	badge := st.ModeSimulator.Render(m.c.T("ModeSimulator"))
	if info.Mode == backend.ModeAWS {
		badge = st.ModeAWS.Render(m.c.T("ModeAWS"))
	}
	left := st.HeaderTitle.Render(m.c.T("AppName")) + st.HeaderValue.Render(" ") + badge
	if m.c.ReadOnly {
		// The same red as the AWS badge: nothing here will change the account.
		left += st.HeaderValue.Render(" ") + st.ModeAWS.Render(m.c.T("GuardBadge"))
	}

	sep := st.HeaderLabel.Render("  ")
	// rightSide is the account, identity, profile and Region, with their labels
	// or, where the line is too short for them, without.
	rightSide := func(labels bool) string {
		field := func(labelID, value string) string {
			if !labels {
				return st.HeaderValue.Render(value)
			}
			return st.HeaderLabel.Render(m.c.T(labelID)+" ") + st.HeaderValue.Render(value)
		}
		var parts []string
		switch {
		case m.identityErr != nil:
			parts = append(parts, st.HeaderValue.Render(truncate(m.identityErr.Error(), 40)))
		case m.identity == nil:
			parts = append(parts, st.HeaderLabel.Render(m.c.T("HeaderLoading")))
		default:
			parts = append(parts, field("HeaderAccount", formatAccount(m.identity.Account)), field("HeaderIdentity", m.identity.Name()))
		}
		if info.Profile != "" {
			parts = append(parts, st.HeaderValue.Render(info.Profile))
		}
		parts = append(parts, field("HeaderRegion", info.Region))
		return strings.Join(parts, sep)
	}

	width := m.c.Width
	inner := width - st.Header.GetHorizontalPadding()
	right := rightSide(true)
	gap := inner - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		right = rightSide(false)
		gap = inner - lipgloss.Width(left) - lipgloss.Width(right)
	}
	if gap < 1 {
		right = ""
		gap = max(inner-lipgloss.Width(left), 0)
	}
	return st.Header.Width(width).MaxWidth(width).Render(left + st.HeaderValue.Render(strings.Repeat(" ", gap)) + right)
}

// breadcrumbs joins the stack's crumbs as the console does: Console Home > IAM > Users.
func (m *Model) breadcrumbs() string {
	st := m.c.Styles
	crumbs := m.Crumbs()
	render := func(crumbs []string) string {
		parts := make([]string, len(crumbs))
		for i, c := range crumbs {
			if i == len(crumbs)-1 {
				parts[i] = st.BreadcrumbCurrent.Render(c)
			} else {
				parts[i] = st.Breadcrumb.Render(c)
			}
		}
		return " " + strings.Join(parts, st.BreadcrumbSep.Render(" > "))
	}
	line := render(crumbs)
	// Deep paths (S3 prefixes) outgrow the line: keep the first crumb and the current
	// location, and replace the crumbs between them with "…" one at a time.
	for n := 1; lipgloss.Width(line) > m.c.Width && len(crumbs)-n > 2; n++ {
		line = render(append([]string{crumbs[0], "…"}, crumbs[1+n:]...))
	}
	return lipgloss.NewStyle().MaxWidth(m.c.Width).Render(line)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
