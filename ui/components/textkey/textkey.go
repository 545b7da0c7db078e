// Package textkey feeds typed text to bubbles' text inputs safely. Bubble Tea delivers
// fast typing and pastes as one KeyMsg whose String() is the text itself, so the word
// "delete" in "permanently delete", or "home"/"end" in a prefix, matches a text input's
// Delete/Home/End binding and is lost. Splitting such messages into one rune each
// before the input sees them keeps every character.
package textkey

import (
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// Split returns msg as one message per rune when it carries typed text of more than
// one rune; any other message comes back as it is.
func Split(msg tea.KeyMsg) []tea.KeyMsg {
	if msg.Type != tea.KeyRunes || len(msg.Runes) < 2 {
		return []tea.KeyMsg{msg}
	}
	out := make([]tea.KeyMsg, len(msg.Runes))
	for i, r := range msg.Runes {
		out[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt, Paste: msg.Paste}
		if r == ' ' {
			out[i].Type = tea.KeySpace
		}
	}
	return out
}

// Update hands msg to in, one rune at a time when it is typed text.
func Update(in *textinput.Model, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		var cmd tea.Cmd
		*in, cmd = in.Update(msg)
		return cmd
	}
	var cmds []tea.Cmd
	for _, k := range Split(km) {
		var cmd tea.Cmd
		*in, cmd = in.Update(k)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}
