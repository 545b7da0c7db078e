package cloudtrail

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/components/form"
	"github.com/labconsole/labconsole/ui/uitest"
)

// fakeCT is the backend of these screen tests: the simulator's Info, paged
// LookupEvents answers and a record of the calls.
type fakeCT struct {
	backend.Backend
	remote  bool
	pages   map[string]model.Page[model.Event] // by NextToken asked ("" first)
	queries []model.EventQuery
	// choiceCalls counts TrailChoices: the lab's path makes none.
	choiceCalls int
}

func (f *fakeCT) Info() backend.Info {
	return backend.Info{Mode: backend.ModeSimulator, Region: "ap-northeast-2", Endpoint: "http://127.0.0.1:4566"}
}

func (f *fakeCT) TrailChoices(context.Context) (model.TrailChoices, error) {
	f.choiceCalls++
	return testChoices, nil
}

func (f *fakeCT) LookupEvents(_ context.Context, q model.EventQuery) (model.Page[model.Event], error) {
	f.queries = append(f.queries, q)
	return f.pages[q.Page.Token], nil
}

var testChoices = model.TrailChoices{
	KMSAliases: []string{"alias/team-key"},
	Topics:     []string{"arn:aws:sns:ap-northeast-2:123456789012:team-topic"},
	LogGroups:  []string{"team-group"},
	Roles:      []string{"TeamCloudTrailRole"},
}

// newTestWizard is the Create trail wizard on the fake backend, the account and the
// choices loaded, the lab's name and bucket typed.
func newTestWizard(t *testing.T, lang locales.Lang) *CreateTrail {
	t.Helper()
	c := uitest.Common(lang)
	c.Backend = &fakeCT{}
	w := newCreateTrail(c, "0a1b2c3d")
	w.SetSize(100, 60)
	w.Init() // its load is answered below, without a backend call
	w.Update(accountMsg{req: w.req, account: "123456789012"})
	typeText(w, "lab-events-trail")
	return w
}

