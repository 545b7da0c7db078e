package ui_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/labconsole/labconsole/assets"
	"github.com/labconsole/labconsole/backend/labcheck"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model/lab"
	"github.com/labconsole/labconsole/ui"
	"github.com/labconsole/labconsole/ui/common"
	labui "github.com/labconsole/labconsole/ui/lab"
	"github.com/labconsole/labconsole/ui/lab/labtest"
)

// The lab's trail and bucket (part C).
const (
	labTrail  = labtest.LabTrail
	labBucket = labtest.LabBucket
)

// TestLab1ByKeys drives the whole of Lab 1 through the console's own keys, in English
// and in Korean, against the in-process simulator. Before each stretch its steps'
// checks fail; after it they pass. At the end the panel shows the lab complete and
// the checks `labconsole lab check` runs all pass.
func TestLab1ByKeys(t *testing.T) {
	l, err := assets.Lab("lab1")
	if err != nil {
		t.Fatal(err)
	}
	steps := map[string]*lab.Step{}
	var order []string
	for _, s := range l.Steps() {
		steps[s.ID] = s
		order = append(order, s.ID)
	}
	var covered []string
	for _, st := range labtest.Lab1(nil, fixedNow().Year()) {
		covered = append(covered, st.Steps...)
	}
	if fmt.Sprint(covered) != fmt.Sprint(order) {
		t.Fatalf("the test covers %v, lab1 has %v", covered, order)
	}
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			// Mostly waiting (CloudTrail's paced lookups, the screens' loads): the two
			// languages run side by side on their own simulators.
			t.Parallel()
			ctx := context.Background()
			m, c, s := newLabSession(t, lang)
			m.SetLabOptions(labui.Options{Control: sim.LabControl{Sim: s}, Now: s.Clock().Now})
			// The checks read as the administrator, as `labconsole lab check` does.
			ck := &labcheck.Checker{State: c.Backend}
			vars, err := ck.Vars(ctx)
			if err != nil {
				t.Fatal(err)
			}
			check := func(id string) labcheck.Result { return ck.Check(ctx, steps[id].Check, vars) }

			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
			sc := &labtest.Screen{TM: tm}
			sc.WaitFrom(t, 0, "Administrator")
			for _, st := range labtest.Lab1(nil, fixedNow().Year()) {
				for _, id := range st.Steps {
					if r := check(id); r.Pass {
						t.Fatalf("step %s passes before its action", id)
					}
				}
				start := time.Now()
				sc.Play(t, lang, st.Keys)
				t.Logf("%v: %v", st.Steps, time.Since(start))
				for _, id := range st.Steps {
					if r := check(id); !r.Pass {
						t.Fatalf("after %v: step %s fails: %s %v", st.Steps, id, r.Reason.ID, r.Reason.Data)
					}
				}
			}
			tm.Send(tea.QuitMsg{})
			final := tm.FinalModel(t, teatest.WithFinalTimeout(labtest.Timeout)).(*ui.Model)
			if p := final.LabPanel(); p == nil || p.Done() != len(order) {
				t.Fatalf("the panel is missing or counts fewer than %d steps done", len(order))
			}

			results, err := ck.Lab(ctx, l)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range results {
				if !r.Result.Pass {
					t.Errorf("lab check: %s fails: %s %v", r.Step.ID, r.Result.Reason.ID, r.Result.Reason.Data)
				}
			}
		})
	}
}

// TestGoToStepScreen: every screen a lab may name opens, from wherever the console
// is, as the stack of screens above it, so the breadcrumbs read the console's way
// there and esc walks back along them.
func TestGoToStepScreen(t *testing.T) {
	m, _, _ := newSession(t, locales.English)
	update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	for name, takesArg := range lab.Screens {
		screen := name
		if takesArg {
			screen += ":lab-user"
		}
		// Start from another service's screen: g for the screen already open keeps it.
		away := "billing"
		if strings.HasPrefix(name, "billing") {
			away = "s3"
		}
		update(m, labui.GoToMsg{Screen: away})
		before := m.Top()
		update(m, labui.GoToMsg{Screen: screen})
		if m.Top() == before || m.Depth() < 2 {
			t.Errorf("%s: nothing opened (depth %d)", screen, m.Depth())
		}
	}
	cases := []struct{ screen, crumbs, back string }{
		{"iam.groups.create", "Console Home > IAM > User groups > Create group", "Console Home > IAM > User groups"},
		{"iam.user:lab-user", "Console Home > IAM > Users > lab-user", "Console Home > IAM > Users"},
		// Its esc asks to confirm the cancel first, so only the way there is checked.
		{"cloudwatch.alarms.create", "Console Home > CloudWatch > Alarms > Create alarm", ""},
		{"cloudtrail.history", "Console Home > CloudTrail > Dashboard > Event history", "Console Home > CloudTrail > Dashboard"},
		{"s3.bucket:aws-cloudtrail-logs-123456789012-mylog/AWSLogs/", "Console Home > S3 > Buckets", "Console Home"},
	}
	for _, c := range cases {
		update(m, labui.GoToMsg{Screen: c.screen})
		if got := strings.Join(m.Crumbs(), " > "); got != c.crumbs {
			t.Errorf("%s: crumbs %q, want %q", c.screen, got, c.crumbs)
		}
		if c.back == "" {
			continue
		}
		// On a form esc is the screen's own Cancel, which asks the root to go back.
		if msg := runCmd(update(m, key("esc"))); msg != nil {
			update(m, msg)
		}
		if got := strings.Join(m.Crumbs(), " > "); got != c.back {
			t.Errorf("%s: after esc %q, want %q", c.screen, got, c.back)
		}
	}
}

// TestMutationReachesLabPanel: the root hands common.MutationMsg to the lab panel,
// which re-checks after its debounce instead of waiting for its timer.
func TestMutationReachesLabPanel(t *testing.T) {
	m, _, _ := newSession(t, locales.English)
	update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	if cmd := update(m, common.MutationMsg{Op: "CreateUser"}); cmd != nil {
		t.Fatal("no panel yet, but the notice did something")
	}
	init := update(m, tea.KeyMsg{Type: tea.KeyCtrlL})
	p := m.LabPanel()
	if p == nil || init == nil {
		t.Fatal("ctrl+l opened no panel")
	}
	// The panel's first check is in flight; answer it as the program would.
	update(m, await(t, init, "lab.checkedMsg"))
	if p.Checking() {
		t.Fatal("the first check never answered")
	}
	cmd := update(m, common.MutationMsg{Op: "CreateUser"})
	if cmd == nil {
		t.Fatal("the root dropped the mutation notice")
	}
	update(m, cmd()) // the debounce fires
	if !p.Checking() {
		t.Fatal("the panel did not re-check after the mutation")
	}
}

// await runs cmd's commands side by side (a batch's too) and returns the first
// message whose type is typ, e.g. "lab.checkedMsg"; the panel's timers keep running
// on their own.
func await(t *testing.T, cmd tea.Cmd, typ string) tea.Msg {
	t.Helper()
	msgs := make(chan tea.Msg, 16)
	var start func(tea.Cmd)
	start = func(c tea.Cmd) {
		if c != nil {
			go func() { msgs <- c() }()
		}
	}
	start(cmd)
	deadline := time.After(labtest.Timeout)
	for {
		select {
		case msg := <-msgs:
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					start(c)
				}
				continue
			}
			if fmt.Sprintf("%T", msg) == typ {
				return msg
			}
		case <-deadline:
			t.Fatalf("no %s", typ)
			return nil
		}
	}
}
