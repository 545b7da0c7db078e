package signin

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

// realAccount is a backend on a real account; any call but Info would panic.
type realAccount struct{ backend.Backend }

func (realAccount) Info() backend.Info {
	return backend.Info{Mode: backend.ModeAWS, Region: "us-east-1"}
}

// TestRealAccountOffersTheProfileSwitch: on a real account the page explains that
// password sign-in has no API, offers ctrl+r (the root's switcher) and sends nothing.
func TestRealAccountOffersTheProfileSwitch(t *testing.T) {
	for lang, want := range map[locales.Lang][]string{
		locales.English: {"Sign-in with a password is not possible", "ctrl+r", "switch profile"},
		locales.Korean:  {"비밀번호로 로그인할 수 없습니다", "ctrl+r", "프로필 전환"},
	} {
		c := uitest.Common(lang)
		c.Backend = realAccount{}
		m := New(c, "123456789012", "Administrator", false)
		m.SetSize(98, 25)
		if cmd := m.Init(); cmd != nil {
			t.Fatal("no field to focus on a real account")
		}
		view := m.View()
		for _, w := range want {
			if !strings.Contains(view, w) {
				t.Fatalf("%s: %q missing:\n%s", lang, w, view)
			}
		}
		for _, k := range []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("lab-user")}, {Type: tea.KeyEnter}, {Type: tea.KeyCtrlS}} {
			if _, cmd := m.Update(k); cmd != nil {
				t.Fatalf("%s: %v sent something on a real account", lang, k)
			}
		}
		help := ""
		for _, b := range m.ShortHelp() {
			help += b.Help().Key + " "
		}
		if !strings.Contains(help, "ctrl+r") || strings.Contains(help, "ctrl+s") {
			t.Fatalf("help %q", help)
		}
	}
}
