package serve

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/iam"
	"github.com/labconsole/labconsole/ui/nav"
)

// sandboxView is the instructor's read-only look into one student's sandbox: the
// normal console (header, menu, every screen) opened on IAM > Users (esc walks back
// to IAM's home and the menu), on a backend
// whose transport lets only reads through. It holds a reference on the sandbox so the
// student leaving does not close it under the instructor.
type sandboxView struct {
	c    *common.Common
	root *ui.Model
	who  string
	info SessionInfo // the student's session, for its lab progress
	// progress is the banner's lab line, set by the instructor's model as progress
	// readings arrive; "" shows none.
	progress string
	back     key.Binding
	cancel   context.CancelFunc
	release  func()
}

func openSandboxView(s *Server, parent *common.Common, info SessionInfo, who string) (*sandboxView, tea.Cmd, error) {
	ctx, cancel := context.WithCancel(parent.Ctx)
	sb, ok := s.pool.attach(ctx, info.Sandbox)
	if !ok {
		cancel()
		return nil, nil, errNoSandbox
	}
	c := *parent // same terminal, styles and language; own context and backend
	c.Ctx = ctx
	c.Backend = s.sandboxBackend(sb, true)
	v := &sandboxView{c: &c, who: who, info: info, cancel: cancel, release: func() { s.pool.release(sb) }}
	v.back = key.NewBinding(key.WithKeys("q"))
	v.root = ui.New(v.c)
	sizeCmd := v.resize(parent.Width, parent.Height)
	_, home := v.root.Update(nav.OpenMsg{Service: nav.IAM})
	_, users := v.root.Update(nav.PushMsg{Screen: iam.NewUsers(v.c)})
	return v, tea.Batch(v.root.Init(), sizeCmd, home, users), nil
}

// resize gives the console all but the banner line.
func (v *sandboxView) resize(w, h int) tea.Cmd {
	_, cmd := v.root.Update(tea.WindowSizeMsg{Width: w, Height: max(h-1, 1)})
	return cmd
}

// key handles a key in the view; leave is true when the instructor goes back to the
// table: q anywhere, or esc on the console's home where it has nothing to go back to.
func (v *sandboxView) key(msg tea.KeyMsg) (cmd tea.Cmd, leave bool) {
	if !v.root.Top().Capturing() {
		if key.Matches(msg, v.back) || (msg.Type == tea.KeyEsc && v.root.Depth() == 1) {
			return nil, true
		}
	}
	_, cmd = v.root.Update(msg)
	return cmd, false
}

func (v *sandboxView) update(msg tea.Msg) tea.Cmd {
	_, cmd := v.root.Update(msg)
	return cmd
}

// View implements the view's half of tea.Model: a banner, then the console.
func (v *sandboxView) View() string {
	text := v.c.Tf("ServeViewBanner", map[string]any{"Who": v.who})
	if v.progress != "" {
		text += " · " + v.progress
	}
	banner := v.c.Renderer.NewStyle().MaxWidth(max(v.c.Width, 1)).Render(v.c.Styles.Warning.Render(" " + text))
	return banner + "\n" + v.root.View()
}

func (v *sandboxView) close() {
	v.cancel()
	v.release()
}
