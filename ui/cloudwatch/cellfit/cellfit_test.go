package cellfit

import (
	"reflect"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

func TestWrapKeepsHyphenatedWords(t *testing.T) {
	got := Wrap("$ aws sns subscribe --topic-arn arn:aws:sns:ap-northeast-2:123456789012:Topic --notification-endpoint a@example.com", 40)
	want := []string{"$ aws sns subscribe --topic-arn", "arn:aws:sns:ap-northeast-2:123456789012:", "Topic --notification-endpoint", "a@example.com"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Wrap = %q, want %q", got, want)
	}
	for _, l := range Wrap("이 경보는 6시간 내 1개의 데이터 포인트에 대해 그래프 선이 임계값 선을 초과할 때 트리거됩니다.", 30) {
		if lipgloss.Width(l) > 30 {
			t.Errorf("line %q is wider than 30 cells", l)
		}
	}
	if got := Wrap("a\n\nb", 10); !reflect.DeepEqual(got, []string{"a", "", "b"}) {
		t.Errorf("paragraphs: %q", got)
	}
}

func TestFitAndLines(t *testing.T) {
	if got := Fit("경보 상태 트리거", 9); lipgloss.Width(got) != 9 {
		t.Errorf("Fit = %q (%d cells)", got, lipgloss.Width(got))
	}
	if got := Lines("a\nb\nc", 3, 2); got != "a  \nb  " {
		t.Errorf("Lines = %q", got)
	}
	lines, from := Window([]string{"1", "2", "3"}, 5, 2)
	if from != 1 || !reflect.DeepEqual(lines, []string{"2", "3"}) {
		t.Errorf("Window = %q from %d", lines, from)
	}
}
