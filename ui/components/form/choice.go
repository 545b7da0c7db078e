package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/cells"
)

// CheckboxOptions describe a checkbox. Texts are translated by the caller.
type CheckboxOptions struct {
	Label       string // the field's label above the box; may be ""
	Text        string // beside the box: "Enable alarm actions"
	Description string
	Checked     bool
}

// CheckboxField is a single on/off choice.
type CheckboxField struct {
	fieldBase
	text    string
	checked bool
}

// Checkbox returns a checkbox field.
func Checkbox(id string, o CheckboxOptions) *CheckboxField {
	return &CheckboxField{fieldBase: fieldBase{id: id, label: o.Label, description: o.Description}, text: o.Text, checked: o.Checked}
}

// SetLabels replaces the caller's texts.
func (f *CheckboxField) SetLabels(label, text, description string) {
	f.label, f.text, f.description = label, text, description
}

// Checked reports the box's state.
func (f *CheckboxField) Checked() bool { return f.checked }

// SetChecked sets the box's state.
func (f *CheckboxField) SetChecked(on bool) { f.checked = on }

func (f *CheckboxField) attach(c *common.Common)   { f.c = c }
func (f *CheckboxField) focus(bool) tea.Cmd        { return nil }
func (f *CheckboxField) blur()                     {}
func (f *CheckboxField) move(bool) (bool, tea.Cmd) { return false, nil }
func (f *CheckboxField) value() any                { return f.checked }

func (f *CheckboxField) update(msg tea.Msg, k *KeyMap) (bool, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && key.Matches(km, k.Toggle) {
		f.checked = !f.checked
		return true, nil
	}
	return false, nil
}

func (f *CheckboxField) control(width int, focused bool) (string, int) {
	st := f.c.Styles.Form
	mark, ms, ts := "[ ]", st.Control, st.Option
	if f.checked {
		mark = "[x]"
	}
	if focused {
		ms, ts = st.ControlFocused, st.OptionFocused
	}
	return cells.Fit(ms.Render(mark)+" "+ts.Render(f.text), width, lipgloss.Left), 0
}

func (f *CheckboxField) help(k *KeyMap) []key.Binding { return []key.Binding{k.Toggle} }

// Option is one choice of a radio group or select. Label and Description are
// translated by the caller; Value is what Values reports.
type Option struct {
	Value       string
	Label       string
	Description string
}

// ChoiceOptions describe a radio group or a select.
type ChoiceOptions struct {
	Label       string
	Description string
	Constraint  string
	Options     []Option
	Value       string // the chosen option's Value; "" chooses the first
	Optional    bool
	Rows        int // select only: options listed at once while focused; 0 = 5
}

// ChoiceField is one choice among options: a radio group shows every option with its
// description; a select shows the chosen option and lists the others while focused.
// The arrow keys choose, as in a browser.
type ChoiceField struct {
	fieldBase
	options []Option
	chosen  int
	list    bool // a select rather than a radio group
	rows    int
	top     int // first option listed by a focused select
}

// Radio returns a radio group.
func Radio(id string, o ChoiceOptions) *ChoiceField { return newChoice(id, o, false) }

// Select returns a select.
func Select(id string, o ChoiceOptions) *ChoiceField { return newChoice(id, o, true) }

func newChoice(id string, o ChoiceOptions, list bool) *ChoiceField {
	f := &ChoiceField{fieldBase: fieldBase{id: id, label: o.Label, description: o.Description,
		constraint: o.Constraint, optional: o.Optional}, list: list, rows: o.Rows}
	if f.rows <= 0 {
		f.rows = 5
	}
	f.SetOptions(o.Options)
	f.SetValue(o.Value)
	return f
}

// SetLabels replaces the caller's texts.
func (f *ChoiceField) SetLabels(label, description, constraint string) {
	f.label, f.description, f.constraint = label, description, constraint
}

