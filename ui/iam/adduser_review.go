package iam

import (
	"strings"

	"github.com/labconsole/labconsole/ui/components/cells"
)

// reviewLines is step 4, "Review": the user details, the permissions summary, the
// tags, then the AWS CLI equivalent of every call, the password masked. It is built
// at each View so it always shows the other steps' current values.
func (a *AddUsers) reviewLines(width int) []string {
	p := a.plan()
	c, st := a.c, a.c.Styles
	labelW := min(24, max(width/3, 8))
	kv := func(label, value string) string {
		return "  " + st.Muted.Render(cells.Clip(label, labelW)) + " " + st.Text.Render(value)
	}
	yesNo := func(b bool) string {
		if b {
			return c.T("IAMYes")
		}
		return c.T("IAMNo")
	}

	lines := []string{st.Subtitle.Render(c.T("IAMUserDetails")), kv(c.T("IAMUserNameLabel"), p.name)}
	var access []string
	if p.accessKey {
		access = append(access, c.T("IAMAccessKeyAccess"))
	}
	if p.console {
		access = append(access, c.T("IAMConsoleAccess"))
	}
	lines = append(lines, kv(c.T("IAMReviewAccessType"), joinOr(c, access, "IAMNone")))
	if p.console {
		pwType := c.T("IAMPasswordCustom")
		if p.autoPassword {
			pwType = c.T("IAMPasswordAuto")
		}
		lines = append(lines, kv(c.T("IAMConsolePassword"), pwType), kv(c.T("IAMRequireReset"), yesNo(p.resetRequired)))
	}

	lines = append(lines, "", st.Subtitle.Render(c.T("IAMPermissionsSummary")))
	switch {
	case len(p.perms.ids) == 0:
		lines = append(lines, "  "+st.Muted.Render(c.T("IAMReviewNoPermissions")))
	case p.perms.mode == permGroup:
		lines = append(lines, "  "+c.T("IAMReviewGroupsIntro"))
		for _, n := range p.perms.names {
			lines = append(lines, kv(c.T("IAMColGroup"), n))
		}
	case p.perms.mode == permCopy:
		lines = append(lines, "  "+c.Tf("IAMReviewCopyIntro", map[string]any{"User": strings.Join(p.perms.names, ", ")}))
	default:
		lines = append(lines, "  "+c.T("IAMReviewPoliciesIntro"))
		for _, n := range p.perms.names {
			lines = append(lines, kv(c.T("IAMManagedPolicy"), n))
		}
	}

	lines = append(lines, "", st.Subtitle.Render(c.T("IAMTagsTitle")))
	if len(p.tags) == 0 {
		lines = append(lines, "  "+st.Muted.Render(c.T("IAMReviewNoTags")))
	} else {
		lines = append(lines, "  "+c.T("IAMReviewTagsIntro"))
		for _, t := range p.tags {
			lines = append(lines, kv(t.Key, t.Value))
		}
	}
	lines = append(lines, "")
	return append(lines, cliLines(c, p.commands(), width)...)
}
