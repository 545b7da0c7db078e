package cloudtrail

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/uitest"
)

// pacedCT is a backend whose LookupEvents pacer is busy: every call announces a
// wait behind ahead others (as backend/awsapi does, on the Cmd's goroutine), then
// waits for the test to let it through.
type pacedCT struct {
	fakeCT
	wait   time.Duration
	ahead  int
	waited chan struct{} // a call announced its wait
	turn   chan struct{} // one call may go
}

func newPacedCT(pages map[string]model.Page[model.Event], wait time.Duration, ahead int) *pacedCT {
	return &pacedCT{fakeCT: fakeCT{pages: pages}, wait: wait, ahead: ahead,
		waited: make(chan struct{}, 16), turn: make(chan struct{}, 16)}
}

func (p *pacedCT) LookupPace() backend.LookupPace {
	return backend.LookupPace{PerSecond: backend.LookupEventsPerSecond, Queued: p.ahead + 1}
}

func (p *pacedCT) LookupEvents(ctx context.Context, q model.EventQuery) (model.Page[model.Event], error) {
	if fn := backend.LookupWaitFunc(ctx); fn != nil {
		fn(backend.LookupWait{Wait: p.wait, Ahead: p.ahead})
	}
	p.waited <- struct{}{}
	select {
	case <-p.turn:
	case <-ctx.Done():
		return model.Page[model.Event]{}, ctx.Err()
	}
	return p.pages[q.Page.Token], nil
}

// program runs a screen's commands the way tea.Program does: each command in its
// own goroutine, every message into Update on the test's goroutine.
type program struct {
	t    *testing.T
	m    tea.Model
	msgs chan tea.Msg
}

func newProgram(t *testing.T, m tea.Model) *program {
	return &program{t: t, m: m, msgs: make(chan tea.Msg, 64)}
}

func (p *program) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go p.exec(cmd)
}

func (p *program) exec(cmd tea.Cmd) {
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			p.run(c)
		}
		return
	}
	// tea.Sequence's message is unexported: a []tea.Cmd run one after the other.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		for i := range v.Len() {
			if c, _ := v.Index(i).Interface().(tea.Cmd); c != nil {
				p.exec(c)
			}
		}
		return
	}
	if msg != nil {
		p.msgs <- msg
	}
}

// until feeds messages to the screen until done holds after one; it fails after 5s.
func (p *program) until(what string, done func(tea.Msg) bool) {
	p.t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case msg := <-p.msgs:
			_, cmd := p.m.Update(msg)
			p.run(cmd)
			if done(msg) {
				return
			}
		case <-timeout:
			p.t.Fatalf("never %s:\n%s", what, p.m.View())
		}
	}
}

// stillSpinner shows every spinner frame as the first, for goldens.
func stillSpinner(v string) string {
	return regexp.MustCompile("[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]").ReplaceAllString(v, "⠋")
}

const waitingEN = "Waiting for CloudTrail's rate limit (2 requests/s)…"

// TestLookupWatchCountsDown: the calls ahead leave one per half second, and the
// wait is over when the call's turn comes.
func TestLookupWatchCountsDown(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)
	w := &lookupWatch{now: func() time.Time { return now }}
	if _, ok := w.waiting(2); ok {
		t.Fatal("a call that never waited is waiting")
	}
	backend.LookupWaitFunc(w.context(context.Background()))(backend.LookupWait{Wait: 1500 * time.Millisecond, Ahead: 2})
	for _, c := range []struct {
		after time.Duration
		ok    bool
		ahead int
	}{{0, true, 2}, {600 * time.Millisecond, true, 1}, {1100 * time.Millisecond, true, 0}, {1500 * time.Millisecond, false, 0}} {
		now = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC).Add(c.after)
		got, ok := w.waiting(2)
		if ok != c.ok || got.Ahead != c.ahead {
			t.Errorf("after %v: waiting = %+v, %v; want ahead %d, %v", c.after, got, ok, c.ahead, c.ok)
		}
	}
}

