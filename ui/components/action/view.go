package action

import (
	"strings"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/errview"
	"github.com/labconsole/labconsole/ui/components/panel"
)

// View is the status area under a screen: the spinner while a call runs, then the
// outcome with the equivalent commands. "" when idle.
func (r *Runner) View(width int) string {
	switch {
	case r.running:
		return r.spin.View()
	case r.last == nil:
		return ""
	}
	var out string
	if r.last.Err != nil {
		out = ErrorPanelWith(r.c, r.last.Err, width, r.opts.ErrorText)
	} else {
		p := panel.New(r.c, panel.Success, r.last.Act.DoneText(r.last.Result), "")
		p.SetSize(width, 0)
		out = p.View()
	}
	if lines := r.cliLines(r.last.Act, width); len(lines) > 0 {
		out += "\n" + strings.Join(lines, "\n")
	}
	return out
}

// cliLines are the equivalents under their labels, wrapped to width (0: unwrapped,
// for the dialog, which wraps its body itself).
func (r *Runner) cliLines(a *Action, width int) []string {
	return WrappedCLILines(r.c, a.Commands, a.Region, a.Shell, width, r.opts.Wrap)
}

// CLILines are cmds as "$ aws …" lines under the translated "AWS CLI equivalent"
// label, for region when set, then the shell lines under their own label; wrapped to
// width with cells.WrapWords when width is above zero. Screens that preview their
// calls (the alarm wizard's last step) use it too.
func CLILines(c *common.Common, cmds []*awscli.Command, region string, shell []string, width int) []string {
	return WrappedCLILines(c, cmds, region, shell, width, cells.WrapWords)
}

// WrappedCLILines is CLILines with the lines broken by wrap.
func WrappedCLILines(c *common.Common, cmds []*awscli.Command, region string, shell []string, width int, wrap func(string, int) []string) []string {
	st := c.Styles
	var lines []string
	add := func(s string) {
		if width <= 0 {
			lines = append(lines, s)
			return
		}
		for _, w := range wrap(s, width) {
			lines = append(lines, st.Text.Render(w))
		}
	}
	label := func(id string) {
		if width <= 0 {
			lines = append(lines, c.T(id))
		} else {
			lines = append(lines, st.Muted.Render(c.T(id)))
		}
	}
	if len(cmds) > 0 {
		info := c.Backend.Info()
		if region != "" {
			info.Region = region
		}
		label("AWSCLIEquivalent")
		for _, cmd := range cmds {
			add("$ " + cmd.String(info))
		}
	}
	if len(shell) > 0 {
		label("ActionShellEquivalent")
		for _, s := range shell {
			add("$ " + s)
		}
	}
	return lines
}

// ErrorPanel shows a failed call: the Insufficient permissions panel naming the
// missing action for a denial, else a red panel with AWS's message.
func ErrorPanel(c *common.Common, err error, width int) string {
	return ErrorPanelWith(c, err, width, common.ErrorText)
}

// ErrorPanelWith is ErrorPanel with the red panel's text worded by text (a service
// that explains some of AWS's errors further).
func ErrorPanelWith(c *common.Common, err error, width int, text func(*common.Common, error) string) string {
	width = max(width, 10)
	if backend.KindOf(err) == backend.KindAccessDenied {
		return errview.View(c, err, width)
	}
	if text == nil {
		text = common.ErrorText
	}
	p := panel.New(c, panel.Error, c.T("ErrorTitle"), text(c, err))
	p.SetSize(width, 0)
	return p.View()
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }
