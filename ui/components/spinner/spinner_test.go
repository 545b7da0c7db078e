package spinner

import (
	"testing"

	bspinner "github.com/charmbracelet/bubbles/spinner"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

func TestLifeCycle(t *testing.T) {
	c := uitest.Common(locales.English)
	m := New(c)
	if m.View() != "" {
		t.Fatalf("stopped spinner shows %q", m.View())
	}
	cmd := m.Start()
	if cmd == nil || !m.Active() {
		t.Fatal("Start must return a tick and activate")
	}
	if m.Start() != nil {
		t.Fatal("a second Start must not start a second tick chain")
	}
	if got := m.View(); got != "⠋ Loading…" {
		t.Fatalf("View = %q", got)
	}
	tick := cmd()
	m2, next := m.Update(tick)
	if next == nil {
		t.Fatal("an active spinner keeps ticking")
	}
	if m2.View() == m.View() {
		t.Fatal("a tick advances the frame")
	}
	m2.Stop()
	if _, next := m2.Update(tick); next != nil {
		t.Fatal("a stopped spinner drops its ticks")
	}
	other := New(c)
	other.Start()
	if _, next := other.Update(bspinner.TickMsg{ID: -1}); next != nil {
		t.Fatal("ticks of another spinner are ignored")
	}
}

func TestLabelFollowsLanguage(t *testing.T) {
	c := uitest.Common(locales.English)
	m := New(c)
	m.Start()
	uitest.SetLang(c, locales.Korean)
	if got := m.View(); got != "⠋ 로드 중…" {
		t.Fatalf("View = %q", got)
	}
	m.SetLabel("Creating alarm…")
	if got := m.View(); got != "⠋ Creating alarm…" {
		t.Fatalf("View = %q", got)
	}
}
