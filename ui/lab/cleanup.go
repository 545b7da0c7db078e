package lab

import (
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/guard"
	"github.com/labconsole/labconsole/backend/labres"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/spinner"
	"github.com/labconsole/labconsole/ui/components/textkey"
)

// cleanupStage is where a clean-up is.
type cleanupStage int

const (
	cleanupPlanning cleanupStage = iota // PlanFor runs (spinner)
	cleanupPlanned                      // the plan is shown; "delete" must be typed
	cleanupDeleting                     // one item at a time, in plan order
	cleanupFinished                     // what was deleted and what failed
)

// cleanupOp names the clean-up in the guard's read-only message (PlanFor names it so
// too when the backend cannot list lab resources).
const cleanupOp = "labconsole:CleanUpLab"

// Cleanup is the panel's "clean up lab resources" page: the plan labres.PlanFor makes
// (kind, name, why; in AWS mode the AWS CLI command of each deletion), a typed
// confirmation like the console's delete dialogs, then one deletion per tea.Cmd so
// the page shows each answer as it arrives, and finally what was deleted and what
// was not. esc cancels until the deletions start. It runs with the backend the
// checks read with: the console's own credentials, never a signed-in lab-user.
type Cleanup struct {
	p       *Panel
	b       backend.Backend
	run     int // tags answers, so a cancelled clean-up's answers are dropped
	stage   cleanupStage
	spin    spinner.Model
	plan    labres.Plan
	errs    []error // per item once tried
	tried   int     // items answered
	left    map[string]bool
	input   textinput.Model
	offset  int // first line shown
	planErr error
}

type (
	cleanupPlanMsg struct {
		p    *Panel
		run  int
		plan labres.Plan
		err  error
	}
	cleanupItemMsg struct {
		p   *Panel
		run int
		i   int
		err error
	}
)

// startCleanup opens the clean-up page and lists the lab's resources in a tea.Cmd;
// under --read-only it is refused with the guard's message instead.
func (p *Panel) startCleanup() tea.Cmd {
	if p.c.ReadOnly {
		p.status = ""
		p.err = guard.ReadOnlyError(cleanupOp)
		return nil
	}
	p.cleanupRuns++ // a new clean-up ignores an old one's answers
	cu := &Cleanup{p: p, b: p.state, run: p.cleanupRuns, spin: spinner.New(p.c), left: map[string]bool{}}
	cu.spin.SetLabel(p.c.T("LabCleanupPlanning"))
	cu.input = textinput.New()
	cu.input.Prompt = "> "
	p.cleanup = cu
	b, ctx, lab, run := cu.b, p.c.Ctx, p.lab.ID, cu.run
	return tea.Batch(cu.spin.Start(), func() tea.Msg {
		plan, err := labres.PlanFor(ctx, b, lab)
		return cleanupPlanMsg{p: p, run: run, plan: plan, err: err}
	})
}

// CleaningUp reports whether the clean-up page is open, for tests.
func (p *Panel) CleaningUp() bool { return p.cleanup != nil }

// confirmText is what the student types to delete ("delete", "삭제").
func (cu *Cleanup) confirmText() string { return cu.p.c.T("LabCleanupConfirmText") }

// message takes the clean-up's own answers; ok is false for anyone else's.
func (cu *Cleanup) message(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case cleanupPlanMsg:
		if msg.run != cu.run {
			return nil, true
		}
		cu.spin.Stop()
		cu.plan, cu.planErr = msg.plan, msg.err
		cu.errs = make([]error, len(msg.plan.Items))
		cu.stage = cleanupPlanned
		if msg.err == nil && !msg.plan.Empty() {
			return cu.input.Focus(), true
		}
		return nil, true
	case cleanupItemMsg:
		if msg.run != cu.run || msg.i != cu.tried {
			return nil, true
		}
		it := cu.plan.Items[msg.i]
		cu.errs[msg.i] = msg.err
		if msg.err != nil && it.Kind == labres.KindTrail {
			cu.left[it.Ref] = true
		}
		cu.tried++
		if cu.tried < len(cu.plan.Items) {
			return cu.next(), true
		}
		cu.stage = cleanupFinished
		cu.spin.Stop()
		cu.offset = 0
		return cu.p.recheck(), true
	}
	if cu.spin.Active() {
		var cmd tea.Cmd
		cu.spin, cmd = cu.spin.Update(msg)
		return cmd, cmd != nil
	}
	return nil, false
}

