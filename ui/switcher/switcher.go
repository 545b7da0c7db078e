// Package switcher is the header's profile and Region switcher. On a real account it
// lists the profiles of the shared config and credentials files and the Regions;
// choosing rebuilds the backend with that profile and Region (awsapi.NewAWS), off the
// Update loop, reads the caller identity with it and reports SwitchedMsg, which the
// root swaps in. A failure (a profile that does not exist, an expired SSO session)
// is shown and the console keeps its backend. In the simulator, which is
// multi-Region, only the Region part works: acting as another identity is sign-in.
package switcher

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/components/spinner"
	"github.com/labconsole/labconsole/ui/nav"
)

// Connect builds a backend acting with profile ("" = the default credential chain)
// in region. It runs in a tea.Cmd, never in Update.
type Connect func(ctx context.Context, profile, region string) (backend.Backend, error)

// ConnectAWS connects to a real account (or whatever AWS_ENDPOINT_URL and the
// profile's endpoint_url point at) through the default credential chain.
func ConnectAWS(ctx context.Context, profile, region string) (backend.Backend, error) {
	b, err := awsapi.NewAWS(ctx, awsapi.AWSOptions{Profile: profile, Region: region})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// SwitchedMsg reports a successful switch: Backend acts as Identity from now on.
type SwitchedMsg struct {
	Backend  backend.Backend
	Identity model.Identity
}

// Options configure the switcher.
type Options struct {
	// Connect rebuilds the backend; nil means ConnectAWS.
	Connect Connect
	// Getenv reads AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE and HOME; nil means
	// os.Getenv.
	Getenv func(string) string
}

type keyMap struct {
	Up, Down, Next, Apply, Cancel key.Binding
}

func newKeys(c *common.Common, profiles bool) keyMap {
	k := keyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", c.T("SwitchKeyMove"))),
		Down:   key.NewBinding(key.WithKeys("down", "j")),
		Next:   key.NewBinding(key.WithKeys("tab", "shift+tab", "left", "right"), key.WithHelp("tab", c.T("SwitchKeyNextList"))),
		Apply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.T("SwitchKeyApply"))),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.T("KeyCancel"))),
	}
	k.Next.SetEnabled(profiles)
	return k
}

// list is one column: its items and the cursor, which is also the choice.
type list struct {
	items  []string
	cursor int
}

func (l *list) move(d int) { l.cursor = min(max(l.cursor+d, 0), len(l.items)-1) }

func (l *list) value() string {
	if l.cursor < 0 || l.cursor >= len(l.items) {
		return ""
	}
	return l.items[l.cursor]
}

// Model is the switcher screen.
type Model struct {
	c        *common.Common
	o        Options
	keys     keyMap
	aws      bool // profiles are offered only on a real account
	profiles list // items[0] is "" (the default credential chain)
	regions  list
	focus    int // 0 profiles, 1 regions
	current  backend.Info
	config   string
	creds    string
	req      int
	busy     bool
	spin     spinner.Model
	err      string
	width    int
	height   int
}

var _ nav.Screen = (*Model)(nil)

// doneMsg answers a switch of request req.
type doneMsg struct {
	owner *Model
	req   int
	b     backend.Backend
	id    model.Identity
	err   error
}

