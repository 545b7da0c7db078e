package table

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

// host is a minimal parent: it sizes the table from the window, turns NextPageMsg
// into a page of rows (as a screen turns it into a backend call) and quits on q.
type host struct {
	t     Model
	pages int
}

func (h host) Init() tea.Cmd { return nil }

func (h host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.t.SetSize(msg.Width, msg.Height)
		return h, nil
	case NextPageMsg:
		h.pages++
		h.t.AppendRows(koreanRows(60)[30*h.pages : 30*(h.pages+1)])
		h.t.SetHasMore(false)
		return h, nil
	case tea.KeyMsg:
		if !h.t.Filtering() && msg.String() == "q" {
			return h, tea.Quit
		}
	}
	var cmd tea.Cmd
	h.t, cmd = h.t.Update(msg)
	return h, cmd
}

func (h host) View() string { return h.t.View() }

// TestProgram drives the table inside a real Bubble Tea program: page in more rows,
// filter, sort, and compare the final screen.
func TestProgram(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			c := uitest.Common(lang)
			tb := New(c, testColumns(c))
			tb.SetID("users")
			tb.SetRows(koreanRows(30))
			tb.SetHasMore(true)
			tm := teatest.NewTestModel(t, host{t: tb}, teatest.WithInitialTermSize(70, 12))
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("n")})
			tm.Type("/")
			for _, r := range "김민준" { // Type sends bytes; Hangul must go as runes
				tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
			}
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			tm.Type("SjG")
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("김민준54")) },
				teatest.WithDuration(3*time.Second))
			tm.Type("q")
			final := tm.FinalModel(t, teatest.WithFinalTimeout(3*time.Second)).(host)
			if final.pages != 1 || final.t.Total() != 60 || final.t.Len() != 10 {
				t.Fatalf("pages %d, total %d, shown %d", final.pages, final.t.Total(), final.t.Len())
			}
			golden.RequireEqual(t, []byte(final.View()))
		})
	}
}
