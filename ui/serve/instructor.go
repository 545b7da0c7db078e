package serve

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model/lab"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/table"
)

// LoadInstructorKeys reads an authorized_keys file: the keys that get the instructor's
// view instead of a sandbox.
func LoadInstructorKeys(path string) ([]gossh.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var keys []gossh.PublicKey
	for rest := data; len(strings.TrimSpace(string(rest))) > 0; {
		var k gossh.PublicKey
		k, _, _, rest, err = gossh.ParseAuthorizedKey(rest)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("%s: no keys", path)
	}
	return keys, nil
}

func (s *Server) isInstructor(id Identity) bool {
	if id.Kind != AuthKey {
		return false
	}
	for _, k := range s.cfg.Instructors {
		if ssh.KeysEqual(k, id.Key) {
			return true
		}
	}
	return false
}

// instructorModel is the instructor's live table of the students' sessions with their
// lab progress (progress.go); Enter opens a read-only view of the selected student's
// sandbox.
type instructorModel struct {
	s     *Server
	c     *common.Common
	keys  instructorKeys
	help  help.Model
	table table.Model
	view  *sandboxView
	note  string // a one-line notice, e.g. the session chosen has ended
	now   func() time.Time
	lab   *lab.Lab
	// labStatus is the students' progress by sandbox name, read in a command and
	// replaced (never changed in place) when the next reading arrives.
	labStatus map[string]labStatus
}

type instructorKeys struct {
	Open, Language, Quit, ForceQuit key.Binding
}

func newInstructorKeys(c *common.Common) instructorKeys {
	return instructorKeys{
		Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.T("ServeKeyView"))),
		Language:  key.NewBinding(key.WithKeys("L"), key.WithHelp("L", c.T("KeyLanguage"))),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", c.T("KeyQuit"))),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c")),
	}
}

// refreshMsg redraws the table; the instructor's table is polled once a second.
type refreshMsg struct{}

func refreshAfter(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return refreshMsg{} })
}

// newInstructorSession is the instructor's session model.
func newInstructorSession(s *Server, c *common.Common, live *liveSession, log *slog.Logger) *sessionModel {
	m := &instructorModel{s: s, c: c, now: time.Now, lab: loadLab()}
	m.table = table.New(c, m.columns())
	m.relocalize()
	sm := &sessionModel{inner: m, c: c, live: live, log: log, now: time.Now, cleanup: m.closeView}
	return sm
}

func (m *instructorModel) relocalize() {
	m.keys = newInstructorKeys(m.c)
	h := help.New()
	st := m.c.Styles.Help
	h.Styles = help.Styles{ShortKey: st.Key, ShortDesc: st.Desc, ShortSeparator: st.Sep, FullKey: st.Key, FullDesc: st.Desc, FullSeparator: st.Sep, Ellipsis: st.Sep}
	h.Width = m.c.Width
	m.help = h
	m.table.SetColumns(m.columns())
	m.table.SetEmptyText(m.c.T("ServeNoSessions"))
	m.table.Relocalize()
	m.refresh()
}

func (m *instructorModel) columns() []table.Column {
	return []table.Column{
		{ID: "who", Title: m.c.T("ServeColWho"), MinWidth: 16, Sortable: true},
		{ID: "lang", Title: m.c.T("ServeColLanguage"), Width: 6, Sortable: true},
		{ID: "since", Title: m.c.T("ServeColSince"), Width: 10, Sortable: true},
		{ID: "idle", Title: m.c.T("ServeColIdle"), Width: 9, Sortable: true},
		{ID: "progress", Title: m.c.T("ServeLabColProgress"), Width: 8, Sortable: true},
		{ID: "step", Title: m.c.T("ServeLabColStep"), MinWidth: 20},
		{ID: "screen", Title: m.c.T("ServeColScreen"), MinWidth: 16},
	}
}

