package lab

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/labcheck/labchecktest"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model/lab"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/uitest"
)

var pinned = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)

type fakeControl struct {
	advanced           []time.Duration
	resets, activities int
}

func (f *fakeControl) Advance(_ context.Context, d time.Duration) error {
	f.advanced = append(f.advanced, d)
	return nil
}
func (f *fakeControl) Reset(context.Context) error               { f.resets++; return nil }
func (f *fakeControl) RunActivity(context.Context, string) error { f.activities++; return nil }

// run executes cmd and feeds every message it yields back into p, skipping the timer.
func run(t *testing.T, p *Panel, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		return
	}
	msg := cmd()
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			run(t, p, c)
		}
	case nil, tickMsg:
	default:
		_, next := p.Update(msg)
		run(t, p, next)
	}
}

func newPanel(t *testing.T, lang locales.Lang, b backend.Backend, opts Options) *Panel {
	t.Helper()
	c := uitest.Common(lang)
	c.Backend = b
	opts.Now = func() time.Time { return pinned }
	p, err := New(c, b, opts)
	if err != nil {
		t.Fatal(err)
	}
	p.SetSize(100, 30)
	run(t, p, p.check())
	return p
}

func press(t *testing.T, p *Panel, k string) {
	t.Helper()
	var msg tea.KeyMsg
	switch k {
	case "esc":
		msg = tea.KeyMsg{Type: tea.KeyEsc}
	default:
		msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
	}
	_, cmd := p.Update(msg)
	run(t, p, cmd)
}

func TestPanelFollowsProgressAndPersists(t *testing.T) {
	_, b := labchecktest.Sim(t)
	dir := t.TempDir()
	ctl := &fakeControl{}
	p := newPanel(t, locales.English, b, Options{Store: FileStore{Dir: dir}, Control: ctl})
	p.Focus(true)
	if p.Done() != 0 || p.steps[p.cur].ID != "A1" {
		t.Fatalf("fresh: done %d, at %s", p.Done(), p.steps[p.cur].ID)
	}
	press(t, p, "h")
	press(t, p, "h")
	press(t, p, "h") // A1 has one hint
	if p.progress.HintsUsed != 1 || p.status == "" {
		t.Fatalf("hints used %d, status %q", p.progress.HintsUsed, p.status)
	}
	labchecktest.PartB(t, b)
	_, _ = b.SetReceiveBillingAlerts(context.Background(), true)
	run(t, p, p.check())
	if p.Done() != 6 || !p.progress.Completed["B1"] || p.steps[p.cur].ID != "A2" {
		t.Fatalf("after part B: done %d, completed %v, at %s", p.Done(), p.progress.Completed, p.steps[p.cur].ID)
	}
	press(t, p, "f") // A2 waits 6h
	if len(ctl.advanced) != 1 || ctl.advanced[0] != 6*time.Hour {
		t.Fatalf("advanced %v", ctl.advanced)
	}
	_, cmd := p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")})
	if msg, ok := cmd().(GoToMsg); !ok || msg.Screen != "cloudwatch.alarms.create" || p.Focused() {
		t.Fatalf("go: %#v, focused %v", msg, p.Focused())
	}

	// A new panel on the same store resumes the hints used.
	q := newPanel(t, locales.English, b, Options{Store: FileStore{Dir: dir}, Control: ctl})
	if q.progress.HintsUsed != 1 || !q.progress.Completed["B13"] && !q.progress.Completed["B10"] {
		t.Fatalf("restored %+v", q.progress)
	}
	q.Focus(true)
	press(t, q, "R")
	press(t, q, "y")
	if ctl.resets != 1 || q.progress.HintsUsed != 0 {
		t.Fatalf("reset: %d, hints %d", ctl.resets, q.progress.HintsUsed)
	}
	if _, err := os.Stat(filepath.Join(dir, "labs", "123456789012-lab1.json")); err != nil {
		t.Fatalf("progress file after reset: %v", err)
	}
}

func TestPanelKeysNeedFocusAndSimulator(t *testing.T) {
	_, b := labchecktest.Sim(t)
	p := newPanel(t, locales.English, b, Options{})
	press(t, p, "n")
	if p.cur != 0 {
		t.Fatal("an unfocused panel took a key")
	}
	p.Focus(true)
	press(t, p, "n")
	if p.cur != 1 || !p.pinned {
		t.Fatalf("n: at %d", p.cur)
	}
	press(t, p, "a")
	if p.status != p.c.T("LabSimOnly") {
		t.Fatalf("activity without simulator control: %q", p.status)
	}
	press(t, p, "esc")
	if p.Focused() {
		t.Fatal("esc kept the focus")
	}
}

func TestPanelGolden(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			_, b := labchecktest.Sim(t)
			p := newPanel(t, lang, b, Options{Control: &fakeControl{}})
			p.Focus(true)
			press(t, p, "h")
			golden.RequireEqual(t, []byte(p.View()))
		})
	}
}

