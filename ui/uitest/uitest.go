// Package uitest builds what UI tests share: a Common whose renderer writes
// nowhere and has its colour profile pinned to ASCII, so golden files do not depend on
// the terminal the tests run in.
package uitest

import (
	"context"
	"io"
	"log/slog"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/theme"
)

// Common returns a session Common in lang with an ASCII renderer and no backend.
func Common(lang locales.Lang) *common.Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return &common.Common{
		Ctx:      context.Background(),
		Width:    80,
		Height:   24,
		Renderer: r,
		Styles:   theme.DefaultStyles(r, theme.Default()),
		L:        locales.New(lang),
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

// SetLang switches c to lang the way the root does and returns the message the root
// would send down.
func SetLang(c *common.Common, lang locales.Lang) common.LanguageChangedMsg {
	c.L = locales.New(lang)
	return common.LanguageChangedMsg{Lang: lang}
}
