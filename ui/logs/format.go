// Package logs is CloudWatch > Log groups: the log groups of the console's region
// (create, delete, retention), a group's log streams, and a stream's log events or
// a whole group's, searched with a CloudWatch Logs filter pattern. CloudTrail
// delivers its events to a log group as JSON, so a JSON event opens in the JSON
// viewer.
package logs

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/errview"
	"github.com/labconsole/labconsole/ui/components/form"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/components/table"
)

// retentionText is the Retention column: "Never expire", "1 day", "30 days".
func retentionText(c *common.Common, days int) string {
	switch days {
	case 0:
		return c.T("LGNeverExpire")
	case 1:
		return c.T("LGOneDay")
	}
	return c.Tf("LGDays", map[string]any{"Days": days})
}

// bytesText is the Stored bytes column, in the console's binary units.
func bytesText(n int64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	v, i := float64(n)/unit, 0
	for v >= unit && i < 4 {
		v /= unit
		i++
	}
	return fmt.Sprintf("%.1f %s", v, []string{"KB", "MB", "GB", "TB", "PB"}[i])
}

// dateText is a creation or last-event time, in UTC as the simulator's clock and
// CloudTrail's records are.
func dateText(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05 (UTC)")
}

// stampText is a log event's Timestamp column, to the millisecond.
func stampText(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// sortStamp orders times as text.
func sortStamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000") }

// clean makes a log message safe to draw: tabs become spaces and other control
// characters (an ANSI escape in an application's log line would repaint the
// terminal, over SSH too) become U+FFFD. Newlines are kept when keepLines.
func clean(s string, keepLines bool) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' && keepLines:
			return r
		case r == '\t':
			return ' '
		case r == '\r' && keepLines:
			return -1
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			return '\uFFFD'
		}
		return r
	}, s)
}

// oneLine is a message as the events table shows it: on one line, runs of white
// space as one space.
func oneLine(s string) string { return strings.Join(strings.Fields(clean(s, true)), " ") }

// fit cuts a line wider than w cells (a 512-character group name) to w, ending in
// …; a line that fits is left as it is.
func fit(s string, w int) string {
	if w > 0 && lipgloss.Width(s) > w {
		return cells.Fit(s, w, lipgloss.Left)
	}
	return s
}

// tableKeys are the table's keys that the log screens leave to it in the help: the
// screens' / is their own search, not the table's filter.
func tableKeys(c *common.Common) [][]key.Binding {
	k := table.NewKeyMap(c.L)
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Top, k.Bottom}, {k.Sort, k.ReverseSort, k.NextPage}}
}

// errorText words a failed CloudWatch Logs call in the session's language, with
// AWS's own code and message where AWS's words carry the detail: a name already
// taken, a parameter or filter pattern refused. Other failures read as everywhere
// else in the console.
func errorText(c *common.Common, err error) string {
	var be *backend.Error
	if !errors.As(err, &be) {
		return common.ErrorText(c, err)
	}
	data := map[string]any{"Code": be.Code, "Message": be.Message}
	switch be.Code {
	case "ResourceAlreadyExistsException":
		return c.Tf("LGErrAlreadyExists", data)
	case "InvalidParameterException":
		if be.Op == "logs:FilterLogEvents" {
			return c.Tf("LGErrBadPattern", data)
		}
		return c.Tf("LGErrInvalidParameter", data)
	case "ResourceNotFoundException":
		return c.Tf("LGErrNotFound", data)
	}
	return common.ErrorText(c, err)
}

// atField reports whether err is about the value typed, so a form shows it under
// the field: AWS refusing the name or value, or the name being taken.
func atField(err error) bool {
	var be *backend.Error
	if errors.As(err, &be) {
		return be.Code == "ResourceAlreadyExistsException" || be.Code == "InvalidParameterException"
	}
	var fe *model.FieldError
	var fes model.Errors
	return errors.As(err, &fe) || errors.As(err, &fes)
}

// errorPanel shows a failed call: the console's Insufficient permissions panel for
// a denial, else a red panel with errorText.
func errorPanel(c *common.Common, err error, width int) string {
	if k := backend.KindOf(err); k == backend.KindAccessDenied || k == backend.KindReadOnly {
		return errview.View(c, err, max(width, 10)) // Insufficient permissions, or the read-only session's notice
	}
	p := panel.New(c, panel.Error, c.T("ErrorTitle"), errorText(c, err))
	p.SetSize(max(width, 10), 0)
	return p.View()
}

// retentionOptions are the retention periods PutRetentionPolicy accepts, after
// "Never expire", as the console's select lists them.
func retentionOptions(c *common.Common) []form.Option {
	opts := []form.Option{{Value: "0", Label: retentionText(c, 0)}}
	for _, d := range model.RetentionDays {
		opts = append(opts, form.Option{Value: strconv.Itoa(d), Label: retentionText(c, d)})
	}
	return opts
}
