package serve

import (
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui"
	"github.com/labconsole/labconsole/ui/common"
)

// sessionModel wraps a session's root model with what serving adds: activity and
// screen tracking for the idle timeout and the instructor, the server's requests to
// end (idle, shutdown), and a recover that logs a panic to the server's log instead of
// the student's screen.
type sessionModel struct {
	inner  tea.Model
	crumbs func() []string // the root's breadcrumbs, for the instructor's table
	c      *common.Common
	live   *liveSession
	log    *slog.Logger
	now    func() time.Time
	reason endReason // why the server ended the session; read after the program stops
	// cleanup runs after the program stops (the instructor's open view holds a
	// student's sandbox).
	cleanup func()
}

func newStudentModel(root *ui.Model, c *common.Common, live *liveSession, log *slog.Logger) *sessionModel {
	return &sessionModel{inner: root, crumbs: root.Crumbs, c: c, live: live, log: log, now: time.Now}
}

// Init implements tea.Model.
func (m *sessionModel) Init() tea.Cmd {
	m.live.touch(m.now())
	return m.inner.Init()
}

// Update implements tea.Model.
func (m *sessionModel) Update(msg tea.Msg) (_ tea.Model, cmd tea.Cmd) {
	if m.reason != endNone {
		return m, tea.Quit
	}
	defer m.recover("update", &cmd)
	switch msg := msg.(type) {
	case endMsg:
		m.reason = msg.reason
		return m, tea.Quit
	case tea.KeyMsg, tea.MouseMsg:
		m.live.touch(m.now())
	}
	_, cmd = m.inner.Update(msg)
	if m.crumbs != nil {
		m.live.observe(m.crumbs(), m.c.L.Lang())
	}
	return m, cmd
}

// View implements tea.Model.
func (m *sessionModel) View() (view string) {
	if m.reason == endCrash {
		return m.c.T("ServeCrash")
	}
	defer m.recover("view", nil)
	return m.inner.View()
}

// recover turns a panic into a logged crash that ends the session (the next Update
// quits); the student's sandbox is released as on any other end.
func (m *sessionModel) recover(where string, cmd *tea.Cmd) {
	r := recover()
	if r == nil {
		return
	}
	m.log.Error("session panic", "in", where, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
	m.reason = endCrash
	if cmd != nil {
		*cmd = tea.Quit
	}
}
