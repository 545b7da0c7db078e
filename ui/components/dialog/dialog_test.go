package dialog

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/uitest"
)

// press feeds keys and returns the answer the last key produced, if any. Commands
// are run with a short deadline: the input's cursor-blink commands sleep, answers
// return at once.
func press(m Model, keys ...tea.KeyMsg) (Model, tea.Msg) {
	var cmd tea.Cmd
	for _, k := range keys {
		m, cmd = m.Update(k)
	}
	return m, answer(cmd)
}

func answer(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		switch msg.(type) {
		case ConfirmedMsg, CanceledMsg:
			return msg
		}
	case <-time.After(50 * time.Millisecond):
	}
	return nil
}

var (
	enter = tea.KeyMsg{Type: tea.KeyEnter}
	esc   = tea.KeyMsg{Type: tea.KeyEsc}
)

func runes(s string) []tea.KeyMsg {
	var out []tea.KeyMsg
	for _, r := range s {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

func TestAnswers(t *testing.T) {
	c := uitest.Common(locales.English)
	plain := New(c, Options{Tag: "stop-logging", Title: "Stop logging?"})
	typed := New(c, Options{Tag: 7, Title: "Delete trail?", ConfirmText: "management-events", Danger: true})
	cases := []struct {
		name string
		m    Model
		keys []tea.KeyMsg
		want tea.Msg
	}{
		{"enter confirms", plain, []tea.KeyMsg{enter}, ConfirmedMsg{Tag: "stop-logging"}},
		{"y confirms", plain, runes("y"), ConfirmedMsg{Tag: "stop-logging"}},
		{"esc cancels", plain, []tea.KeyMsg{esc}, CanceledMsg{Tag: "stop-logging"}},
		{"n cancels", plain, runes("n"), CanceledMsg{Tag: "stop-logging"}},
		{"other keys do nothing", plain, runes("x"), nil},
		{"enter needs the text", typed, []tea.KeyMsg{enter}, nil},
		{"wrong text", typed, append(runes("management-event"), enter), nil},
		{"y is text", typed, runes("y"), nil},
		{"right text", typed, append(runes("management-events"), enter), ConfirmedMsg{Tag: 7}},
		{"esc cancels with input", typed, append(runes("man"), esc), CanceledMsg{Tag: 7}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, got := press(tc.m, tc.keys...)
			if got != tc.want {
				t.Fatalf("got %#v, want %#v", got, tc.want)
			}
		})
	}
}

func TestHelpFollowsStateAndLanguage(t *testing.T) {
	c := uitest.Common(locales.English)
	m := New(c, Options{ConfirmText: "abc"})
	if m.ShortHelp()[0].Enabled() {
		t.Fatal("confirm must be disabled until the text is typed")
	}
	m, _ = press(m, runes("abc")...)
	if !m.ShortHelp()[0].Enabled() || !m.CanConfirm() {
		t.Fatal("confirm must be enabled once typed")
	}
	m, _ = m.Update(uitest.SetLang(c, locales.Korean))
	if got := m.ShortHelp()[1].Help().Desc; got != "취소" {
		t.Fatalf("help not relocalized: %q", got)
	}
	if !m.CanConfirm() {
		t.Fatal("language change must keep what was typed")
	}
}

func TestViewGolden(t *testing.T) {
	texts := map[locales.Lang]Options{
		locales.English: {Title: "Delete trail management-events?",
			Body:         "Deleting a trail stops delivery of its log files to the S3 bucket. Log files already delivered are not deleted.",
			ConfirmLabel: "Delete", Danger: true, ConfirmText: "management-events"},
		locales.Korean: {Title: "management-events 추적을 삭제하시겠습니까?",
			Body:         "추적을 삭제하면 S3 버킷으로의 로그 파일 전송이 중지됩니다. 이미 전송된 로그 파일은 삭제되지 않습니다.",
			ConfirmLabel: "삭제", Danger: true, ConfirmText: "management-events"},
	}
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			c := uitest.Common(lang)
			m := New(c, texts[lang])
			m.SetSize(70, 18)
			t.Run("empty", func(t *testing.T) { check(t, c, m.View(), 60) })
			typed, _ := press(m, runes("management-events")...)
			t.Run("typed", func(t *testing.T) { check(t, c, typed.View(), 60) })
			plain := New(c, Options{Title: texts[lang].Title, Width: 40})
			plain.SetSize(70, 18)
			t.Run("plain", func(t *testing.T) { check(t, c, plain.View(), 40) })
			bg := strings.Repeat(strings.Repeat("가나다 abc ", 7)+"\n", 18)
			t.Run("overlay", func(t *testing.T) { check(t, c, plain.Overlay(bg), 70) })
		})
	}
}

func check(t *testing.T, _ *common.Common, view string, width int) {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		if lipgloss.Width(l) != width {
			t.Fatalf("line %q is %d wide, want %d", l, lipgloss.Width(l), width)
		}
	}
	golden.RequireEqual(t, []byte(view))
}
