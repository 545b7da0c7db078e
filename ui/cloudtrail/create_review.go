package cloudtrail

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
)

// reviewSection is one section of "Review and create" with its own Edit: the key
// shows the step again with the section's first field focused.
type reviewSection struct {
	titleID string
	step    int
	field   string
}

// reviewSections are the review's sections in the console's order.
var reviewSections = []reviewSection{
	{"CTXGeneralDetails", 0, fName},
	{"CloudTrailStorageLocation", 0, fStorage},
	{"CTXSNS", 0, fSNS},
	{"CTXCloudWatchLogs", 0, fCWL},
	{"CTTags", 0, fTags},
	{"CloudTrailManagementEvents", 1, fManagement},
	{"CloudTrailDataEvents", 1, fData},
	{"CloudTrailInsightsEvents", 1, fInsights},
}

// review is step 3, "Review and create": every section of steps 1 and 2 under its
// title with its own Edit key (1–8), then the AWS CLI commands the console will run
// in order. It scrolls, as it is longer than a terminal.
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
	Edit     []key.Binding
	Up, Down key.Binding
}

func newReviewKeys(c *common.Common) reviewKeys {
	k := reviewKeys{
		Up:   bind(c, "↑/k", "KeyUp", "up", "k"),
		Down: bind(c, "↓/j", "KeyDown", "down", "j"),
	}
	for i, s := range reviewSections {
		n := strconv.Itoa(i + 1)
		k.Edit = append(k.Edit, key.NewBinding(key.WithKeys(n), key.WithHelp(n, c.Tf("CTXKeyEditSection", map[string]any{"Section": c.T(s.titleID)}))))
	}
	return k
}

// editStepMsg asks the wizard to show step again with field focused.
type editStepMsg struct {
	step  int
	field string
}

func newReview(c *common.Common) *review { return &review{c: c, keys: newReviewKeys(c)} }

func (r *review) set(t model.NewTrail, account string) { r.trail, r.account, r.yoff = t, account, 0 }

func (r *review) Init() tea.Cmd    { return nil }
func (r *review) SetSize(w, h int) { r.width, r.height = w, h }
func (r *review) ShortHelp() []key.Binding {
	edit := key.NewBinding(key.WithKeys("1"), key.WithHelp("1…"+strconv.Itoa(len(reviewSections)), r.c.T("CTXKeyEdit")))
	return []key.Binding{edit, r.keys.Down}
}
func (r *review) FullHelp() [][]key.Binding {
	return [][]key.Binding{r.keys.Edit[:4], r.keys.Edit[4:], {r.keys.Up, r.keys.Down}}
}

func (r *review) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.LanguageChangedMsg:
		r.keys = newReviewKeys(r.c)
	case tea.KeyMsg:
		for i, k := range r.keys.Edit {
			if key.Matches(msg, k) {
				s := reviewSections[i]
				return r, func() tea.Msg { return editStepMsg{step: s.step, field: s.field} }
			}
		}
		switch {
		case key.Matches(msg, r.keys.Up):
			r.yoff = max(r.yoff-1, 0)
		case key.Matches(msg, r.keys.Down):
			r.yoff = min(r.yoff+1, max(len(r.lines())-r.height, 0))
		}
	}
	return r, nil
}

