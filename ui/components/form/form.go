// Package form holds the fields of the console's wizards — text, password, checkbox,
// radio group, select and a tags editor — and Form, which stacks them, moves focus
// with tab and shift+tab, scrolls to the focused field, and reports Values. Labels,
// hints and error messages are translated by the caller (errors come from the
// model's validation rules); the form's own words (optional, Add new tag) come from
// the locales.
package form

import (
	"reflect"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/cells"
)

// Form is a column of fields. It is a pointer so that a wizard step can hold it as a
// common.Component while the screen keeps the same *Form to read Values.
type Form struct {
	c      *common.Common
	keys   KeyMap
	fields []Field
	focus  int
	width  int
	height int
	yoff   int
	edited bool // a key changed a value (Edited)
}

var _ common.Component = (*Form)(nil)

// New returns a form of fields bound to the session c.
func New(c *common.Common, fields ...Field) *Form {
	f := &Form{c: c, keys: NewKeyMap(c.L), fields: fields, width: c.Width, height: c.Height}
	for _, fl := range fields {
		fl.attach(c)
	}
	return f
}

// Init focuses the first field.
func (f *Form) Init() tea.Cmd {
	if len(f.fields) == 0 {
		return nil
	}
	f.focus = 0
	return f.fields[0].focus(false)
}

// Field returns the field with id, for its typed setters (SetLabels, SetValue…).
func (f *Form) Field(id string) Field {
	for _, fl := range f.fields {
		if fl.ID() == id {
			return fl
		}
	}
	return nil
}

// Focused is the ID of the focused field.
func (f *Form) Focused() string {
	if len(f.fields) == 0 {
		return ""
	}
	return f.fields[f.focus].ID()
}

// FocusField moves the focus to the field with id, e.g. the first field in error.
func (f *Form) FocusField(id string) tea.Cmd {
	for i, fl := range f.fields {
		if fl.ID() == id {
			f.fields[f.focus].blur()
			f.focus = i
			cmd := fl.focus(false)
			f.scroll()
			return cmd
		}
	}
	return nil
}

// Edited reports whether the user changed a value by a key (values the screen sets
// itself, such as a suggested name, do not count): leaving would lose it.
func (f *Form) Edited() bool { return f.edited }

// Values returns every field's value by ID.
func (f *Form) Values() Values {
	v := Values{}
	for _, fl := range f.fields {
		v[fl.ID()] = fl.value()
	}
	return v
}

// SetErrors shows errs (field ID → translated message) under their fields and clears
// the others; the first field in error takes the focus so the user sees it.
func (f *Form) SetErrors(errs map[string]string) tea.Cmd {
	first := ""
	for _, fl := range f.fields {
		fl.SetError(errs[fl.ID()])
		if first == "" && errs[fl.ID()] != "" {
			first = fl.ID()
		}
	}
	var cmd tea.Cmd
	if first != "" && first != f.Focused() {
		cmd = f.FocusField(first)
	}
	f.scroll()
	return cmd
}

// SetError shows msg under the field id ("" clears it).
func (f *Form) SetError(id, msg string) {
	if fl := f.Field(id); fl != nil {
		fl.SetError(msg)
	}
}

// SetSize sets the size in cells; a form taller than h scrolls to its focused field.
func (f *Form) SetSize(w, h int) {
	f.width, f.height = max(w, 0), max(h, 0)
	f.scroll()
}

// Relocalize rebuilds the form's own key help; the caller's texts are replaced with
// the fields' SetLabels. Update calls it on common.LanguageChangedMsg.
func (f *Form) Relocalize() { f.keys = NewKeyMap(f.c.L) }

// Update moves focus on tab/shift+tab (enter in a text input too) and hands other
// messages to the focused field.
func (f *Form) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(common.LanguageChangedMsg); ok {
		f.Relocalize()
		return f, nil
	}
	if len(f.fields) == 0 {
		return f, nil
	}
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, f.keys.Next):
			cmd := f.move(false)
			f.scroll()
			return f, cmd
		case key.Matches(km, f.keys.Prev):
			cmd := f.move(true)
			f.scroll()
			return f, cmd
		}
		fl := f.fields[f.focus]
		before := fl.value()
		handled, cmd := fl.update(km, &f.keys)
		if !handled && km.Type == tea.KeyEnter {
			cmd = f.move(false)
		}
		if !f.edited && !reflect.DeepEqual(before, fl.value()) {
			f.edited = true
		}
		f.scroll()
		return f, cmd
	}
	_, cmd := f.fields[f.focus].update(msg, &f.keys) // cursor blink
	return f, cmd
}

// move goes to the next (or previous) stop: inside the focused field first, then the
// next field, wrapping around.
func (f *Form) move(back bool) tea.Cmd {
	cur := f.fields[f.focus]
	if moved, cmd := cur.move(back); moved {
		return cmd
	}
	cur.blur()
	n := len(f.fields)
	if back {
		f.focus = (f.focus - 1 + n) % n
	} else {
		f.focus = (f.focus + 1) % n
	}
	return f.fields[f.focus].focus(back)
}

// View draws exactly height lines of exactly width cells from the scroll offset that
// Update keeps on the focused control.
func (f *Form) View() string {
	if f.width <= 0 || f.height <= 0 {
		return ""
	}
	lines, _ := f.render()
	y := min(f.yoff, max(len(lines)-f.height, 0))
	lines = lines[y:min(y+f.height, len(lines))]
	return cells.FitLines(strings.Join(lines, "\n"), f.width, f.height)
}

// focusSpan is where the focused field lies in the rendered lines.
type focusSpan struct{ top, line, bottom int }

// render lays out every field, a blank line between fields.
func (f *Form) render() ([]string, focusSpan) {
	var lines []string
	var fs focusSpan
	for i, fl := range f.fields {
		if i > 0 {
			lines = append(lines, "")
		}
		view, fline := render(fl, f.width, i == f.focus)
		if i == f.focus {
			fs.top = len(lines)
			fs.line = fs.top + fline
		}
		lines = append(lines, strings.Split(view, "\n")...)
		if i == f.focus {
			fs.bottom = len(lines) - 1
		}
	}
	return lines, fs
}

// scroll keeps the focused control on screen.
func (f *Form) scroll() {
	if f.width <= 0 || f.height <= 0 {
		return
	}
	lines, fs := f.render()
	f.yoff = scrollTo(f.yoff, f.height, len(lines), fs.top, fs.line, fs.bottom)
}

// scrollTo picks the first line shown: the focused field whole when it fits, else
// its focused line; otherwise as little movement from prev as possible.
func scrollTo(prev, h, total, top, line, bottom int) int {
	y := min(max(prev, 0), max(total-h, 0))
	if bottom-top+1 <= h {
		if top < y {
			y = top
		}
		if bottom >= y+h {
			y = bottom - h + 1
		}
	} else {
		if line < y {
			y = line
		}
		if line >= y+h {
			y = line - h + 1
		}
	}
	return max(y, 0)
}

// ShortHelp implements help.KeyMap: tab, shift+tab and the focused field's keys.
func (f *Form) ShortHelp() []key.Binding {
	out := []key.Binding{f.keys.Next, f.keys.Prev}
	if len(f.fields) > 0 {
		out = append(out, f.fields[f.focus].help(&f.keys)...)
	}
	return out
}

// FullHelp implements help.KeyMap.
func (f *Form) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }
