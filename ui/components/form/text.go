package form

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/textkey"
)

// TextOptions describe a text or password field. Texts are translated by the caller.
type TextOptions struct {
	Label       string // "Alarm name"
	Description string // help under the label
	Constraint  string // "Up to 255 characters…", under the input
	Placeholder string
	Value       string // initial value
	Optional    bool   // adds "- optional" to the label
	MaxLength   int    // in runes; 0 = no limit
}

// TextField is a one-line text input (bubbles/textinput, restyled per session).
type TextField struct {
	fieldBase
	input textinput.Model
}

// Text returns a text field.
func Text(id string, o TextOptions) *TextField {
	f := &TextField{fieldBase: fieldBase{id: id, label: o.Label, description: o.Description,
		constraint: o.Constraint, optional: o.Optional}}
	f.input = textinput.New()
	f.input.Prompt = ""
	f.input.Placeholder = o.Placeholder
	f.input.CharLimit = o.MaxLength
	f.input.SetValue(o.Value)
	f.input.KeyMap.Paste.SetEnabled(false) // it would read the server's clipboard over SSH
	return f
}

// Password returns a text field that shows * for each character.
func Password(id string, o TextOptions) *TextField {
	f := Text(id, o)
	f.input.EchoMode = textinput.EchoPassword
	f.input.EchoCharacter = '*'
	return f
}

// SetLabels replaces the caller's texts, e.g. after a language change.
func (f *TextField) SetLabels(label, description, constraint, placeholder string) {
	f.label, f.description, f.constraint = label, description, constraint
	f.input.Placeholder = placeholder
}

// SetValue replaces the text.
func (f *TextField) SetValue(s string) { f.input.SetValue(s) }

// Value is the text typed.
func (f *TextField) Value() string { return f.input.Value() }

// attach restyles the input from the session: bubbles' defaults use the global
// renderer, wrong for an SSH session's terminal.
func (f *TextField) attach(c *common.Common) {
	f.c = c
	st := c.Styles.Form
	f.input.TextStyle = st.Input
	f.input.PlaceholderStyle = st.Placeholder
	f.input.CompletionStyle = st.Placeholder
	f.input.PromptStyle = st.Prompt
	f.input.Cursor.Style = st.Cursor
	f.input.Cursor.TextStyle = st.Input
}

func (f *TextField) focus(bool) tea.Cmd        { return f.input.Focus() }
func (f *TextField) blur()                     { f.input.Blur() }
func (f *TextField) move(bool) (bool, tea.Cmd) { return false, nil }
func (f *TextField) value() any                { return f.input.Value() }

func (f *TextField) update(msg tea.Msg, _ *KeyMap) (bool, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEnter {
		return false, nil
	}
	var cmd tea.Cmd
	cmd = textkey.Update(&f.input, msg)
	return true, cmd
}

func (f *TextField) control(width int, focused bool) (string, int) {
	return inputLine(f.c, f.input, width, focused), 0
}

func (f *TextField) help(*KeyMap) []key.Binding { return nil }

// inputLine draws a text input as "> value" exactly width cells wide.
func inputLine(c *common.Common, in textinput.Model, width int, focused bool) string {
	st := c.Styles.Form
	prompt := st.Prompt.Render("> ")
	if focused {
		prompt = st.PromptFocused.Render("> ")
	}
	in.Width = max(width-3, 1) // prompt and the cursor cell
	return cells.Fit(prompt+in.View(), width, lipgloss.Left)
}
