package cells

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

func TestWidthAgreesWithLipgloss(t *testing.T) {
	for _, s := range []string{"", "abc", "가나다", "…─│▲▼", "a가…b", "\x1b[1mbold\x1b[0m", "tab\there"} {
		if Width(s) != lipgloss.Width(s) {
			t.Errorf("%q: Width %d, lipgloss %d", s, Width(s), lipgloss.Width(s))
		}
	}
}

func TestRunewidthConditionAgreesWithLipgloss(t *testing.T) {
	c := Condition()
	for _, r := range "a가…─│▲▼·–—•✓▸⠋한국어" {
		if c.RuneWidth(r) != lipgloss.Width(string(r)) {
			t.Errorf("%q: runewidth %d, lipgloss %d", r, c.RuneWidth(r), lipgloss.Width(string(r)))
		}
	}
}

func TestFit(t *testing.T) {
	cases := []struct {
		s     string
		w     int
		align lipgloss.Position
		want  string
	}{
		{"abc", 5, lipgloss.Left, "abc  "},
		{"abc", 5, lipgloss.Right, "  abc"},
		{"abc", 6, lipgloss.Center, " abc  "},
		{"abcdef", 4, lipgloss.Left, "abc…"},
		{"ab  def", 4, lipgloss.Left, "ab… "},
		{"가나다라", 5, lipgloss.Left, "가나…"},
		{"가나다라", 6, lipgloss.Left, "가나… "},
		{"…─…─", 3, lipgloss.Left, "…─…"},
		{"x", 0, lipgloss.Left, ""},
	}
	for _, c := range cases {
		got := Fit(c.s, c.w, c.align)
		if got != c.want || (c.w > 0 && Width(got) != c.w) {
			t.Errorf("Fit(%q, %d) = %q, want %q", c.s, c.w, got, c.want)
		}
	}
}

func TestWindow(t *testing.T) {
	cases := []struct {
		s       string
		from, w int
		want    string
	}{
		{"abcdef", 0, 3, "abc"},
		{"abcdef", 2, 3, "cde"},
		{"abc", 2, 3, "c  "},
		{"가나다", 1, 4, " 나 "},
		{"가나다", 2, 4, "나다"},
		{"a가b", 0, 2, "a "},
	}
	for _, c := range cases {
		if got := Window(c.s, c.from, c.w); got != c.want {
			t.Errorf("Window(%q, %d, %d) = %q, want %q", c.s, c.from, c.w, got, c.want)
		}
	}
}

func TestFitLinesAndSingleLine(t *testing.T) {
	if got := FitLines("ab\n가나다", 3, 3); got != "ab \n가…\n   " {
		t.Errorf("FitLines = %q", got)
	}
	if got := SingleLine("a\r\nb\tc\nd"); got != "a b c d" {
		t.Errorf("SingleLine = %q", got)
	}
	if got := SingleLine("키\x1b[31m\u009b"); got != "키\uFFFD[31m\uFFFD" {
		t.Errorf("SingleLine must defuse escapes: %q", got)
	}
	if s := "한국어 text"; SingleLine(s) != s {
		t.Error("clean text must pass unchanged")
	}
}

func TestOverlay(t *testing.T) {
	bg := "가나다라마바사아\n0123456789abcdef\n................"
	got := Overlay(bg, "[ok]\n[no]", 16, 3)
	want := "가나다[ok]바사아\n012345[no]abcdef\n................"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	got = Overlay(bg, "[ok]", 15, 3) // the box cuts 다 and 라 in half
	want = "가나다라마바사 \n01234[ok]9abcde\n..............."
	if got != want {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
	for _, l := range strings.Split(Overlay("가나다라마바사아", "[x]", 15, 1), "\n") {
		if Width(l) != 15 {
			t.Fatalf("line %q is %d wide", l, Width(l))
		}
	}
}

func TestWrap(t *testing.T) {
	got := Wrap("사용자에게 권한이 없습니다 arn:aws:iam::123456789012:user/student", 12)
	for _, l := range got {
		if Width(l) > 12 {
			t.Fatalf("line %q wider than 12", l)
		}
	}
	if len(got) < 4 {
		t.Fatalf("too few lines: %q", got)
	}
}
