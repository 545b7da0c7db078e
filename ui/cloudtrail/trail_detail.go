package cloudtrail

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/components/spinner"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/s3"
)

// TrailDetail is the trail details page: General details (name, home region,
// multi-region, log file validation, storage location, logging status with the last
// delivery) and the actions Start/Stop logging and Delete, each confirmed with its
// AWS CLI equivalent shown.
type TrailDetail struct {
	c       *common.Common
	keys    detailKeys
	arn     string
	spin    spinner.Model
	req     int
	trail   *model.Trail
	status  model.TrailStatus
	account string
	events  *trailEvents
	err     error
	actErr  error
	dlg     *dialog.Model
	width   int
	height  int
}

var _ nav.Screen = (*TrailDetail)(nil)

// NewTrailDetail returns the details of the trail named by name or ARN.
func NewTrailDetail(c *common.Common, trail string) *TrailDetail {
	return &TrailDetail{c: c, keys: newDetailKeys(c), arn: trail, spin: spinner.New(c)}
}

// trailDetailMsg answers load number req.
type trailDetailMsg struct {
	req     int
	trail   model.Trail
	status  model.TrailStatus
	account string
	events  *trailEvents
	err     error
}

// trailEvents are the trail's event selectors and Insights, for the details page;
// nil when they could not be read.
type trailEvents struct {
	selectors model.EventSelectors
	insights  []string
}

// trailActionMsg answers a start, stop or delete.
type trailActionMsg struct {
	action string
	err    error
}

// dialog tags of the page's confirmations.
type (
	stopTag   struct{ arn string }
	deleteTag struct{ arn string }
)

func (d *TrailDetail) load() tea.Cmd {
	d.req++
	req, b, ctx, arn := d.req, d.c.Backend, d.c.Ctx, d.arn
	return tea.Batch(d.spin.Start(), func() tea.Msg {
		t, err := b.GetTrail(ctx, arn)
		if err != nil {
			return trailDetailMsg{req: req, err: err}
		}
		st, err := b.GetTrailStatus(ctx, arn)
		if err != nil {
			return trailDetailMsg{req: req, err: err}
		}
		id, _ := b.CallerIdentity(ctx) // the log location shows "<account>" without it
		var ev *trailEvents
		if sel, err := b.GetEventSelectors(ctx, arn); err == nil {
			if ins, err := b.GetInsightSelectors(ctx, arn); err == nil {
				ev = &trailEvents{selectors: sel, insights: ins}
			}
		}
		return trailDetailMsg{req: req, trail: t, status: st, account: id.Account, events: ev}
	})
}

func (d *TrailDetail) act(action string) tea.Cmd {
	b, ctx, arn := d.c.Backend, d.c.Ctx, d.arn
	return tea.Batch(d.spin.Start(), func() tea.Msg {
		var err error
		switch action {
		case "start":
			err = b.StartLogging(ctx, arn)
		case "stop":
			err = b.StopLogging(ctx, arn)
		case "delete":
			err = b.DeleteTrail(ctx, arn)
		}
		return trailActionMsg{action: action, err: err}
	})
}

// Init implements tea.Model.
func (d *TrailDetail) Init() tea.Cmd { return d.load() }

// Crumbs implements nav.Screen.
func (d *TrailDetail) Crumbs() []string {
	if d.trail != nil {
		return []string{d.trail.Name}
	}
	return []string{d.arn[strings.LastIndex(d.arn, "/")+1:]}
}

// Capturing implements nav.Screen: the delete dialog takes the typed name.
func (d *TrailDetail) Capturing() bool { return d.dlg != nil }

// SetSize implements common.Component.
func (d *TrailDetail) SetSize(w, h int) {
	d.width, d.height = w, h
	if d.dlg != nil {
		d.dlg.SetSize(w, h)
	}
}