// next deletes the next item in a tea.Cmd; a bucket whose lab trail could not be
// deleted is left, as labres.Execute leaves it.
func (cu *Cleanup) next() tea.Cmd {
	i, it, run, p, b, ctx := cu.tried, cu.plan.Items[cu.tried], cu.run, cu.p, cu.b, cu.p.c.Ctx
	if it.Kind == labres.KindBucket && cu.left[it.Name] {
		return func() tea.Msg { return cleanupItemMsg{p: p, run: run, i: i, err: labres.ErrTrailRemains} }
	}
	return func() tea.Msg { return cleanupItemMsg{p: p, run: run, i: i, err: labres.DeleteItem(ctx, b, it)} }
}

// update handles keys on the page.
func (cu *Cleanup) update(msg tea.KeyMsg) tea.Cmd {
	k := cu.p.keys
	switch {
	case key.Matches(msg, k.CleanupUp):
		cu.offset = max(cu.offset-1, 0)
		return nil
	case key.Matches(msg, k.CleanupDown):
		cu.offset++
		return nil
	case msg.Type == tea.KeyPgUp:
		cu.offset = max(cu.offset-cu.pageLines(), 0)
		return nil
	case msg.Type == tea.KeyPgDown:
		cu.offset += cu.pageLines()
		return nil
	}
	switch cu.stage {
	case cleanupPlanning:
		if key.Matches(msg, k.CleanupCancel) {
			cu.cancel()
		}
	case cleanupPlanned:
		switch {
		case key.Matches(msg, k.CleanupCancel):
			cu.cancel()
		case msg.Type == tea.KeyEnter:
			if cu.planErr != nil || cu.plan.Empty() {
				cu.p.cleanup = nil
				return nil
			}
			if strings.TrimSpace(cu.input.Value()) != cu.confirmText() {
				return nil
			}
			cu.stage = cleanupDeleting
			cu.input.Blur()
			cu.spin.SetLabel("")
			return tea.Batch(cu.spin.Start(), cu.next())
		default:
			if cu.planErr == nil && !cu.plan.Empty() {
				return textkey.Update(&cu.input, msg)
			}
		}
	case cleanupFinished:
		if key.Matches(msg, k.CleanupCancel) || msg.Type == tea.KeyEnter {
			cu.p.cleanup = nil
		}
	}
	return nil
}

func (cu *Cleanup) cancel() {
	cu.p.cleanup = nil
	cu.p.err = nil
	cu.p.status = cu.p.c.T("LabCleanupCanceled")
}

// Deleted and Failed count the items answered so far, for tests and the summary.
func (cu *Cleanup) counts() (deleted, failed int) {
	for i := 0; i < cu.tried; i++ {
		if cu.errs[i] == nil {
			deleted++
		} else {
			failed++
		}
	}
	return deleted, failed
}

// pageLines is how many lines of the page fit in the panel.
func (cu *Cleanup) pageLines() int { return max(cu.p.height-4, 3) }

