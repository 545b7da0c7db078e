package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/guard"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/signin"
	"github.com/labconsole/labconsole/ui/switcher"
)

// safetyRoot is the root's part of real-AWS safety: the guard around the session's
// backend (--read-only, mutation notices) and the header's profile/Region switcher.
type safetyRoot struct {
	// mutations carries the name of a mutation that succeeded from the guard's
	// Notify (on a tea.Cmd's goroutine) to listenMutations. It holds one: a notice
	// that finds it full is dropped, so a burst of calls coalesces into one
	// MutationMsg and no backend call ever waits for the UI.
	mutations chan string
	opts      guard.Options
	// switcher configures the profile/Region switcher; its Connect is nil in the
	// simulator unless cmd/labconsole can rebuild the simulator's backend.
	switcher switcher.Options
}

// mutationArrivedMsg is a notice taken off the channel; the root re-arms the
// listener and handles it as common.MutationMsg.
type mutationArrivedMsg struct{ op string }

// guardBackend wraps the session's backend in the guard (read-only when the
// session is) and prepares the mutation channel.
func (m *Model) guardBackend() {
	ch := make(chan string, 1)
	m.safety.mutations = ch
	m.safety.opts = guard.Options{
		ReadOnly: m.c.ReadOnly,
		Notify: func(op string) {
			select {
			case ch <- op:
			default: // one is pending already: coalesced
			}
		},
	}
	if m.c.Backend != nil {
		m.c.Backend = guard.Wrap(m.c.Backend, m.safety.opts)
	}
}

// listenMutations waits for the next mutation notice; it ends with the session.
func (m *Model) listenMutations() tea.Cmd {
	ch, done := m.safety.mutations, m.c.Ctx.Done()
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		select {
		case op := <-ch:
			return mutationArrivedMsg{op: op}
		case <-done:
			return nil
		}
	}
}

// mutationArrived re-arms the listener and delivers the notice to Update.
func (m *Model) mutationArrived(msg mutationArrivedMsg) tea.Cmd {
	_, cmd := m.Update(common.MutationMsg{Op: msg.op})
	return tea.Batch(m.listenMutations(), cmd)
}

// SetSwitcherOptions tells the root how to rebuild the backend for another profile
// or Region (cmd/labconsole; in the simulator, for another Region only).
func (m *Model) SetSwitcherOptions(o switcher.Options) { m.safety.switcher = o }

// canSwitch says whether the switcher is offered: always on a real account, in the
// simulator when the session can rebuild its backend for another Region.
func (m *Model) canSwitch() bool {
	if m.c.Backend == nil {
		return false
	}
	return m.c.Backend.Info().Mode == backend.ModeAWS || m.safety.switcher.Connect != nil
}

// openSwitcher shows the switcher over the current screen, unless it is open.
func (m *Model) openSwitcher() tea.Cmd {
	if !m.canSwitch() {
		return nil
	}
	if _, open := m.top().(*switcher.Model); open {
		return nil
	}
	return m.push(switcher.New(m.c, m.safety.switcher))
}

// switched swaps in the backend the switcher built, guarded like the first one.
// Sessions signed in on the old backend are left behind with it.
func (m *Model) switched(msg switcher.SwitchedMsg) tea.Cmd {
	m.c.Backend = guard.Wrap(msg.Backend, m.safety.opts)
	m.signedIn = nil
	// The lab goes on in the new profile/Region: tag there too; the panel decides
	// whether it checks and cleans up with the new backend.
	m.syncTagging()
	if m.lab.panel != nil {
		m.lab.panel.FollowSwitch(m.c.Backend, msg.Identity)
	}
	for {
		switch m.top().(type) {
		case *switcher.Model, *signin.Model:
			if len(m.stack) > 1 {
				m.pop()
				continue
			}
		}
		break
	}
	m.keys = newGlobalKeys(m.c)
	return func() tea.Msg { return common.IdentityChangedMsg{} }
}
