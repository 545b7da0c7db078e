package form

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/uitest"
)

// labels are the caller's texts in each language.
var labels = map[locales.Lang]map[string]string{
	locales.English: {
		"name": "Alarm name", "name.constraint": "Up to 255 characters (a-z, A-Z, 0-9, - and _).",
		"desc": "Alarm description", "desc.placeholder": "Description of the alarm",
		"password": "Console password", "enabled": "Alarm state trigger", "enabled.text": "Enable alarm actions",
		"cmp": "Whenever EstimatedCharges is…", "gt": "Greater", "gt.desc": "> threshold", "lt": "Lower", "lt.desc": "< threshold",
		"period": "Period", "1m": "1 minute", "5m": "5 minutes", "6h": "6 hours", "1d": "1 day",
		"tags": "Tags", "tags.desc": "A tag is a label that you assign to an AWS resource.",
	},
	locales.Korean: {
		"name": "경보 이름", "name.constraint": "최대 255자(a-z, A-Z, 0-9, - 및 _)입니다.",
		"desc": "경보 설명", "desc.placeholder": "경보에 대한 설명",
		"password": "콘솔 암호", "enabled": "경보 상태 트리거", "enabled.text": "경보 작업 활성화",
		"cmp": "EstimatedCharges가 다음과 같을 때…", "gt": "보다 큼", "gt.desc": "> 임계값", "lt": "보다 작음", "lt.desc": "< 임계값",
		"period": "기간", "1m": "1분", "5m": "5분", "6h": "6시간", "1d": "1일",
		"tags": "태그", "tags.desc": "태그는 AWS 리소스에 할당하는 레이블입니다.",
	},
}

func newForm(c *common.Common, lang locales.Lang) *Form {
	l := labels[lang]
	f := New(c,
		Text("name", TextOptions{Label: l["name"], Constraint: l["name.constraint"], MaxLength: 12}),
		Text("desc", TextOptions{Label: l["desc"], Placeholder: l["desc.placeholder"], Optional: true}),
		Password("password", TextOptions{Label: l["password"]}),
		Checkbox("enabled", CheckboxOptions{Label: l["enabled"], Text: l["enabled.text"], Checked: true}),
		Radio("cmp", ChoiceOptions{Label: l["cmp"], Options: []Option{
			{Value: "GreaterThanThreshold", Label: l["gt"], Description: l["gt.desc"]},
			{Value: "LessThanThreshold", Label: l["lt"], Description: l["lt.desc"]},
		}}),
		Select("period", ChoiceOptions{Label: l["period"], Value: "21600", Rows: 3, Options: []Option{
			{Value: "60", Label: l["1m"]}, {Value: "300", Label: l["5m"]}, {Value: "21600", Label: l["6h"]}, {Value: "86400", Label: l["1d"]},
		}}),
		Tags("tags", TagsOptions{Label: l["tags"], Description: l["tags.desc"], Max: 3, Tags: []Tag{{Key: "lab", Value: "1"}}}),
	)
	f.SetSize(60, 60)
	f.Init()
	return f
}

