package logs

import (
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/cloudwatch/cwtest"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/nav"
)

// TestGoldenScreens pins the screens at 100×24 in both languages: the groups list,
// a group's streams, a stream's events with a filter pattern applied, and the
// create form showing a validation error. Run with -update to rewrite them.
func TestGoldenScreens(t *testing.T) {
	screens := map[string]func(t *testing.T, c *common.Common) nav.Screen{
		"groups": func(t *testing.T, c *common.Common) nav.Screen {
			g := NewGroups(c)
			open(t, g)
			return g
		},
		"streams": func(t *testing.T, c *common.Common) nav.Screen {
			s := NewStreams(c, appGroup)
			open(t, s)
			return s
		},
		"events_filter": func(t *testing.T, c *common.Common) nav.Screen {
			e := NewEvents(c, trailGroup, trailStream)
			open(t, e)
			cwtest.Press(t, e, "/", `{ $.eventName = "CreateUser" }`, "enter")
			return e
		},
		"create_error": func(t *testing.T, c *common.Common) nav.Screen {
			f := newCreateGroup(c)
			open(t, f)
			cwtest.Press(t, f, "lab events", "ctrl+s")
			return f
		},
	}
	for name, build := range screens {
		for _, lang := range []locales.Lang{locales.English, locales.Korean} {
			t.Run(name+"_"+string(lang), func(t *testing.T) {
				c, _ := seed(t, lang)
				s := build(t, c)
				view := s.View()
				for i, line := range splitLines(view) {
					if w := cellWidth(line); w > 100 {
						t.Errorf("line %d is %d cells wide", i, w)
					}
				}
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}
