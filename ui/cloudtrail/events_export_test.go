package cloudtrail

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/uitest"
)

// recorded is an event with its CloudTrail record, as LookupEvents returns it.
func recorded(i int, name string) model.Event {
	ev := model.Event{EventID: "id-" + name, EventName: name, EventSource: "iam.amazonaws.com", Username: "Administrator",
		AccessKeyID: "AKIAEXAMPLE", EventTime: time.Date(2026, 11, 22, 9, 30, i, 0, time.UTC),
		Resources: []model.EventResource{{Type: "AWS::IAM::User", Name: "lab-user"}}}
	ev.Raw = `{"eventVersion":"1.09","eventName":"` + name + `","eventID":"id-` + name + `","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7","errorCode":"` +
		map[bool]string{true: "AccessDenied"}[name == "ListUsers"] + `"}`
	ev.Record, _ = model.ParseEventRecord(ev.Raw)
	return ev
}

// threePages is a filtered set of five events on three pages.
func threePages() map[string]model.Page[model.Event] {
	return map[string]model.Page[model.Event]{
		"":   {Items: []model.Event{recorded(5, "CreateUser"), recorded(4, "ListUsers")}, NextToken: "p2"},
		"p2": {Items: []model.Event{recorded(3, "GetUser"), recorded(2, "CreateGroup")}, NextToken: "p3"},
		"p3": {Items: []model.Event{recorded(1, "AddUserToGroup")}},
	}
}

func eventsScreen(t *testing.T, lang locales.Lang) (*Events, *fakeCT) {
	t.Helper()
	c := uitest.Common(lang)
	f := &fakeCT{pages: threePages()}
	c.Backend = f
	e := NewEvents(c, model.LookupUsername, "Administrator")
	e.SetSize(98, 24)
	e.cur = e.q.eventQuery(fixedTime(), "")
	e.Update(eventsMsg{req: e.req, page: f.pages[""]})
	return e, f
}

func fixedTime() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }

// download runs "Download events" in format to path: every page command is run in
// turn, as the program would, until the file is written.
func download(t *testing.T, e *Events, format, path string) (pages int) {
	t.Helper()
	e.Update(runes("d"))
	e.Update(runes(format))
	x := e.export
	if x == nil || x.phase != exportPath || !strings.HasSuffix(x.input.Value(), exportFileName(map[string]string{"c": "csv", "j": "json"}[format])) {
		t.Fatalf("path prompt = %+v", x)
	}
	x.input.SetValue(path)
	_, cmd := e.Update(tea.KeyMsg{Type: tea.KeyEnter})
	runCmds(t, e, cmd, func(msg tea.Msg) {
		if _, ok := msg.(exportPageMsg); ok {
			pages++
			if e.export == nil || !strings.Contains(e.View(), "Downloading events") && !strings.Contains(e.View(), "다운로드 중") {
				t.Fatalf("no progress while downloading:\n%s", e.View())
			}
		}
	})
	return pages
}

// runCmds runs cmd and every command its messages lead to, one at a time as they
// come (a batch's in order), until none is left; seen is told of each message
// before the screen takes it.
func runCmds(t *testing.T, m tea.Model, cmd tea.Cmd, seen func(tea.Msg)) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 1000 {
			t.Fatal("the commands never end")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if b, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, b...)
			continue
		}
		if seen != nil {
			seen(msg)
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
}

// TestDownloadEventsCSV writes every page of the filtered set as the console's CSV
// and reads it back.
func TestDownloadEventsCSV(t *testing.T) {
	e, f := eventsScreen(t, locales.English)
	path := filepath.Join(t.TempDir(), "history.csv")
	if pages := download(t, e, "c", path); pages != 3 {
		t.Fatalf("pages = %d, want 3 (one request at a time)", pages)
	}
	for _, q := range f.queries {
		if q.Attribute != model.LookupUsername || q.Value != "Administrator" {
			t.Fatalf("a page left the filter: %+v", q)
		}
	}
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	rows, err := csv.NewReader(file).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Event name", "Event time", "User name", "Event source", "Resource type", "Resource name", "AWS access key",
		"Source IP address", "Error code", "Read-only", "Event ID", "AWS region"}
	if len(rows) != 6 || !slices.Equal(rows[0], want) {
		t.Fatalf("csv = %v", rows)
	}
	if r := rows[2]; r[0] != "ListUsers" || r[1] != "2026-11-22 09:30:04" || r[5] != "lab-user" || r[7] != "203.0.113.7" || r[8] != "AccessDenied" || r[11] != "us-east-1" {
		t.Fatalf("row = %v", r)
	}
	if !strings.Contains(e.View(), "Saved 5 events to "+path) {
		t.Fatalf("no confirmation:\n%s", e.View())
	}
}

