package ui

import "github.com/mattn/go-runewidth"

func init() {
	// Ambiguous-width runes (…, ─, ▸) take one cell in the terminals labconsole targets,
	// also under a Korean locale. go-runewidth reads LANG=ko_KR and would count them as
	// two, so bubbles' widgets and our columns would disagree with lipgloss and break
	// alignment. The setting is process-wide and constant, so pinning it once is safe
	// with many SSH sessions.
	runewidth.DefaultCondition.EastAsianWidth = false
}
