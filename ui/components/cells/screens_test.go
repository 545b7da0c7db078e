package cells

import (
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

func TestWrapWordsKeepsHyphenatedWords(t *testing.T) {
	got := WrapWords("$ aws sns subscribe --topic-arn arn:aws:sns:ap-northeast-2:123456789012:Topic --notification-endpoint a@example.com", 40)
	want := []string{"$ aws sns subscribe --topic-arn", "arn:aws:sns:ap-northeast-2:123456789012:", "Topic --notification-endpoint", "a@example.com"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("WrapWords = %q, want %q", got, want)
	}
	for _, l := range WrapWords("이 경보는 6시간 내 1개의 데이터 포인트에 대해 그래프 선이 임계값 선을 초과할 때 트리거됩니다.", 30) {
		if lipgloss.Width(l) > 30 {
			t.Errorf("line %q is wider than 30 cells", l)
		}
	}
	if got := WrapWords("a\n\nb", 10); !reflect.DeepEqual(got, []string{"a", "", "b"}) {
		t.Errorf("paragraphs: %q", got)
	}
	if got := WrapWords("abc", 0); got != nil {
		t.Errorf("no width: %q", got)
	}
}

func TestWrapAt(t *testing.T) {
	// ansi.Wrap breaks at a hyphen; Wrap then drops the spaces at the line ends, WrapAt keeps them.
	got := WrapAt("aws iam create-group --group-name x", 12, "")
	want := []string{"aws iam", "create-group ", "--group-name", "x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("WrapAt = %q, want %q", got, want)
	}
	if got := Wrap("aws iam create-group --group-name x", 12); len(got) != 4 || got[1] != "create-group" {
		t.Errorf("Wrap must trim line ends: %q", got)
	}
	// "/" as a breakpoint keeps an S3 key's folders whole.
	got = WrapAt("s3://bucket/folder/object.txt", 16, "/")
	want = []string{"s3://bucket/", "folder/", "object.txt"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("WrapAt / = %q, want %q", got, want)
	}
}

func TestScroll(t *testing.T) {
	lines, from := Scroll([]string{"1", "2", "3"}, 5, 2)
	if from != 1 || !reflect.DeepEqual(lines, []string{"2", "3"}) {
		t.Errorf("Scroll = %q from %d", lines, from)
	}
	lines, from = Scroll([]string{"1"}, -3, 3)
	if from != 0 || !reflect.DeepEqual(lines, []string{"1", "", ""}) {
		t.Errorf("Scroll short = %q from %d", lines, from)
	}
}

func TestClipKeepsSpacesBeforeTheEllipsis(t *testing.T) {
	if got := Clip("ab  def", 4); got != "ab …" {
		t.Errorf("Clip = %q, want %q", got, "ab …")
	}
	if got := Fit("ab  def", 4, lipgloss.Left); got != "ab… " {
		t.Errorf("Fit = %q, want %q", got, "ab… ")
	}
	if got := Clip("가나다라", 6); got != "가나… " || Width(got) != 6 {
		t.Errorf("Clip Korean = %q", got)
	}
	if got := Clip("x", 0); got != "" {
		t.Errorf("Clip zero width = %q", got)
	}
	if got := ClipLines("ab\n가나다\nc", 3, 2); got != "ab \n가…" {
		t.Errorf("ClipLines = %q", got)
	}
	if got := ClipLines("a", 2, -1); got != "" {
		t.Errorf("ClipLines negative height = %q", got)
	}
}

func TestLinesUsesTheGivenFit(t *testing.T) {
	upper := func(s string, w int) string { return Pad(strings.ToUpper(s), w, lipgloss.Left) }
	if got := Lines("a\nb\nc", 2, 2, upper); got != "A \nB " {
		t.Errorf("Lines = %q", got)
	}
	if got := Lines("a", 2, 3, upper); got != "A \n  \n  " {
		t.Errorf("Lines pads with fit(\"\") = %q", got)
	}
}

func TestFitBlockMeasuresTheWidestLine(t *testing.T) {
	block := "Address > x\n✕ Enter a valid email address"
	if got := FitBlock(block, 40); got != block+strings.Repeat(" ", 40-lipgloss.Width(block)) {
		t.Errorf("a block that fits must stay whole: %q", got)
	}
	if got := FitBlock("abcdef", 4); got != "abc…" {
		t.Errorf("FitBlock = %q", got)
	}
	if got := FitBlock("abc", 0); got != "" {
		t.Errorf("FitBlock zero width = %q", got)
	}
}