func TestCompletionExport(t *testing.T) {
	_, b := labchecktest.Sim(t)
	p := newPanel(t, locales.English, b, Options{})
	p.progress.Started = pinned.Add(-time.Hour)
	p.loaded = true
	p.done = newCompletion(p)
	p.Focus(true)
	if !strings.Contains(p.View(), "Lab complete") {
		t.Fatal(p.View())
	}
	path := filepath.Join(t.TempDir(), "r.json")
	press(t, p, "e")
	p.done.input.SetValue(path)
	_, cmd := p.Update(tea.KeyMsg{Type: tea.KeyEnter})
	run(t, p, cmd)
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), `"duration": "1h0m0s"`) {
		t.Fatalf("%v %s", err, data)
	}
	if !strings.Contains(p.View(), "Report written to") {
		t.Fatal(p.View())
	}
}

// TestMalformedLabNamesFileLineField: a mistake in a lab file is reported by file,
// line and field, so an instructor can fix it without reading Go.
func TestMalformedLabNamesFileLineField(t *testing.T) {
	src := "id: x\ntitle: {en: X, ko: X}\nparts:\n  - id: A\n    title: {en: A, ko: A}\n    steps:\n      - id: A1\n        title: {en: T, ko: T}\n        body: {en: B, ko: B}\n        wait: soon\n        check: {group: {name: g}}\n"
	_, err := lab.Parse("assets/labs/bad.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "assets/labs/bad.yaml:10: step A1.wait") {
		t.Fatalf("err = %v", err)
	}
}

// TestGoFillsTheStepsScreen: g asks the root for the step's own screen with the
// account and region filled in.
func TestGoFillsTheStepsScreen(t *testing.T) {
	_, b := labchecktest.Sim(t)
	p := newPanel(t, locales.English, b, Options{})
	p.Focus(true)
	for p.steps[p.cur].ID != "C11" {
		press(t, p, "n")
	}
	_, cmd := p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")})
	want := "s3.bucket:aws-cloudtrail-logs-123456789012-mylog/AWSLogs/123456789012/"
	if msg, ok := cmd().(GoToMsg); !ok || msg.Screen != want {
		t.Fatalf("go: %#v, want %q", cmd(), want)
	}
}

// TestMutationRechecksDebounced: a change to the account re-checks after the
// debounce, a burst of changes costs one check, and a change while a check is in
// flight waits for it and then checks once more.
func TestMutationRechecksDebounced(t *testing.T) {
	_, b := labchecktest.Sim(t)
	p := newPanel(t, locales.English, b, Options{})
	if p.Done() != 0 {
		t.Fatalf("fresh account: %d done", p.Done())
	}
	_, _ = b.SetReceiveBillingAlerts(context.Background(), true)

	// A burst: one debounce timer, no check yet.
	_, first := p.Update(common.MutationMsg{Op: "UpdateBillingPreferences"})
	_, second := p.Update(common.MutationMsg{Op: "CreateUser"})
	if first == nil || second != nil || p.Checking() {
		t.Fatalf("burst: first %v, second %v, checking %v", first != nil, second != nil, p.Checking())
	}
	fired, ok := first().(recheckMsg)
	if !ok {
		t.Fatalf("debounce gave %T", first())
	}
	_, check := p.Update(fired)
	if check == nil || !p.Checking() {
		t.Fatal("the debounced re-check did not start a check")
	}

	// The timer while that check runs skips its beat.
	p.Update(tickMsg{p: p})
	if p.dirty {
		t.Fatal("a tick while a check runs queued another check")
	}

	// A change while that check runs: no second check in flight, one after it.
	_, cmd := p.Update(common.MutationMsg{Op: "CreateGroup"})
	_, again := p.Update(cmd().(recheckMsg))
	if again != nil {
		t.Fatal("a second check started while one was in flight")
	}
	_, after := p.Update(check())
	if p.Done() != 1 || !p.Checking() || after == nil {
		t.Fatalf("after the answer: done %d, checking %v", p.Done(), p.Checking())
	}
	run(t, p, after)
	if p.Checking() {
		t.Fatal("the follow-up check never answered")
	}
}

// TestPanelFollowsLab2: --lab lab2 gives the panel the Lab 2 example, all open on a
// fresh account, and g opens its first step's screen.
func TestPanelFollowsLab2(t *testing.T) {
	_, b := labchecktest.Sim(t)
	p := newPanel(t, locales.Korean, b, Options{Lab: "lab2"})
	if len(p.steps) != 6 || p.Done() != 0 || p.steps[p.cur].ID != "A1" {
		t.Fatalf("lab2: %d steps, %d done, at %s", len(p.steps), p.Done(), p.steps[p.cur].ID)
	}
	if v := p.View(); !strings.Contains(v, "실습 2") || !strings.Contains(v, "추적 생성") {
		t.Fatalf("lab2 panel in Korean:\n%s", v)
	}
	p.Focus(true)
	_, cmd := p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")})
	if msg, ok := cmd().(GoToMsg); !ok || msg.Screen != "cloudtrail.trails.create" {
		t.Fatalf("go: %#v", cmd())
	}
}
