package table

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/uitest"
)

func testColumns(c *common.Common) []Column {
	return []Column{
		{ID: "name", Title: c.T("IAMColUserName"), Width: 12, Sortable: true},
		{ID: "path", Title: c.T("IAMColPath"), Width: 6},
		{ID: "count", Title: "#", Width: 4, Align: lipgloss.Right, Sortable: true},
		{ID: "arn", Title: c.T("IAMColARN"), MinWidth: 8},
	}
}

func userRows(n int) []Row {
	rows := make([]Row, n)
	for i := range rows {
		name := fmt.Sprintf("user-%03d", i)
		rows[i] = Row{
			ID:    name,
			Cells: []string{name, "/", fmt.Sprint((i * 7) % 10), "arn:aws:iam::123456789012:user/" + name},
			Data:  i,
		}
	}
	return rows
}

func newTable(t testing.TB, lang locales.Lang, w, h, n int) Model {
	t.Helper()
	c := uitest.Common(lang)
	m := New(c, testColumns(c))
	m.SetSize(w, h)
	m.SetRows(userRows(n))
	return m
}

// keys feeds key presses: names such as "down", "pgdown", "enter", or single runes.
func keys(m Model, names ...string) Model {
	for _, n := range names {
		m, _ = m.Update(keyMsg(n))
	}
	return m
}

func keyMsg(name string) tea.KeyMsg {
	switch name {
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// typeText types s one rune at a time.
func typeText(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return m
}

func selectedID(m Model) string {
	r, ok := m.Selected()
	if !ok {
		return ""
	}
	return r.ID
}

func lines(s string) []string { return strings.Split(s, "\n") }

type keyBinding = key.Binding
