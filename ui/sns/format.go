// Package sns holds the SNS screens of the console and the simulator's mailbox:
// Topics (list, create, delete), Subscriptions (list, create an email subscription,
// unsubscribe) and the Mailbox where the confirmation mail of an email subscription
// and the alarm's notifications arrive (lab step A7). Every backend call runs in a
// tea.Cmd whose answer is tagged with the request that asked, and every change shows
// its AWS CLI equivalent.
package sns

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/textinput"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
)

// stamp writes a time as the console's lists do, in UTC.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05")
}

// newInput is a one-line text input styled from the session (bubbles' defaults use
// the global renderer) without clipboard paste, which would read the server's
// clipboard over SSH.
func newInput(c *common.Common) textinput.Model {
	st := c.Styles.Form
	in := textinput.New()
	in.Prompt = "> "
	in.PromptStyle = st.PromptFocused
	in.TextStyle = st.Input
	in.PlaceholderStyle = st.Placeholder
	in.Cursor.Style = st.Cursor
	in.Cursor.TextStyle = st.Input
	in.KeyMap.Paste.SetEnabled(false)
	in.CharLimit = model.MaxEmailLen
	return in
}

// topicType is Standard or FIFO, as the Topics list's Type column says.
func topicType(c *common.Common, name string) string {
	if strings.HasSuffix(name, ".fifo") {
		return "FIFO"
	}
	return c.T("SNSStandard")
}

// subscriptionID is the last part of a subscription ARN, as the console's ID column
// shows it, or "Pending confirmation".
func subscriptionID(c *common.Common, s model.Subscription) string {
	if s.Pending() {
		return c.T("SNSPendingConfirmation")
	}
	if i := strings.LastIndexByte(s.Arn, ':'); i >= 0 {
		return s.Arn[i+1:]
	}
	return s.Arn
}

// subscriptionStatus is Confirmed or Pending confirmation.
func subscriptionStatus(c *common.Common, s model.Subscription) string {
	if s.Pending() {
		return c.T("SNSPendingConfirmation")
	}
	return c.T("SNSConfirmed")
}