func k(name string) tea.KeyMsg {
	switch name {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

func feed(f *Form, keys ...string) {
	for _, name := range keys {
		f.Update(k(name))
	}
}

func typeText(f *Form, s string) {
	for _, r := range s {
		f.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// stop names the focused field and, in the tags editor, its inner stop.
func stop(f *Form) string {
	if t, ok := f.fields[f.focus].(*TagsField); ok {
		return fmt.Sprintf("tags:%d", t.stop)
	}
	return f.Focused()
}

func TestFocusOrder(t *testing.T) {
	c := uitest.Common(locales.English)
	f := newForm(c, locales.English)
	var got []string
	for i := 0; i < 10; i++ {
		got = append(got, stop(f))
		feed(f, "tab")
	}
	got = append(got, stop(f))
	want := "name desc password enabled cmp period tags:0 tags:1 tags:2 tags:3 name"
	if strings.Join(got, " ") != want {
		t.Fatalf("tab order\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	got = nil
	for i := 0; i < 6; i++ {
		feed(f, "shift+tab")
		got = append(got, stop(f))
	}
	if want := "tags:3 tags:2 tags:1 tags:0 period cmp"; strings.Join(got, " ") != want {
		t.Fatalf("shift+tab order\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestEditing(t *testing.T) {
	c := uitest.Common(locales.English)
	f := newForm(c, locales.English)
	typeText(f, "BillingAlarm-too-long") // MaxLength 12
	feed(f, "enter")                     // enter moves on from a text input
	typeText(f, "청구 경보")
	feed(f, "tab")
	typeText(f, "s3cret!")
	feed(f, "tab", "space", "tab", "down", "tab", "down", "down", "down", "up", "tab")
	// tags: edit the first value, press Add, type a new row, remove the first row
	feed(f, "tab", "backspace")
	typeText(f, "2")
	feed(f, "tab", "tab", "enter") // Add new tag → focus on the new key
	typeText(f, "owner")
	feed(f, "tab")
	typeText(f, "학생")
	feed(f, "shift+tab", "shift+tab", "space") // Remove on row 0
	v := f.Values()
	checks := map[string]any{
		"name": "BillingAlarm", "desc": "청구 경보", "password": "s3cret!", "enabled": false,
		"cmp": "LessThanThreshold", "period": "21600",
		"tags": []Tag{{Key: "owner", Value: "학생"}},
	}
	for id, want := range checks {
		if fmt.Sprint(v[id]) != fmt.Sprint(want) {
			t.Errorf("%s = %#v, want %#v", id, v[id], want)
		}
	}
	if v.String("name") != "BillingAlarm" || v.Bool("enabled") || len(v.Tags("tags")) != 1 {
		t.Error("typed accessors disagree")
	}
	if stop(f) != "tags:0" {
		t.Errorf("after Remove the focus is %s, want the next row's key", stop(f))
	}
}

func TestTagsLimit(t *testing.T) {
	c := uitest.Common(locales.English)
	tags := Tags("tags", TagsOptions{Max: 2})
	f := New(c, tags)
	f.SetSize(60, 20)
	f.Init()
	feed(f, "enter") // Add (the only stop of an empty editor)
	feed(f, "tab", "tab", "tab", "enter")
	if len(tags.rows) != 2 {
		t.Fatalf("%d rows", len(tags.rows))
	}
	if tags.lastStop() != 5 {
		t.Fatalf("at the limit the add button goes: last stop %d", tags.lastStop())
	}
	if strings.Contains(f.View(), "Add new tag") {
		t.Fatal("at the limit Add new tag is not shown")
	}
	if len(f.Values().Tags("tags")) != 0 {
		t.Fatal("empty rows are not values")
	}
}

func TestSetErrorsFocusesFirstError(t *testing.T) {
	c := uitest.Common(locales.English)
	f := newForm(c, locales.English)
	feed(f, "tab", "tab", "tab")
	f.SetErrors(map[string]string{"name": c.T("ValidateRequired"), "period": "bad"})
	if f.Focused() != "name" {
		t.Fatalf("focus on %s", f.Focused())
	}
	if f.Field("name").Error() == "" || f.Field("desc").Error() != "" {
		t.Fatal("errors not set")
	}
	f.SetErrors(nil)
	if f.Field("name").Error() != "" {
		t.Fatal("errors not cleared")
	}
}

func TestScrollsToFocus(t *testing.T) {
	c := uitest.Common(locales.English)
	f := newForm(c, locales.English)
	f.SetSize(60, 8)
	for i := 0; i < 6; i++ {
		feed(f, "tab")
	}
	view := f.View()
	if !strings.Contains(view, "Tags") || !strings.Contains(view, "lab") {
		t.Fatalf("the focused tags editor is not on screen:\n%s", view)
	}
	if got := len(strings.Split(view, "\n")); got != 8 {
		t.Fatalf("%d lines", got)
	}
}

func TestHelpAndLanguage(t *testing.T) {
	c := uitest.Common(locales.English)
	f := newForm(c, locales.English)
	feed(f, "tab", "tab", "tab") // checkbox
	if h := f.ShortHelp(); len(h) != 3 || h[2].Help().Key != "space" {
		t.Fatalf("checkbox help: %v", h)
	}
	f.Update(uitest.SetLang(c, locales.Korean))
	if got := f.ShortHelp()[0].Help().Desc; got != "다음 필드" {
		t.Fatalf("help not relocalized: %q", got)
	}
}

func TestViewGolden(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			c := uitest.Common(lang)
			f := newForm(c, lang)
			typeText(f, "청구-경보")
			f.SetErrors(map[string]string{"password": c.T("ValidateRequired"),
				"tags": c.Tf("ValidateTagKeyLength", map[string]any{"Max": 128})})
			f.FocusField("period")
			f.SetSize(56, 48)
			check(t, f.View(), 56)
		})
	}
}

func check(t *testing.T, view string, width int) {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		if lipgloss.Width(l) != width {
			t.Fatalf("line %q is %d wide, want %d", l, lipgloss.Width(l), width)
		}
	}
	golden.RequireEqual(t, []byte(view))
}
