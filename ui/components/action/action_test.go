package action

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/uitest"
)

// fakeBackend answers Info only; the actions under test never call AWS through it.
type fakeBackend struct {
	backend.Backend
	info backend.Info
}

func (f fakeBackend) Info() backend.Info { return f.info }

func session(mode backend.Mode) *common.Common {
	c := uitest.Common(locales.English)
	c.Backend = fakeBackend{info: backend.Info{Mode: mode, Region: "ap-northeast-2"}}
	return c
}

// finish runs cmd's message tree until the runner reports its action done.
func finish(t *testing.T, r *Runner, cmd tea.Cmd) *DoneMsg {
	t.Helper()
	for _, msg := range drain(cmd) {
		if _, ok := msg.(DoneMsg); !ok {
			continue
		}
		if handled, _, done := r.Update(msg); handled {
			return done
		}
	}
	t.Fatal("the action never finished")
	return nil
}

// drain runs cmd and every command of the batches it returns (a spinner tick waits
// one interval), and returns the messages they produce.
func drain(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for _, c := range batch {
		out = append(out, drain(c)...)
	}
	return out
}

func createGroup() *Action {
	return &Action{
		Title:    "Create group?",
		Done:     func(res any) string { return "Group " + res.(string) + " created." },
		Commands: []*awscli.Command{awscli.New("iam", "create-group").With("--group-name", "lab-group")},
		Run: func(context.Context, backend.Backend) (any, error) {
			return "lab-group", nil
		},
	}
}

func TestSimulatorRunsAtOnceAndShowsTheOutcome(t *testing.T) {
	c := session(backend.ModeSimulator)
	r := New(c)
	a := createGroup()
	cmd := r.Start(a)
	if r.Open() || !r.Running() {
		t.Fatal("a change in the simulator runs without asking")
	}
	if r.Start(createGroup()) != nil {
		t.Fatal("a second action must wait for the first")
	}
	if !strings.Contains(r.View(80), "Working") {
		t.Fatalf("the spinner must show while the call runs: %q", r.View(80))
	}
	done := finish(t, &r, cmd)
	if done == nil || done.Act != a || done.Err != nil || done.Result != "lab-group" {
		t.Fatalf("done = %+v", done)
	}
	view := r.View(80)
	for _, want := range []string{"Group lab-group created.", "AWS CLI equivalent", "$ aws iam create-group --group-name lab-group"} {
		if !strings.Contains(view, want) {
			t.Errorf("outcome lacks %q:\n%s", want, view)
		}
	}
	r.Clear()
	if r.View(80) != "" || r.Last() != nil {
		t.Error("Clear must forget the outcome")
	}
}

func TestRealAccountAsksFirstWithTheCLIAndHelp(t *testing.T) {
	c := session(backend.ModeAWS)
	r := New(c)
	r.SetSize(100, 30)
	a := createGroup()
	if cmd := r.Start(a); r.Running() || !r.Open() {
		t.Fatalf("a change on a real account must be confirmed first (cmd %v)", cmd != nil)
	}
	if len(r.ShortHelp()) == 0 || len(r.FullHelp()) == 0 {
		t.Error("the open dialog's keys must be offered for the help")
	}
	view := r.Overlay(strings.Repeat(strings.Repeat(".", 100)+"\n", 29) + strings.Repeat(".", 100))
	if !strings.Contains(view, "create-group") || !strings.Contains(view, "AWS CLI equivalent") {
		t.Errorf("the dialog must show the AWS CLI equivalent:\n%s", view)
	}
	if handled, _, _ := r.Update(dialog.CanceledMsg{Tag: createGroup()}); handled {
		t.Fatal("another dialog's answer must not be taken")
	}
	if handled, _, _ := r.Update(dialog.CanceledMsg{Tag: a}); !handled || r.Open() || r.Running() {
		t.Fatal("cancel closes the dialog and runs nothing")
	}
	if len(r.ShortHelp()) != 0 {
		t.Error("no dialog, no dialog keys")
	}
	r.Start(a)
	handled, cmd, _ := r.Update(dialog.ConfirmedMsg{Tag: a})
	if !handled || !r.Running() {
		t.Fatal("confirming runs the action")
	}
	if done := finish(t, &r, cmd); done == nil || done.Act != a {
		t.Fatalf("done = %+v", done)
	}
}