func keyOf(s string) tea.KeyMsg {
	switch s {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")}
	case "ctrl+n":
		return tea.KeyMsg{Type: tea.KeyCtrlN}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// press sends keys; a command that answers at once with the review's Edit is fed
// back, as the program would (cursor blinks and the like are left alone).
func press(w *CreateTrail, keys ...string) {
	for _, k := range keys {
		_, cmd := w.Update(keyOf(k))
		if msg := quick(cmd); msg != nil {
			switch m := msg.(type) {
			case editStepMsg, choicesMsg:
				w.Update(m)
			}
		}
	}
}

// quick runs cmd when it answers within 50ms.
func quick(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case m := <-ch:
		return m
	case <-time.After(50 * time.Millisecond):
		return nil
	}
}

func typeText(w *CreateTrail, s string) {
	for _, r := range s {
		w.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// focus moves the focus of the shown step to field id by tabbing, as a user does.
func focus(t *testing.T, w *CreateTrail, body *stepForm, id string) {
	t.Helper()
	for range 60 {
		if body.Focused() == id {
			return
		}
		press(w, "tab")
	}
	t.Fatalf("tab never reached %s (shown: %s)", id, body.shown)
}

func (w *CreateTrail) fieldError(body *stepForm, id string) string { return body.Field(id).Error() }

// TestWizardLabDefaults: the lab's path (C3–C6) keeps SSE-KMS, SNS and CloudWatch
// Logs off and logs Read and Write management events only.
func TestWizardLabDefaults(t *testing.T) {
	w := newTestWizard(t, locales.English)
	for _, id := range []string{fKMSMode, fKMSAlias, fSNSMode, fSNSName, fGroupMode, fRoleName, fPolicyDoc} {
		if w.attrs.Shown(id) {
			t.Errorf("%s shown while its option is off", id)
		}
	}
	press(w, "ctrl+n", "ctrl+n")
	if w.Step() != 2 {
		t.Fatalf("step = %d, want the review", w.Step())
	}
	if n := w.c.Backend.(*fakeCT).choiceCalls; n != 0 {
		t.Fatalf("the lab's path listed keys, topics, groups and roles %d times", n)
	}
	n := w.input()
	if n.KMSEnabled || n.SNSEnabled || n.CloudWatchLogs || n.DataEventsS3 || len(n.InsightTypes()) > 0 || n.ReadWriteType != model.ReadWriteAll || !n.ManagementEvents {
		t.Fatalf("lab trail = %+v", n)
	}
	if sels, custom := n.EventSelectors(); custom || len(sels) != 1 {
		t.Fatalf("the lab's selectors need no call: %+v", sels)
	}
	review := strings.Join(w.review.lines(), "\n")
	for _, want := range []string{"No data events", "No Insights events", "Log file SSE-KMS encryption   Disabled", "Edit (8)"} {
		if !strings.Contains(review, want) {
			t.Errorf("review lacks %q:\n%s", want, review)
		}
	}
	for _, cli := range []string{"kms ", "sns ", "logs ", "iam ", "put-event-selectors", "put-insight-selectors"} {
		if strings.Contains(review, "aws "+cli) {
			t.Errorf("the lab's review runs %q:\n%s", cli, review)
		}
	}
}

// TestWizardKMS: enabling SSE-KMS shows New with its alias; the alias follows
// CreateAlias's rules; Existing offers the account's aliases or a typed key ARN.
func TestWizardKMS(t *testing.T) {
	w := newTestWizard(t, locales.English)
	press(w, "tab", "tab", "ctrl+u")
	typeText(w, "aws-cloudtrail-logs-123456789012-mylog")
	focus(t, w, w.attrs, fKMS)
	press(w, "space")
	if !w.attrs.Shown(fKMSMode) || !w.attrs.Shown(fKMSAlias) || w.attrs.Shown(fKMSPick) {
		t.Fatalf("shown after enabling SSE-KMS: %s", w.attrs.shown)
	}
	for _, c := range []struct{ alias, want string }{
		{"", "required"},
		{"my-key", "must begin with alias/"},
		{"alias/aws/cloudtrail", "reserved for AWS managed keys"},
		{"alias/bad key", "only letters, numbers"},
	} {
		focus(t, w, w.attrs, fKMSAlias)
		press(w, "end", "ctrl+u")
		typeText(w, c.alias)
		press(w, "ctrl+n")
		if w.Step() != 0 || !strings.Contains(w.fieldError(w.attrs, fKMSAlias), c.want) {
			t.Errorf("alias %q: step %d, error %q, want %q", c.alias, w.Step(), w.fieldError(w.attrs, fKMSAlias), c.want)
		}
	}
	focus(t, w, w.attrs, fKMSAlias)
	press(w, "end", "ctrl+u")
	typeText(w, "alias/lab-trail-key")
	if n := w.input(); !n.KMSEnabled || n.KMSNewAlias != "alias/lab-trail-key" {
		t.Fatalf("new key: %+v", n)
	}
	// Existing: the account's alias first, then "Enter AWS KMS key ARN".
	focus(t, w, w.attrs, fKMSMode)
	press(w, "down")
	if !w.attrs.Shown(fKMSPick) || w.attrs.Shown(fKMSAlias) {
		t.Fatalf("existing: shown %s", w.attrs.shown)
	}
	if n := w.input(); n.KMSNewAlias != "" || n.KMSKeyID != "alias/team-key" {
		t.Fatalf("existing alias: %+v", n)
	}
	focus(t, w, w.attrs, fKMSPick)
	press(w, "down")
	if !w.attrs.Shown(fKMSTyped) {
		t.Fatalf("the typed ARN field is not shown: %s", w.attrs.shown)
	}
	focus(t, w, w.attrs, fKMSTyped)
	typeText(w, "arn:aws:s3:::not-a-key")
	press(w, "ctrl+n")
	if e := w.fieldError(w.attrs, fKMSTyped); !strings.Contains(e, "key ARN") {
		t.Fatalf("typed key error = %q", e)
	}
	focus(t, w, w.attrs, fKMSTyped)
	press(w, "end", "ctrl+u")
	typeText(w, "arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
	press(w, "ctrl+n")
	if w.Step() != 1 {
		t.Fatalf("a valid key ARN did not pass: %v", w.wiz.Errors())
	}
}

// TestWizardSNSAndCloudWatchLogs: the suggested topic, log group and role names, the
// name rules, the role's policy document, and Existing choices.
func TestWizardSNSAndCloudWatchLogs(t *testing.T) {
	w := newTestWizard(t, locales.English)
	press(w, "tab", "tab", "ctrl+u")
	typeText(w, "aws-cloudtrail-logs-123456789012-mylog")
	focus(t, w, w.attrs, fSNS)
	press(w, "space")
	focus(t, w, w.attrs, fCWL)
	press(w, "space")
	n := w.input()
	if n.SNSNewTopic != "aws-cloudtrail-logs-123456789012-0a1b2c3d" || n.LogGroupName != "aws-cloudtrail-logs-123456789012-0a1b2c3d" ||
		n.RoleName != "CloudTrailRoleForCloudWatchLogs_lab-events-trail" || !n.LogGroupNew || !n.RoleNew {
		t.Fatalf("suggestions: %+v", n)
	}
	focus(t, w, w.attrs, fPolicyDoc)
	press(w, "space")
	if v := w.View(); !strings.Contains(v, "logs:PutLogEvents") {
		t.Fatalf("policy document not shown:\n%s", v)
	}
	if d := w.attrs.Field(fPolicyDoc).(*form.CheckboxField); !strings.Contains(render(d), "log-group:aws-cloudtrail-logs-123456789012-0a1b2c3d:log-stream:123456789012_CloudTrail_ap-northeast-2*") {
		t.Fatal("the policy document is not the group's")
	}
	focus(t, w, w.attrs, fSNSName)
	press(w, "end", "ctrl+u")
	typeText(w, "bad topic!")
	focus(t, w, w.attrs, fGroupName)
	press(w, "end", "ctrl+u")
	typeText(w, "bad group!")
	focus(t, w, w.attrs, fRoleName)
	press(w, "end", "ctrl+u")
	press(w, "ctrl+n")
	for id, want := range map[string]string{fSNSName: "hyphens", fGroupName: "only letters", fRoleName: "required"} {
		if e := w.fieldError(w.attrs, id); !strings.Contains(e, want) {
			t.Errorf("%s error = %q, want %q", id, e, want)
		}
	}
	// Existing topic, group and role from the account's lists.
	for _, id := range []string{fSNSMode, fGroupMode, fRoleMode} {
		focus(t, w, w.attrs, id)
		press(w, "down")
	}
	n = w.input()
	if n.SNSTopic != testChoices.Topics[0] || n.LogGroupName != "team-group" || n.RoleName != "TeamCloudTrailRole" || n.LogGroupNew || n.RoleNew {
		t.Fatalf("existing: %+v", n)
	}
	press(w, "ctrl+n")
	if w.Step() != 1 {
		t.Fatalf("existing choices did not pass: %v", w.wiz.Errors())
	}
}

// TestWizardDataAndInsights: data events of all S3 buckets with Read/Write, and
// Insights, which need Write management events.
func TestWizardDataAndInsights(t *testing.T) {
	for _, lang := range locales.Langs {
		w := newTestWizard(t, lang)
		press(w, "tab", "tab", "ctrl+u")
		typeText(w, "aws-cloudtrail-logs-123456789012-mylog")
		press(w, "ctrl+n")
		focus(t, w, w.events, fData)
		press(w, "space")
		focus(t, w, w.events, fDataRead)
		press(w, "space", "tab", "space") // neither Read nor Write
		press(w, "ctrl+n")
		if w.Step() != 1 || w.fieldError(w.events, fDataRead) != w.c.T("ValidateTrailReadWrite") {
			t.Fatalf("%s: data without Read or Write: step %d, %q", lang, w.Step(), w.fieldError(w.events, fDataRead))
		}
		focus(t, w, w.events, fDataWrite)
		press(w, "space")
		focus(t, w, w.events, fInsights)
		press(w, "space")
		focus(t, w, w.events, fWrite)
		press(w, "space") // Read only
		press(w, "ctrl+n")
		if want := w.c.T("CTXInsightsNeedWrite"); w.fieldError(w.events, fInsights) != want {
			t.Fatalf("%s: insights error = %q, want %q", lang, w.fieldError(w.events, fInsights), want)
		}
		if lang == locales.Korean && !strings.Contains(w.View(), "Insights 이벤트를 로그하려면") {
			t.Fatalf("ko: the console's message is not shown:\n%s", w.View())
		}
		focus(t, w, w.events, fWrite)
		press(w, "space")
		focus(t, w, w.events, fErrorRate)
		press(w, "space")
		press(w, "ctrl+n")
		if w.Step() != 2 {
			t.Fatalf("%s: step 2 refused: %v", lang, w.wiz.Errors())
		}
		n := w.input()
		sels, custom := n.EventSelectors()
		if !custom || len(sels) != 2 || sels[0].ReadWriteType != model.ReadWriteAll || sels[1].ReadWriteType != model.ReadWriteWriteOnly ||
			sels[1].IncludeManagementEvents || sels[1].DataResources[0].Values[0] != model.AllS3Buckets {
			t.Fatalf("%s: selectors = %+v", lang, sels)
		}
		if got := n.InsightTypes(); len(got) != 2 {
			t.Fatalf("%s: insights = %v", lang, got)
		}
	}
}

// TestReviewEditEverySection: each section's Edit key shows its step with the
// section's first field focused.
func TestReviewEditEverySection(t *testing.T) {
	w := newTestWizard(t, locales.English)
	press(w, "tab", "tab", "ctrl+u")
	typeText(w, "aws-cloudtrail-logs-123456789012-mylog")
	press(w, "ctrl+n", "ctrl+n")
	for i, s := range reviewSections {
		if w.Step() != 2 {
			t.Fatalf("not on the review before section %d", i+1)
		}
		press(w, string(rune('1'+i)))
		body := w.attrs
		if s.step == 1 {
			body = w.events
		}
		if w.Step() != s.step || body.Focused() != s.field {
			t.Errorf("Edit (%d): step %d field %q, want step %d field %q", i+1, w.Step(), body.Focused(), s.step, s.field)
		}
		for w.Step() < 2 {
			press(w, "ctrl+n")
		}
	}
}

// allOptions turns every option on through the forms' setters.
func allOptions(w *CreateTrail) {
	for _, id := range []string{fKMS, fSNS, fCWL} {
		w.attrs.Field(id).(*form.CheckboxField).SetChecked(true)
	}
	w.attrs.Field(fName).(*form.TextField).SetValue("lab-events-trail")
	w.attrs.Field(fBucket).(*form.TextField).SetValue("aws-cloudtrail-logs-123456789012-mylog")
	w.attrs.Field(fKMSAlias).(*form.TextField).SetValue("alias/lab-trail-key")
	w.attrs.Field(fTags).(*form.TagsField).SetTags([]form.Tag{{Key: "Name", Value: "lab-events-trail"}})
	for _, id := range []string{fData, fInsights} {
		w.events.Field(id).(*form.CheckboxField).SetChecked(true)
	}
	w.attrs.rebuild()
	w.events.rebuild()
}

// TestGoldenWizardOptions: step 1 and 2 with every option shown, and the whole review.
func TestGoldenWizardOptions(t *testing.T) {
	for _, lang := range locales.Langs {
		t.Run("step1_"+string(lang), func(t *testing.T) {
			w := newTestWizard(t, lang)
			allOptions(w)
			w.SetSize(100, 80)
			w.attrs.FocusField(fKMS)
			golden.RequireEqual(t, []byte(w.View()))
		})
	}
	for _, lang := range locales.Langs {
		t.Run("step2_"+string(lang), func(t *testing.T) {
			w := newTestWizard(t, lang)
			allOptions(w)
			press(w, "ctrl+n")
			golden.RequireEqual(t, []byte(w.View()))
		})
	}
	for _, lang := range locales.Langs {
		t.Run("review_"+string(lang), func(t *testing.T) {
			w := newTestWizard(t, lang)
			allOptions(w)
			press(w, "ctrl+n", "ctrl+n")
			if w.Step() != 2 {
				t.Fatalf("errors: %v", w.wiz.Errors())
			}
			golden.RequireEqual(t, []byte(strings.Join(w.review.lines(), "\n")))
		})
	}
}

// render is a field's whole text with the lines joined, so wrapped words read whole.
func render(f form.Field) string {
	view := form.New(uitest.Common(locales.English), f)
	view.SetSize(400, 200)
	return view.View()
}

// TestWizardLanguageSwitch: L mid-wizard retranslates every field and keeps what was
// typed and chosen.
func TestWizardLanguageSwitch(t *testing.T) {
	w := newTestWizard(t, locales.English)
	focus(t, w, w.attrs, fSNS)
	press(w, "space")
	focus(t, w, w.attrs, fSNSMode)
	press(w, "down")
	before := w.input()
	w.Update(uitest.SetLang(w.c, locales.Korean))
	if after := w.input(); after.Name != before.Name || after.SNSTopic != before.SNSTopic || !after.SNSEnabled || after.SNSTopic == "" {
		t.Fatalf("lost input: %+v, was %+v", after, before)
	}
	if w.attrs.Focused() != fSNSMode {
		t.Fatalf("focus moved to %s", w.attrs.Focused())
	}
	v := w.View()
	for _, want := range []string{"추적 이름", "SNS 알림 전달", "새 SNS 주제 생성", "기존"} {
		if !strings.Contains(v, want) {
			t.Errorf("ko view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Trail name") {
		t.Errorf("English left after the switch:\n%s", v)
	}
}

// TestWizardDataIndividualBuckets: individual buckets with their own Read/Write,
// bucket names checked with S3's rules.
func TestWizardDataIndividualBuckets(t *testing.T) {
	w := newTestWizard(t, locales.English)
	press(w, "tab", "tab", "end", "ctrl+u")
	typeText(w, "aws-cloudtrail-logs-123456789012-mylog")
	press(w, "ctrl+n")
	focus(t, w, w.events, fData)
	press(w, "space")
	focus(t, w, w.events, fDataRead)
	press(w, "space", "tab", "space") // not all buckets
	focus(t, w, w.events, fBuckets)
	typeText(w, "lab-bucket, Bad_Bucket")
	press(w, "ctrl+n")
	if e := w.fieldError(w.events, fBuckets); !strings.HasPrefix(e, "Bad_Bucket: ") {
		t.Fatalf("bucket error = %q", e)
	}
	focus(t, w, w.events, fBuckets)
	press(w, "end", "ctrl+u")
	typeText(w, "lab-bucket other-bucket")
	press(w, "ctrl+n")
	if e := w.fieldError(w.events, fBucketRead); e != w.c.T("ValidateTrailReadWrite") {
		t.Fatalf("read/write error = %q", e)
	}
	focus(t, w, w.events, fBucketWrt)
	press(w, "space", "ctrl+n")
	if w.Step() != 2 {
		t.Fatalf("refused: %v", w.wiz.Errors())
	}
	sels, _ := w.input().EventSelectors()
	if len(sels) != 2 || !sels[0].IncludeManagementEvents || len(sels[0].DataResources) != 0 || sels[1].ReadWriteType != model.ReadWriteWriteOnly ||
		strings.Join(sels[1].DataResources[0].Values, " ") != "arn:aws:s3:::lab-bucket/ arn:aws:s3:::other-bucket/" {
		t.Fatalf("selectors = %+v", sels)
	}
	var cli []string
	for _, cmd := range w.review.commands() {
		cli = append(cli, cmd.String(w.c.Backend.Info()))
	}
	if v := strings.Join(w.review.lines(), "\n"); !strings.Contains(v, "lab-bucket, other-bucket") ||
		!strings.Contains(strings.Join(cli, "\n"), `"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::lab-bucket/","arn:aws:s3:::other-bucket/"]}]`) {
		t.Fatalf("review:\n%s\n%s", v, strings.Join(cli, "\n"))
	}
}
