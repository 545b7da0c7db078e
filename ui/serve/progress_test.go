package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/components/table"
	labui "github.com/labconsole/labconsole/ui/lab"
	"github.com/labconsole/labconsole/ui/uitest"
)

var progressT0 = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// saveProgress writes a progress file the way the student's lab panel does.
func saveProgress(t *testing.T, dir string, done []string, finished bool) {
	t.Helper()
	p := labui.Progress{Lab: servedLab, Account: "123456789012", Started: progressT0, Completed: map[string]bool{}}
	for _, id := range done {
		p.Completed[id] = true
	}
	if finished {
		at := progressT0.Add(time.Hour)
		p.Finished = &at
	}
	if err := (labui.FileStore{Dir: dir}).Save(context.Background(), p); err != nil {
		t.Fatal(err)
	}
}

// classroom is a server's registry with four students in every lab state: one half
// way (Korean), one who never opened the lab, one without a key, one finished.
func classroom(t *testing.T) *Server {
	t.Helper()
	root := t.TempDir()
	s := &Server{reg: newRegistry(0)}
	type student struct {
		id       Identity
		lang     locales.Lang
		screen   string
		done     []string
		finished bool
		noFile   bool
	}
	students := []student{
		{id: Identity{Kind: AuthPassword, User: "minji", Name: "minji"}, lang: locales.Korean, screen: "콘솔 홈 > CloudWatch > 경보", done: []string{"A1", "A2"}},
		{id: Identity{Kind: AuthPassword, User: "alice", Name: "alice"}, lang: locales.English, screen: "Console Home", noFile: true},
		{id: Identity{Kind: AuthAnonymous}, lang: locales.English, screen: "Console Home > IAM"},
		{id: Identity{Kind: AuthPassword, User: "bob", Name: "bob"}, lang: locales.English, screen: "Console Home > S3 > Buckets", finished: true},
	}
	l := loadLab()
	for i, st := range students {
		live := &liveSession{ident: st.id, since: progressT0.Add(time.Duration(i) * time.Minute)}
		live.touch(progressT0.Add(10 * time.Minute))
		live.observe(strings.Split(st.screen, " > "), st.lang)
		if err := s.reg.add(live); err != nil {
			t.Fatal(err)
		}
		name, dir := st.id.SandboxName(), ""
		if name == "" {
			name = "ephemeral-1"
		} else {
			dir = filepath.Join(root, name)
			switch {
			case st.finished:
				var all []string
				for _, step := range l.Steps() {
					all = append(all, step.ID)
				}
				saveProgress(t, dir, all, true)
			case !st.noFile:
				saveProgress(t, dir, st.done, false)
			}
		}
		s.reg.setSandbox(live, name, dir, "123456789012")
	}
	return s
}

func newTestInstructor(s *Server, lang locales.Lang) *instructorModel {
	c := uitest.Common(lang)
	m := &instructorModel{s: s, c: c, now: func() time.Time { return progressT0.Add(12 * time.Minute) }, lab: loadLab()}
	m.table = table.New(c, m.columns())
	m.relocalize()
	m.Update(tea.WindowSizeMsg{Width: 150, Height: 12})
	return m
}

// settle runs the model's progress reading the way the program would.
func settle(t *testing.T, m *instructorModel, cmd tea.Cmd) tea.Cmd {
	t.Helper()
	msg := cmd()
	pm, ok := msg.(progressMsg)
	if !ok {
		t.Fatalf("the progress command answered %T", msg)
	}
	_, next := m.Update(pm)
	return next
}

func TestInstructorTableGolden(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			m := newTestInstructor(classroom(t), lang)
			if next := settle(t, m, m.Init()); next == nil {
				t.Fatal("a progress reading did not schedule the next refresh")
			}
			golden.RequireEqual(t, []byte(ansi.Strip(m.View())))
		})
	}
}

func TestInstructorTableShowsProgressLive(t *testing.T) {
	s := classroom(t)
	m := newTestInstructor(s, locales.English)
	settle(t, m, m.Init())
	view := m.View()
	for _, want := range []string{"2/19", "A5 Metric and conditions", "0/19", "not started", "not saved (no SSH key)", "19/19", "✓ lab complete"} {
		if !strings.Contains(view, want) {
			t.Fatalf("the table lacks %q:\n%s", want, view)
		}
	}

	// minji finishes part A; the next refresh shows it without anyone pressing a key.
	var minji SessionInfo
	for _, in := range s.reg.list(progressT0) {
		if in.Who == "minji" {
			minji = in
		}
	}
	saveProgress(t, minji.SandboxDir, []string{"A1", "A2", "A5", "A7", "A8"}, false)
	_, cmd := m.Update(refreshMsg{})
	settle(t, m, cmd)
	if view := m.View(); !strings.Contains(view, "5/19") || !strings.Contains(view, "B1 ") {
		t.Fatalf("the refresh did not pick the new progress up:\n%s", view)
	}

	// A half-written file keeps the last progress read instead of blanking the row.
	file := filepath.Join(minji.SandboxDir, "labs", "123456789012-lab1.json")
	if err := os.WriteFile(file, []byte(`{"lab":"lab1","completed":{"A1":tr`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, cmd = m.Update(refreshMsg{})
	settle(t, m, cmd)
	if view := m.View(); !strings.Contains(view, "5/19") {
		t.Fatalf("a half-written file lost the progress:\n%s", view)
	}
	// Reading never writes: the broken file is left as the student's panel will find it.
	if b, _ := os.ReadFile(file); !strings.HasSuffix(string(b), "tr") {
		t.Fatalf("the instructor's reading changed the student's file: %q", b)
	}
}

func TestReadOnlyViewBannerShowsProgress(t *testing.T) {
	s := classroom(t)
	m := newTestInstructor(s, locales.English)
	settle(t, m, m.Init())
	for _, in := range s.reg.list(progressT0) {
		if in.Who == "minji" {
			if got := m.viewProgress(in); got != "Lab 2/19: A5 Metric and conditions (A5–A6)" {
				t.Fatalf("banner progress %q", got)
			}
		}
	}
	m.c.L = locales.New(locales.Korean)
	for _, in := range s.reg.list(progressT0) {
		if in.Who == "bob" {
			if got := m.viewProgress(in); got != "실습 19/19: ✓ 실습 완료" {
				t.Fatalf("banner progress %q", got)
			}
		}
	}
}
