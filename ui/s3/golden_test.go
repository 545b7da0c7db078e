package s3_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/s3"
	"github.com/labconsole/labconsole/ui/theme"
)

// The lab's bucket and keys (steps C3, C11, D3–D5).
const (
	bucket  = "aws-cloudtrail-logs-123456789012-mylog"
	account = "AWSLogs/123456789012/"
	day     = account + "CloudTrail/ap-northeast-2/2026/11/22/"
	logKey  = day + "123456789012_CloudTrail_ap-northeast-2_20261122T0935Z_abcdefghijklmnop.json.gz"
	log2Key = day + "123456789012_CloudTrail_ap-northeast-2_20261122T0940Z_qrstuvwxyzABCDEF.json.gz"
	digest  = account + "CloudTrail-Digest/ap-northeast-2/2026/11/22/123456789012_CloudTrail-Digest_ap-northeast-2_lab-events-trail_ap-northeast-2_20261122T093500Z.json.gz"
)

// records is a log file as CloudTrail writes it: lab-user's CreateBucket and
// CloudTrail's own GetBucketAcl, as the student reads them at step D5.
const records = `{"Records":[{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA3PU7RNER3BH3YTVNG","arn":"arn:aws:iam::123456789012:user/lab-user","accountId":"123456789012","accessKeyId":"ASIA3PU7RNER2NQXEFN7","userName":"lab-user","sessionContext":{"attributes":{"creationDate":"2026-11-22T09:16:53Z","mfaAuthenticated":"false"}}},"eventTime":"2026-11-22T09:31:07Z","eventSource":"s3.amazonaws.com","eventName":"CreateBucket","awsRegion":"ap-northeast-2","sourceIPAddress":"121.136.18.98","userAgent":"[AWSCloudTrail]","requestParameters":{"bucketName":"aws-cloudtrail-logs-123456789012-mylog","Host":"s3.ap-northeast-2.amazonaws.com"},"responseElements":null,"requestID":"WTG24FW3AZTGVZAJ","eventID":"661f918a-3c42-48ab-8905-a85aec12eeb6","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management"},{"eventVersion":"1.08","userIdentity":{"type":"AWSService","invokedBy":"cloudtrail.amazonaws.com"},"eventTime":"2026-11-22T09:31:08Z","eventSource":"s3.amazonaws.com","eventName":"GetBucketAcl","awsRegion":"ap-northeast-2","sourceIPAddress":"cloudtrail.amazonaws.com","userAgent":"cloudtrail.amazonaws.com","requestParameters":{"bucketName":"aws-cloudtrail-logs-123456789012-mylog","acl":""},"responseElements":null,"eventID":"3fcfb182-98f8-4744-bd45-10a395ab61cb","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management"}]}`

func fixedNow() time.Time { return time.Date(2026, 11, 22, 9, 40, 0, 0, time.UTC) }

// newSession is one console session on a fresh simulator with the lab's bucket, as
// the administrator, colours off.
func newSession(t *testing.T, lang locales.Lang) (*common.Common, *sim.Sim) {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	b := awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := &common.Common{Ctx: context.Background(), Renderer: r, Styles: theme.DefaultStyles(r, theme.Default()), L: locales.New(lang), Backend: b}
	ctx := context.Background()
	if _, err := b.CreateBucket(ctx, model.NewBucket{Name: bucket, Region: "ap-northeast-2"}); err != nil {
		t.Fatal(err)
	}
	put := func(key string, body []byte) {
		if _, err := s.S3().PutObjectInternal(ctx, bucket, key, body, "application/json", nil, s.Clock().Now()); err != nil {
			t.Fatal(err)
		}
	}
	put(logKey, gzipped(t, records))
	put(log2Key, gzipped(t, `{"Records":[]}`))
	put(digest, gzipped(t, `{"awsAccountId":"123456789012","logFiles":[]}`))
	return c, s
}

func gzipped(t *testing.T, s string) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// asLabUser switches c to lab-user, who has no S3 permissions yet (lab step C9).
func asLabUser(t *testing.T, c *common.Common, s *sim.Sim) backend.Backend {
	t.Helper()
	ctx := context.Background()
	admin := c.Backend
	if _, err := admin.CreateUser(ctx, model.NewUser{UserName: "lab-user"}); err != nil {
		t.Fatal(err)
	}
	key, err := admin.CreateAccessKey(ctx, "lab-user")
	if err != nil {
		t.Fatal(err)
	}
	c.Backend = awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: key.AccessKeyID, SecretAccessKey: key.SecretAccessKey})
	return admin
}