// SetOptions replaces the options (e.g. retranslated), keeping the chosen Value when
// it is still offered.
func (f *ChoiceField) SetOptions(opts []Option) {
	v := f.Value()
	f.options = append([]Option(nil), opts...)
	f.chosen = 0
	f.SetValue(v)
}

// SetValue chooses the option with Value v; an unknown v leaves the choice as it is.
func (f *ChoiceField) SetValue(v string) {
	for i, o := range f.options {
		if o.Value == v {
			f.chosen = i
		}
	}
}

// Value is the chosen option's Value.
func (f *ChoiceField) Value() string {
	if f.chosen < len(f.options) {
		return f.options[f.chosen].Value
	}
	return ""
}

func (f *ChoiceField) attach(c *common.Common)   { f.c = c }
func (f *ChoiceField) focus(bool) tea.Cmd        { return nil }
func (f *ChoiceField) blur()                     {}
func (f *ChoiceField) move(bool) (bool, tea.Cmd) { return false, nil }
func (f *ChoiceField) value() any                { return f.Value() }

func (f *ChoiceField) update(msg tea.Msg, k *KeyMap) (bool, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || len(f.options) == 0 {
		return false, nil
	}
	switch {
	case key.Matches(km, k.Up):
		f.chosen = max(f.chosen-1, 0)
	case key.Matches(km, k.Down):
		f.chosen = min(f.chosen+1, len(f.options)-1)
	default:
		return false, nil
	}
	if f.chosen < f.top {
		f.top = f.chosen
	}
	if f.chosen >= f.top+f.rows {
		f.top = f.chosen - f.rows + 1
	}
	return true, nil
}

func (f *ChoiceField) control(width int, focused bool) (string, int) {
	if f.list {
		return f.selectView(width, focused)
	}
	st := f.c.Styles.Form
	var lines []string
	focusLine := 0
	for i, o := range f.options {
		mark, ms, ls := "( )", st.Control, st.Option
		if i == f.chosen {
			mark = "(*)"
			if focused {
				ms, ls = st.ControlFocused, st.OptionFocused
				focusLine = len(lines)
			}
		}
		lines = append(lines, cells.Fit(ms.Render(mark)+" "+ls.Render(o.Label), width, lipgloss.Left))
		for _, d := range cells.Wrap(o.Description, max(width-4, 1)) {
			lines = append(lines, cells.Fit("    "+st.OptionDesc.Render(d), width, lipgloss.Left))
		}
	}
	return strings.Join(lines, "\n"), focusLine
}

// selectView is the chosen option in a box-like line; while focused, the options
// below it, the chosen one marked.
func (f *ChoiceField) selectView(width int, focused bool) (string, int) {
	st := f.c.Styles.Form
	label := ""
	if f.chosen < len(f.options) {
		label = f.options[f.chosen].Label
	}
	ms := st.Control
	if focused {
		ms = st.ControlFocused
	}
	inner := max(width-6, 1)
	head := ms.Render("[ ") + st.Option.Render(cells.Fit(label, inner, lipgloss.Left)) + ms.Render(" ▼]")
	if !focused {
		return cells.Fit(head, width, lipgloss.Left), 0
	}
	lines := []string{cells.Fit(head, width, lipgloss.Left)}
	focusLine := 0
	for i := f.top; i < len(f.options) && i < f.top+f.rows; i++ {
		o := f.options[i]
		if i == f.chosen {
			focusLine = len(lines)
			lines = append(lines, cells.Fit(st.ControlFocused.Render("  ▸ ")+st.OptionFocused.Render(o.Label), width, lipgloss.Left))
		} else {
			lines = append(lines, cells.Fit("    "+st.Option.Render(o.Label), width, lipgloss.Left))
		}
	}
	return strings.Join(lines, "\n"), focusLine
}

func (f *ChoiceField) help(k *KeyMap) []key.Binding { return []key.Binding{k.Down} }
