package lab

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/labconsole/labconsole/ui/common"
)

// keys work while the panel has the focus; built per session in its language.
type keys struct {
	Hint, Go, Next, Prev, Wait, Activity, Reset, Blur key.Binding
	// Cleanup opens "clean up lab resources"; the others act on its page.
	Cleanup, CleanupUp, CleanupDown, CleanupCancel key.Binding
}

func newKeys(c *common.Common) keys {
	b := func(k, help string) key.Binding { return key.NewBinding(key.WithKeys(k), key.WithHelp(k, c.T(help))) }
	return keys{
		Hint: b("h", "KeyLabHint"), Go: b("g", "KeyLabGo"), Next: b("n", "KeyLabNext"), Prev: b("p", "KeyLabPrev"),
		Wait: b("f", "KeyLabWait"), Activity: b("a", "KeyLabActivity"), Reset: b("R", "KeyLabReset"),
		Blur:          b("esc", "KeyLabBlur"),
		Cleanup:       b("c", "LabCleanupKey"),
		CleanupUp:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓", c.T("LabCleanupKeyScroll"))),
		CleanupDown:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", c.T("LabCleanupKeyScroll"))),
		CleanupCancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.T("LabCleanupKeyCancel"))),
	}
}
