package s3

import (
	"context"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/dialog"
	"github.com/labconsole/labconsole/ui/components/jsonview"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/components/spinner"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// objectTab is a tab of the object's page.
type objectTab int

const (
	tabProperties objectTab = iota
	tabPreview
	tabRecords // CloudTrail log files only
)

// Object is an object's page: its properties, a preview of JSON and gzipped JSON in
// the JSON viewer, the records of a CloudTrail log file as a table (lab step D5), and
// Download, Delete and Copy S3 URI. The preview is read and decoded in a tea.Cmd; if
// it fails, the page says why and everything else keeps working.
type Object struct {
	c    *common.Common
	keys objectKeys
	ref  bucketRef
	key  string

	req     int
	spin    spinner.Model
	info    *model.ObjectInfo
	region  string
	err     error
	prev    *preview // nil until decoded
	loading bool     // the preview is being read
	tab     objectTab
	json    jsonview.Model
	records table.Model

	download *download
	confirm  *dialog.Model
	deleting bool
	notice   notice

	width, height int
}

var _ nav.Screen = (*Object)(nil)

func newObject(c *common.Common, ref bucketRef, key string) *Object {
	o := &Object{c: c, keys: newObjectKeys(c), ref: ref, key: key, spin: spinner.New(c), json: jsonview.New(c)}
	o.records = table.New(c, recordColumns(c))
	o.records.SetID(fmt.Sprintf("s3-records-%p", o))
	o.records.SetEmptyText(c.T("S3RecordsEmpty"))
	return o
}

// objectMsg answers the properties load of owner.
type objectMsg struct {
	owner  *Object
	req    int
	info   model.ObjectInfo
	region string
	err    error
}

// previewMsg answers the preview read of owner.
type previewMsg struct {
	owner *Object
	req   int
	prev  preview
}

// load describes the object; the Region comes from GetBucketLocation when the page
// was opened without it (NewObjectAt), for the object URL.
func (o *Object) load() tea.Cmd {
	o.req++
	o.prev, o.loading, o.err = nil, false, nil
	req, b, ctx := o.req, o.c.Backend, o.c.Ctx
	ref, k := o.ref, o.key
	return tea.Batch(o.spin.Start(), func() tea.Msg {
		info, err := b.HeadObject(ctx, ref.name, k)
		region := ref.region
		if err == nil && region == "" {
			if r, lerr := b.GetBucketLocation(ctx, ref.name); lerr == nil {
				region = r
			} else {
				region = b.Info().Region
			}
		}
		return objectMsg{owner: o, req: req, info: info, region: region, err: err}
	})
}

// readPreview reads and decodes the object when it is JSON and small enough.
func (o *Object) readPreview() tea.Cmd {
	switch {
	case !previewable(o.key, *o.info):
		o.showPreview(preview{kind: previewUnsupported})
		return nil
	case o.info.Size > previewMaxBytes:
		o.showPreview(preview{kind: previewTooLarge})
		return nil
	}
	o.loading = true
	req, b, ctx, bucket, k := o.req, o.c.Backend, o.c.Ctx, o.ref.name, o.key
	return tea.Batch(o.spin.Start(), func() tea.Msg {
		return previewMsg{owner: o, req: req, prev: fetchPreview(ctx, b, bucket, k)}
	})
}

// fetchPreview reads at most previewMaxBytes of the object and decodes it.
func fetchPreview(ctx context.Context, b backend.Backend, bucket, k string) preview {
	data, err := b.GetObject(ctx, bucket, k, previewMaxBytes)
	if err != nil {
		return preview{kind: previewFailed, err: err}
	}
	return decodePreview(k, data)
}

// Init implements tea.Model.
func (o *Object) Init() tea.Cmd { return o.load() }

// Crumbs implements nav.Screen: the object's name, as the console's last crumb.
func (o *Object) Crumbs() []string { return []string{baseName(o.key)} }

// Capturing implements nav.Screen: the download path, the delete confirmation and
// the records filter take text.
func (o *Object) Capturing() bool {
	return o.download != nil || o.confirm != nil || (o.tab == tabRecords && o.records.Filtering())
}

// Key is the object's key, for tests.
func (o *Object) Key() string { return o.key }

// Tab is the tab shown, for tests.
func (o *Object) Tab() objectTab { return o.tab }

// SetSize implements common.Component.
func (o *Object) SetSize(w, h int) {
	o.width, o.height = w, h
	o.layout()
}

// Update implements tea.Model.
func (o *Object) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := o.updateActions(msg); ok {
		return o, cmd
	}
	switch msg := msg.(type) {
	case objectMsg:
		if msg.owner != o || msg.req != o.req {
			return o, nil
		}
		o.spin.Stop()
		if msg.err != nil {
			o.err = msg.err
			return o, nil
		}
		o.info, o.region = &msg.info, msg.region
		return o, o.readPreview()
	case previewMsg:
		if msg.owner == o && msg.req == o.req {
			o.showPreview(msg.prev)
		}
		return o, nil
	case table.NextPageMsg:
		return o, nil // a log file's records are all loaded at once
	case common.LanguageChangedMsg:
		o.keys = newObjectKeys(o.c)
		o.records.SetColumns(recordColumns(o.c))
		o.records.SetEmptyText(o.c.T("S3RecordsEmpty"))
		o.notice = notice{}
		o.json, _ = o.json.Update(msg)
		o.records, _ = o.records.Update(msg)
		o.relocalizeActions(msg)
		o.layout()
		return o, nil
	case tea.MouseMsg:
		var cmd tea.Cmd
		switch o.tab {
		case tabPreview:
			o.json, cmd = o.json.Update(msg)
		case tabRecords:
			o.records, cmd = o.records.Update(msg)
		}
		return o, cmd
	case common.IdentityChangedMsg:
		o.notice = notice{}
		return o, o.load()
	case tea.KeyMsg:
		return o, o.handleKey(msg)
	}
	var cmds []tea.Cmd
	var cmd tea.Cmd
	o.spin, cmd = o.spin.Update(msg)
	cmds = append(cmds, cmd)
	o.records, cmd = o.records.Update(msg)
	cmds = append(cmds, cmd)
	return o, tea.Batch(cmds...)
}