// Update implements tea.Model.
func (d *TrailDetail) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case trailDetailMsg:
		if msg.req == d.req {
			d.spin.Stop()
			d.err = msg.err
			if msg.err == nil {
				d.trail, d.status, d.account, d.events = &msg.trail, msg.status, msg.account, msg.events
			}
		}
		return d, nil
	case trailActionMsg:
		d.spin.Stop()
		d.actErr = msg.err
		if msg.err != nil {
			return d, nil
		}
		if msg.action == "delete" {
			return d, tea.Sequence(nav.Pop(), func() tea.Msg { return trailsChangedMsg{} })
		}
		return d, d.load()
	case dialog.ConfirmedMsg:
		d.dlg = nil
		switch msg.Tag.(type) {
		case stopTag:
			return d, d.act("stop")
		case deleteTag:
			return d, d.act("delete")
		}
		return d, nil
	case dialog.CanceledMsg:
		d.dlg = nil
		return d, nil
	case common.LanguageChangedMsg:
		d.keys = newDetailKeys(d.c)
		if d.dlg != nil {
			d.dlg.Relocalize()
		}
		return d, nil
	case common.IdentityChangedMsg:
		return d, d.load()
	case tea.KeyMsg:
		if d.dlg != nil {
			m, cmd := d.dlg.Update(msg)
			d.dlg = &m
			return d, cmd
		}
		if d.trail == nil || d.spin.Active() {
			return d, nil
		}
		switch {
		case key.Matches(msg, d.keys.Start):
			if !d.status.IsLogging {
				return d, d.act("start")
			}
		case key.Matches(msg, d.keys.Stop):
			if d.status.IsLogging {
				return d, d.confirm(dialog.Options{Tag: stopTag{d.arn}, Title: d.c.T("CTStopTitle"),
					Body: d.c.T("CTStopBody") + "\n\n" + d.cli("stop-logging"), ConfirmLabel: d.c.T("CloudTrailStopLogging")})
			}
		case key.Matches(msg, d.keys.Delete):
			return d, d.confirm(dialog.Options{Tag: deleteTag{d.arn}, Title: d.c.Tf("CTDeleteTitle", map[string]any{"Name": d.trail.Name}),
				Body: d.c.T("CTDeleteBody") + "\n\n" + d.cli("delete-trail"), ConfirmLabel: d.c.T("CTDelete"), Danger: true, ConfirmText: d.trail.Name})
		case key.Matches(msg, d.keys.Events):
			return d, nav.Push(NewEvents(d.c, model.LookupResourceName, d.trail.Name))
		case key.Matches(msg, d.keys.Logs):
			bucket, prefix := logLocation(*d.trail, d.account)
			return d, nav.Push(s3.NewBrowser(d.c, bucket, prefix))
		case key.Matches(msg, d.keys.Refresh):
			return d, d.load()
		}
		return d, nil
	}
	var cmds []tea.Cmd
	if d.dlg != nil {
		m, cmd := d.dlg.Update(msg)
		d.dlg = &m
		cmds = append(cmds, cmd)
	}
	var cmd tea.Cmd
	d.spin, cmd = d.spin.Update(msg)
	return d, tea.Batch(append(cmds, cmd)...)
}

func (d *TrailDetail) confirm(o dialog.Options) tea.Cmd {
	m := dialog.New(d.c, o)
	m.SetSize(d.width, d.height)
	d.dlg = &m
	return m.Init()
}

// cli is the AWS CLI line of a trail operation.
func (d *TrailDetail) cli(op string) string {
	return "$ " + awscli.New("cloudtrail", op).With("--name", d.arn).String(d.c.Backend.Info())
}

// View implements tea.Model.
func (d *TrailDetail) View() string {
	st := d.c.Styles
	w := max(d.width, 20)
	var b strings.Builder
	name := d.Crumbs()[0]
	b.WriteString(st.Title.Render(name))
	if d.spin.Active() {
		b.WriteString("  " + d.spin.View())
	}
	b.WriteString("\n\n")
	switch {
	case d.err != nil:
		b.WriteString(errorPanel(d.c, d.err, w))
	case d.trail != nil:
		b.WriteString(d.general(w))
	}
	if d.actErr != nil {
		b.WriteString("\n" + errorPanel(d.c, d.actErr, w))
	}
	out := b.String()
	if d.dlg != nil {
		out = d.dlg.Overlay(lipgloss.NewStyle().Width(d.width).Height(d.height).MaxHeight(d.height).Render(out))
	}
	return out
}