// New returns the switcher for the session's current backend.
func New(c *common.Common, o Options) *Model {
	if o.Connect == nil {
		o.Connect = ConnectAWS
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	info := c.Backend.Info()
	m := &Model{c: c, o: o, current: info, aws: info.Mode == backend.ModeAWS, spin: spinner.New(c)}
	m.config, m.creds = Files(o.Getenv)
	m.profiles.items = append([]string{""}, Profiles(o.Getenv)...)
	if i := slices.Index(m.profiles.items, info.Profile); i >= 0 {
		m.profiles.cursor = i
	}
	m.regions.items = Regions(info.Region)
	m.regions.cursor = max(slices.Index(m.regions.items, info.Region), 0)
	if !m.aws {
		m.focus = 1
	}
	m.relabel()
	return m
}

func (m *Model) relabel() {
	m.keys = newKeys(m.c, m.aws)
	m.spin.SetLabel(m.c.Tf("SwitchBusy", map[string]any{"Profile": m.profileLabel(m.profiles.value()), "Region": m.regions.value()}))
}

func (m *Model) profileLabel(p string) string {
	if p == "" {
		return m.c.T("SwitchDefaultChain")
	}
	return p
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// Crumbs implements nav.Screen.
func (m *Model) Crumbs() []string { return []string{m.title()} }

func (m *Model) title() string {
	if m.aws {
		return m.c.T("SwitchTitle")
	}
	return m.c.T("SwitchTitleRegion")
}

// Capturing implements nav.Screen: q, L and ? keep working; esc is the screen's.
func (m *Model) Capturing() bool { return false }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Busy reports whether a switch is under way, for tests.
func (m *Model) Busy() bool { return m.busy }

// Error is the failure shown, for tests.
func (m *Model) Error() string { return m.err }

// Select moves the cursors to profile and region, for tests; it reports whether
// both are offered.
func (m *Model) Select(profile, region string) bool {
	pi, ri := slices.Index(m.profiles.items, profile), slices.Index(m.regions.items, region)
	if ri < 0 || (m.aws && pi < 0) {
		return false
	}
	if m.aws {
		m.profiles.cursor = pi
	}
	m.regions.cursor = ri
	return true
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case doneMsg:
		if msg.owner != m || msg.req != m.req {
			return m, nil
		}
		m.busy = false
		m.spin.Stop()
		if msg.err != nil {
			m.err = m.errorText(msg.err)
			return m, nil
		}
		b, id := msg.b, msg.id
		return m, func() tea.Msg { return SwitchedMsg{Backend: b, Identity: id} }
	case common.LanguageChangedMsg:
		m.relabel()
		return m, nil
	case tea.KeyMsg:
		if m.busy {
			return m, nil
		}
		l := &m.regions
		if m.focus == 0 {
			l = &m.profiles
		}
		switch {
		case key.Matches(msg, m.keys.Cancel):
			return m, nav.Pop()
		case key.Matches(msg, m.keys.Up):
			l.move(-1)
		case key.Matches(msg, m.keys.Down):
			l.move(1)
		case key.Matches(msg, m.keys.Next):
			m.focus = 1 - m.focus
		case key.Matches(msg, m.keys.Apply):
			return m, m.apply()
		}
		return m, nil
	}
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg)
	return m, cmd
}

// apply connects with the chosen profile and Region in a command and reads the
// caller identity there, so a bad profile fails here and not on the next screen.
func (m *Model) apply() tea.Cmd {
	profile, region := m.current.Profile, m.regions.value()
	if m.aws {
		profile = m.profiles.value()
	}
	m.err = ""
	m.req++
	m.busy = true
	m.relabel()
	req, ctx, connect := m.req, m.c.Ctx, m.o.Connect
	return tea.Batch(m.spin.Start(), func() tea.Msg {
		b, err := connect(ctx, profile, region)
		if err != nil {
			return doneMsg{owner: m, req: req, err: &profileError{profile: profile, err: err}}
		}
		id, err := b.CallerIdentity(ctx)
		if err != nil {
			return doneMsg{owner: m, req: req, err: &profileError{profile: profile, err: err}}
		}
		return doneMsg{owner: m, req: req, b: b, id: id}
	})
}

// profileError is a failed switch to profile.
type profileError struct {
	profile string
	err     error
}

func (e *profileError) Error() string { return e.err.Error() }
func (e *profileError) Unwrap() error { return e.err }

// errorText says why the switch failed: an expired SSO session with the command
// that renews it, anything else in the console's words for the error.
func (m *Model) errorText(err error) string {
	profile := ""
	var pe *profileError
	if errors.As(err, &pe) {
		profile, err = pe.profile, pe.err
	}
	if profile == "" {
		profile = "default"
	}
	msg := strings.ToLower(err.Error())
	text := common.ErrorText(m.c, err)
	if strings.Contains(msg, "sso") && (strings.Contains(msg, "expired") || strings.Contains(msg, "token")) {
		text = m.c.Tf("SwitchSSOExpired", map[string]any{"Profile": profile})
	}
	return m.c.Tf("SwitchFailed", map[string]any{"Error": text})
}

