package logs

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/sim"
	simlogs "github.com/labconsole/labconsole/backend/sim/logs"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch/cwtest"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/nav"
)

// The lab's log group, where a trail delivers its events as JSON, and an
// application's group with plain text lines.
const (
	trailGroup  = "/aws/cloudtrail/lab-events-trail"
	trailStream = "123456789012_CloudTrail_ap-northeast-2"
	appGroup    = "/lab/app"
	appStream   = "web-1"
)

// open sizes s and runs its Init and what it produces.
func open(t *testing.T, s nav.Screen) {
	t.Helper()
	s.SetSize(100, 24)
	for _, msg := range cwtest.Expand(s.Init()) {
		cwtest.Run(t, s, msg)
	}
}

// pushed is the screen of the one PushMsg in msgs.
func pushed(t *testing.T, msgs []tea.Msg) nav.Screen {
	t.Helper()
	if len(msgs) != 1 {
		t.Fatalf("want one push, got %v", msgs)
	}
	p, ok := msgs[0].(nav.PushMsg)
	if !ok {
		t.Fatalf("want a push, got %T", msgs[0])
	}
	return p.Screen
}

// popped reports whether msgs is one PopMsg.
func popped(msgs []tea.Msg) bool {
	return len(msgs) == 1 && cwtest.TypeName(msgs[0]) == "nav.PopMsg"
}

// trailEvent is a CloudTrail event as CloudTrail delivers it to a log group.
func trailEvent(name, user string) string {
	return `{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"` + user + `"},"eventTime":"2026-11-22T09:20:00Z","eventSource":"iam.amazonaws.com","eventName":"` + name + `","awsRegion":"ap-northeast-2"}`
}

// seed is a session with the lab's two log groups: the trail's (30 days, three
// CloudTrail events in one stream) and the application's (never expire, plain text
// in two streams).
func seed(t *testing.T, lang locales.Lang) (*common.Common, *sim.Sim) {
	t.Helper()
	c, s := cwtest.NewLab(t, lang)
	ctx := context.Background()
	if err := c.Backend.CreateLogGroup(ctx, trailGroup); err != nil {
		t.Fatal(err)
	}
	if err := c.Backend.SetLogRetention(ctx, trailGroup, 30); err != nil {
		t.Fatal(err)
	}
	base := cwtest.LabNow().Add(-20 * time.Minute)
	put(t, s, trailGroup, trailStream, base,
		trailEvent("CreateUser", "admin"), trailEvent("CreateGroup", "admin"), trailEvent("CreateUser", "lab-user"))
	put(t, s, appGroup, appStream, base, "INFO started", "ERROR disk full on /var", "INFO request served")
	put(t, s, appGroup, "web-2", base.Add(5*time.Minute), "ERROR timeout calling db")
	return c, s
}

// put writes messages a second apart from at into group/stream.
func put(t *testing.T, s *sim.Sim, group, stream string, at time.Time, messages ...string) {
	t.Helper()
	ctx := context.Background()
	if err := s.Logs().EnsureLogStream(ctx, group, stream); err != nil {
		t.Fatal(err)
	}
	evs := make([]simlogs.InputEvent, len(messages))
	for i, m := range messages {
		evs[i] = simlogs.InputEvent{Timestamp: at.Add(time.Duration(i) * time.Second), Message: m}
	}
	if err := s.Logs().PutLogEventsInternal(ctx, group, stream, evs); err != nil {
		t.Fatal(err)
	}
}

func groupNames(t *testing.T, c *common.Common) []string {
	t.Helper()
	page, err := c.Backend.ListLogGroups(context.Background(), "", model.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range page.Items {
		names = append(names, g.Name)
	}
	return names
}

func mustContain(t *testing.T, view string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(view, w) {
			t.Fatalf("the screen lacks %q:\n%s", w, view)
		}
	}
}

func mustNotContain(t *testing.T, view string, nots ...string) {
	t.Helper()
	for _, w := range nots {
		if strings.Contains(view, w) {
			t.Fatalf("the screen must not show %q:\n%s", w, view)
		}
	}
}

// awsMode is a backend that says it is a real account.
type awsMode struct{ backend.Backend }

func (a awsMode) Info() backend.Info {
	i := a.Backend.Info()
	i.Mode = backend.ModeAWS
	return i
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

func cellWidth(s string) int { return lipgloss.Width(s) }
