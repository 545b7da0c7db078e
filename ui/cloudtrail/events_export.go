package cloudtrail

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/textkey"
)

// Phases of "Download events".
const (
	exportFormat  = iota // choose CSV or JSON
	exportPath           // confirm the file path
	exportRunning        // reading every page, one request at a time
)

// export is "Download events": the whole filtered set (every page of the listing's
// query, one LookupEvents call in flight at a time), written as the console's CSV
// or as {"Records":[…]} of the CloudTrail records to a path the user confirms.
type export struct {
	phase  int
	format string // "csv" or "json"
	input  textinput.Model
	query  model.EventQuery
	events []model.Event
	pages  int
	gen    int
	cancel context.CancelFunc
	err    string
}

// exportPageMsg is one page of the download number gen.
type exportPageMsg struct {
	gen  int
	page model.Page[model.Event]
	err  error
}

// exportWrittenMsg reports the file written (or not) for download gen.
type exportWrittenMsg struct {
	gen   int
	path  string
	count int
	err   error
}

// exportFileName is the console's file name for a download.
func exportFileName(format string) string { return "event_history." + format }

// startExport opens the download's format choice; over SSH the file would land on
// the server's disk, so it is refused with the AWS CLI command to run locally.
func (e *Events) startExport() tea.Cmd {
	e.notice, e.noticeErr = "", false
	if e.c.Remote {
		cmd := awscli.New("cloudtrail", "lookup-events")
		if e.cur.Attribute != "" {
			cmd.With("--lookup-attributes", "AttributeKey="+e.cur.Attribute+",AttributeValue="+e.cur.Value)
		}
		if !e.cur.Start.IsZero() {
			cmd.With("--start-time", e.cur.Start.UTC().Format("2006-01-02T15:04:05Z"))
		}
		e.notice = e.c.T("DownloadRemote") + "\n$ " + cmd.String(e.c.Backend.Info())
		return nil
	}
	e.exportGen++
	e.export = &export{phase: exportFormat, gen: e.exportGen}
	return nil
}

// updateExport handles a key while the download is open.
func (e *Events) updateExport(msg tea.KeyMsg) tea.Cmd {
	x := e.export
	switch x.phase {
	case exportFormat:
		switch msg.String() {
		case "c", "j":
			x.format = map[string]string{"c": "csv", "j": "json"}[msg.String()]
			dir, err := os.Getwd()
			if err != nil {
				dir = "."
			}
			x.input = textinput.New()
			st := e.c.Styles.Form
			x.input.Prompt, x.input.PromptStyle, x.input.TextStyle, x.input.Cursor.Style = "> ", st.PromptFocused, st.Input, st.Cursor
			x.input.KeyMap.Paste.SetEnabled(false)
			x.input.SetValue(filepath.Join(dir, exportFileName(x.format)))
			x.phase = exportPath
			return x.input.Focus()
		case "esc":
			e.export = nil
		}
		return nil
	case exportPath:
		switch msg.String() {
		case "esc":
			e.export = nil
			return nil
		case "enter":
			if strings.TrimSpace(x.input.Value()) == "" {
				x.err = e.c.T("CTXDownloadPathRequired")
				return nil
			}
			x.input.Blur()
			x.phase = exportRunning
			x.query = e.cur
			x.query.Page = model.PageRequest{Limit: 50}
			ctx, cancel := context.WithCancel(e.c.Ctx)
			x.cancel = cancel
			return e.exportPage(ctx, "")
		}
		x.err = ""
		return textkey.Update(&x.input, msg)
	case exportRunning:
		if msg.String() == "esc" {
			x.cancel()
			e.xpace.stop()
			e.export = nil
			e.notice, e.noticeErr = e.c.T("CTXDownloadCanceled"), false
		}
	}
	return nil
}

// exportPage asks for one page of the download; the next is asked only when it answers.
func (e *Events) exportPage(ctx context.Context, token string) tea.Cmd {
	x := e.export
	q := x.query
	q.Page.Token = token
	gen, b := x.gen, e.c.Backend
	ctx, tick := e.xpace.start(ctx)
	return tea.Batch(tick, func() tea.Msg {
		page, err := b.LookupEvents(ctx, q)
		return exportPageMsg{gen: gen, page: page, err: err}
	})
}

