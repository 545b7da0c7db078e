// Package common holds what every screen of one console session shares: the Common
// value and the Component contract. Nothing here is package-level state, because over
// SSH many sessions run in one process.
package common

import (
	"context"
	"log/slog"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/theme"
)

// Common is one session's shared context. The root owns it and hands the same pointer
// to every screen; when the language or identity changes the root updates it and
// sends LanguageChangedMsg / IdentityChangedMsg down so screens rebuild their text.
type Common struct {
	Ctx      context.Context
	Width    int
	Height   int
	Renderer *lipgloss.Renderer
	Styles   *theme.Styles
	L        *locales.Localizer
	Backend  backend.Backend
	Logger   *slog.Logger
	// Clock is the session's notion of now: the simulator's clock (which the lab
	// fast-forwards) or wall time on a real account; tests pin it. Ages ("3 days ago")
	// and relative time ranges ("last hour") are measured against it.
	Clock func() time.Time
	// Remote is set when the console is served over SSH: files it would save (an S3
	// object, a credentials CSV) would land on the server's disk, in a shared
	// classroom, instead of on the student's machine, so such downloads are refused.
	Remote bool
	// ReadOnly is labconsole --read-only: the root guards the backend so every
	// mutating call is refused (backend/guard) and the header shows a READ-ONLY badge.
	ReadOnly bool
	// Prefs keeps the session's console preferences for as long as it lasts (Event
	// history's visible columns…), keyed by the screen that owns them. Nil until set.
	Prefs map[string][]string
}

// Now is the session's current time (wall time when no Clock is set).
func (c *Common) Now() time.Time {
	if c.Clock != nil {
		return c.Clock()
	}
	return time.Now()
}

// T is shorthand for c.L.T.
func (c *Common) T(id string) string { return c.L.T(id) }

// Tf is shorthand for c.L.Tf.
func (c *Common) Tf(id string, data map[string]any) string { return c.L.Tf(id, data) }

// Component is what every screen and widget implements: a tea.Model whose keys feed
// the help bar and that lays itself out in the size it is given.
type Component interface {
	tea.Model
	help.KeyMap
	SetSize(width, height int)
}

// LanguageChangedMsg tells screens the session's language changed (Common.L is new).
type LanguageChangedMsg struct{ Lang locales.Lang }

// IdentityChangedMsg tells screens the backend now acts as another identity.
type IdentityChangedMsg struct{}

// MutationMsg tells the root that a backend call changed the account (a create,
// update or delete succeeded), so views that summarise the account — the lab
// panel's checklist above all — can refresh at once instead of on their next timer.
type MutationMsg struct {
	// Op is the backend method that changed the account, e.g. "CreateUser".
	Op string
}
