package panel

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

func TestPanelGolden(t *testing.T) {
	texts := map[locales.Lang][2]string{
		locales.English: {"You don't have permissions to view users",
			"User: arn:aws:iam::123456789012:user/student is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/"},
		locales.Korean: {"사용자를 볼 수 있는 권한이 없습니다",
			"사용자: arn:aws:iam::123456789012:user/student에게 리소스 arn:aws:iam::123456789012:user/에 대해 iam:ListUsers를 수행할 권한이 없습니다."},
	}
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			c := uitest.Common(lang)
			p := New(c, Error, texts[lang][0], texts[lang][1])
			p.SetSize(44, 0)
			view := p.View()
			for _, l := range strings.Split(view, "\n") {
				if lipgloss.Width(l) != 44 {
					t.Fatalf("line %q is %d wide", l, lipgloss.Width(l))
				}
			}
			if p.Height() != strings.Count(view, "\n")+1 {
				t.Fatal("Height disagrees with View")
			}
			golden.RequireEqual(t, []byte(view))
		})
	}
}

func TestKinds(t *testing.T) {
	c := uitest.Common(locales.English)
	for _, k := range []Kind{Error, Warning, Info, Success} {
		p := New(c, k, "t", "")
		p.SetSize(10, 0)
		if p.View() != "│ t       " {
			t.Fatalf("kind %d: %q", k, p.View())
		}
	}
	p := New(c, Info, "t", "b")
	p.SetSize(0, 0)
	if p.View() != "" {
		t.Fatal("zero width draws nothing")
	}
}
