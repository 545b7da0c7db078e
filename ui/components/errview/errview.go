// Package errview shows a failed backend call the way the AWS console does: a denied
// call becomes the red "Insufficient permissions" panel that names the action the
// user lacks (the lab's step C9), anything else a red panel with AWS's own message.
// Screens use it instead of an empty list, so nobody mistakes a denial for "no data".
package errview

import (
	"regexp"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/panel"
)

// performPattern finds the action in AWS's denial message: "… is not authorized to
// perform: s3:ListBucket on resource: …".
var performPattern = regexp.MustCompile(`not authorized to perform: ([A-Za-z0-9-]+:[A-Za-z0-9*]+)`)

// MissingAction is the action a denial names, "" when the message names none.
func MissingAction(err error) string {
	if err == nil {
		return ""
	}
	if m := performPattern.FindStringSubmatch(err.Error()); m != nil {
		return m[1]
	}
	return ""
}

// View renders err as a panel width cells wide.
func View(c *common.Common, err error, width int) string {
	var p panel.Model
	if backend.KindOf(err) == backend.KindAccessDenied {
		body := c.T("ErrorAccessDeniedBodyGeneric")
		if action := MissingAction(err); action != "" {
			body = c.Tf("ErrorAccessDeniedBody", map[string]any{"Action": action})
		}
		p = panel.New(c, panel.Error, c.T("ErrorAccessDeniedTitle"), body+"\n\n"+awsMessage(err))
	} else if backend.KindOf(err) == backend.KindReadOnly {
		p = panel.New(c, panel.Warning, c.T("GuardReadOnlyTitle"), common.ErrorText(c, err))
	} else {
		p = panel.New(c, panel.Error, c.T("ErrorTitle"), common.ErrorText(c, err))
	}
	p.SetSize(width, 0)
	return p.View()
}

func awsMessage(err error) string {
	if be, ok := err.(*backend.Error); ok {
		return be.Code + ": " + be.Message
	}
	return err.Error()
}
