package ui

import (
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/signin"
	"github.com/labconsole/labconsole/ui/switcher"
)

// overlayRoot keeps the root's overlays — the sign-in page (ctrl+o) and the
// profile/Region switcher (ctrl+r), opened by a global key over whatever screen is on
// top — from being closed by a nav.PopMsg that is not theirs. A screen may still
// have its pop on the way when an overlay opens over it (the permissions picker
// shows "Added …" and then pops in a tea.Sequence); that pop must close the screen
// that asked, under the overlay, not the overlay the student just opened.
type overlayRoot struct {
	// keyed is the overlay that last got a key: a pop that follows is its own
	// (its esc / Cancel).
	keyed nav.Screen
}

func isOverlay(s nav.Screen) bool {
	switch s.(type) {
	case *signin.Model, *switcher.Model:
		return true
	}
	return false
}

// overlayKey notes that the key about to be delivered goes to an overlay.
func (m *Model) overlayKey() {
	if top := m.top(); isOverlay(top) {
		m.overlay.keyed = top
	}
}

// popMsg goes back for nav.PopMsg: the top screen, unless the top is an overlay
// that never asked, in which case the pop belongs to the screen under it.
func (m *Model) popMsg() {
	top := m.top()
	if isOverlay(top) && m.overlay.keyed != top {
		if n := len(m.stack); n > 2 {
			m.stack = append(m.stack[:n-2], top)
		}
		return
	}
	m.overlay.keyed = nil
	m.pop()
}
