package logs

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch/cwtest"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/uitest"
)

func TestGroupsListColumnsAndPrefixSearch(t *testing.T) {
	c, _ := seed(t, locales.English)
	if err := c.Backend.CreateLogGroup(context.Background(), "/other/x"); err != nil {
		t.Fatal(err)
	}
	g := NewGroups(c)
	open(t, g)
	mustContain(t, g.View(), "Log groups (3)", "Log group", "Retention", "Stored bytes", "Creation time",
		trailGroup, "30 days", "Never expire", "2026-11-22 09:30:00 (UTC)", "Filter log groups or try prefix search")
	cwtest.Press(t, g, "/")
	if !g.Capturing() {
		t.Fatal("/ must focus the prefix search")
	}
	cwtest.Press(t, g, "/lab", "enter")
	if g.Prefix() != "/lab" || g.Capturing() {
		t.Fatalf("prefix = %q, capturing %v", g.Prefix(), g.Capturing())
	}
	mustContain(t, g.View(), "Log groups (1)", appGroup)
	mustNotContain(t, g.View(), trailGroup, "/other/x")
	if s, ok := pushed(t, cwtest.Press(t, g, "enter")).(*Streams); !ok || s.group != appGroup || s.Crumbs()[0] != appGroup {
		t.Fatalf("enter opens the group's streams: %+v", s)
	}
	cwtest.Press(t, g, "/", "ctrl+u", "/nothing", "enter")
	mustContain(t, g.View(), "Log groups (0)", `No log groups whose names start with "/nothing"`)
}

func TestGroupsPageWithNextToken(t *testing.T) {
	c, _ := seed(t, locales.English)
	for _, n := range []string{"/p/1", "/p/2", "/p/3"} {
		if err := c.Backend.CreateLogGroup(context.Background(), n); err != nil {
			t.Fatal(err)
		}
	}
	g := NewGroups(c)
	g.pageSize = 2
	open(t, g)
	if g.table.Total() != 2 || !g.table.HasMore() {
		t.Fatalf("first page: %d rows, more %v", g.table.Total(), g.table.HasMore())
	}
	cwtest.Press(t, g, "n")
	cwtest.Press(t, g, "n")
	if g.table.Total() != 5 || g.table.HasMore() {
		t.Fatalf("after paging: %d rows, more %v\n%s", g.table.Total(), g.table.HasMore(), g.View())
	}
}

// TestBadNameIsRefusedAndCreatesNothing: a name outside CloudWatch Logs' rules is
// refused before any call, in the session's language; a taken name comes back as
// AWS's ResourceAlreadyExistsException, translated.
func TestBadNameIsRefusedAndCreatesNothing(t *testing.T) {
	for lang, texts := range map[locales.Lang][2]string{
		locales.English: {"Log group names can contain only letters, numbers and . - _ / #", "A log group with this name already exists. (ResourceAlreadyExistsException"},
		locales.Korean:  {"로그 그룹 이름에는 영문자, 숫자와 . - _ / # 만 사용할 수 있습니다.", "같은 이름의 로그 그룹이 이미 있습니다. (ResourceAlreadyExistsException"},
	} {
		t.Run(string(lang), func(t *testing.T) {
			c, _ := cwtest.NewLab(t, lang)
			g := NewGroups(c)
			open(t, g)
			f := pushed(t, cwtest.Press(t, g, "c"))
			open(t, f)
			if msgs := cwtest.Press(t, f, "bad name", "ctrl+s"); len(msgs) != 0 {
				t.Fatalf("a bad name must not leave the form: %v", msgs)
			}
			mustContain(t, f.View(), texts[0], "aws logs create-log-group --log-group-name 'bad name'")
			if names := groupNames(t, c); len(names) != 0 {
				t.Fatalf("a bad name created %v", names)
			}
			cwtest.Press(t, f, "ctrl+u")
			for range 8 {
				cwtest.Press(t, f, "backspace")
			}
			cwtest.Press(t, f, "/lab/app")
			if !popped(cwtest.Press(t, f, "ctrl+s")) {
				t.Fatalf("a good name creates and goes back:\n%s", f.View())
			}
			if names := groupNames(t, c); len(names) != 1 || names[0] != "/lab/app" {
				t.Fatalf("groups = %v", names)
			}
			again := pushed(t, cwtest.Press(t, g, "c"))
			open(t, again)
			if msgs := cwtest.Press(t, again, "/lab/app", "ctrl+s"); len(msgs) != 0 {
				t.Fatalf("a taken name must keep the form: %v", msgs)
			}
			mustContain(t, again.View(), texts[1])
		})
	}
}

