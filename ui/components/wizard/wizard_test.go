package wizard

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/form"
	"github.com/labconsole/labconsole/ui/uitest"
)

// static is a body that only shows text, like a preview step.
type static struct {
	text  string
	inits *int
}

func (s *static) Init() tea.Cmd {
	if s.inits != nil {
		*s.inits++
	}
	return nil
}
func (s *static) Update(tea.Msg) (tea.Model, tea.Cmd) { return s, nil }
func (s *static) View() string                        { return s.text }
func (s *static) SetSize(int, int)                    {}
func (s *static) ShortHelp() []key.Binding            { return nil }
func (s *static) FullHelp() [][]key.Binding           { return nil }

var texts = map[locales.Lang][]string{
	locales.English: {"Specify metric and conditions", "Configure actions", "Add name and description", "Preview and create", "Create alarm",
		"Alarm name", "Threshold", "Notification: send to the BillingAlarm topic", "Preview of BillingAlarm"},
	locales.Korean: {"지표 및 조건 지정", "작업 구성", "이름 및 설명 추가", "미리 보기 및 생성", "경보 생성",
		"경보 이름", "임계값", "알림: BillingAlarm 주제로 전송", "BillingAlarm 미리 보기"},
}

type fixture struct {
	c        *common.Common
	w        Model
	name     *form.Form
	blockAct bool
	enters   int
	inits    int
}

func newFixture(lang locales.Lang, opts Options) *fixture {
	c := uitest.Common(lang)
	tx := texts[lang]
	fx := &fixture{c: c}
	fx.name = form.New(c,
		form.Text("name", form.TextOptions{Label: tx[5]}),
		form.Text("threshold", form.TextOptions{Label: tx[6], Value: "5"}),
	)
	steps := []Step{
		{Title: tx[0], Body: fx.name, Validate: func() map[string]string {
			if fx.name.Values().String("name") == "" {
				return map[string]string{"name": c.T("ValidateRequired")}
			}
			return nil
		}},
		{Title: tx[1], Body: &static{text: tx[7]}, Validate: func() map[string]string {
			if fx.blockAct {
				return map[string]string{"b": "second problem", "a": "first problem"}
			}
			return nil
		}},
		{Title: tx[2], Body: &static{text: "…"}},
		{Title: tx[3], Body: &static{text: tx[8], inits: &fx.inits}, Enter: func() tea.Cmd { fx.enters++; return nil }},
	}
	if opts.SubmitLabel == "" {
		opts.SubmitLabel = tx[4]
	}
	fx.w = New(c, steps, opts)
	fx.w.SetSize(80, 20)
	fx.w.Init()
	return fx
}

// send feeds msg and then every message its command produces, the way the
// Bubble Tea loop would, returning the messages that are not the wizard's business.
func (fx *fixture) send(msg tea.Msg) []tea.Msg {
	var out []tea.Msg
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		var cmd tea.Cmd
		fx.w, cmd = fx.w.Update(queue[0])
		queue = queue[1:]
		for _, m := range run(cmd) {
			switch m.(type) {
			case SubmitMsg, CancelMsg:
				out = append(out, m)
			default:
				queue = append(queue, m)
			}
		}
	}
	return out
}

// run executes cmd (and batches) with a deadline: cursor blinks sleep and are dropped.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		if b, ok := msg.(tea.BatchMsg); ok {
			var out []tea.Msg
			for _, c := range b {
				out = append(out, run(c)...)
			}
			return out
		}
		if msg == nil {
			return nil
		}
		return []tea.Msg{msg}
	case <-time.After(20 * time.Millisecond):
		return nil
	}
}

var (
	ctrlN = tea.KeyMsg{Type: tea.KeyCtrlN}
	ctrlP = tea.KeyMsg{Type: tea.KeyCtrlP}
	esc   = tea.KeyMsg{Type: tea.KeyEsc}
	enter = tea.KeyMsg{Type: tea.KeyEnter}
	tab   = tea.KeyMsg{Type: tea.KeyTab}
)