// TestDownloadEventsJSON writes {"Records":[…]} of the CloudTrail records.
func TestDownloadEventsJSON(t *testing.T) {
	e, _ := eventsScreen(t, locales.Korean)
	path := filepath.Join(t.TempDir(), "history.json")
	download(t, e, "j", path)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Records []map[string]any `json:"Records"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Records) != 5 || doc.Records[0]["eventName"] != "CreateUser" || doc.Records[4]["eventID"] != "id-AddUserToGroup" {
		t.Fatalf("records = %v", doc.Records)
	}
	if !strings.Contains(e.View(), "이벤트 5개를") {
		t.Fatalf("no Korean confirmation:\n%s", e.View())
	}
}

// TestDownloadEventsCancelAndErrors: esc stops between pages and writes nothing; a
// path that cannot be written is a clear error; an empty path is refused.
func TestDownloadEventsCancelAndErrors(t *testing.T) {
	e, _ := eventsScreen(t, locales.English)
	path := filepath.Join(t.TempDir(), "never.csv")
	e.Update(runes("d"))
	e.Update(runes("c"))
	e.export.input.SetValue(path)
	_, cmd := e.Update(tea.KeyMsg{Type: tea.KeyEnter})
	e.Update(tea.KeyMsg{Type: tea.KeyEsc}) // while the first page is in flight
	if _, next := e.Update(cmd()); next != nil || e.export != nil {
		t.Fatal("a canceled download asked for more")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("a canceled download wrote %s", path)
	}
	if !strings.Contains(e.View(), "Download canceled") {
		t.Fatalf("no cancel notice:\n%s", e.View())
	}

	download(t, e, "j", filepath.Join(t.TempDir(), "missing-dir", "x.json"))
	if v := e.View(); !strings.Contains(v, "could not be saved") || !strings.Contains(v, "no such file") {
		t.Fatalf("no error for a bad path:\n%s", v)
	}

	e.Update(runes("d"))
	e.Update(runes("c"))
	e.export.input.SetValue("  ")
	e.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if e.export == nil || e.export.phase != exportPath || !strings.Contains(e.View(), "Enter a file path") {
		t.Fatalf("an empty path was taken:\n%s", e.View())
	}
}

// TestDownloadEventsRefusedOverSSH: served over SSH the file would land on the
// server, so the console shows the AWS CLI command instead (as S3 downloads do).
func TestDownloadEventsRefusedOverSSH(t *testing.T) {
	e, f := eventsScreen(t, locales.English)
	e.c.Remote = true
	before := len(f.queries)
	e.Update(runes("d"))
	if e.export != nil || len(f.queries) != before {
		t.Fatal("a download started over SSH")
	}
	if v := e.View(); !strings.Contains(v, "Downloads are off over SSH") || !strings.Contains(v, "aws cloudtrail lookup-events") {
		t.Fatalf("no explanation and CLI command:\n%s", v)
	}
}

// TestColumnChooser: the preferences choose the visible columns, kept for the
// session (a new Event history opens with them); esc leaves them as they were.
func TestColumnChooser(t *testing.T) {
	e, _ := eventsScreen(t, locales.English)
	e.Update(runes("p"))
	for range 6 {
		e.Update(tea.KeyMsg{Type: tea.KeyDown})
	}
	e.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")}) // AWS access key on
	e.Update(tea.KeyMsg{Type: tea.KeyDown})
	e.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")}) // Source IP address on
	e.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if e.prefs != nil || !slices.Contains(e.cols, "akey") || !slices.Contains(e.cols, "ip") {
		t.Fatalf("columns = %v", e.cols)
	}
	e.SetSize(200, 24)
	if v := e.View(); !strings.Contains(v, "Source IP") || !strings.Contains(v, "203.0.113.7") {
		t.Fatalf("new columns not shown:\n%s", v)
	}
	again := NewEvents(e.c, "", "")
	if !slices.Equal(again.cols, e.cols) {
		t.Fatalf("the session's columns were not kept: %v", again.cols)
	}
	e.Update(runes("p"))
	e.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")}) // Event name off
	e.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if !slices.Contains(e.cols, "name") {
		t.Fatal("esc kept the change")
	}
	// Hiding every column is refused.
	e.Update(runes("p"))
	for i := range eventColumns {
		e.prefs.cursor = i
		if e.prefs.chosen[eventColumns[i].id] {
			e.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")})
		}
	}
	e.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if e.prefs == nil || !strings.Contains(e.View(), "at least one column") {
		t.Fatalf("no columns accepted:\n%s", e.View())
	}
	// Another session keeps the defaults.
	other := NewEvents(uitest.Common(locales.English), "", "")
	if !slices.Equal(other.cols, defaultEventColumns) {
		t.Fatalf("another session sees %v", other.cols)
	}
}

// TestGoldenColumnChooser is the preferences panel in both languages.
func TestGoldenColumnChooser(t *testing.T) {
	for _, lang := range locales.Langs {
		t.Run(string(lang), func(t *testing.T) {
			e, _ := eventsScreen(t, lang)
			e.Update(runes("p"))
			e.Update(tea.KeyMsg{Type: tea.KeyDown})
			golden.RequireEqual(t, []byte(e.View()))
		})
	}
}
