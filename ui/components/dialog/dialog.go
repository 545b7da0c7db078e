// Package dialog is the console's confirm dialog, like AWS's delete dialogs: a title,
// a body, optionally a field where the user types the resource's name before the
// confirm button works, and Cancel/Confirm buttons on esc/enter. It reports the
// answer upward as ConfirmedMsg or CanceledMsg carrying the caller's tag, and draws
// itself as a box the parent centres over its own view (Overlay).
package dialog

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/textkey"
)

// Options describe a dialog. Every text is translated by the caller; empty labels
// fall back to the dialog's own "Confirm" and "Cancel".
type Options struct {
	Tag           any    // handed back in ConfirmedMsg / CanceledMsg
	Title         string // "Delete trail?"
	Body          string
	ConfirmLabel  string // "Delete"
	CancelLabel   string
	Danger        bool   // red frame and confirm button, for deletes
	ConfirmText   string // when set, confirm works only once this is typed
	ConfirmPrompt string // overrides "To confirm, type "…" in the field."
	Width         int    // box width in cells; 0 means 60 (or the area, if smaller)
}

// ConfirmedMsg reports that the user confirmed the dialog tagged Tag.
type ConfirmedMsg struct{ Tag any }

// CanceledMsg reports that the user dismissed the dialog tagged Tag.
type CanceledMsg struct{ Tag any }

// KeyMap is the dialog's keys, built per dialog from the session's localizer.
type KeyMap struct {
	Confirm key.Binding
	Cancel  key.Binding
}

// Model is a dialog. It is a value; the parent keeps the one Update returns and
// drops it after either message.
type Model struct {
	c             *common.Common
	opts          Options
	keys          KeyMap
	input         textinput.Model
	width, height int // the area the dialog is centred in
}

// New returns a dialog for opts; call Init (or Focus) to start the input's cursor.
func New(c *common.Common, opts Options) Model {
	m := Model{c: c, opts: opts, width: c.Width, height: c.Height}
	m.input = newInput(c)
	m.input.Placeholder = opts.ConfirmText
	m.Relocalize()
	if opts.ConfirmText != "" {
		m.input.Focus()
	}
	return m
}

// newInput restyles bubbles' textinput from the session's styles (its defaults use the
// global renderer) and disables its clipboard paste, which would read the server's
// clipboard over SSH.
func newInput(c *common.Common) textinput.Model {
	st := c.Styles.Form
	ti := textinput.New()
	ti.Prompt = "> "
	ti.PromptStyle = st.PromptFocused
	ti.TextStyle = st.Input
	ti.PlaceholderStyle = st.Placeholder
	ti.CompletionStyle = st.Placeholder
	ti.Cursor.Style = st.Cursor
	ti.Cursor.TextStyle = st.Input
	ti.KeyMap.Paste.SetEnabled(false)
	return ti
}

// Relocalize rebuilds the key help from the current localizer; Update calls it on
// common.LanguageChangedMsg. The caller's own texts are replaced with SetOptions.
func (m *Model) Relocalize() {
	l := m.c.L
	confirm := []string{"enter"}
	cancel := []string{"esc"}
	if m.opts.ConfirmText == "" { // no field to type in: y and n answer too
		confirm = append(confirm, "y")
		cancel = append(cancel, "n")
	}
	m.keys = KeyMap{
		Confirm: key.NewBinding(key.WithKeys(confirm...), key.WithHelp("enter", l.T("KeyConfirm"))),
		Cancel:  key.NewBinding(key.WithKeys(cancel...), key.WithHelp("esc", l.T("KeyCancel"))),
	}
	m.keys.Confirm.SetEnabled(m.CanConfirm())
}

// SetOptions replaces the texts (e.g. retranslated) keeping what was typed.
func (m *Model) SetOptions(opts Options) {
	focus := opts.ConfirmText != "" && m.opts.ConfirmText == ""
	m.opts = opts
	m.input.Placeholder = opts.ConfirmText
	if focus {
		m.input.Focus()
	}
	m.Relocalize()
}

// Tag is the caller's tag.
func (m Model) Tag() any { return m.opts.Tag }

// CanConfirm reports whether confirm acts now: always, or once the confirm text is
// typed exactly.
func (m Model) CanConfirm() bool {
	return m.opts.ConfirmText == "" || m.input.Value() == m.opts.ConfirmText
}

// SetSize sets the area the dialog is centred in.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0) }

// Init starts the input's cursor blinking when there is an input.
func (m Model) Init() tea.Cmd {
	if m.opts.ConfirmText != "" {
		return textinput.Blink
	}
	return nil
}

// Update answers enter/esc (and y/n without an input) with ConfirmedMsg/CanceledMsg;
// other keys go to the input.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		m.Relocalize()
		return m, nil
	case tea.KeyMsg:
		tag := m.opts.Tag
		switch {
		case key.Matches(msg, m.keys.Cancel):
			return m, func() tea.Msg { return CanceledMsg{Tag: tag} }
		case key.Matches(msg, m.keys.Confirm):
			return m, func() tea.Msg { return ConfirmedMsg{Tag: tag} }
		case msg.Type == tea.KeyEnter: // confirm is disabled until the text matches
			return m, nil
		}
	}
	if m.opts.ConfirmText == "" {
		return m, nil
	}
	var cmd tea.Cmd
	cmd = textkey.Update(&m.input, msg)
	m.keys.Confirm.SetEnabled(m.CanConfirm())
	return m, cmd
}

// boxWidth is the outer width of the box.
func (m Model) boxWidth() int {
	w := m.opts.Width
	if w <= 0 {
		w = 60
	}
	if m.width > 0 {
		w = min(w, m.width)
	}
	return max(w, 10)
}

// Overlay draws the dialog centred over background, a view of the area set by
// SetSize.
func (m Model) Overlay(background string) string {
	return cells.Overlay(background, m.View(), m.width, m.height)
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding { return []key.Binding{m.keys.Confirm, m.keys.Cancel} }

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
