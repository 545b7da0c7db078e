package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/menu"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/uitest"
)

// crumbScreen is a screen that only has breadcrumbs.
type crumbScreen struct{ crumbs []string }

func (s crumbScreen) Init() tea.Cmd                       { return nil }
func (s crumbScreen) Update(tea.Msg) (tea.Model, tea.Cmd) { return s, nil }
func (s crumbScreen) View() string                        { return "" }
func (s crumbScreen) ShortHelp() []key.Binding            { return nil }
func (s crumbScreen) FullHelp() [][]key.Binding           { return nil }
func (s crumbScreen) SetSize(int, int)                    {}
func (s crumbScreen) Crumbs() []string                    { return s.crumbs }
func (s crumbScreen) Capturing() bool                     { return false }

func TestBreadcrumbsKeepTheCurrentLocation(t *testing.T) {
	c := uitest.Common(locales.English)
	c.Width = 60
	m := &Model{c: c, stack: []nav.Screen{menu.New(c), crumbScreen{[]string{"S3", "Buckets", "aws-cloudtrail-logs-123456789012-mylog",
		"AWSLogs/", "123456789012/", "CloudTrail/", "ap-northeast-2/", "2026/", "11/", "22/"}}}}
	line := m.breadcrumbs()
	if w := lipgloss.Width(line); w > 60 {
		t.Fatalf("breadcrumbs are %d cells wide: %q", w, line)
	}
	if !strings.HasPrefix(line, " Console Home > … > ") || !strings.HasSuffix(line, "11/ > 22/") {
		t.Fatalf("want the home crumb, an ellipsis and the current location: %q", line)
	}
	c.Width = 200
	if line := m.breadcrumbs(); strings.Contains(line, "…") {
		t.Fatalf("a wide terminal shows every crumb: %q", line)
	}
}
