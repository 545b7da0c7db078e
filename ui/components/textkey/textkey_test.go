package textkey

import (
	"testing"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

func TestTypedWordsThatNameKeysAreKept(t *testing.T) {
	for _, word := range []string{"permanently delete", "home", "end", "영구 삭제"} {
		in := textinput.New()
		in.Focus()
		// What Bubble Tea delivers when the text arrives in one read.
		msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(word)}
		if word == "home" || word == "end" || word == "permanently delete" {
			// Without splitting, the input would take these as its Home/End/Delete keys.
			raw := textinput.New()
			raw.Focus()
			raw, _ = raw.Update(msg)
			if raw.Value() == word {
				t.Logf("%q survives even unsplit (bubbles may have changed)", word)
			}
		}
		Update(&in, msg)
		if in.Value() != word {
			t.Errorf("typed %q, input holds %q", word, in.Value())
		}
	}
}

func TestOtherMessagesPassThrough(t *testing.T) {
	in := textinput.New()
	in.Focus()
	in.SetValue("ab")
	Update(&in, tea.KeyMsg{Type: tea.KeyBackspace})
	if in.Value() != "a" {
		t.Fatalf("backspace: %q", in.Value())
	}
	if got := Split(tea.KeyMsg{Type: tea.KeyEnter}); len(got) != 1 || got[0].Type != tea.KeyEnter {
		t.Fatalf("Split(enter) = %v", got)
	}
}
