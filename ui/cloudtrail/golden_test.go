package cloudtrail_test

import (
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/theme"
)

func fixedNow() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }

const (
	labTrail  = "lab-events-trail"
	labBucket = "aws-cloudtrail-logs-123456789012-mylog"
)

// session is one console on a fresh in-process simulator with a pinned clock.
func session(t *testing.T, lang locales.Lang) (*ui.Model, *common.Common, *sim.Sim) {
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
	c := &common.Common{Ctx: context.Background(), Clock: fixedNow, Renderer: r, Styles: theme.DefaultStyles(r, theme.Default()), L: locales.New(lang), Backend: b}
	return ui.New(c), c, s
}

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "ctrl+n":
		return tea.KeyMsg{Type: tea.KeyCtrlN}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), text) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// step sends keys, then waits for text to show.
type step struct {
	keys []string
	wait string
}

// wizardSteps fill step 1 with the lab's values and stop on step n (1-based).
func wizardSteps(n int) []step {
	steps := []step{
		{[]string{"c"}, "aws-cloudtrail-logs-123456789012-"},
		{append(append([]string{}, splitRunes(labTrail)...), "tab", "tab", "ctrl+u"), labTrail},
		{splitRunes(labBucket), labBucket},
	}
	if n >= 2 {
		steps = append(steps, step{[]string{"ctrl+n"}, "RDS"})
	}
	if n >= 3 {
		steps = append(steps, step{[]string{"ctrl+n"}, "(1)"})
	}
	return steps
}

func splitRunes(s string) []string {
	out := make([]string, 0, len(s))
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}

func addEvents(t *testing.T, _ *sim.Sim, c *common.Common) {
	t.Helper()
	for _, u := range []string{"lab-user", "lab-auditor"} {
		if _, err := c.Backend.CreateUser(context.Background(), model.NewUser{UserName: u}); err != nil {
			t.Fatal(err)
		}
	}
}

func addTrail(t *testing.T, s *sim.Sim, c *common.Common) {
	t.Helper()
	n := model.ConsoleNewTrail(labTrail, labBucket)
	n.Tags = []model.Tag{{Key: "Name", Value: labTrail}}
	if _, err := c.Backend.CreateTrail(context.Background(), n); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Advance(context.Background(), 10*time.Minute); err != nil {
		t.Fatal(err)
	}
}

func TestGoldenScreens(t *testing.T) {
	cases := []struct {
		name  string
		lang  locales.Lang
		setup func(*testing.T, *sim.Sim, *common.Common)
		steps []step
		ready string
	}{
		{"dashboard_en", locales.English, addTrail, nil, "amazonaws.com"},
		{"dashboard_ko", locales.Korean, addTrail, nil, "amazonaws.com"},
		{"events_en", locales.English, addEvents, []step{{[]string{"e"}, "CreateUser"}}, "amazonaws.com"},
		{"events_ko", locales.Korean, addEvents, []step{{[]string{"e"}, "CreateUser"}}, "amazonaws.com"},
		// x clears the console's default Read-only = false: the reads come back.
		{"events_all_en", locales.English, addEvents, []step{{[]string{"e"}, "CreateUser"}, {[]string{"x"}, "LookupEvents"}}, "amazonaws.com"},
		{"events_all_ko", locales.Korean, addEvents, []step{{[]string{"e"}, "CreateUser"}, {[]string{"x"}, "LookupEvents"}}, "amazonaws.com"},
		{"event_detail_en", locales.English, addEvents, []step{{[]string{"e"}, "CreateUser"}, {[]string{"enter"}, "eventVersion"}}, "amazonaws.com"},
		{"event_detail_ko", locales.Korean, addEvents, []step{{[]string{"e"}, "CreateUser"}, {[]string{"enter"}, "eventVersion"}}, "amazonaws.com"},
		{"wizard_step1_en", locales.English, nil, wizardSteps(1), "amazonaws.com"},
		{"wizard_step1_ko", locales.Korean, nil, wizardSteps(1), "amazonaws.com"},
		{"wizard_step2_en", locales.English, nil, wizardSteps(2), "amazonaws.com"},
		{"wizard_step2_ko", locales.Korean, nil, wizardSteps(2), "amazonaws.com"},
		{"wizard_step3_en", locales.English, nil, wizardSteps(3), "amazonaws.com"},
		{"wizard_step3_ko", locales.Korean, nil, wizardSteps(3), "amazonaws.com"},
		{"trail_detail_en", locales.English, addTrail, []step{{[]string{"enter"}, "s3://"}}, "amazonaws.com"},
		{"trail_detail_ko", locales.Korean, addTrail, []step{{[]string{"enter"}, "s3://"}}, "amazonaws.com"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, cm, s := session(t, c.lang)
			if c.setup != nil {
				c.setup(t, s, cm)
			}
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
			waitFor(t, tm, "Administrator")
			tm.Send(nav.OpenMsg{Service: nav.CloudTrail})
			waitFor(t, tm, c.ready)            // the dashboard's recent events
			time.Sleep(300 * time.Millisecond) // and its trails
			for _, st := range c.steps {
				for _, k := range st.keys {
					tm.Send(keyMsg(k))
				}
				waitFor(t, tm, st.wait)
			}
			time.Sleep(100 * time.Millisecond)
			tm.Send(tea.QuitMsg{})
			final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
			view := final.View()
			assertFits(t, view, 100, 30)
			golden.RequireEqual(t, []byte(normalize(view)))
		})
	}
}

// TestCreateTrailByKeys creates the lab's trail through the wizard by key presses and
// checks it through the backend: multi-region, logging, bucket with CloudTrail's policy.
func TestCreateTrailByKeys(t *testing.T) {
	m, c, _ := session(t, locales.English)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "Administrator")
	tm.Send(nav.OpenMsg{Service: nav.CloudTrail})
	waitFor(t, tm, "amazonaws.com")
	for _, st := range append(wizardSteps(3), step{[]string{"ctrl+n"}, "General details"}) {
		for _, k := range st.keys {
			tm.Send(keyMsg(k))
		}
		waitFor(t, tm, st.wait)
	}
	tm.Send(tea.QuitMsg{})
	tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))

	ctx := context.Background()
	tr, err := c.Backend.GetTrail(ctx, labTrail)
	if err != nil {
		t.Fatal(err)
	}
	if !tr.IsMultiRegionTrail || !tr.LogFileValidationEnabled || tr.S3BucketName != labBucket {
		t.Errorf("trail = %+v", tr)
	}
	st, err := c.Backend.GetTrailStatus(ctx, labTrail)
	if err != nil || !st.IsLogging {
		t.Errorf("status = %+v, %v; want logging", st, err)
	}
	pol, ok, err := c.Backend.GetBucketPolicy(ctx, labBucket)
	if err != nil || !ok || !strings.Contains(pol, "cloudtrail.amazonaws.com") {
		t.Errorf("bucket policy = %q, %v", pol, err)
	}
}

// volatile are the parts of a record that differ per run: event and request IDs,
// access keys and principal IDs.
var volatile = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4,12}|[0-9a-f]{8}-[0-9a-f-]{1,27}|A(KIA|SIA|IDA)[A-Z0-9]{16,17}`)

func normalize(view string) string {
	return volatile.ReplaceAllStringFunc(view, func(s string) string { return strings.Repeat("x", len(s)) })
}

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
