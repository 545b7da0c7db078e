package serve

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

// panicky panics in Update on "p" and in View once told to.
type panicky struct{ viewPanics bool }

func (p *panicky) Init() tea.Cmd { return nil }
func (p *panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "p" {
		panic("boom in update")
	}
	return p, nil
}
func (p *panicky) View() string {
	if p.viewPanics {
		panic("boom in view")
	}
	return "fine"
}

func TestAPanicEndsTheSessionAndIsLoggedNotShown(t *testing.T) {
	for _, where := range []string{"update", "view"} {
		t.Run(where, func(t *testing.T) {
			var log bytes.Buffer
			inner := &panicky{viewPanics: where == "view"}
			c := uitest.Common(locales.English)
			m := &sessionModel{inner: inner, c: c, live: &liveSession{}, log: slog.New(slog.NewTextHandler(&log, nil)), now: time.Now}
			var cmd tea.Cmd
			if where == "update" {
				_, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("p")})
			} else {
				m.View()
				_, cmd = m.Update(tea.KeyMsg{Type: tea.KeyDown})
			}
			if m.reason != endCrash || cmd == nil {
				t.Fatalf("reason %v, cmd %v: the session goes on after a panic", m.reason, cmd)
			}
			if _, ok := cmd().(tea.QuitMsg); !ok {
				t.Fatal("the session does not quit after a panic")
			}
			if got := m.View(); !strings.Contains(got, "internal error") || strings.Contains(got, "boom") {
				t.Fatalf("the student sees %q", got)
			}
			if !strings.Contains(log.String(), "boom in "+where) || !strings.Contains(log.String(), "stack") {
				t.Fatalf("the panic is not in the log:\n%s", log.String())
			}
		})
	}
}
