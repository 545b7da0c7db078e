package iam

import (
	"strings"
	"time"

	"github.com/labconsole/labconsole/ui/common"
)

// age writes how long ago t was, as the console's Users list does ("3 days ago").
func age(c *common.Common, t time.Time) string {
	d := c.Now().Sub(t)
	switch {
	case d < time.Minute:
		return c.T("IAMAgeJustNow")
	case d < 2*time.Minute:
		return c.T("IAMAgeMinute")
	case d < time.Hour:
		return c.Tf("IAMAgeMinutes", map[string]any{"Count": int(d / time.Minute)})
	case d < 2*time.Hour:
		return c.T("IAMAgeHour")
	case d < 24*time.Hour:
		return c.Tf("IAMAgeHours", map[string]any{"Count": int(d / time.Hour)})
	case d < 48*time.Hour:
		return c.T("IAMAgeDay")
	default:
		return c.Tf("IAMAgeDays", map[string]any{"Count": int(d / (24 * time.Hour))})
	}
}

// stamp writes a creation time the same way on every IAM screen. UTC keeps it the
// same for every student of an SSH-served class, wherever the server runs.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// sortStamp is the sort key of a time column.
func sortStamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// signInURL is the account's console sign-in page for IAM users.
func signInURL(account string) string {
	return "https://" + account + ".signin.aws.amazon.com/console"
}

// accountOf takes the account ID from an IAM ARN (arn:aws:iam::123456789012:user/x).
func accountOf(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 5 {
		return ""
	}
	return parts[4]
}

// joinOr joins names, or says none as the console does ("None").
func joinOr(c *common.Common, names []string, noneID string) string {
	if len(names) == 0 {
		return c.T(noneID)
	}
	return strings.Join(names, ", ")
}