func (m *instructorModel) refresh() {
	infos := m.s.reg.list(m.now())
	rows := make([]table.Row, len(infos))
	for i, in := range infos {
		who := in.Who
		if in.Kind == AuthAnonymous {
			who = m.c.T("ServeAnonymous")
		}
		idle := in.Idle.Round(time.Second)
		st := m.labStatus[in.Sandbox]
		rows[i] = table.Row{
			ID:       fmt.Sprint(in.ID),
			Cells:    []string{who, string(in.Lang), in.Since.Format("15:04:05"), idle.String(), st.progressCell(), st.stepCell(m.c), in.Screen},
			Data:     in,
			SortKeys: []string{who, string(in.Lang), in.Since.Format(time.RFC3339), fmt.Sprintf("%020d", idle), st.sortKey(), st.stepCell(m.c), in.Screen},
		}
	}
	m.table.SetRows(rows)
}

// Init implements tea.Model: the progress is read at once, then every second.
func (m *instructorModel) Init() tea.Cmd { return m.loadProgress() }

// Update implements tea.Model.
func (m *instructorModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.table.SetSize(max(msg.Width-2, 1), max(msg.Height-4, 1))
		if m.view != nil {
			return m, m.view.resize(msg.Width, msg.Height)
		}
		return m, nil
	case refreshMsg:
		m.refresh()
		return m, m.loadProgress() // its answer schedules the next refresh
	case progressMsg:
		if msg.m != m {
			return m, nil
		}
		m.labStatus = msg.status
		m.refresh()
		if m.view != nil {
			m.view.progress = m.viewProgress(m.view.info)
		}
		return m, refreshAfter(time.Second)
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.ForceQuit) {
			return m, tea.Quit
		}
		if m.view != nil {
			cmd, leave := m.view.key(msg)
			if leave {
				m.closeView()
			}
			return m, cmd
		}
		return m, m.handleKey(msg)
	}
	if m.view != nil {
		return m, m.view.update(msg) // the view's own answers (identity, pages, spinner)
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(msg)
	return m, cmd
}

func (m *instructorModel) handleKey(msg tea.KeyMsg) tea.Cmd {
	if !m.table.Filtering() {
		switch {
		case key.Matches(msg, m.keys.Quit):
			return tea.Quit
		case key.Matches(msg, m.keys.Language):
			m.c.L = locales.New(locales.Next(m.c.L.Lang()))
			m.relocalize()
			return nil
		case key.Matches(msg, m.keys.Open):
			row, ok := m.table.Selected()
			if !ok {
				return nil
			}
			view, cmd, err := openSandboxView(m.s, m.c, row.Data.(SessionInfo), row.Cells[0])
			if err != nil {
				m.note = m.c.T("ServeViewEnded")
				return nil
			}
			m.note, m.view = "", view
			view.progress = m.viewProgress(view.info)
			return cmd
		}
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(msg)
	return cmd
}

func (m *instructorModel) closeView() {
	if m.view != nil {
		m.view.close()
		m.view = nil
	}
}

// View implements tea.Model.
func (m *instructorModel) View() string {
	if m.c.Width == 0 || m.c.Height == 0 {
		return ""
	}
	if m.view != nil {
		return m.view.View()
	}
	st := m.c.Styles
	title := st.Title.Render(m.c.Tf("ServeInstructorTitle", map[string]any{"Count": m.table.Total()}))
	note := ""
	if m.note != "" {
		note = st.Warning.Render(m.note)
	}
	body := lipgloss.JoinVertical(lipgloss.Left, title, note, m.table.View())
	return m.c.Renderer.NewStyle().PaddingLeft(1).MaxWidth(m.c.Width).MaxHeight(m.c.Height-1).Render(body) + "\n" + " " + m.help.View(m)
}

// ShortHelp implements help.KeyMap.
func (m *instructorModel) ShortHelp() []key.Binding {
	return append(m.table.ShortHelp(), m.keys.Open, m.keys.Language, m.keys.Quit)
}

// FullHelp implements help.KeyMap.
func (m *instructorModel) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// viewProgress is the lab line of the read-only view's banner.
func (m *instructorModel) viewProgress(info SessionInfo) string {
	st, ok := m.labStatus[info.Sandbox]
	if !ok || st.state == labUnknown {
		return ""
	}
	return m.c.Tf("ServeLabBanner", map[string]any{"Progress": st.progressCell(), "Step": st.stepCell(m.c)})
}