// TestEventHistoryShowsItsWait: while Event history's LookupEvents waits for its
// turn, the title says so with the calls ahead; the text goes when the turn comes
// and when the answer arrives, and the poll stops with the call.
func TestEventHistoryShowsItsWait(t *testing.T) {
	for name, lang := range map[string]locales.Lang{"en": locales.English, "ko": locales.Korean} {
		t.Run(name, func(t *testing.T) {
			c := uitest.Common(lang)
			f := newPacedCT(threePages(), 1500*time.Millisecond, 2)
			c.Backend = f
			e := NewEvents(c, "", "")
			e.SetSize(98, 20)
			now := fixedTime()
			e.pace.now = func() time.Time { return now }
			p := newProgram(t, e)
			p.run(e.Init())
			<-f.waited
			p.until("a poll", func(m tea.Msg) bool { _, ok := m.(paceTickMsg); return ok })
			want := map[string]string{"en": waitingEN + " 2 ahead", "ko": "CloudTrail 요청 한도(초당 2회)를 기다리는 중… 앞에 2개"}[name]
			v := e.View()
			if !strings.Contains(v, want) {
				t.Fatalf("no wait shown:\n%s", v)
			}
			golden.RequireEqual(t, []byte(stillSpinner(v)))

			now = now.Add(600 * time.Millisecond) // one call left ahead
			p.until("a poll", func(m tea.Msg) bool { _, ok := m.(paceTickMsg); return ok })
			if !strings.Contains(e.View(), map[string]string{"en": "1 ahead", "ko": "앞에 1개"}[name]) {
				t.Fatalf("the calls ahead do not count down:\n%s", e.View())
			}
			now = now.Add(time.Second) // its turn (at 1.5s): sent, the answer is awaited
			p.until("a poll", func(m tea.Msg) bool { _, ok := m.(paceTickMsg); return ok })
			gone := map[string]string{"en": "Waiting for CloudTrail", "ko": "요청 한도"}[name]
			if strings.Contains(e.View(), gone) {
				t.Fatalf("the wait is still shown after the turn came:\n%s", e.View())
			}
			f.turn <- struct{}{}
			p.until("the answer", func(m tea.Msg) bool { _, ok := m.(eventsMsg); return ok })
			if v := e.View(); strings.Contains(v, gone) || !strings.Contains(v, "CreateUser") {
				t.Fatalf("after the answer:\n%s", v)
			}
			// The poll's last tick finds no call and asks no more.
			p.until("the last poll", func(m tea.Msg) bool { _, ok := m.(paceTickMsg); return ok })
			quiet := time.After(3 * paceInterval)
			for done := false; !done; {
				select {
				case m := <-p.msgs:
					if _, ok := m.(paceTickMsg); ok {
						t.Fatal("the poll goes on after the answer")
					}
					e.Update(m)
				case <-quiet:
					done = true
				}
			}
		})
	}
}

// TestDashboardShowsItsWait: the dashboard's recent events say beside the spinner
// that they wait for their turn, and stop saying it with the answer.
func TestDashboardShowsItsWait(t *testing.T) {
	for name, lang := range map[string]locales.Lang{"en": locales.English, "ko": locales.Korean} {
		t.Run(name, func(t *testing.T) {
			c := uitest.Common(lang)
			f := newPacedCT(threePages(), 10*time.Second, 1)
			c.Backend = &dashboardCT{pacedCT: f}
			d := NewDashboard(c)
			d.SetSize(98, 20)
			p := newProgram(t, d)
			p.run(d.Init())
			p.until("the trails", func(m tea.Msg) bool { _, ok := m.(trailsMsg); return ok })
			<-f.waited
			p.until("a poll", func(m tea.Msg) bool { _, ok := m.(paceTickMsg); return ok })
			want := map[string]string{"en": waitingEN + " 1 ahead", "ko": "CloudTrail 요청 한도(초당 2회)를 기다리는 중… 앞에 1개"}[name]
			v := d.View()
			if !strings.Contains(v, want) {
				t.Fatalf("no wait shown:\n%s", v)
			}
			golden.RequireEqual(t, []byte(stillSpinner(v)))
			f.turn <- struct{}{}
			p.until("the answer", func(m tea.Msg) bool { _, ok := m.(recentMsg); return ok })
			if v := d.View(); strings.Contains(v, want) || !strings.Contains(v, "CreateUser") {
				t.Fatalf("after the answer:\n%s", v)
			}
		})
	}
}