// cliCommand is the AWS CLI command that deletes it (a trail: after stop-logging; a
// bucket: rb --force empties it first).
func cliCommand(it labres.Item) *awscli.Command {
	switch it.Kind {
	case labres.KindTrail:
		return awscli.New("cloudtrail", "delete-trail").With("--name", it.Name)
	case labres.KindBucket:
		return awscli.New("s3", "rb").Flag(awscli.Quote("s3://" + it.Name)).Flag("--force")
	case labres.KindAlarm:
		return awscli.New("cloudwatch", "delete-alarms").With("--alarm-names", it.Name)
	case labres.KindLoginProfile:
		return awscli.New("iam", "delete-login-profile").With("--user-name", it.User)
	case labres.KindAccessKey:
		return awscli.New("iam", "delete-access-key").With("--user-name", it.User).With("--access-key-id", it.Name)
	case labres.KindUserAttachedPolicy:
		return awscli.New("iam", "detach-user-policy").With("--user-name", it.User).With("--policy-arn", it.ARN)
	case labres.KindUserInlinePolicy:
		return awscli.New("iam", "delete-user-policy").With("--user-name", it.User).With("--policy-name", it.Name)
	case labres.KindGroupMembership:
		return awscli.New("iam", "remove-user-from-group").With("--group-name", it.Name).With("--user-name", it.User)
	case labres.KindUser:
		return awscli.New("iam", "delete-user").With("--user-name", it.Name)
	case labres.KindGroupAttachedPolicy:
		return awscli.New("iam", "detach-group-policy").With("--group-name", it.Group).With("--policy-arn", it.ARN)
	case labres.KindGroupInlinePolicy:
		return awscli.New("iam", "delete-group-policy").With("--group-name", it.Group).With("--policy-name", it.Name)
	case labres.KindGroup:
		return awscli.New("iam", "delete-group").With("--group-name", it.Name)
	case labres.KindSubscription:
		return awscli.New("sns", "unsubscribe").With("--subscription-arn", it.ARN)
	case labres.KindTopic:
		return awscli.New("sns", "delete-topic").With("--topic-arn", it.ARN)
	case labres.KindLogGroup:
		return awscli.New("logs", "delete-log-group").With("--log-group-name", it.Name)
	case labres.KindRoleInlinePolicy:
		return awscli.New("iam", "delete-role-policy").With("--role-name", it.Role).With("--policy-name", it.Name)
	case labres.KindRole:
		return awscli.New("iam", "delete-role").With("--role-name", it.Name)
	case labres.KindKeyAlias:
		return awscli.New("kms", "delete-alias").With("--alias-name", it.Name)
	case labres.KindKey:
		id := it.Key
		if id == "" {
			id = it.Name
		}
		return awscli.New("kms", "schedule-key-deletion").With("--key-id", id).With("--pending-window-in-days", strconv.Itoa(labres.KeyDeletionDays))
	}
	return nil
}

// cliLine is the command for the session's connection, in the item's own Region
// (a billing alarm lives in us-east-1 whatever the console's Region).
func cliLine(info backend.Info, it labres.Item) string {
	cmd := cliCommand(it)
	if cmd == nil {
		return ""
	}
	if it.Region != "" {
		info.Region = it.Region
	}
	return cmd.String(info)
}

// itemError is one failure in the session's language.
func itemError(c *common.Common, err error) string {
	if errors.Is(err, labres.ErrTrailRemains) {
		return c.T("CleanupTrailRemains")
	}
	return c.Tf("CleanupItemFailed", map[string]any{"Error": common.ErrorText(c, err)})
}

