package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/cells"
)

// Field is one control of a form: Text, Password, Checkbox, Radio, Select or Tags.
// The interface is sealed: the form drives focus, keys and layout through the
// unexported methods, and callers use the constructors and the typed setters.
type Field interface {
	// ID names the field in Values and SetErrors.
	ID() string
	// SetError shows msg (already translated) under the control; "" clears it.
	SetError(msg string)
	// Error is the message shown.
	Error() string

	base() *fieldBase
	attach(c *common.Common)
	focus(last bool) tea.Cmd // focus the first inner stop, or the last when arriving backwards
	blur()
	move(back bool) (bool, tea.Cmd) // focus the next inner stop; false when leaving the field
	// update handles a message while focused; handled is false for keys it leaves to
	// the form (enter in a text input moves to the next field).
	update(msg tea.Msg, k *KeyMap) (handled bool, cmd tea.Cmd)
	// control draws the control itself at width; focusLine is the line of the
	// focused inner stop, for scrolling.
	control(width int, focused bool) (view string, focusLine int)
	value() any
	help(k *KeyMap) []key.Binding
	hint() string // the constraint line under the control and its error
}

// fieldBase holds what every field shows around its control.
type fieldBase struct {
	c           *common.Common
	id          string
	label       string
	description string
	constraint  string
	optional    bool
	err         string
}

// ID implements Field.
func (b *fieldBase) ID() string { return b.id }

// SetError implements Field.
func (b *fieldBase) SetError(msg string) { b.err = msg }

// Error implements Field.
func (b *fieldBase) Error() string    { return b.err }
func (b *fieldBase) base() *fieldBase { return b }
func (b *fieldBase) hint() string     { return b.constraint }

// render lays a field out: label ("Name - optional"), description, the control,
// the error, the constraint. focusLine is moved past the lines above the control.
func render(f Field, width int, focused bool) (string, int) {
	b := f.base()
	st := b.c.Styles.Form
	var lines []string
	if b.label != "" {
		ls := st.Label
		if focused {
			ls = st.LabelFocused
		}
		label := ls.Render(b.label)
		if b.optional {
			label += st.Optional.Render(" - " + b.c.T("FormOptional"))
		}
		lines = append(lines, label)
	}
	lines = append(lines, wrapStyled(b.description, width, st.Description)...)
	ctl, focusLine := f.control(width, focused)
	focusLine += len(lines)
	lines = append(lines, ctl)
	if b.err != "" {
		lines = append(lines, wrapStyled("✕ "+b.err, width, st.Error)...)
	}
	lines = append(lines, wrapStyled(f.hint(), width, st.Constraint)...)
	return cells.FitLines(strings.Join(lines, "\n"), width, lipgloss.Height(strings.Join(lines, "\n"))), focusLine
}

// wrapStyled wraps text to width and styles each line; "" gives no lines.
func wrapStyled(text string, width int, st lipgloss.Style) []string {
	if text == "" {
		return nil
	}
	var out []string
	for _, l := range cells.Wrap(text, width) {
		out = append(out, st.Render(l))
	}
	return out
}

// Values are a form's values by field ID: string for Text, Password, Radio and
// Select, bool for Checkbox, []Tag for Tags.
type Values map[string]any

// String is the value of a text, password, radio or select field ("" if none).
func (v Values) String(id string) string { s, _ := v[id].(string); return s }

// Bool is the value of a checkbox.
func (v Values) Bool(id string) bool { b, _ := v[id].(bool); return b }

// Tags is the value of a tags editor, rows with an empty key left out.
func (v Values) Tags(id string) []Tag { t, _ := v[id].([]Tag); return t }
