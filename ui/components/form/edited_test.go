package form

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

// TestEdited: only a key that changes a value counts; moving between fields and a
// value the screen sets itself do not.
func TestEdited(t *testing.T) {
	cases := []struct {
		name string
		keys []tea.KeyMsg
		want bool
	}{
		{"nothing", nil, false},
		{"tab and shift+tab", []tea.KeyMsg{{Type: tea.KeyTab}, {Type: tea.KeyShiftTab}}, false},
		{"backspace in an empty field", []tea.KeyMsg{{Type: tea.KeyBackspace}}, false},
		{"typing", []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("a")}}, true},
		{"typing then erasing", []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("a")}, {Type: tea.KeyBackspace}}, true},
		{"ticking a checkbox", []tea.KeyMsg{{Type: tea.KeyTab}, {Type: tea.KeySpace, Runes: []rune{' '}}}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := uitest.Common(locales.English)
			f := New(c, Text("name", TextOptions{Label: "Name"}), Checkbox("on", CheckboxOptions{Label: "On"}))
			f.Init()
			f.Field("name").(*TextField).SetValue("suggested") // set by the screen
			f.Field("name").(*TextField).SetValue("")
			for _, k := range tc.keys {
				f.Update(k)
			}
			if got := f.Edited(); got != tc.want {
				t.Fatalf("Edited() = %v, want %v", got, tc.want)
			}
		})
	}
}
