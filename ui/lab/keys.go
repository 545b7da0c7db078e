package lab

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/ui/common"
)

// keys work while the panel has the focus; built per session in its language.
type keys struct {
	Hint, Go, Next, Prev, Wait, Activity, Reset, Blur key.Binding
}

func newKeys(c *common.Common) keys {
	b := func(k, help string) key.Binding { return key.NewBinding(key.WithKeys(k), key.WithHelp(k, c.T(help))) }
	return keys{
		Hint: b("h", "KeyLabHint"), Go: b("g", "KeyLabGo"), Next: b("n", "KeyLabNext"), Prev: b("p", "KeyLabPrev"),
		Wait: b("f", "KeyLabWait"), Activity: b("a", "KeyLabActivity"), Reset: b("R", "KeyLabReset"),
		Blur: b("esc", "KeyLabBlur"),
	}
}