// exportAnswer takes a page: asks the next one or writes the file.
func (e *Events) exportAnswer(msg exportPageMsg) tea.Cmd {
	x := e.export
	if x == nil || msg.gen != x.gen || x.phase != exportRunning {
		return nil
	}
	e.xpace.stop()
	if msg.err != nil {
		x.cancel()
		e.export = nil
		e.notice, e.noticeErr = e.c.Tf("CTXDownloadFailed", map[string]any{"Error": common.ErrorText(e.c, msg.err)}), true
		return nil
	}
	x.events = append(x.events, msg.page.Items...)
	x.pages++
	if msg.page.NextToken != "" {
		ctx, cancel := context.WithCancel(e.c.Ctx)
		x.cancel()
		x.cancel = cancel
		return e.exportPage(ctx, msg.page.NextToken)
	}
	path, format, events, gen := x.input.Value(), x.format, x.events, x.gen
	return func() tea.Msg {
		err := writeEvents(path, format, events)
		return exportWrittenMsg{gen: gen, path: path, count: len(events), err: err}
	}
}

// exportWritten reports the saved file.
func (e *Events) exportWritten(msg exportWrittenMsg) {
	if e.export == nil || msg.gen != e.export.gen {
		return
	}
	e.export.cancel()
	e.export = nil
	if msg.err != nil {
		e.notice, e.noticeErr = e.c.Tf("CTXDownloadFailed", map[string]any{"Error": msg.err.Error()}), true
		return
	}
	e.notice, e.noticeErr = e.c.Tf("CTXDownloadDone", map[string]any{"Count": msg.count, "Path": msg.path}), false
}

// writeEvents writes events to path as CSV (the console's columns, English headers)
// or as {"Records":[…]} of their CloudTrail records.
func writeEvents(path, format string, events []model.Event) error {
	var buf bytes.Buffer
	switch format {
	case "csv":
		w := csv.NewWriter(&buf)
		header := make([]string, len(eventColumns))
		for i, col := range eventColumns {
			header[i] = col.csv
		}
		_ = w.Write(header)
		for _, ev := range events {
			row := make([]string, len(eventColumns))
			for i, col := range eventColumns {
				if v := col.cell(ev); v != "-" {
					row[i] = v
				}
			}
			_ = w.Write(row)
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return err
		}
	default:
		records := make([]json.RawMessage, 0, len(events))
		for _, ev := range events {
			if json.Valid([]byte(ev.Raw)) {
				records = append(records, json.RawMessage(ev.Raw))
				continue
			}
			raw, err := json.Marshal(ev.Record)
			if err != nil {
				return err
			}
			records = append(records, raw)
		}
		out, err := json.MarshalIndent(struct {
			Records []json.RawMessage `json:"Records"`
		}{records}, "", "  ")
		if err != nil {
			return err
		}
		buf.Write(out)
		buf.WriteByte('\n')
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// exportView is the download's line under the filters.
func (e *Events) exportView() string {
	st := e.c.Styles
	if x := e.export; x != nil {
		switch x.phase {
		case exportFormat:
			return st.Subtitle.Render(e.c.T("CTXDownloadEvents")) + "  " + st.Text.Render(e.c.T("CTXDownloadFormat"))
		case exportPath:
			line := st.Form.Label.Render(e.c.Tf("CTXDownloadPath", map[string]any{"Format": strings.ToUpper(x.format)})) + " " + x.input.View()
			if x.err != "" {
				line += "\n" + st.Form.Error.Render("✕ "+x.err)
			}
			return line
		case exportRunning:
			line := st.Text.Render(e.c.Tf("CTXDownloadProgress", map[string]any{"Count": len(x.events), "Pages": x.pages}))
			if wait := e.xpace.view(); wait != "" {
				line += "\n" + st.Muted.Render(wait)
			}
			return line
		}
	}
	if e.notice != "" {
		if e.noticeErr {
			return st.Form.Error.Render(e.notice)
		}
		return st.Text.Render(e.notice)
	}
	return ""
}