func typeText(fx *fixture, s string) {
	for _, r := range s {
		fx.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func TestNextValidates(t *testing.T) {
	fx := newFixture(locales.English, Options{ID: "alarm"})
	fx.send(ctrlN)
	if fx.w.Current() != 0 || fx.w.Errors()["name"] == "" {
		t.Fatalf("next must be blocked: step %d errors %v", fx.w.Current(), fx.w.Errors())
	}
	if fx.name.Field("name").Error() == "" || fx.name.Focused() != "name" {
		t.Fatal("the form must show the error and focus the field")
	}
	typeText(fx, "BillingAlarm")
	fx.send(ctrlN)
	if fx.w.Current() != 1 || fx.w.Errors() != nil || fx.name.Field("name").Error() != "" {
		t.Fatalf("step %d errors %v", fx.w.Current(), fx.w.Errors())
	}
	fx.blockAct = true
	fx.send(ctrlN)
	if fx.w.Current() != 1 || len(fx.w.Errors()) != 2 {
		t.Fatal("step 2's validation must block")
	}
	fx.blockAct = false
	fx.send(ctrlP)
	if fx.w.Current() != 0 || fx.w.Errors() != nil {
		t.Fatal("previous goes back and drops the errors")
	}
	if fx.w.keys.Prev.Enabled() {
		t.Fatal("no Previous on the first step")
	}
	fx.send(ctrlN)
	fx.send(ctrlN)
	fx.send(ctrlN)
	if fx.w.Current() != 3 || fx.enters != 1 || fx.inits != 1 {
		t.Fatalf("step %d, enters %d, inits %d", fx.w.Current(), fx.enters, fx.inits)
	}
	if got := fx.send(ctrlN); len(got) != 1 || got[0] != (SubmitMsg{WizardID: "alarm"}) {
		t.Fatalf("submit: %#v", got)
	}
	fx.send(ctrlP)
	fx.send(ctrlN)
	if fx.enters != 2 || fx.inits != 1 {
		t.Fatalf("Enter runs on every visit (%d), Init once (%d)", fx.enters, fx.inits)
	}
	if fx.w.GoTo(0); fx.w.Current() != 0 {
		t.Fatal("GoTo an earlier step")
	}
	if fx.w.GoTo(2); fx.w.Current() != 0 {
		t.Fatal("GoTo must not skip validation forward")
	}
}

func TestCancel(t *testing.T) {
	fx := newFixture(locales.English, Options{ID: "alarm"})
	if got := fx.send(esc); len(got) != 1 || got[0] != (CancelMsg{WizardID: "alarm"}) {
		t.Fatalf("esc: %#v", got)
	}
	fx = newFixture(locales.English, Options{ID: "alarm", ConfirmCancel: true})
	if got := fx.send(esc); len(got) != 0 || !fx.w.Confirming() {
		t.Fatalf("esc must ask first: %#v", got)
	}
	if got := fx.send(esc); len(got) != 0 || fx.w.Confirming() {
		t.Fatal("esc in the dialog stays in the wizard")
	}
	fx.send(esc)
	if got := fx.send(enter); len(got) != 1 || got[0] != (CancelMsg{WizardID: "alarm"}) || fx.w.Confirming() {
		t.Fatalf("Leave: %#v", got)
	}
}

func TestSubmitting(t *testing.T) {
	fx := newFixture(locales.English, Options{ID: "alarm"})
	typeText(fx, "x")
	for i := 0; i < 3; i++ {
		fx.send(ctrlN)
	}
	fx.w.SetSubmitting(true)
	if got := fx.send(esc); len(got) != 0 {
		t.Fatal("keys are ignored while submitting")
	}
	if !strings.Contains(fx.w.View(), "Submitting…") {
		t.Fatal("the spinner replaces the buttons")
	}
	fx.w.SetSubmitting(false)
	fx.w.SetSubmitError("AccessDenied: User is not authorized to perform: cloudwatch:PutMetricAlarm")
	if !strings.Contains(fx.w.View(), "AccessDenied") {
		t.Fatal("the error panel shows")
	}
}

func TestBodyGetsKeysAndHelp(t *testing.T) {
	fx := newFixture(locales.English, Options{})
	fx.send(tab)
	if fx.name.Focused() != "threshold" {
		t.Fatal("tab belongs to the form")
	}
	help := fx.w.ShortHelp()
	if help[0].Help().Key != "tab" || help[len(help)-1].Help().Key != "esc" {
		t.Fatalf("help: %v", help)
	}
	fx.send(uitest.SetLang(fx.c, locales.Korean))
	help = fx.w.ShortHelp()
	if help[0].Help().Desc != "다음 필드" || help[len(help)-2].Help().Desc != "다음" {
		t.Fatalf("help not relocalized: %q %q", help[0].Help().Desc, help[len(help)-2].Help().Desc)
	}
}

func TestViewGolden(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			states := map[string]func() Model{
				"step1_errors": func() Model {
					fx := newFixture(lang, Options{})
					fx.send(ctrlN)
					return fx.w
				},
				"step2_errors_listed": func() Model {
					fx := newFixture(lang, Options{})
					typeText(fx, "BillingAlarm")
					fx.send(ctrlN)
					fx.blockAct = true
					fx.send(ctrlN)
					return fx.w
				},
				"last_step_failed": func() Model {
					fx := newFixture(lang, Options{})
					typeText(fx, "BillingAlarm")
					for i := 0; i < 3; i++ {
						fx.send(ctrlN)
					}
					fx.w.SetSubmitError("AccessDenied: User: arn:aws:iam::123456789012:user/student is not authorized to perform: cloudwatch:PutMetricAlarm")
					return fx.w
				},
				"narrow": func() Model {
					fx := newFixture(lang, Options{})
					typeText(fx, "BillingAlarm")
					fx.send(ctrlN)
					fx.w.SetSize(44, 12)
					return fx.w
				},
				"leave_dialog": func() Model {
					fx := newFixture(lang, Options{ConfirmCancel: true})
					fx.send(esc)
					return fx.w
				},
			}
			for name, build := range states {
				t.Run(name, func(t *testing.T) {
					w := build()
					view := w.View()
					lines := strings.Split(view, "\n")
					if len(lines) != w.height {
						t.Fatalf("%d lines, want %d", len(lines), w.height)
					}
					for _, l := range lines {
						if lipgloss.Width(l) != w.width {
							t.Fatalf("line %q is %d wide, want %d", l, lipgloss.Width(l), w.width)
						}
					}
					golden.RequireEqual(t, []byte(view))
				})
			}
		})
	}
}

// TestEdited: a fresh wizard is not edited; typing into a form step is, and so is a
// wizard past its first step.
func TestEdited(t *testing.T) {
	fx := newFixture(locales.English, Options{ConfirmCancel: true})
	fx.send(tea.KeyMsg{Type: tea.KeyTab})
	if fx.w.Edited() {
		t.Fatal("moving between fields counts as an edit")
	}
	fx.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
	if !fx.w.Edited() {
		t.Fatal("typing into the form does not count")
	}

	fx = newFixture(locales.English, Options{ConfirmCancel: true})
	fx.name.Field("name").(*form.TextField).SetValue("lab-myalarm")
	fx.send(tea.KeyMsg{Type: tea.KeyCtrlN})
	if fx.w.Current() != 1 || !fx.w.Edited() {
		t.Fatalf("on step %d: Edited %v, want step 1 and edited", fx.w.Current(), fx.w.Edited())
	}
}
