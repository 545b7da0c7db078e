package jsonview

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

const event = `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"학생01","arn":"arn:aws:iam::123456789012:user/학생01"},
"eventTime":"2024-05-01T12:00:00Z","eventSource":"iam.amazonaws.com","eventName":"CreateUser","readOnly":false,
"requestParameters":{"userName":"관리자-이서연","tags":[]},"responseElements":null,"resources":[{}],"managementEvent":true,"recipientAccountId":"123456789012","sizes":[1,2.5,-3e2]}`

func TestParseFormats(t *testing.T) {
	d := Parse([]byte(`{"a":[1,{"b":null}],"c":{},"d":"x\"y:"}`))
	var got []string
	for i := 0; i < d.Lines(); i++ {
		text, _ := d.line(i)
		got = append(got, text)
	}
	want := []string{`{`, `  "a": [`, `    1,`, `    {`, `      "b": null`, `    }`, `  ],`, `  "c": {},`, `  "d": "x\"y:"`, `}`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d.Err != nil {
		t.Fatal(d.Err)
	}
	// kinds of line 8: indent, key, ":", " ", string
	_, spans := d.line(8)
	var kinds []kind
	for _, s := range spans {
		kinds = append(kinds, s.kind)
	}
	if fmt.Sprint(kinds) != fmt.Sprint([]kind{kSpace, kKey, kPunct, kSpace, kString}) {
		t.Fatalf("kinds %v", kinds)
	}
}

func TestInvalidJSON(t *testing.T) {
	d := Parse([]byte("{\n  \"a\": 1,\n  \"b\" 2\n}"))
	if d.Err == nil || d.ErrLine != 3 || d.ErrColumn != 7 {
		t.Fatalf("err %v at %d:%d", d.Err, d.ErrLine, d.ErrColumn)
	}
	if d.Lines() != 4 {
		t.Fatalf("raw text keeps its lines: %d", d.Lines())
	}
	d = Parse([]byte("not json \x1b[31m"))
	text, _ := d.line(0)
	if strings.Contains(text, "\x1b") {
		t.Fatal("raw text must not carry escape sequences to the terminal")
	}
	if e := Parse([]byte("  \n")); e.Err != nil || !e.Empty() {
		t.Fatal("white space is an empty document, not an error")
	}
}

func TestScrollKeys(t *testing.T) {
	c := uitest.Common(locales.English)
	m := New(c)
	m.SetSize(40, 6) // 5 lines + footer
	m.SetContent([]byte(event))
	n := m.Document().Lines()
	cases := []struct {
		keys   []tea.KeyMsg
		y, x   int
		prcent int
	}{
		{nil, 0, 0, 0},
		{[]tea.KeyMsg{press("j"), press("down")}, 2, 0, 2 * 100 / (n - 5)},
		{[]tea.KeyMsg{press("j"), press("k"), press("up")}, 0, 0, 0},
		{[]tea.KeyMsg{press("f")}, 5, 0, 5 * 100 / (n - 5)},
		{[]tea.KeyMsg{press("d")}, 2, 0, 2 * 100 / (n - 5)},
		{[]tea.KeyMsg{press("G")}, n - 5, 0, 100},
		{[]tea.KeyMsg{press("G"), press("g")}, 0, 0, 0},
		{[]tea.KeyMsg{{Type: tea.KeyEnd}, press("b")}, n - 10, 0, (n - 10) * 100 / (n - 5)},
		{[]tea.KeyMsg{press("l")}, 0, 8, 0},
		{[]tea.KeyMsg{press("l"), press("h"), press("h")}, 0, 0, 0},
		{[]tea.KeyMsg{press("l"), press("l"), press("l"), press("l"), press("l"), press("l"), press("l"), press("l")}, 0, m.doc.maxWidth - 40, 0},
	}
	for i, tc := range cases {
		got := m
		for _, k := range tc.keys {
			got, _ = got.Update(k)
		}
		if got.YOffset() != tc.y || got.XOffset() != tc.x || got.ScrollPercent() != tc.prcent {
			t.Errorf("case %d: y %d x %d %d%%, want %d %d %d%%", i, got.YOffset(), got.XOffset(), got.ScrollPercent(), tc.y, tc.x, tc.prcent)
		}
	}
}

func press(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func TestViewGolden(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			c := uitest.Common(lang)
			states := map[string]func() Model{
				"top": func() Model {
					m := New(c)
					m.SetSize(50, 12)
					m.SetContent([]byte(event))
					return m
				},
				"numbers_scrolled_right": func() Model {
					m := New(c)
					m.SetSize(31, 10)
					m.SetLineNumbers(true)
					m.SetContent([]byte(event))
					m, _ = m.Update(press("j"))
					m, _ = m.Update(press("j"))
					m, _ = m.Update(press("l"))
					m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRight}) // the right edge cuts 학 on line 6
					return m
				},
				"wide_rune_cut_at_left": func() Model {
					m := New(c)
					m.SetSize(20, 6)
					m.SetContent([]byte(event))
					m, _ = m.Update(press("j"))
					m.xoff = 18 // line 5's 학 spans cells 17-18
					return m
				},
				"bottom": func() Model {
					m := New(c)
					m.SetSize(50, 8)
					m.SetContent([]byte(event))
					m, _ = m.Update(press("G"))
					return m
				},
				"invalid": func() Model {
					m := New(c)
					m.SetSize(50, 6)
					m.SetContent([]byte("{\n  \"eventName\": \"학생\"\n  \"x\": 1\n}"))
					return m
				},
				"empty": func() Model {
					m := New(c)
					m.SetSize(30, 3)
					return m
				},
			}
			for name, build := range states {
				t.Run(name, func(t *testing.T) {
					m := build()
					view := m.View()
					lines := strings.Split(view, "\n")
					if len(lines) != m.height {
						t.Fatalf("%d lines, want %d", len(lines), m.height)
					}
					for _, l := range lines {
						if lipgloss.Width(l) != m.width {
							t.Fatalf("line %q is %d wide, want %d", l, lipgloss.Width(l), m.width)
						}
					}
					golden.RequireEqual(t, []byte(view))
				})
			}
		})
	}
}

// bigDocument is about size bytes of CloudTrail-like records.
func bigDocument(size int) []byte {
	var b strings.Builder
	b.WriteString(`{"Records":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"eventVersion":"1.08","eventID":"%08d","eventName":"GetObject","userIdentity":{"userName":"학생%d","arn":"arn:aws:iam::123456789012:user/학생%d"},"readOnly":true,"bytes":%d,"errorCode":null}`, i, i, i, i*17)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

func TestLargeDocument(t *testing.T) {
	raw := bigDocument(5 << 20)
	d := Parse(raw)
	if d.Err != nil {
		t.Fatal(d.Err)
	}
	c := uitest.Common(locales.English)
	m := New(c)
	m.SetSize(100, 30)
	m.SetDocument(d)
	m, _ = m.Update(press("G"))
	lines := strings.Split(m.View(), "\n")
	if len(lines) != 30 || strings.TrimSpace(lines[28]) != "}" {
		t.Fatalf("bottom of a %d-line document: %q", d.Lines(), lines[26:])
	}
}
