// Package labtest drives a running console (teatest) through a lab by its keys, for
// the tests of both modes: the embedded simulator (ui's TestLab1ByKeys) and real-AWS
// mode against `labconsole sim` (cmd/labconsole's TestLab1OnAWSMode). Only tests
// import it.
package labtest

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/labconsole/labconsole/locales"
)

// Timeout is how long a step waits for its text. Generous: CI runs every package's
// tests under -race side by side on two cores, where a screen that loads in 50 ms
// alone may take seconds.
const Timeout = 60 * time.Second

// Press turns a key name or text into the messages a terminal would send: named keys
// ("enter", "ctrl+n", "space") are one message, anything else is typed rune by rune.
func Press(names ...string) []tea.Msg {
	named := map[string]tea.KeyMsg{
		"enter": {Type: tea.KeyEnter}, "esc": {Type: tea.KeyEsc}, "tab": {Type: tea.KeyTab},
		"shift+tab": {Type: tea.KeyShiftTab}, "up": {Type: tea.KeyUp}, "down": {Type: tea.KeyDown},
		"space": {Type: tea.KeySpace, Runes: []rune{' '}}, "ctrl+n": {Type: tea.KeyCtrlN}, "ctrl+p": {Type: tea.KeyCtrlP},
		"ctrl+s": {Type: tea.KeyCtrlS}, "ctrl+o": {Type: tea.KeyCtrlO}, "ctrl+x": {Type: tea.KeyCtrlX},
		"ctrl+u": {Type: tea.KeyCtrlU}, "backspace": {Type: tea.KeyBackspace}, "ctrl+l": {Type: tea.KeyCtrlL},
		"ctrl+r": {Type: tea.KeyCtrlR},
	}
	var out []tea.Msg
	for _, n := range names {
		if k, ok := named[n]; ok {
			out = append(out, k)
			continue
		}
		for _, r := range n {
			out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
	return out
}

// Step is keys to press, then the text whose appearance shows the screen is ready
// (en and ko; "" waits for nothing). A step with Do does something outside the
// console instead (what a student does in a browser or a shell), before its keys.
type Step struct {
	Keys   []string
	En, Ko string
	Do     func(t testing.TB, s *Screen)
}

// Wait is the step that presses keys and waits for en (ko in Korean).
func Wait(en, ko string, keys ...string) Step { return Step{Keys: keys, En: en, Ko: ko} }

// Do is the step that acts outside the console.
func Do(fn func(t testing.TB, s *Screen)) Step { return Step{Do: fn} }

// Join concatenates runs of steps.
func Join(parts ...[]Step) []Step {
	var out []Step
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// Screen follows a running program's output. Each step waits for its text in the
// output since the step's keys were sent (or since the previous step's, when it sends
// none), so two texts drawn in the same frame are both found.
type Screen struct {
	TM  *teatest.TestModel
	Out []byte
}

// Read takes what the program has drawn since the last read.
func (s *Screen) Read() {
	buf := make([]byte, 64<<10)
	for {
		n, _ := s.TM.Output().Read(buf)
		if n == 0 {
			return
		}
		s.Out = append(s.Out, buf[:n]...)
	}
}

// Mark reads the output and returns its length, where the next wait starts.
func (s *Screen) Mark() int {
	s.Read()
	return len(s.Out)
}

// Text is the output since from without its escape sequences.
func (s *Screen) Text(from int) string { return ansi.Strip(string(s.Out[from:])) }

// WaitFrom waits up to Timeout for text in the output since from.
func (s *Screen) WaitFrom(t testing.TB, from int, text string) {
	t.Helper()
	deadline := time.Now().Add(Timeout)
	for {
		s.Read()
		if strings.Contains(string(s.Out[from:]), text) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%q did not appear in %v; output since the step began:\n%s", text, Timeout, s.Out[from:])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Send presses keys without waiting.
func (s *Screen) Send(keys ...string) {
	for _, m := range Press(keys...) {
		s.TM.Send(m)
	}
}

// Play sends each step's keys to the running program and waits for its text.
func (s *Screen) Play(t testing.TB, lang locales.Lang, steps []Step) {
	t.Helper()
	from := len(s.Out)
	for _, st := range steps {
		if st.Do != nil {
			st.Do(t, s)
			from = s.Mark()
		}
		if len(st.Keys) > 0 {
			from = s.Mark()
		}
		s.Send(st.Keys...)
		text := st.En
		if lang == locales.Korean {
			text = st.Ko
		}
		if text != "" {
			start := time.Now()
			s.WaitFrom(t, from, text)
			// A slow step names itself, so a slow machine's run shows where it waits.
			if d := time.Since(start); d > SlowStep {
				t.Logf("slow step: %q after %q took %v", text, st.Keys, d.Round(time.Millisecond))
			}
		}
	}
}

// SlowStep is how long a step may wait before Play logs it.
const SlowStep = 3 * time.Second
