package iam

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/cells"
)

// textBody is a read-only block of lines that scrolls with the arrow keys, for a
// wizard's review step: what will be created can be longer than the terminal.
type textBody struct {
	c      *common.Common
	render func(width int) []string // rebuilt at each View, so it follows the language
	yoff   int
	width  int
	height int
	up     key.Binding
	down   key.Binding
}

var _ common.Component = (*textBody)(nil)

func newTextBody(c *common.Common, render func(width int) []string) *textBody {
	t := &textBody{c: c, render: render}
	t.relabel()
	return t
}

func (t *textBody) relabel() {
	t.up = bind(t.c, "↑", "KeyUp", "up", "k", "pgup")
	t.down = bind(t.c, "↓", "KeyDown", "down", "j", "pgdown")
}

func (t *textBody) Init() tea.Cmd { return nil }

func (t *textBody) SetSize(w, h int) { t.width, t.height = w, h }

func (t *textBody) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		t.relabel()
	case tea.KeyMsg:
		lines := len(t.render(t.width))
		step := 1
		if msg.Type == tea.KeyPgUp || msg.Type == tea.KeyPgDown {
			step = max(t.height-1, 1)
		}
		switch {
		case key.Matches(msg, t.up):
			t.yoff = max(t.yoff-step, 0)
		case key.Matches(msg, t.down):
			t.yoff = min(t.yoff+step, max(lines-t.height, 0))
		}
	}
	return t, nil
}

func (t *textBody) View() string {
	lines := t.render(t.width)
	y := min(t.yoff, max(len(lines)-t.height, 0))
	return cells.ClipLines(strings.Join(lines[y:], "\n"), t.width, t.height)
}

func (t *textBody) ShortHelp() []key.Binding  { return []key.Binding{t.up, t.down} }
func (t *textBody) FullHelp() [][]key.Binding { return [][]key.Binding{t.ShortHelp()} }
