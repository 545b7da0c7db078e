package iam

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/uitest"
)

// TestCSVDownloadRefusedOverSSH: served over SSH, "Download .csv" would write the new
// user's password to the server's disk in a shared classroom; it is refused with an
// explanation and no path prompt.
func TestCSVDownloadRefusedOverSSH(t *testing.T) {
	for _, lang := range locales.Langs {
		c := uitest.Common(lang)
		c.Remote = true
		s := newSuccessPage(c, addUserResult{user: model.User{UserName: "lab-user"}, password: "Suwon#0307"}, nil)
		s.SetSize(98, 24)
		s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("d")})
		if s.prompt != nil {
			t.Fatalf("%s: a path prompt opened over SSH", lang)
		}
		if view := s.View(); !strings.Contains(view, "SSH") || strings.Contains(view, "Suwon#0307") {
			t.Fatalf("%s: want the SSH explanation and the password still masked:\n%s", lang, view)
		}
	}
}
