package simlab

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
)

// Prompt asks for an amount of simulated charges in USD on one line under a screen:
// "Add simulated charges (USD) > 250". While it is open the screen is capturing text.
type Prompt struct {
	c     *common.Common
	input textinput.Model
	err   string
	keys  promptKeys
}

type promptKeys struct {
	Confirm key.Binding
	Cancel  key.Binding
}

// NewPrompt returns an open prompt holding DefaultSpend.
func NewPrompt(c *common.Common) *Prompt {
	st := c.Styles.Form
	in := textinput.New()
	in.Prompt = "> "
	in.PromptStyle = st.PromptFocused
	in.TextStyle = st.Input
	in.PlaceholderStyle = st.Placeholder
	in.Cursor.Style = st.Cursor
	in.Cursor.TextStyle = st.Input
	in.KeyMap.Paste.SetEnabled(false) // it would read the server's clipboard over SSH
	in.CharLimit = 12
	in.Width = 14
	in.SetValue(strconv.Itoa(DefaultSpend))
	in.CursorEnd()
	p := &Prompt{c: c, input: in}
	p.relabel()
	return p
}

func (p *Prompt) relabel() {
	p.keys = promptKeys{
		Confirm: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.c.T("CWKeyAddCharges"))),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", p.c.T("KeyCancel"))),
	}
}

// Init starts the cursor.
func (p *Prompt) Init() tea.Cmd { return p.input.Focus() }

// Update handles a key: done with the amount on enter (when it is a positive number),
// canceled on esc; otherwise typing.
func (p *Prompt) Update(msg tea.Msg) (usd float64, done, canceled bool, cmd tea.Cmd) {
	if _, ok := msg.(common.LanguageChangedMsg); ok {
		p.relabel()
		return 0, false, false, nil
	}
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, p.keys.Cancel):
			return 0, false, true, nil
		case key.Matches(km, p.keys.Confirm):
			v, err := strconv.ParseFloat(strings.TrimSpace(p.input.Value()), 64)
			if err != nil || v <= 0 || v > 1_000_000 {
				p.err = p.c.T("CWSpendInvalid")
				return 0, false, false, nil
			}
			return v, true, false, nil
		}
	}
	var c tea.Cmd
	p.input, c = p.input.Update(msg)
	return 0, false, false, c
}

// View is the prompt's line, and its error under it.
func (p *Prompt) View() string {
	st := p.c.Styles
	line := st.Form.Label.Render(p.c.T("BillingSpend")) + " " + p.input.View()
	if p.err != "" {
		line += "\n" + st.Form.Error.Render("✕ "+p.err)
	}
	return line
}

// ShortHelp is the prompt's keys.
func (p *Prompt) ShortHelp() []key.Binding { return []key.Binding{p.keys.Confirm, p.keys.Cancel} }