func key(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// step is one thing a golden case does before the screen is compared: a message
// (a key, or another screen pushing the browser), then text that shows it landed.
type step struct {
	msg   func(c *common.Common) tea.Msg
	ready string
}

func keys(ready string, names ...string) []step {
	var out []step
	for i, n := range names {
		s := step{msg: func(*common.Common) tea.Msg { return key(n) }}
		if i == len(names)-1 {
			s.ready = ready
		}
		out = append(out, s)
	}
	return out
}

// open is the menu's Enter on S3: the root opens the service's first screen.
func open(ready string) step {
	return step{msg: func(*common.Common) tea.Msg { return nav.OpenMsg{Service: nav.S3} }, ready: ready}
}

func push(ready string, screen func(c *common.Common) nav.Screen) step {
	return step{msg: func(c *common.Common) tea.Msg { return nav.PushMsg{Screen: screen(c)} }, ready: ready}
}

// TestGoldenScreens drives the whole console (root, header, breadcrumbs, help) at
// 100×30 through the in-process simulator to each S3 screen of the lab and compares
// the final view with testdata/TestGoldenScreens/<name>.golden (-update rewrites).
func TestGoldenScreens(t *testing.T) {
	browser := func(prefix string) func(c *common.Common) nav.Screen {
		return func(c *common.Common) nav.Screen { return s3.NewBrowser(c, bucket, prefix) }
	}
	object := func(c *common.Common) nav.Screen { return s3.NewObjectAt(c, bucket, logKey) }
	cases := []struct {
		name    string
		lang    locales.Lang
		labUser bool
		steps   []step
	}{
		{name: "buckets_en", lang: locales.English, steps: []step{open("Buckets (1)")}},
		{name: "buckets_ko", lang: locales.Korean, steps: []step{open("버킷 (1)")}},
		{name: "account_folder_en", lang: locales.English, steps: []step{push("CloudTrail-Digest/", browser(account))}},
		{name: "account_folder_ko", lang: locales.Korean, steps: []step{push("CloudTrail-Digest/", browser(account))}},
		{name: "day_folder_en", lang: locales.English, steps: []step{push("Objects (2)", browser(day))}},
		{name: "day_folder_ko", lang: locales.Korean, steps: []step{push("객체 (2)", browser(day))}},
		{name: "object_json_en", lang: locales.English, steps: append([]step{push("Records (2)", object)}, keys(`"eventName": "CreateBucket"`, "tab")...)},
		{name: "object_json_ko", lang: locales.Korean, steps: append([]step{push("레코드 (2)", object)}, keys(`"eventName": "CreateBucket"`, "tab")...)},
		{name: "object_records_en", lang: locales.English, steps: append([]step{push("Records (2)", object)}, keys("121.136.18.98", "tab", "tab")...)},
		{name: "object_records_ko", lang: locales.Korean, steps: append([]step{push("레코드 (2)", object)}, keys("121.136.18.98", "tab", "tab")...)},
		{name: "denied_en", lang: locales.English, labUser: true, steps: []step{push("s3:ListBucket", browser(account))}},
		{name: "denied_ko", lang: locales.Korean, labUser: true, steps: []step{push("s3:ListBucket", browser(account))}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cm, s := newSession(t, c.lang)
			who := "Administrator"
			if c.labUser {
				asLabUser(t, cm, s)
				who = "lab-user"
			}
			tm := teatest.NewTestModel(t, ui.New(cm), teatest.WithInitialTermSize(100, 30))
			waitFor(t, tm, who)
			for _, st := range c.steps {
				tm.Send(st.msg(cm))
				if st.ready != "" {
					waitFor(t, tm, st.ready)
				}
			}
			tm.Send(tea.QuitMsg{})
			view := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()
			assertFits(t, view, 100, 30)
			golden.RequireEqual(t, []byte(view))
		})
	}
}

// TestRefreshAfterPermissionGranted is lab steps C9–C11: denied, the administrator
// attaches AmazonS3FullAccess, r on the same screen lists the folders.
func TestRefreshAfterPermissionGranted(t *testing.T) {
	c, s := newSession(t, locales.English)
	admin := asLabUser(t, c, s)
	m := ui.New(c)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "lab-user")
	tm.Send(nav.PushMsg{Screen: s3.NewBrowser(c, bucket, account)})
	waitFor(t, tm, "s3:ListBucket")
	if err := admin.AttachUserPolicy(context.Background(), "lab-user", "arn:aws:iam::aws:policy/AmazonS3FullAccess"); err != nil {
		t.Fatal(err)
	}
	tm.Send(key("r"))
	waitFor(t, tm, "CloudTrail-Digest/")
	// esc climbs one level: AWSLogs/ was denied too and still says so until r.
	tm.Send(key("esc"))
	waitFor(t, tm, "Insufficient permissions")
	tm.Send(key("r"))
	waitFor(t, tm, "123456789012/")
	tm.Send(tea.QuitMsg{})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*ui.Model)
	if got := strings.Join(final.Crumbs(), " > "); got != "Console Home > S3 > Buckets > "+bucket+" > AWSLogs/" {
		t.Fatalf("crumbs %q", got)
	}
}

// assertFits checks the view is exactly the terminal's size: no line wider than the
// terminal (Korean is double-width) and no more lines than it has.
func assertFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("view has %d lines, terminal has %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("line %d is %d cells wide (> %d): %q", i, lw, w, l)
		}
	}
}