func TestCreateWithRetention(t *testing.T) {
	c, _ := cwtest.NewLab(t, locales.English)
	f := newCreateGroup(c)
	open(t, f)
	cwtest.Press(t, f, "/aws/cloudtrail/lab", "tab", "down", "down")
	mustContain(t, f.View(), "aws logs put-retention-policy --log-group-name /aws/cloudtrail/lab --retention-in-days 3")
	if !popped(cwtest.Press(t, f, "ctrl+s")) {
		t.Fatalf("create:\n%s", f.View())
	}
	page, err := c.Backend.ListLogGroups(context.Background(), "", model.PageRequest{})
	if err != nil || len(page.Items) != 1 || page.Items[0].RetentionInDays != 3 {
		t.Fatalf("groups = %+v %v", page.Items, err)
	}
}

func TestEditRetentionAndDelete(t *testing.T) {
	c, _ := seed(t, locales.English)
	g := NewGroups(c)
	open(t, g)
	// The list is in name order: /aws/cloudtrail/… first, 30 days.
	f := pushed(t, cwtest.Press(t, g, "e"))
	open(t, f)
	if cr := f.Crumbs(); len(cr) != 2 || cr[0] != trailGroup || cr[1] != "Edit retention setting" {
		t.Fatalf("crumbs = %v", cr)
	}
	cwtest.Press(t, f, "up", "up", "up", "up", "up", "up")
	mustContain(t, f.View(), "aws logs delete-retention-policy --log-group-name "+trailGroup)
	cwtest.Press(t, f, "down")
	if !popped(cwtest.Press(t, f, "ctrl+s")) {
		t.Fatalf("save:\n%s", f.View())
	}
	cwtest.Run(t, g, groupsChangedMsg{})
	mustContain(t, g.View(), "1 day")

	cwtest.Press(t, g, "d")
	if !g.runner.Open() {
		t.Fatal("d must ask first")
	}
	mustContain(t, g.View(), `Delete log group "`+trailGroup+`"?`, "aws logs delete-log-group")
	cwtest.Press(t, g, "esc")
	if names := groupNames(t, c); len(names) != 2 {
		t.Fatalf("esc must not delete: %v", names)
	}
	cwtest.Press(t, g, "d", "enter")
	if names := groupNames(t, c); len(names) != 1 || names[0] != appGroup {
		t.Fatalf("after the delete: %v", names)
	}
	mustContain(t, g.View(), "Log groups (1)", `Log group "`+trailGroup+`" deleted.`)
}

// TestAWSModeAsksWithTheCLI: on a real account a create is confirmed first, in a
// dialog showing the AWS CLI equivalent, and nothing is called before.
func TestAWSModeAsksWithTheCLI(t *testing.T) {
	c, _ := cwtest.NewLab(t, locales.English)
	c.Backend = awsMode{c.Backend}
	f := newCreateGroup(c)
	open(t, f)
	cwtest.Press(t, f, "/lab/app", "ctrl+s")
	if !f.runner.Open() {
		t.Fatal("AWS mode must ask first")
	}
	mustContain(t, f.View(), `Create log group "/lab/app"?`, "aws logs create-log-group --log-group-name /lab/app")
	if names := groupNames(t, c); len(names) != 0 {
		t.Fatalf("created before the confirmation: %v", names)
	}
	if !popped(cwtest.Press(t, f, "enter")) {
		t.Fatalf("confirm creates:\n%s", f.View())
	}
	if names := groupNames(t, c); len(names) != 1 {
		t.Fatalf("after confirm: %v", names)
	}
}

func TestStreamsNewestFirstAndSearchAll(t *testing.T) {
	c, _ := seed(t, locales.English)
	s := NewStreams(c, appGroup)
	open(t, s)
	mustContain(t, s.View(), "Log streams (2)", "Last event time")
	if r, _ := s.table.Selected(); r.ID != "web-2" {
		t.Fatalf("newest stream first, got %q:\n%s", r.ID, s.View())
	}
	all := pushed(t, cwtest.Press(t, s, "a")).(*Events)
	open(t, all)
	if !all.Filtering() || all.table.Total() != 4 {
		t.Fatalf("search all: %d events\n%s", all.table.Total(), all.View())
	}
	mustContain(t, all.View(), "Search all log streams", "web-1", "web-2", "ERROR timeout calling db")
	paged := NewStreams(c, appGroup)
	paged.pageSize = 1
	open(t, paged)
	if paged.table.Total() != 1 || !paged.table.HasMore() {
		t.Fatalf("first page of streams: %d", paged.table.Total())
	}
	cwtest.Press(t, paged, "n")
	if paged.table.Total() != 2 || paged.table.HasMore() {
		t.Fatalf("after n: %d rows, more %v", paged.table.Total(), paged.table.HasMore())
	}
	ev := pushed(t, cwtest.Press(t, s, "down", "enter")).(*Events)
	open(t, ev)
	if ev.Filtering() || ev.table.Total() != 3 {
		t.Fatalf("web-1 read with GetLogEvents: %d\n%s", ev.table.Total(), ev.View())
	}
}