// showPreview takes a decoded preview: the document into the viewer, the records
// into their table.
func (o *Object) showPreview(p preview) {
	o.loading = false
	o.spin.Stop()
	o.prev = &p
	if o.tab == tabRecords && !p.trail { // reloaded, and no longer a log file
		o.tab = tabProperties
	}
	if p.kind == previewJSON {
		o.json.SetDocument(p.doc)
		o.records.SetRows(recordRows(p.records))
	}
	o.layout()
}

// tabs are the page's tabs: Records only for a CloudTrail log file.
func (o *Object) tabs() []objectTab {
	if o.prev != nil && o.prev.trail {
		return []objectTab{tabProperties, tabPreview, tabRecords}
	}
	return []objectTab{tabProperties, tabPreview}
}

// switchTab moves to the next (or previous) tab, wrapping around.
func (o *Object) switchTab(d int) {
	tabs := o.tabs()
	at := 0
	for i, t := range tabs {
		if t == o.tab {
			at = i
		}
	}
	o.tab = tabs[(at+d+len(tabs))%len(tabs)]
}

func (o *Object) handleKey(msg tea.KeyMsg) tea.Cmd {
	if o.tab == tabRecords && o.records.Filtering() {
		var cmd tea.Cmd
		o.records, cmd = o.records.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, o.keys.NextTab):
		o.switchTab(1)
		return nil
	case key.Matches(msg, o.keys.PrevTab):
		o.switchTab(-1)
		return nil
	case key.Matches(msg, o.keys.Refresh):
		o.notice = notice{}
		o.layout()
		return o.load()
	case key.Matches(msg, o.keys.Copy):
		uri := s3URI(o.ref.name, o.key)
		o.setNotice(copyNotice(o.c, uri))
		return copyToClipboard(o.c, uri)
	case key.Matches(msg, o.keys.Download):
		if o.c.Remote {
			o.setNotice(notice{text: o.c.T("DownloadRemote"), kind: panel.Warning,
				cli: []*awscli.Command{awscli.New("s3", "cp").Flag(s3URI(o.ref.name, o.key)).Flag(".")}})
			return nil
		}
		return o.startDownload()
	case key.Matches(msg, o.keys.Delete):
		return o.askDelete()
	case o.tab == tabRecords && key.Matches(msg, o.keys.Open):
		if r, ok := o.records.Selected(); ok {
			return nav.Push(newRecordView(o.c, r.Data.(record)))
		}
		return nil
	}
	var cmd tea.Cmd
	switch o.tab {
	case tabPreview:
		o.json, cmd = o.json.Update(msg)
	case tabRecords:
		o.records, cmd = o.records.Update(msg)
	}
	return cmd
}

func (o *Object) setNotice(n notice) {
	o.notice = n
	o.layout()
}

// ShortHelp implements help.KeyMap.
func (o *Object) ShortHelp() []key.Binding {
	switch {
	case o.confirm != nil:
		return o.confirm.ShortHelp()
	case o.download != nil:
		return o.download.help()
	case o.tab == tabRecords && o.records.Filtering():
		return o.records.ShortHelp()
	}
	keys := []key.Binding{o.keys.NextTab}
	switch o.tab {
	case tabPreview:
		keys = append(keys, o.json.ShortHelp()[:2]...)
	case tabRecords:
		keys = append(keys, o.keys.Open, table.NewKeyMap(o.c.L).Filter)
	}
	return append(keys, o.keys.Download, o.keys.Delete, o.keys.Copy, o.keys.Refresh)
}

// FullHelp implements help.KeyMap.
func (o *Object) FullHelp() [][]key.Binding {
	var groups [][]key.Binding
	switch o.tab {
	case tabPreview:
		groups = o.json.FullHelp()
	case tabRecords:
		groups = o.records.FullHelp()
	}
	return append(groups, []key.Binding{o.keys.NextTab, o.keys.PrevTab, o.keys.Open, o.keys.Download, o.keys.Delete, o.keys.Copy, o.keys.Refresh})
}
