// Package cloudtrail holds the CloudTrail screens of the console: the dashboard,
// Event history with its lookup filter and the event details page, the Trails list,
// trail details (logging on and off, delete, the log location) and the three-step
// Create trail wizard. Every backend call runs in a tea.Cmd whose answer is tagged
// with the request that asked, so a late answer never lands on a newer screen state.
package cloudtrail

import (
	"time"

	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/errview"
	"github.com/labconsole/labconsole/ui/components/panel"
)

// bind is a binding whose help is translated; key maps are built per screen from the
// session's localizer, so a language switch in one SSH session cannot change another's.
func bind(c *common.Common, help, descID string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, c.T(descID)))
}

// stamp writes a time as the console's tables do, in UTC so a class served over SSH
// sees the same times as the log files' keys.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// errorPanel shows a failed call: the Insufficient permissions panel naming the
// missing action for a denial (the lab's step C9), else a red panel with AWS's message.
func errorPanel(c *common.Common, err error, width int) string {
	if backend.KindOf(err) == backend.KindAccessDenied {
		return errview.View(c, err, max(width, 10))
	}
	p := panel.New(c, panel.Error, c.T("ErrorTitle"), common.ErrorText(c, err))
	p.SetSize(max(width, 10), 0)
	return p.View()
}

// yesNo is the console's Enabled / Disabled wording of a setting.
func yesNo(c *common.Common, on bool) string {
	if on {
		return c.T("CTEnabled")
	}
	return c.T("CTDisabled")
}

// logging is the trail status as the Trails list words it.
func logging(c *common.Common, on bool) string {
	if on {
		return c.T("CloudTrailLogging")
	}
	return c.T("CloudTrailNotLogging")
}