// dashboardCT lists no trails.
type dashboardCT struct{ *pacedCT }

func (dashboardCT) ListTrails(context.Context) ([]model.Trail, error) { return nil, nil }

// TestDownloadShowsItsWait: a download of several pages through a backend whose
// pacer is busy shows, under its progress, each page's wait; the text goes with
// each answer, and the file has every page.
func TestDownloadShowsItsWait(t *testing.T) {
	for name, lang := range map[string]locales.Lang{"en": locales.English, "ko": locales.Korean} {
		t.Run(name, func(t *testing.T) {
			e, _ := eventsScreen(t, lang)
			f := newPacedCT(threePages(), 10*time.Second, 3)
			e.c.Backend = f
			path := filepath.Join(t.TempDir(), "events.json")
			e.Update(runes("d"))
			e.Update(runes("j"))
			e.export.input.SetValue(path)
			p := newProgram(t, e)
			_, cmd := e.Update(tea.KeyMsg{Type: tea.KeyEnter})
			p.run(cmd)
			want := map[string]string{"en": waitingEN + " 3 ahead", "ko": "CloudTrail 요청 한도(초당 2회)를 기다리는 중… 앞에 3개"}[name]
			for page := 1; page <= 3; page++ {
				<-f.waited
				p.until("a poll", func(m tea.Msg) bool { _, ok := m.(paceTickMsg); return ok })
				v := e.View()
				if !strings.Contains(v, want) || !strings.Contains(v, e.c.Tf("CTXDownloadProgress", map[string]any{"Count": 2 * (page - 1), "Pages": page - 1})) {
					t.Fatalf("page %d: no wait under the progress:\n%s", page, v)
				}
				if page == 2 {
					golden.RequireEqual(t, []byte(stillSpinner(v)))
				}
				f.turn <- struct{}{}
				p.until("the page", func(m tea.Msg) bool { _, ok := m.(exportPageMsg); return ok })
				if strings.Contains(e.View(), want) {
					t.Fatalf("page %d: the wait is still shown after the answer:\n%s", page, e.View())
				}
			}
			p.until("the file", func(m tea.Msg) bool { _, ok := m.(exportWrittenMsg); return ok })
			raw, err := os.ReadFile(path)
			if err != nil || strings.Count(string(raw), `"eventVersion"`) != 5 {
				t.Fatalf("file = %s, %v", raw, err)
			}
			if strings.Contains(e.View(), want) {
				t.Fatalf("the wait is shown after the download:\n%s", e.View())
			}
		})
	}
}

// TestLookupPaceTickChains: one tick chain at a time; a chain whose tick was lost
// is replaced, and the lost one ends if its tick turns up after all.
func TestLookupPaceTickChains(t *testing.T) {
	c := uitest.Common(locales.English)
	c.Backend = newPacedCT(nil, time.Second, 0)
	p := newLookupPace(c)
	_, first := p.start(context.Background())
	if first == nil {
		t.Fatal("the first call starts no poll")
	}
	p.stop()
	if _, again := p.start(context.Background()); again != nil {
		t.Fatal("a second chain starts while the first one's tick is on its way")
	}
	lost := paceTickMsg{id: p.id, seq: p.seq}
	p.tickAt = time.Now().Add(-time.Second) // its tick never came back
	p.stop()
	_, renewed := p.start(context.Background())
	if renewed == nil {
		t.Fatal("a lost chain is not replaced")
	}
	if ok, cmd := p.tick(lost); !ok || cmd != nil {
		t.Fatalf("the lost chain's tick = %v, %v; want taken and ended", ok, cmd != nil)
	}
	if ok, cmd := p.tick(paceTickMsg{id: p.id, seq: p.seq}); !ok || cmd == nil {
		t.Fatal("the current chain does not go on while a call is followed")
	}
	if ok, _ := p.tick(paceTickMsg{id: p.id + 1, seq: p.seq}); ok {
		t.Fatal("another pace's tick is taken")
	}
	p.stop()
	if ok, cmd := p.tick(paceTickMsg{id: p.id, seq: p.seq}); !ok || cmd != nil || p.ticking {
		t.Fatal("the chain goes on after the call")
	}
}
