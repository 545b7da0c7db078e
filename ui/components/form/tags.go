package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/textkey"
)

// Tag is one key/value pair of a tags editor.
type Tag struct {
	Key   string
	Value string
}

// TagsOptions describe a tags editor. Label and Description are translated by the
// caller; the column titles and buttons come from the form's own messages.
type TagsOptions struct {
	Label          string
	Description    string
	Tags           []Tag
	Max            int // most tags; 0 = 50, IAM's and CloudTrail's limit
	KeyMaxLength   int // 0 = 128
	ValueMaxLength int // 0 = 256
}

// TagsField edits key/value rows like the AWS console's tag editor: each row has a
// Key input, a Value input and a Remove button, and an Add new tag button follows.
// Tab walks through them; enter or space presses a button.
type TagsField struct {
	fieldBase
	rows           []tagRow
	max            int
	keyMax, valMax int
	stop           int // focused stop: 3*row + 0 key, 1 value, 2 remove; 3*len(rows) add
	focused        bool
}

type tagRow struct{ key, val textinput.Model }

// Tags returns a tags editor.
func Tags(id string, o TagsOptions) *TagsField {
	f := &TagsField{fieldBase: fieldBase{id: id, label: o.Label, description: o.Description, optional: true},
		max: o.Max, keyMax: o.KeyMaxLength, valMax: o.ValueMaxLength}
	if f.max <= 0 {
		f.max = 50
	}
	if f.keyMax <= 0 {
		f.keyMax = 128
	}
	if f.valMax <= 0 {
		f.valMax = 256
	}
	f.SetTags(o.Tags)
	return f
}

// SetLabels replaces the caller's texts.
func (f *TagsField) SetLabels(label, description string) { f.label, f.description = label, description }

// SetTags replaces the rows.
func (f *TagsField) SetTags(tags []Tag) {
	f.rows = nil
	for _, t := range tags {
		f.rows = append(f.rows, f.newRow(t))
	}
	f.stop = min(f.stop, f.lastStop())
}

// Tags returns the rows that are not entirely empty.
func (f *TagsField) Tags() []Tag {
	var out []Tag
	for _, r := range f.rows {
		if t := (Tag{Key: r.key.Value(), Value: r.val.Value()}); t != (Tag{}) {
			out = append(out, t)
		}
	}
	return out
}

func (f *TagsField) newRow(t Tag) tagRow {
	r := tagRow{key: textinput.New(), val: textinput.New()}
	for i, in := range []*textinput.Model{&r.key, &r.val} {
		in.Prompt = ""
		in.KeyMap.Paste.SetEnabled(false) // it would read the server's clipboard over SSH
		in.CharLimit = f.keyMax
		if i == 1 {
			in.CharLimit = f.valMax
		}
		if f.c != nil {
			styleInput(f.c, in)
		}
	}
	r.key.SetValue(t.Key)
	r.val.SetValue(t.Value)
	return r
}

// styleInput restyles a bubbles textinput from the session's styles.
func styleInput(c *common.Common, in *textinput.Model) {
	st := c.Styles.Form
	in.TextStyle = st.Input
	in.PlaceholderStyle = st.Placeholder
	in.CompletionStyle = st.Placeholder
	in.PromptStyle = st.Prompt
	in.Cursor.Style = st.Cursor
	in.Cursor.TextStyle = st.Input
}

func (f *TagsField) attach(c *common.Common) {
	f.c = c
	for i := range f.rows {
		styleInput(c, &f.rows[i].key)
		styleInput(c, &f.rows[i].val)
	}
}

// lastStop is the last focus stop: the add button, or the last Remove at the limit.
func (f *TagsField) lastStop() int {
	if len(f.rows) < f.max {
		return 3 * len(f.rows)
	}
	return 3*len(f.rows) - 1
}

func (f *TagsField) focus(last bool) tea.Cmd {
	f.focused = true
	f.stop = 0
	if last {
		f.stop = f.lastStop()
	}
	return f.focusStop()
}

func (f *TagsField) blur() {
	f.focused = false
	f.focusStop()
}