func TestEventsFilterPatternAndJSONMessage(t *testing.T) {
	c, _ := seed(t, locales.English)
	e := NewEvents(c, trailGroup, trailStream)
	open(t, e)
	if e.table.Total() != 3 {
		t.Fatalf("events: %d\n%s", e.table.Total(), e.View())
	}
	cwtest.Press(t, e, "/", `{ $.eventName = "CreateUser" }`, "enter")
	if !e.Filtering() || e.table.Total() != 2 {
		t.Fatalf("the pattern keeps the two CreateUser events: %d\n%s", e.table.Total(), e.View())
	}
	mustContain(t, e.View(), `2 events loaded that match { $.eventName = "CreateUser" }`)
	m := pushed(t, cwtest.Press(t, e, "enter")).(*Message)
	open(t, m)
	if !m.IsJSON() {
		t.Fatal("a CloudTrail event opens in the JSON viewer")
	}
	mustContain(t, m.View(), `"eventName": "CreateUser"`)
	cwtest.Press(t, e, "x")
	if e.Filtering() || e.table.Total() != 3 {
		t.Fatalf("x clears the pattern: %d", e.table.Total())
	}

	text := NewEvents(c, appGroup, appStream)
	open(t, text)
	cwtest.Press(t, text, "/", "ERROR", "enter")
	if text.table.Total() != 1 {
		t.Fatalf("ERROR in web-1: %d\n%s", text.table.Total(), text.View())
	}
	tm := pushed(t, cwtest.Press(t, text, "enter")).(*Message)
	open(t, tm)
	if tm.IsJSON() {
		t.Fatal("a text line is not JSON")
	}
	mustContain(t, tm.View(), "ERROR disk full on /var")
}

func TestEventsPageWithLoadMore(t *testing.T) {
	c, _ := seed(t, locales.English)
	for _, pattern := range []string{"", "INFO"} {
		e := NewEvents(c, appGroup, appStream)
		e.pageSize = 1
		e.pattern = pattern
		open(t, e)
		if e.table.Total() != 1 || !e.table.HasMore() {
			t.Fatalf("pattern %q: first page %d, more %v", pattern, e.table.Total(), e.table.HasMore())
		}
		for range 4 {
			cwtest.Press(t, e, "n")
		}
		want := map[string]int{"": 3, "INFO": 2}[pattern]
		if e.table.Total() != want || e.table.HasMore() {
			t.Fatalf("pattern %q: after load more %d (want %d), more %v\n%s", pattern, e.table.Total(), want, e.table.HasMore(), e.View())
		}
	}
}

// TestBadPatternIsTranslated: CloudWatch Logs refuses the pattern
// (InvalidParameterException); the screen says so in the session's language, with
// AWS's message, and shows no events.
func TestBadPatternIsTranslated(t *testing.T) {
	for lang, text := range map[locales.Lang]string{
		locales.English: "The filter pattern is not valid. Check its syntax. (InvalidParameterException",
		locales.Korean:  "필터 패턴이 올바르지 않습니다. 구문을 확인하십시오. (InvalidParameterException",
	} {
		t.Run(string(lang), func(t *testing.T) {
			c, _ := seed(t, lang)
			e := NewEvents(c, trailGroup, "")
			open(t, e)
			cwtest.Press(t, e, "/", `{ $.eventName = `, "enter")
			mustContain(t, e.View(), text, "InvalidParameterException: Invalid filter")
			if len(e.events) != 0 || e.table.Total() != 0 {
				t.Fatalf("a refused pattern shows no events: %d", len(e.events))
			}
			cwtest.Press(t, e, "/", "ctrl+u", "CreateGroup", "enter")
			if e.err != nil || e.table.Total() != 1 {
				t.Fatalf("a fixed pattern searches again: %v %d", e.err, e.table.Total())
			}
		})
	}
}

