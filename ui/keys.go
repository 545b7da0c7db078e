package ui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/ui/common"
)

// globalKeys work on every screen unless the screen is capturing text.
type globalKeys struct {
	Back      key.Binding
	Language  key.Binding
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
	// SignIn opens the sign-in page (lab steps B13 and C10); a control key, so it works
	// on every screen, typing included.
	SignIn key.Binding
	// Switch opens the profile/Region switcher (ui/switcher); a control key too.
	Switch key.Binding
}

func newGlobalKeys(c *common.Common) globalKeys {
	return globalKeys{
		Back:      key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", c.T("KeyBack"))),
		Language:  key.NewBinding(key.WithKeys("L"), key.WithHelp("L", c.T("KeyLanguage"))),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", c.T("KeyHelp"))),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", c.T("KeyQuit"))),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c")),
		SignIn:    key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", c.T("KeySignIn"))),
		Switch:    key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", c.T(switchHelpID(c)))),
	}
}

// switchHelpID names what ctrl+r switches: profile and Region on a real account,
// the Region in the simulator (where another identity is sign-in).
func switchHelpID(c *common.Common) string {
	if c.Backend != nil && c.Backend.Info().Mode == backend.ModeAWS {
		return "SwitchKey"
	}
	return "SwitchKeyRegion"
}
