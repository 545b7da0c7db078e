// Package theme holds every lipgloss style of the console. Styles are built from a
// renderer so that each SSH session gets colours for its own terminal, over a theme
// of named colours so a palette change touches one place.
package theme

import "github.com/charmbracelet/lipgloss"

// Theme is the console's palette. Adaptive colours keep text readable on light and
// dark terminals; the AWS console's squid-ink and orange are the anchors.
type Theme struct {
	Primary    lipgloss.AdaptiveColor // AWS orange: focus, selection, primary buttons
	Secondary  lipgloss.AdaptiveColor // links and breadcrumbs
	Text       lipgloss.AdaptiveColor
	Muted      lipgloss.AdaptiveColor
	Faint      lipgloss.AdaptiveColor
	Border     lipgloss.AdaptiveColor
	HeaderBg   lipgloss.AdaptiveColor
	HeaderFg   lipgloss.AdaptiveColor
	SelectedBg lipgloss.AdaptiveColor
	SelectedFg lipgloss.AdaptiveColor
	Success    lipgloss.AdaptiveColor
	Warning    lipgloss.AdaptiveColor
	Danger     lipgloss.AdaptiveColor
	Info       lipgloss.AdaptiveColor
}

// Default is the console's palette.
func Default() Theme {
	return Theme{
		Primary:    lipgloss.AdaptiveColor{Light: "#C45500", Dark: "#FF9900"},
		Secondary:  lipgloss.AdaptiveColor{Light: "#0972D3", Dark: "#539FE5"},
		Text:       lipgloss.AdaptiveColor{Light: "#16191F", Dark: "#E9EBED"},
		Muted:      lipgloss.AdaptiveColor{Light: "#5F6B7A", Dark: "#9BA7B6"},
		Faint:      lipgloss.AdaptiveColor{Light: "#8D99A8", Dark: "#5F6B7A"},
		Border:     lipgloss.AdaptiveColor{Light: "#C6C6CD", Dark: "#414D5C"},
		HeaderBg:   lipgloss.AdaptiveColor{Light: "#232F3E", Dark: "#232F3E"},
		HeaderFg:   lipgloss.AdaptiveColor{Light: "#FFFFFF", Dark: "#FFFFFF"},
		SelectedBg: lipgloss.AdaptiveColor{Light: "#F2F8FD", Dark: "#1A2B3E"},
		SelectedFg: lipgloss.AdaptiveColor{Light: "#0972D3", Dark: "#89BDEE"},
		Success:    lipgloss.AdaptiveColor{Light: "#037F0C", Dark: "#29AD32"},
		Warning:    lipgloss.AdaptiveColor{Light: "#8D6605", Dark: "#FFE347"},
		Danger:     lipgloss.AdaptiveColor{Light: "#D91515", Dark: "#FF5D64"},
		Info:       lipgloss.AdaptiveColor{Light: "#0972D3", Dark: "#539FE5"},
	}
}
