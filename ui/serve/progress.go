package serve

import (
	"context"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/assets"
	"github.com/labconsole/labconsole/model/lab"
	"github.com/labconsole/labconsole/ui/common"
	labui "github.com/labconsole/labconsole/ui/lab"
)

// servedLab is the lab the students' panels run: serve leaves labui.Options.Lab empty,
// which is lab1.
const servedLab = "lab1"

// labStatus is one student's lab progress as the instructor sees it. It is read from
// the progress file the student's lab panel saves in the sandbox's directory, never
// from the student's session, so the instructor neither waits on nor races it.
type labStatus struct {
	state      labState
	done       int
	total      int
	part, step string   // the current step: the first one not done yet
	title      lab.Text // its title in every language
}

type labState int

const (
	labUnknown    labState = iota // not read yet
	labEphemeral                  // no key: progress lives in the session's memory only
	labNotStarted                 // no progress file: the panel was never opened
	labInProgress
	labFinished
)

// progressMsg carries the progress files read in a command, by sandbox name.
type progressMsg struct {
	m      *instructorModel
	status map[string]labStatus
}

// loadProgress reads every connected student's progress in a command. A file that
// cannot be read or parsed (the panel writes a temporary file and renames it, but a
// file copied in by hand may be half-written) keeps the last status read.
func (m *instructorModel) loadProgress() tea.Cmd {
	if m.lab == nil {
		return func() tea.Msg { return progressMsg{m: m} }
	}
	infos, prev, l, ctx := m.s.reg.list(m.now()), m.labStatus, m.lab, m.c.Ctx
	return func() tea.Msg {
		return progressMsg{m: m, status: readProgress(ctx, l, infos, prev)}
	}
}

// readProgress reads the progress of each session's sandbox (read-only). prev is not
// modified: the model may read it meanwhile.
func readProgress(ctx context.Context, l *lab.Lab, infos []SessionInfo, prev map[string]labStatus) map[string]labStatus {
	out := make(map[string]labStatus, len(infos))
	for _, in := range infos {
		if _, seen := out[in.Sandbox]; seen || in.Sandbox == "" {
			continue // two sessions of one key share a sandbox
		}
		if in.SandboxDir == "" {
			out[in.Sandbox] = labStatus{state: labEphemeral}
			continue
		}
		p, found, err := labui.FileStore{Dir: in.SandboxDir}.Load(ctx, in.Account, l.ID)
		switch {
		case err != nil:
			out[in.Sandbox] = prev[in.Sandbox] // half-written or unreadable: keep the last good one
		case !found:
			out[in.Sandbox] = labStatus{state: labNotStarted, total: len(l.Steps())}
		default:
			out[in.Sandbox] = summarize(l, p)
		}
	}
	return out
}

// summarize counts the lab's steps the progress marks done and finds the first step
// not done, in the lab's order.
func summarize(l *lab.Lab, p labui.Progress) labStatus {
	st := labStatus{state: labInProgress}
	for _, part := range l.Parts {
		for _, step := range part.Steps {
			st.total++
			if p.Completed[step.ID] {
				st.done++
			} else if st.step == "" {
				st.part, st.step, st.title = part.ID, step.ID, step.Title
			}
		}
	}
	if p.Finished != nil || st.done == st.total {
		st.state = labFinished
	}
	return st
}

// progressCell is the "done/total" column.
func (st labStatus) progressCell() string {
	switch st.state {
	case labInProgress, labFinished:
		return fmt.Sprintf("%d/%d", st.done, st.total)
	case labNotStarted:
		return fmt.Sprintf("0/%d", st.total)
	}
	return "—"
}

// stepCell is the current step: its ID (with the part's when the step's own does not
// start with it) and title in the instructor's language.
func (st labStatus) stepCell(c *common.Common) string {
	switch st.state {
	case labEphemeral:
		return c.T("ServeLabEphemeral")
	case labNotStarted:
		return c.T("ServeLabNotStarted")
	case labFinished:
		return "✓ " + c.T("ServeLabFinished")
	case labInProgress:
		id := st.step
		if !strings.HasPrefix(st.step, st.part) {
			id = st.part + "·" + st.step
		}
		return id + " " + st.title.In(string(c.L.Lang()))
	}
	return ""
}

// sortKey orders the progress column by steps done.
func (st labStatus) sortKey() string { return fmt.Sprintf("%d%06d", st.state, st.done) }

// loadLab parses the served lab for the instructor's table; nil (no progress
// columns filled) if the embedded lab cannot be read.
func loadLab() *lab.Lab {
	l, err := assets.Lab(servedLab)
	if err != nil {
		return nil
	}
	return l
}