// boxInner is the width inside the dialog's frame.
func (m *Model) boxInner() int { return max(min(m.width, 76)-4, 30) }

// View implements tea.Model: the two lists side by side in a dialog box.
func (m *Model) View() string {
	st := m.c.Styles
	w := m.boxInner()
	lines := []string{st.Dialog.Title.Render(m.title()), ""}
	// Rows left for the lists: the title, the blank lines, the hint and the
	// status below them.
	status := ""
	switch {
	case m.busy:
		status = m.spin.View()
	case m.err != "":
		p := panel.New(m.c, panel.Error, m.c.T("SwitchFailedTitle"), m.err)
		p.SetSize(w, 0)
		status = p.View()
	}
	// Rows left for the lists: the box's frame, title, blank line, heading and
	// "…" (6), the hint under the box and the blank line before it, the simulator's
	// note and the status.
	hintID := "SwitchHint"
	if !m.aws {
		hintID = "SwitchHintRegion"
	}
	hint := st.Faint.Width(max(m.width, 20)).Render(m.c.T(hintID))
	note := st.Muted.Render(ansi.Wrap(m.c.T("SwitchSimProfiles"), w, ""))
	used := 6 + 1 + lipgloss.Height(hint)
	if !m.aws {
		used += 1 + lipgloss.Height(note)
	}
	if status != "" {
		used += 1 + lipgloss.Height(status)
	}
	rows := max(m.height-used, 3)
	var cols []string
	if m.aws {
		labels := make([]string, len(m.profiles.items))
		for i, p := range m.profiles.items {
			labels[i] = m.profileLabel(p)
		}
		col := m.column(m.c.T("SwitchProfiles"), labels, m.profiles.cursor, m.focus == 0, slices.Index(m.profiles.items, m.current.Profile), rows, w/2-1)
		if len(m.profiles.items) == 1 {
			col += "\n" + st.Muted.Render(ansi.Wrap(m.c.Tf("SwitchNoProfiles", map[string]any{"Config": m.config, "Credentials": m.creds}), w/2-1, ""))
		}
		cols = append(cols, col, "  ")
	}
	cols = append(cols, m.column(m.c.T("SwitchRegions"), m.regions.items, m.regions.cursor, m.focus == 1, slices.Index(m.regions.items, m.current.Region), rows, w/2-1))
	lines = append(lines, lipgloss.JoinHorizontal(lipgloss.Top, cols...))
	if !m.aws {
		lines = append(lines, "", note)
	}
	if status != "" {
		lines = append(lines, "", status)
	}
	box := st.Dialog.Box.Render(strings.Join(lines, "\n"))
	return box + "\n\n" + hint
}

// column is one list under its heading, scrolled so the cursor is visible.
func (m *Model) column(heading string, items []string, cursor int, focused bool, current, rows, width int) string {
	st := m.c.Styles.Form
	out := []string{st.Label.Render(heading)}
	if focused {
		out[0] = st.LabelFocused.Render(heading)
	}
	start := 0
	if cursor >= rows {
		start = cursor - rows + 1
	}
	end := min(start+rows, len(items))
	for i := start; i < end; i++ {
		mark, style := "( )", st.Option
		if i == cursor {
			mark = "(•)"
			if focused {
				style = st.OptionFocused
			}
		}
		text := items[i]
		if i == current {
			text += " — " + m.c.T("SwitchCurrent")
		}
		out = append(out, ansi.Truncate(st.Control.Render(mark)+" "+style.Render(text), width, "…"))
	}
	if end < len(items) || start > 0 {
		out = append(out, m.c.Styles.Faint.Render("…"))
	}
	return lipgloss.NewStyle().Width(width).Render(strings.Join(out, "\n"))
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	// esc is the root's "back", listed by the root.
	return []key.Binding{m.keys.Up, m.keys.Next, m.keys.Apply}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