// general is the General details section.
func (d *TrailDetail) general(w int) string {
	st := d.c.Styles
	t, s := d.trail, d.status
	acct := d.account
	if acct == "" {
		acct = "<account>"
	}
	status := st.Error.Render(logging(d.c, false))
	if s.IsLogging {
		status = st.Success.Render(logging(d.c, true))
	}
	last := "-"
	if s.LatestDeliveryTime != nil {
		last = stamp(*s.LatestDeliveryTime)
	}
	digest := "-"
	if s.LatestDigestDeliveryTime != nil {
		digest = stamp(*s.LatestDigestDeliveryTime)
	}
	rows := [][2]string{
		{"CloudTrailTrailName", t.Name},
		{"CloudTrailHomeRegion", t.HomeRegion},
		{"CloudTrailMultiRegion", yesNoWord(d.c, t.IsMultiRegionTrail)},
		{"CloudTrailLogFileValidation", yesNo(d.c, t.LogFileValidationEnabled)},
		{"CloudTrailLogLocation", "s3://" + t.LogLocation(acct)},
		{"CloudTrailStatus", status},
		{"CloudTrailLastLogDelivered", last},
		{"CloudTrailLastDigestDelivered", digest},
	}
	// A failed delivery: AWS's code, and under it what the code means for the trail.
	notes := map[int]string{}
	for _, de := range deliveryErrors(s) {
		if why := deliveryExplanation(d.c, de.code); why != "" {
			notes[len(rows)] = why
		}
		rows = append(rows, [2]string{de.label, st.Error.Render(de.code)})
	}
	rows = append(rows, [2]string{"CTXKMS", orDisabled(d.c, t.KMSKeyID)}, [2]string{"CTXSNSTopic", orDisabled(d.c, t.SnsTopicARN)},
		[2]string{"CTXCloudWatchLogs", orDisabled(d.c, t.CloudWatchLogsLogGroupARN)})
	if t.CloudWatchLogsRoleARN != "" {
		rows = append(rows, [2]string{"CTXRole", t.CloudWatchLogsRoleARN})
	}
	if d.events != nil {
		rows = append(rows, d.eventRows()...)
	}
	labelW := 0
	for _, r := range rows {
		labelW = max(labelW, lipgloss.Width(d.c.T(r[0])))
	}
	var b strings.Builder
	b.WriteString(st.Subtitle.Render(d.c.T("CTGeneralDetails")) + "\n")
	for i, r := range rows {
		lbl := d.c.T(r[0])
		b.WriteString(lipgloss.NewStyle().MaxWidth(w).Render(st.Muted.Render(lbl+strings.Repeat(" ", labelW-lipgloss.Width(lbl)+2))+st.Text.Render(r[1])) + "\n")
		if note, ok := notes[i]; ok {
			indent := labelW + 2
			if w-indent < 30 { // too narrow beside the labels: under them
				indent = 2
			}
			wrapped := lipgloss.NewStyle().Width(max(w-indent, 10)).Render(note)
			for _, line := range strings.Split(wrapped, "\n") {
				b.WriteString(strings.Repeat(" ", indent) + st.Muted.Render(strings.TrimRight(line, " ")) + "\n")
			}
		}
	}
	return b.String()
}

// orDisabled is a setting's value, or Disabled when it is not set.
func orDisabled(c *common.Common, v string) string {
	if v == "" {
		return c.T("CTDisabled")
	}
	return v
}

// eventRows word the trail's management, data and Insights events.
func (d *TrailDetail) eventRows() [][2]string {
	mgmt, data := "", ""
	for _, sel := range d.events.selectors.Basic {
		if sel.IncludeManagementEvents && mgmt == "" {
			mgmt = apiActivity(d.c, sel.ReadWriteType)
			if len(sel.ExcludeManagementEventSources) > 0 {
				mgmt += " (-" + strings.Join(sel.ExcludeManagementEventSources, ", -") + ")"
			}
		}
		for _, r := range sel.DataResources {
			if data != "" {
				data += "; "
			}
			data += r.Type + " " + strings.Join(r.Values, ",") + ": " + apiActivity(d.c, sel.ReadWriteType)
		}
	}
	if len(d.events.selectors.Advanced) > 0 {
		mgmt = d.c.T("CTXAdvancedSelectors")
	}
	var ins []string
	for _, k := range d.events.insights {
		ins = append(ins, insightLabel(d.c, k))
	}
	return [][2]string{
		{"CloudTrailManagementEvents", orDisabled(d.c, mgmt)},
		{"CloudTrailDataEvents", orDisabled(d.c, data)},
		{"CloudTrailInsightsEvents", orDisabled(d.c, strings.Join(ins, ", "))},
	}
}

// yesNoWord is Yes / No for a property such as Multi-region trail.
func yesNoWord(c *common.Common, on bool) string {
	if on {
		return c.T("CTYes")
	}
	return c.T("CTNo")
}

// ShortHelp implements help.KeyMap: only the actions that apply now.
func (d *TrailDetail) ShortHelp() []key.Binding {
	if d.dlg != nil {
		return d.dlg.ShortHelp()
	}
	if d.trail == nil {
		return []key.Binding{d.keys.Refresh}
	}
	toggle := d.keys.Start
	if d.status.IsLogging {
		toggle = d.keys.Stop
	}
	return []key.Binding{toggle, d.keys.Delete, d.keys.Events, d.keys.Logs, d.keys.Refresh}
}

// FullHelp implements help.KeyMap.
func (d *TrailDetail) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }

// logLocation splits the trail's "Trail log location" (lab step C8) into the bucket
// and the folder the S3 browser opens: bucket, [prefix/]AWSLogs/<account>/.
func logLocation(t model.Trail, account string) (bucket, prefix string) {
	bucket, prefix, _ = strings.Cut(t.LogLocation(account), "/")
	return bucket, prefix
}