// commands are the calls CreateTrail makes, in its order, as AWS CLI lines.
func (r *review) commands() []*awscli.Command {
	t := r.trail
	var cmds []*awscli.Command
	if t.CreateBucket {
		cmds = append(cmds, awscli.New("s3api", "create-bucket").With("--bucket", t.S3BucketName),
			awscli.New("s3api", "put-bucket-policy").With("--bucket", t.S3BucketName).With("--policy", "file://bucket-policy.json"))
	}
	create := awscli.New("cloudtrail", "create-trail").With("--name", t.Name).With("--s3-bucket-name", t.S3BucketName).With("--s3-key-prefix", t.S3KeyPrefix)
	if t.KMSEnabled {
		key := t.KMSKeyID
		if t.KMSNewAlias != "" {
			cmds = append(cmds, awscli.New("kms", "create-key").With("--description", "The key created by CloudTrail to encrypt log files.").With("--policy", "file://key-policy.json"),
				awscli.New("kms", "create-alias").With("--alias-name", t.KMSNewAlias).With("--target-key-id", "<KeyId>"))
			key = t.KMSNewAlias
		}
		create.With("--kms-key-id", key)
	}
	if t.SNSEnabled {
		topic := t.SNSTopic
		if t.SNSNewTopic != "" {
			cmds = append(cmds, awscli.New("sns", "create-topic").With("--name", t.SNSNewTopic),
				awscli.New("sns", "set-topic-attributes").With("--topic-arn", "<TopicArn>").With("--attribute-name", "Policy").With("--attribute-value", "file://topic-policy.json"))
			topic = t.SNSNewTopic
		}
		create.With("--sns-topic-name", topic)
	}
	if t.CloudWatchLogs {
		if t.LogGroupNew {
			cmds = append(cmds, awscli.New("logs", "create-log-group").With("--log-group-name", t.LogGroupName))
		}
		if t.RoleNew {
			cmds = append(cmds, awscli.New("iam", "create-role").With("--role-name", t.RoleName).With("--assume-role-policy-document", "file://trust-policy.json"),
				awscli.New("iam", "put-role-policy").With("--role-name", t.RoleName).With("--policy-name", model.TrailLogsRolePolicyName(t.Name)).With("--policy-document", "file://role-policy.json"))
		}
		acct := r.accountOr()
		create.With("--cloud-watch-logs-log-group-arn", model.TrailLogGroupARN(r.c.Backend.Info().Region, acct, t.LogGroupName)).
			With("--cloud-watch-logs-role-arn", model.TrailRoleARN(acct, t.RoleName))
	}
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
	if sels, custom := t.EventSelectors(); custom {
		var specs []string
		for _, sel := range sels {
			spec := `{"ReadWriteType":"` + sel.ReadWriteType + `","IncludeManagementEvents":` + boolText(sel.IncludeManagementEvents)
			if len(sel.ExcludeManagementEventSources) > 0 {
				spec += `,"ExcludeManagementEventSources":["` + strings.Join(sel.ExcludeManagementEventSources, `","`) + `"]`
			}
			var res []string
			for _, d := range sel.DataResources {
				res = append(res, `{"Type":"`+d.Type+`","Values":["`+strings.Join(d.Values, `","`)+`"]}`)
			}
			if len(res) > 0 {
				spec += `,"DataResources":[` + strings.Join(res, ",") + `]`
			}
			specs = append(specs, spec+"}")
		}
		cmds = append(cmds, awscli.New("cloudtrail", "put-event-selectors").With("--trail-name", t.Name).With("--event-selectors", "["+strings.Join(specs, ",")+"]"))
	}
	if kinds := t.InsightTypes(); len(kinds) > 0 {
		var specs []string
		for _, k := range kinds {
			specs = append(specs, `{"InsightType":"`+k+`"}`)
		}
		cmds = append(cmds, awscli.New("cloudtrail", "put-insight-selectors").With("--trail-name", t.Name).With("--insight-selectors", "["+strings.Join(specs, ",")+"]"))
	}
	if t.StartLogging {
		cmds = append(cmds, awscli.New("cloudtrail", "start-logging").With("--name", t.Name))
	}
	return cmds
}

