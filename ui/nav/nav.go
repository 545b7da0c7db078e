// Package nav is the contract between the root model and its screens: what a screen
// is and the messages that move along the navigation stack. Screens live in their own
// packages and never import the root, so they ask for navigation with these messages.
package nav

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
)

// Screen is one page of the console on the navigation stack.
type Screen interface {
	common.Component
	// Crumbs are the screen's breadcrumb segments in the current language, e.g.
	// ["IAM", "Users"] for a service's first screen, ["lab-user"] for a detail page.
	Crumbs() []string
	// Capturing is true while the screen takes raw text (a focused input or filter),
	// so global keys such as q and L must go to the screen instead.
	Capturing() bool
}

// Editor is a screen that holds what the user entered and leaving would lose (a
// wizard, a create form). Esc in a wizard already asks; the lab panel's "go to the
// step's screen", which replaces the whole stack, asks when one says Edited.
type Editor interface {
	Edited() bool
}

// Service names the console's services for OpenMsg.
type Service string

const (
	Billing    Service = "billing"
	CloudWatch Service = "cloudwatch"
	IAM        Service = "iam"
	CloudTrail Service = "cloudtrail"
	S3         Service = "s3"
	Lab        Service = "lab"
)

// PushMsg puts a screen on top of the stack.
type PushMsg struct{ Screen Screen }

// PopMsg returns to the previous screen.
type PopMsg struct{}

// OpenMsg asks the root to open a service's first screen; the root owns the registry
// of screens, so the menu need not import every screen package.
type OpenMsg struct{ Service Service }

// Push returns a command that pushes s.
func Push(s Screen) tea.Cmd { return func() tea.Msg { return PushMsg{Screen: s} } }

// Pop returns a command that goes back.
func Pop() tea.Cmd { return func() tea.Msg { return PopMsg{} } }

// Open returns a command that opens service.
func Open(s Service) tea.Cmd { return func() tea.Msg { return OpenMsg{Service: s} } }