func TestLanguageSwitchRetitles(t *testing.T) {
	c, _ := seed(t, locales.English)
	g := NewGroups(c)
	open(t, g)
	e := NewEvents(c, appGroup, "")
	open(t, e)
	f := newCreateGroup(c)
	open(t, f)
	cwtest.Press(t, f, "bad name", "ctrl+s")
	msg := uitest.SetLang(c, locales.Korean)
	cwtest.Run(t, g, msg)
	cwtest.Run(t, e, msg)
	cwtest.Run(t, f, msg)
	mustContain(t, g.View(), "로그 그룹 (2)", "보존", "저장된 바이트", "생성 시간", "만기 없음", "30일", "로그 그룹 필터링 또는 접두사 검색 시도")
	mustContain(t, e.View(), "모든 로그 스트림 검색", "타임스탬프", "메시지")
	mustContain(t, f.View(), "로그 그룹 생성", "로그 그룹 이름")
	if h := g.ShortHelp(); len(h) == 0 || h[0].Help().Desc != "로그 스트림" {
		t.Fatalf("help follows the language: %+v", h)
	}
}

func TestResizeKeepsTheScreenInside(t *testing.T) {
	c, _ := seed(t, locales.Korean)
	g := NewGroups(c)
	open(t, g)
	s := NewStreams(c, trailGroup)
	open(t, s)
	e := NewEvents(c, trailGroup, "")
	open(t, e)
	cwtest.Press(t, e, "/", "CreateUser", "enter")
	m := NewMessage(c, e.events[0])
	open(t, m)
	f := newCreateGroup(c)
	open(t, f)
	cwtest.Press(t, f, "bad name", "ctrl+s")
	for _, screen := range []nav.Screen{g, s, e, m, f} {
		for _, w := range []int{50, 120} {
			screen.SetSize(w, 20)
			lines := splitLines(screen.View())
			if len(lines) > 20 {
				t.Errorf("%T at %d×20: %d lines", screen, w, len(lines))
			}
			for i, line := range lines {
				if lw := cellWidth(line); lw > w {
					t.Errorf("%T at width %d: line %d is %d cells: %q", screen, w, i, lw, line)
				}
			}
		}
	}
}

// TestMessagesAreSafeToDraw: a log line's control characters (an ANSI escape would
// repaint the terminal) never reach the screen, and a message that only starts like
// JSON is shown as text.
func TestMessagesAreSafeToDraw(t *testing.T) {
	c, s := seed(t, locales.English)
	put(t, s, appGroup, "evil", cwtest.LabNow().Add(-time.Minute), "\x1b[2Jcleared\tscreen", "{not json")
	e := NewEvents(c, appGroup, "evil")
	open(t, e)
	if strings.Contains(e.View(), "\x1b") || !strings.Contains(e.View(), "\uFFFD[2Jcleared screen") {
		t.Fatalf("the escape must be neutralised:\n%q", e.View())
	}
	m := pushed(t, cwtest.Press(t, e, "enter")).(*Message)
	open(t, m)
	if strings.Contains(m.View(), "\x1b") {
		t.Fatalf("the message view draws the escape: %q", m.View())
	}
	bad := pushed(t, cwtest.Press(t, e, "down", "enter")).(*Message)
	open(t, bad)
	if bad.IsJSON() || !strings.Contains(bad.View(), "{not json") {
		t.Fatalf("invalid JSON is text:\n%s", bad.View())
	}
}

// TestAccessDeniedShowsThePermissionPanel: an identity without CloudWatch Logs
// permissions sees the console's permissions panel naming the action, not a crash.
func TestAccessDeniedShowsThePermissionPanel(t *testing.T) {
	c, s := seed(t, locales.English)
	ctx := context.Background()
	if _, err := c.Backend.CreateUser(ctx, model.NewUser{UserName: "lab-user"}); err != nil {
		t.Fatal(err)
	}
	key, err := c.Backend.CreateAccessKey(ctx, "lab-user")
	if err != nil {
		t.Fatal(err)
	}
	c.Backend = awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: key.AccessKeyID, SecretAccessKey: key.SecretAccessKey})
	g := NewGroups(c)
	open(t, g)
	mustContain(t, g.View(), "logs:DescribeLogGroups")
	mustNotContain(t, g.View(), trailGroup)
	f := newCreateGroup(c)
	open(t, f)
	cwtest.Press(t, f, "/lab/new", "ctrl+s")
	mustContain(t, f.View(), "logs:CreateLogGroup")
}