func (r *review) accountOr() string {
	if r.account == "" {
		return "<account>"
	}
	return r.account
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
	acct := r.accountOr()
	w := max(r.width, 20)
	var out []string
	n := 0
	section := func() {
		s := reviewSections[n]
		n++
		if len(out) > 0 {
			out = append(out, "")
		}
		edit := r.c.Tf("CTXEditN", map[string]any{"N": n})
		out = append(out, st.Subtitle.Render(r.c.T(s.titleID))+"  "+st.Link.Render(edit))
	}
	const labelW = 30
	row := func(id, val string) {
		// A long value (an ARN, a log location) wraps under itself rather than being cut.
		vals := strings.Split(lipgloss.NewStyle().Width(max(w-2-labelW, 10)).Render(val), "\n")
		for i, v := range vals {
			lbl := strings.Repeat(" ", labelW)
			if i == 0 {
				lbl = padTo(r.c.T(id), labelW)
			}
			out = append(out, lipgloss.NewStyle().MaxWidth(w).Render("  "+st.Muted.Render(lbl)+st.Text.Render(strings.TrimRight(v, " "))))
		}
	}
	out = append(out, st.Muted.Render(r.c.T("CTStep1")))
	section()
	row("CloudTrailTrailName", t.Name)
	row("CloudTrailMultiRegion", yesNoWord(r.c, t.IsMultiRegionTrail))
	row("CTXOrgTrail", yesNoWord(r.c, false))
	section()
	storage := r.c.T("CloudTrailUseExistingBucket")
	if t.CreateBucket {
		storage = r.c.T("CloudTrailCreateNewBucket")
	}
	row("CloudTrailStorageLocation", storage)
	row("CloudTrailLogLocation", "s3://"+model.Trail{S3BucketName: t.S3BucketName, S3KeyPrefix: t.S3KeyPrefix}.LogLocation(acct))
	kms := yesNo(r.c, false)
	if t.KMSEnabled {
		kms = t.KMSKeyID
		if t.KMSNewAlias != "" {
			kms = t.KMSNewAlias + " (" + r.c.T("CTXNew") + ")"
		}
	}
	row("CTXKMS", kms)
	row("CloudTrailLogFileValidation", yesNo(r.c, t.EnableLogFileValidation))
	section()
	sns := yesNo(r.c, false)
	if t.SNSEnabled {
		sns = t.SNSTopic
		if t.SNSNewTopic != "" {
			sns = t.SNSNewTopic + " (" + r.c.T("CTXNew") + ")"
		}
	}
	row("CTXSNSTopic", sns)
	section()
	if t.CloudWatchLogs {
		isNew := func(s string, on bool) string {
			if on {
				return s + " (" + r.c.T("CTXNew") + ")"
			}
			return s
		}
		row("CTXLogGroupName", isNew(t.LogGroupName, t.LogGroupNew))
		row("CTXRoleName", isNew(t.RoleName, t.RoleNew))
	} else {
		row("CTXCloudWatchLogs", yesNo(r.c, false))
	}
	section()
	var tags []string
	for _, tg := range t.Tags {
		tags = append(tags, tg.Key+"="+tg.Value)
	}
	if len(tags) == 0 {
		tags = []string{"-"}
	}
	row("CTTags", strings.Join(tags, ", "))
	out = append(out, "", st.Muted.Render(r.c.T("CTStep2")))
	section()
	mgmt := r.c.T("CTDisabled")
	if t.ManagementEvents {
		mgmt = apiActivity(r.c, t.ReadWriteType)
	}
	row("CloudTrailAPIActivity", mgmt)
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
	section()
	data := r.c.T("CTXDataNone")
	switch {
	case t.DataEventsS3 && (t.DataRead || t.DataWrite):
		row("CTXDataS3", r.c.T("CTXDataAllBuckets"))
		row("CloudTrailAPIActivity", apiActivity(r.c, readWrite(t.DataRead, t.DataWrite)))
	case !t.DataEventsS3:
		row("CloudTrailDataEvents", data)
	}
	if t.DataEventsS3 && len(t.DataBuckets) > 0 && (t.DataBucketsRead || t.DataBucketsWrite || t.DataRead || t.DataWrite) {
		row("CTXDataBuckets", strings.Join(t.DataBuckets, ", "))
		row("CloudTrailAPIActivity", apiActivity(r.c, readWrite(t.DataRead || t.DataBucketsRead, t.DataWrite || t.DataBucketsWrite)))
	}
	section()
	ins := r.c.T("CTXInsightsNone")
	if kinds := t.InsightTypes(); len(kinds) > 0 {
		var names []string
		for _, k := range kinds {
			names = append(names, insightLabel(r.c, k))
		}
		ins = strings.Join(names, ", ")
	}
	row("CTXInsightTypes", ins)
	out = append(out, "", st.Muted.Render(r.c.T("AWSCLIEquivalent")))
	for _, cmd := range r.commands() {
		out = append(out, strings.Split(st.Text.Width(w).Render("$ "+cmd.String(r.c.Backend.Info())), "\n")...)
	}
	return out
}

// readWrite is the read/write type of a Read and a Write box.
func readWrite(read, write bool) string {
	switch {
	case read && !write:
		return model.ReadWriteReadOnly
	case write && !read:
		return model.ReadWriteWriteOnly
	}
	return model.ReadWriteAll
}

// insightLabel words an Insights type as the console does.
func insightLabel(c *common.Common, kind string) string {
	switch kind {
	case model.InsightAPICallRate:
		return c.T("CTXCallRate")
	case model.InsightAPIErrorRate:
		return c.T("CTXErrorRate")
	}
	return kind
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
		r.yoff = min(r.yoff, len(lines)-r.height)
		end := min(r.yoff+r.height, len(lines))
		lines = lines[r.yoff:end]
	}
	return strings.Join(lines, "\n")
}