// focusStop gives the focused stop's input the cursor and takes it from the others.
func (f *TagsField) focusStop() tea.Cmd {
	var cmd tea.Cmd
	for i := range f.rows {
		for j, in := range []*textinput.Model{&f.rows[i].key, &f.rows[i].val} {
			if f.focused && f.stop == 3*i+j {
				cmd = in.Focus()
			} else {
				in.Blur()
			}
		}
	}
	return cmd
}

func (f *TagsField) move(back bool) (bool, tea.Cmd) {
	next := f.stop + 1
	if back {
		next = f.stop - 1
	}
	if next < 0 || next > f.lastStop() {
		return false, nil
	}
	f.stop = next
	return true, f.focusStop()
}

func (f *TagsField) update(msg tea.Msg, k *KeyMap) (bool, tea.Cmd) {
	row, part := f.stop/3, f.stop%3
	if km, ok := msg.(tea.KeyMsg); ok {
		if row == len(f.rows) || part == 2 { // a button
			if !key.Matches(km, k.Activate) {
				return false, nil
			}
			if row == len(f.rows) { // Add new tag
				f.rows = append(f.rows, f.newRow(Tag{}))
				f.stop = 3 * (len(f.rows) - 1)
			} else { // Remove
				f.rows = append(f.rows[:row], f.rows[row+1:]...)
				f.stop = min(3*row, f.lastStop())
			}
			return true, f.focusStop()
		}
		if km.Type == tea.KeyEnter {
			return false, nil
		}
	}
	if row >= len(f.rows) {
		return false, nil
	}
	in := &f.rows[row].key
	if part == 1 {
		in = &f.rows[row].val
	}
	var cmd tea.Cmd
	cmd = textkey.Update(in, msg)
	return true, cmd
}

func (f *TagsField) value() any { return f.Tags() }

func (f *TagsField) help(k *KeyMap) []key.Binding {
	if f.stop/3 == len(f.rows) || f.stop%3 == 2 {
		return []key.Binding{k.Activate}
	}
	return nil
}

// control draws the column titles, a line per row and the add button, then how
// many more tags fit.
func (f *TagsField) control(width int, focused bool) (string, int) {
	st := f.c.Styles.Form
	remove := f.c.T("FormTagRemove")
	btnW := 2 + cells.Width(remove)
	avail := max(width-btnW-4, 2)
	keyW := max(avail*2/5, 1)
	valW := max(avail-keyW, 1)
	pad := func(s string, w int) string { return cells.Fit(s, w, lipgloss.Left) }
	button := func(label string, stop int) string {
		if focused && f.stop == stop {
			return st.ControlFocused.Render("▸ ") + st.ActionFocused.Render(label)
		}
		return "  " + st.Action.Render(label)
	}
	var lines []string
	focusLine := 0
	if len(f.rows) == 0 {
		lines = append(lines, pad(st.Description.Render(f.c.T("FormTagsEmpty")), width))
	} else {
		valTitle := f.c.T("FormTagValue") + st.Optional.Render(" - "+f.c.T("FormOptional"))
		lines = append(lines, pad(pad(st.Label.Render(f.c.T("FormTagKey")), keyW)+"  "+valTitle, width))
	}
	for i, r := range f.rows {
		if focused && f.stop/3 == i {
			focusLine = len(lines)
		}
		line := inputLine(f.c, r.key, keyW, focused && f.stop == 3*i) + "  " +
			inputLine(f.c, r.val, valW, focused && f.stop == 3*i+1) + "  " + button(remove, 3*i+2)
		lines = append(lines, pad(line, width))
	}
	if len(f.rows) < f.max {
		if focused && f.stop == 3*len(f.rows) {
			focusLine = len(lines)
		}
		lines = append(lines, pad(button(f.c.T("FormTagAdd"), 3*len(f.rows)), width))
	}
	return strings.Join(lines, "\n"), focusLine
}

// hint says how many more tags fit, as the console does under its tag editor.
func (f *TagsField) hint() string {
	return f.c.Tf("FormTagRemaining", map[string]any{"Count": f.max - len(f.rows)})
}