// view draws the page as a box in the panel, scrolled to offset.
func (cu *Cleanup) view(w int) string {
	c := cu.p.c
	st := c.Styles
	box := st.Dialog.DangerBox
	inner := max(w-box.GetHorizontalFrameSize(), 10)
	wrap := func(style lipgloss.Style, s string) []string {
		var out []string
		for _, l := range cells.Wrap(s, inner) {
			out = append(out, style.Render(l))
		}
		return out
	}
	// hang wraps s under a two-cell lead ("• ", "✓ ", "  "), continuation lines
	// indented alike.
	hang := func(style lipgloss.Style, lead, s string) []string {
		var out []string
		for i, l := range cells.Wrap(s, max(inner-2, 1)) {
			if i > 0 {
				lead = "  "
			}
			out = append(out, style.Render(lead+l))
		}
		return out
	}
	tag := labres.TagKey + "=" + cu.p.lab.ID
	var body []string
	current := -1 // the first line of the item being deleted
	switch {
	case cu.stage == cleanupPlanning:
		body = append(body, cu.spin.View())
	case cu.planErr != nil:
		body = append(body, wrap(st.Error, c.Tf("CleanupPlanFailed", map[string]any{"Error": common.ErrorText(c, cu.planErr)}))...)
	case cu.plan.Empty():
		body = append(body, wrap(st.Text, c.Tf("CleanupNothing", map[string]any{"Tag": tag}))...)
	default:
		if cu.stage == cleanupPlanned {
			body = append(body, wrap(st.Text, c.Tf("CleanupPlanTitle", map[string]any{"Lab": cu.p.lab.ID, "Tag": tag, "Count": len(cu.plan.Items)}))...)
		}
		aws := cu.b != nil && cu.b.Info().Mode == backend.ModeAWS
		for i, it := range cu.plan.Items {
			mark := "•"
			if i < cu.tried {
				mark = "✓"
				if cu.errs[i] != nil {
					mark = "✗"
				}
			} else if cu.stage == cleanupDeleting && i == cu.tried {
				mark = cu.spin.Glyph()
				current = len(body)
			}
			body = append(body, hang(st.Text.Bold(true), mark+" ", it.Label(c))...)
			switch {
			case i < cu.tried && cu.errs[i] != nil:
				body = append(body, hang(st.Error, "  ", itemError(c, cu.errs[i]))...)
			case i < cu.tried:
				body = append(body, hang(st.Success, "  ", c.T("CleanupItemDeleted"))...)
			default:
				body = append(body, hang(st.Muted, "  ", it.Why(c, cu.plan.Lab))...)
			}
			if line := cliLine(cu.b.Info(), it); aws && cu.stage == cleanupPlanned && line != "" {
				body = append(body, hang(st.Info, "  ", "$ "+line)...)
			}
		}
	}
	// The footer stays in view: progress or the outcome, the confirmation, the keys.
	var foot []string
	switch cu.stage {
	case cleanupDeleting:
		foot = append(foot, wrap(st.Warning, c.Tf("LabCleanupDeleting", map[string]any{"N": cu.tried + 1, "Count": len(cu.plan.Items)}))...)
	case cleanupFinished:
		if deleted, failed := cu.counts(); failed == 0 {
			foot = append(foot, wrap(st.Success, c.Tf("LabCleanupDone", map[string]any{"Count": deleted, "Tag": tag}))...)
		} else {
			foot = append(foot, wrap(st.Error, c.Tf("LabCleanupPartial", map[string]any{"Deleted": deleted, "Failed": failed}))...)
		}
	}
	if cu.stage == cleanupPlanned && cu.planErr == nil && !cu.plan.Empty() {
		foot = append(foot, wrap(st.Dialog.Prompt, c.Tf("LabCleanupTypeToConfirm", map[string]any{"Text": cu.confirmText(), "Count": len(cu.plan.Items)}))...)
		in := cu.input
		in.Width = max(inner-3, 1)
		foot = append(foot, cells.Fit(in.View(), inner, lipgloss.Left))
	}
	foot = append(foot, st.Muted.Render(cells.Fit(cu.keyLine(), inner, lipgloss.Left)))

	title := wrap(st.Dialog.Title, c.T("LabCleanupTitle"))
	room := max(cu.p.height-2-len(title)-len(foot)-2, 1) // box border, title, footer, gaps
	// Follow the deletion down the list.
	if current >= 0 {
		cu.offset = max(min(cu.offset, current), current+2-room)
	}
	cu.offset = max(min(cu.offset, len(body)-room), 0)
	shown := body[cu.offset:min(cu.offset+room, len(body))]
	lines := append([]string{}, title...)
	lines = append(lines, "")
	lines = append(lines, shown...)
	if more := len(body) - cu.offset - len(shown); more > 0 || cu.offset > 0 {
		lines = append(lines, st.Faint.Render(c.Tf("LabCleanupScrolled", map[string]any{"From": cu.offset + 1, "To": cu.offset + len(shown), "Total": len(body)})))
	} else {
		lines = append(lines, "")
	}
	lines = append(lines, foot...)
	for i, l := range lines {
		lines[i] = cells.Fit(l, inner, lipgloss.Left)
	}
	return box.Render(strings.Join(lines, "\n"))
}

// keyLine names the keys that act now.
func (cu *Cleanup) keyLine() string {
	c := cu.p.c
	switch {
	case cu.stage == cleanupDeleting:
		return ""
	case cu.stage == cleanupFinished || cu.planErr != nil || (cu.stage == cleanupPlanned && cu.plan.Empty()):
		return "esc: " + c.T("LabCleanupKeyClose")
	case cu.stage == cleanupPlanned:
		return "↑/↓: " + c.T("LabCleanupKeyScroll") + " · enter: " + c.T("LabCleanupKeyDelete") + " · esc: " + c.T("LabCleanupKeyCancel")
	}
	return "esc: " + c.T("LabCleanupKeyCancel")
}
