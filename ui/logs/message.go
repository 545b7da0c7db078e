package logs

import (
	"encoding/json"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/jsonview"
	"github.com/labconsole/labconsole/ui/components/spinner"
	"github.com/labconsole/labconsole/ui/nav"
)

// Message is one log event opened from the events: a JSON message (CloudTrail's
// events, structured application logs) in the JSON viewer, anything else as text
// wrapped to the screen.
type Message struct {
	c      *common.Common
	ev     model.LogEvent
	isJSON bool
	parsed bool // the JSON document is formatted (in Init's command)
	json   jsonview.Model
	spin   spinner.Model
	keys   textKeys
	top    int
	width  int
	height int
}

var _ nav.Screen = (*Message)(nil)

// NewMessage returns the viewer of ev's message.
func NewMessage(c *common.Common, ev model.LogEvent) *Message {
	m := &Message{c: c, ev: ev, keys: newTextKeys(c), json: jsonview.New(c), spin: spinner.New(c)}
	trimmed := strings.TrimSpace(ev.Message)
	m.isJSON = strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[")
	return m
}

// parsedMsg carries the formatted document of owner's message.
type parsedMsg struct {
	owner *Message
	doc   *jsonview.Document
	ok    bool
}

// IsJSON reports whether the message is shown in the JSON viewer (once formatted).
func (m *Message) IsJSON() bool { return m.isJSON }

// Init implements tea.Model: a message that looks like JSON is checked and
// formatted in a command (an event can be 256 KB), never in Update.
func (m *Message) Init() tea.Cmd {
	if !m.isJSON || m.parsed {
		return nil
	}
	raw := []byte(strings.TrimSpace(m.ev.Message))
	m.spin.SetLabel(m.c.T("LGFormatting"))
	return tea.Batch(m.spin.Start(), func() tea.Msg {
		if !json.Valid(raw) {
			return parsedMsg{owner: m}
		}
		return parsedMsg{owner: m, doc: jsonview.Parse(raw), ok: true}
	})
}

// Crumbs implements nav.Screen.
func (m *Message) Crumbs() []string { return []string{stampText(m.ev.Timestamp)} }

// Capturing implements nav.Screen.
func (m *Message) Capturing() bool { return false }

// SetSize implements common.Component.
func (m *Message) SetSize(w, h int) {
	m.width, m.height = w, h
	m.json.SetSize(w, max(h-2, 3))
}

// Update implements tea.Model.
func (m *Message) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		m.keys = newTextKeys(m.c)
	case parsedMsg:
		if msg.owner == m {
			m.spin.Stop()
			m.parsed, m.isJSON = true, msg.ok
			if msg.ok {
				m.json.SetDocument(msg.doc)
			}
		}
		return m, nil
	}
	if m.isJSON && !m.parsed {
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	if m.isJSON {
		var cmd tea.Cmd
		m.json, cmd = m.json.Update(msg)
		return m, cmd
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		page := max(m.height-3, 1)
		switch {
		case key.Matches(k, m.keys.Up):
			m.top--
		case key.Matches(k, m.keys.Down):
			m.top++
		case key.Matches(k, m.keys.PageUp):
			m.top -= page
		case key.Matches(k, m.keys.PageDown):
			m.top += page
		}
		_, m.top = cells.Scroll(m.lines(), m.top, max(m.height-2, 1))
	}
	return m, nil
}

func (m *Message) lines() []string {
	return cells.WrapWords(clean(m.ev.Message, true), max(m.width, 10))
}

// View implements tea.Model.
func (m *Message) View() string {
	st := m.c.Styles
	head := st.Title.Render(m.c.T("LGMessage")) + " " + st.Muted.Render(stampText(m.ev.Timestamp)+"  "+clean(m.ev.LogStreamName, false))
	head = fit(head, m.width)
	switch {
	case m.isJSON && !m.parsed:
		return head + "\n\n" + m.spin.View()
	case m.isJSON:
		return head + "\n\n" + m.json.View()
	}
	lines, _ := cells.Scroll(m.lines(), m.top, max(m.height-2, 1))
	for i, l := range lines {
		lines[i] = st.Text.Render(l)
	}
	return head + "\n\n" + strings.Join(lines, "\n")
}

// ShortHelp implements help.KeyMap.
func (m *Message) ShortHelp() []key.Binding {
	if m.isJSON {
		return m.json.ShortHelp()
	}
	return []key.Binding{m.keys.Up, m.keys.Down, m.keys.PageDown}
}

// FullHelp implements help.KeyMap.
func (m *Message) FullHelp() [][]key.Binding {
	if m.isJSON {
		return m.json.FullHelp()
	}
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown}}
}
