package iam

import (
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/action"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/cells"
)

// newRunner is the runner every IAM mutation goes through, so the CLI is always shown
// and real-AWS mode always asks first. IAM's errors are explained further
// (errorText), and the equivalent commands break as ansi.Wrap breaks them.
func newRunner(c *common.Common) action.Runner {
	return action.NewWith(c, action.Options{ErrorText: errorText, Wrap: wrapCLI})
}

// wrapCLI breaks an equivalent command into lines of at most w cells, at spaces and
// hyphens (long ARNs and commands break inside a word).
func wrapCLI(text string, w int) []string { return cells.WrapAt(text, w, "") }

// cliLines are the commands as wrapped lines under the AWS CLI equivalent label, for
// screens that preview their calls before they are made.
func cliLines(c *common.Common, cmds []*awscli.Command, width int) []string {
	if width <= 0 && len(cmds) > 0 { // no room for a command: the label alone
		return []string{c.Styles.Muted.Render(c.T("AWSCLIEquivalent"))}
	}
	return action.WrappedCLILines(c, cmds, "", nil, width, wrapCLI)
}