func TestLateAnswerIsNotTaken(t *testing.T) {
	c := session(backend.ModeSimulator)
	r := New(c)
	stale := DoneMsg{Act: createGroup(), Result: "old"}
	if handled, _, done := r.Update(stale); handled || done != nil {
		t.Fatal("an idle runner must not take an answer")
	}
	r.Start(createGroup())
	if handled, _, _ := r.Update(stale); handled || !r.Running() {
		t.Fatal("an answer to another action must not end the running one")
	}
}

func TestErrorsAndOptions(t *testing.T) {
	c := session(backend.ModeSimulator)
	fail := &Action{Run: func(context.Context, backend.Backend) (any, error) {
		return nil, &backend.Error{Code: "EntityAlreadyExists", Message: "Group with name lab-group already exists."}
	}}
	r := New(c)
	finish(t, &r, r.Start(fail))
	if v := r.View(60); !strings.Contains(v, "EntityAlreadyExists") || !strings.Contains(v, "Group with name lab-group") {
		t.Errorf("the red panel must carry AWS's error:\n%s", v)
	}
	r = NewWith(c, Options{ErrorText: func(*common.Common, error) string { return "explained further" }})
	finish(t, &r, r.Start(fail))
	if v := r.View(60); !strings.Contains(v, "explained further") {
		t.Errorf("Options.ErrorText must word the error:\n%s", v)
	}
	denied := &Action{Run: Call(func(context.Context, backend.Backend) error {
		return &backend.Error{Op: "iam:CreateGroup", Kind: backend.KindAccessDenied, Code: "AccessDenied",
			Message: "User: arn:aws:iam::123456789012:user/x is not authorized to perform: iam:CreateGroup"}
	})}
	finish(t, &r, r.Start(denied))
	if v := r.View(80); !strings.Contains(v, "iam:CreateGroup") || strings.Contains(v, "explained further") {
		t.Errorf("a denial shows the permissions panel naming the action:\n%s", v)
	}
}

func TestShowTextAndWrap(t *testing.T) {
	c := session(backend.ModeSimulator)
	cmd := awscli.New("sns", "subscribe").With("--topic-arn", "arn:aws:sns:ap-northeast-2:123456789012:Topic").With("--notification-endpoint", "a@example.com")
	r := New(c)
	r.Show(&Action{Done: Text("Subscribed."), Commands: []*awscli.Command{cmd}, Shell: []string{"labconsole sim advance 6h"}})
	v := r.View(40)
	for _, want := range []string{"Subscribed.", "--notification-endpoint", "Command-line equivalent", "$ labconsole sim advance 6h"} {
		if !strings.Contains(v, want) {
			t.Errorf("shown outcome lacks %q:\n%s", want, v)
		}
	}
	cut := NewWith(c, Options{Wrap: func(s string, w int) []string { return []string{"[" + s[:5] + "]"} }})
	cut.Show(&Action{Done: Text("x"), Commands: []*awscli.Command{cmd}})
	if v := cut.View(40); !strings.Contains(v, "[$ aws]") {
		t.Errorf("Options.Wrap must break the commands:\n%s", v)
	}
	lines := CLILines(session(backend.ModeAWS), []*awscli.Command{cmd}, "us-east-1", nil, 0)
	if len(lines) != 2 || !strings.Contains(lines[1], "--region us-east-1") {
		t.Errorf("CLILines for a region = %q", lines)
	}
	if (&Action{}).DoneText(nil) != "" {
		t.Error("no Done, no text")
	}
}
