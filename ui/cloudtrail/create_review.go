package cloudtrail

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
)

// review is step 3, "Review and create": each step's choices under its title with an
// Edit key that jumps back to it, then the AWS CLI commands the console will run in
// order. It scrolls, as it is longer than a terminal.
type review struct {
	c       *common.Common
	keys    reviewKeys
	trail   model.NewTrail
	account string
	yoff    int
	width   int
	height  int
}

type reviewKeys struct {
	Edit1, Edit2, Up, Down key.Binding
}

func newReviewKeys(c *common.Common) reviewKeys {
	return reviewKeys{
		Edit1: bind(c, "1", "CTKeyEditStep1", "1"),
		Edit2: bind(c, "2", "CTKeyEditStep2", "2"),
		Up:    bind(c, "↑/k", "KeyUp", "up", "k"),
		Down:  bind(c, "↓/j", "KeyDown", "down", "j"),
	}
}

// editStepMsg asks the wizard to show step i again.
type editStepMsg struct{ step int }

func newReview(c *common.Common) *review { return &review{c: c, keys: newReviewKeys(c)} }

func (r *review) set(t model.NewTrail, account string) { r.trail, r.account, r.yoff = t, account, 0 }

func (r *review) Init() tea.Cmd    { return nil }
func (r *review) SetSize(w, h int) { r.width, r.height = w, h }
func (r *review) ShortHelp() []key.Binding {
	return []key.Binding{r.keys.Edit1, r.keys.Edit2, r.keys.Down}
}
func (r *review) FullHelp() [][]key.Binding {
	return [][]key.Binding{{r.keys.Edit1, r.keys.Edit2}, {r.keys.Up, r.keys.Down}}
}

func (r *review) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		r.keys = newReviewKeys(r.c)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, r.keys.Edit1):
			return r, func() tea.Msg { return editStepMsg{0} }
		case key.Matches(msg, r.keys.Edit2):
			return r, func() tea.Msg { return editStepMsg{1} }
		case key.Matches(msg, r.keys.Up):
			r.yoff = max(r.yoff-1, 0)
		case key.Matches(msg, r.keys.Down):
			r.yoff = min(r.yoff+1, max(len(r.lines())-r.height, 0))
		}
	}
	return r, nil
}

// commands are the calls CreateTrail makes, as AWS CLI lines.
func (r *review) commands() []*awscli.Command {
	t := r.trail
	var cmds []*awscli.Command
	if t.CreateBucket {
		cmds = append(cmds, awscli.New("s3api", "create-bucket").With("--bucket", t.S3BucketName),
			awscli.New("s3api", "put-bucket-policy").With("--bucket", t.S3BucketName).With("--policy", "file://policy.json"))
	}
	create := awscli.New("cloudtrail", "create-trail").With("--name", t.Name).With("--s3-bucket-name", t.S3BucketName).With("--s3-key-prefix", t.S3KeyPrefix)
	if t.IsMultiRegionTrail {
		create.Flag("--is-multi-region-trail")
	}
	if t.IncludeGlobalServiceEvents {
		create.Flag("--include-global-service-events")
	}
	if t.EnableLogFileValidation {
		create.Flag("--enable-log-file-validation")
	}
	if len(t.Tags) > 0 {
		var tags []string
		for _, tg := range t.Tags {
			tags = append(tags, "Key="+tg.Key+",Value="+tg.Value)
		}
		create.With("--tags-list", strings.Join(tags, " "))
	}
	cmds = append(cmds, create)
	if sel, custom := t.Selectors(); custom {
		spec := `[{"ReadWriteType":"` + sel.ReadWriteType + `","IncludeManagementEvents":` + boolText(sel.IncludeManagementEvents)
		if len(sel.ExcludeManagementEventSources) > 0 {
			spec += `,"ExcludeManagementEventSources":["` + strings.Join(sel.ExcludeManagementEventSources, `","`) + `"]`
		}
		cmds = append(cmds, awscli.New("cloudtrail", "put-event-selectors").With("--trail-name", t.Name).With("--event-selectors", spec+"}]"))
	}
	if t.StartLogging {
		cmds = append(cmds, awscli.New("cloudtrail", "start-logging").With("--name", t.Name))
	}
	return cmds
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// lines is the whole review, before scrolling.
func (r *review) lines() []string {
	st := r.c.Styles
	t := r.trail
	acct := r.account
	if acct == "" {
		acct = "<account>"
	}
	w := max(r.width, 20)
	var out []string
	section := func(title, edit string) {
		out = append(out, st.Subtitle.Render(title)+"  "+st.Link.Render(edit))
	}
	row := func(id, val string) {
		out = append(out, lipgloss.NewStyle().MaxWidth(w).Render("  "+st.Muted.Render(padTo(r.c.T(id), 26))+st.Text.Render(val)))
	}
	section(r.c.T("CTStep1"), r.c.T("CTEdit1"))
	row("CloudTrailTrailName", t.Name)
	storage := r.c.T("CloudTrailUseExistingBucket")
	if t.CreateBucket {
		storage = r.c.T("CloudTrailCreateNewBucket")
	}
	row("CloudTrailStorageLocation", storage)
	row("CloudTrailLogLocation", "s3://"+model.Trail{S3BucketName: t.S3BucketName, S3KeyPrefix: t.S3KeyPrefix}.LogLocation(acct))
	row("CloudTrailLogFileValidation", yesNo(r.c, t.EnableLogFileValidation))
	row("CloudTrailMultiRegion", yesNoWord(r.c, t.IsMultiRegionTrail))
	var tags []string
	for _, tg := range t.Tags {
		tags = append(tags, tg.Key+"="+tg.Value)
	}
	if len(tags) == 0 {
		tags = []string{"-"}
	}
	row("CTTags", strings.Join(tags, ", "))
	out = append(out, "")
	section(r.c.T("CTStep2"), r.c.T("CTEdit2"))
	mgmt := r.c.T("CTDisabled")
	if t.ManagementEvents {
		mgmt = apiActivity(r.c, t.ReadWriteType)
	}
	row("CloudTrailManagementEvents", mgmt)
	var excl []string
	if t.ExcludeKMS {
		excl = append(excl, model.ExcludeKMSEvents)
	}
	if t.ExcludeRDSData {
		excl = append(excl, model.ExcludeRDSDataEvent)
	}
	if len(excl) > 0 {
		row("CTExcluded", strings.Join(excl, ", "))
	}
	out = append(out, "", st.Muted.Render(r.c.T("AWSCLIEquivalent")))
	for _, cmd := range r.commands() {
		out = append(out, strings.Split(st.Text.Width(w).Render("$ "+cmd.String(r.c.Backend.Info())), "\n")...)
	}
	return out
}

// apiActivity words a read/write type as the console's review does.
func apiActivity(c *common.Common, rw string) string {
	switch rw {
	case model.ReadWriteReadOnly:
		return c.T("CloudTrailRead")
	case model.ReadWriteWriteOnly:
		return c.T("CloudTrailWrite")
	}
	return c.T("CloudTrailRead") + ", " + c.T("CloudTrailWrite")
}

func (r *review) View() string {
	lines := r.lines()
	if r.height > 0 && len(lines) > r.height {
		end := min(r.yoff+r.height, len(lines))
		lines = lines[r.yoff:end]
	}
	return strings.Join(lines, "\n")
}
