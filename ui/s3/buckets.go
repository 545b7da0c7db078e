// Package s3 holds the S3 screens of the console: Buckets (list and Create bucket),
// a bucket's folders and objects one screen per folder level, an object's properties
// with a preview of JSON and gzipped JSON (CloudTrail log files also as a table of
// records), download and delete. The lab follows a trail's logs here (steps C8–C11,
// D3–D5). Every backend call runs in a tea.Cmd whose answer is tagged with the screen
// and request that asked, because several folder screens sit on the stack at once and
// all of them receive every answer.
package s3

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
)

// Buckets is S3 > Buckets: every bucket of the account with its Region and creation
// date, filtered and sorted by the table, and Create bucket.
type Buckets struct {
	c       *common.Common
	keys    bucketsKeys
	table   table.Model
	req     int
	loaded  bool
	buckets []model.Bucket
	err     error
	notice  notice
	// open are the screens NewBrowser asked for, pushed once by Init.
	open          []nav.Screen
	width, height int
}

var _ nav.Screen = (*Buckets)(nil)

// NewBuckets returns S3 > Buckets, the S3 console's first screen; Init loads it.
func NewBuckets(c *common.Common) *Buckets {
	b := &Buckets{c: c, keys: newBucketsKeys(c)}
	b.table = table.New(c, b.columns())
	b.table.SetEmptyText(c.T("S3BucketsEmpty"))
	return b
}

func (b *Buckets) columns() []table.Column {
	return []table.Column{
		{ID: "name", Title: b.c.T("S3ColName"), MinWidth: 20, Sortable: true},
		{ID: "region", Title: b.c.T("S3ColRegion"), Width: 16, Sortable: true},
		{ID: "created", Title: b.c.T("S3ColCreated"), Width: 22, Sortable: true},
	}
}

// bucketsMsg answers load number req of the Buckets screen owner.
type bucketsMsg struct {
	owner   *Buckets
	req     int
	buckets []model.Bucket
	err     error
}

// bucketCreatedMsg tells the Buckets list that Create bucket made a bucket.
type bucketCreatedMsg struct {
	bucket model.Bucket
	notice notice
}

func (b *Buckets) load() tea.Cmd {
	b.req++
	req, be, ctx := b.req, b.c.Backend, b.c.Ctx
	spin := b.table.SetLoading(true)
	return tea.Batch(spin, func() tea.Msg {
		list, err := be.ListBuckets(ctx)
		return bucketsMsg{owner: b, req: req, buckets: list, err: err}
	})
}

// Init implements tea.Model: the list, and the folder screens NewBrowser asked for,
// pushed in order so the stack reads Buckets > bucket > folder > ….
func (b *Buckets) Init() tea.Cmd {
	cmds := []tea.Cmd{b.load()}
	if len(b.open) > 0 {
		pushes := make([]tea.Cmd, len(b.open))
		for i, s := range b.open {
			pushes[i] = nav.Push(s)
		}
		b.open = nil
		cmds = append(cmds, tea.Sequence(pushes...))
	}
	return tea.Batch(cmds...)
}

// Crumbs implements nav.Screen: the console's "Amazon S3 > Buckets".
func (b *Buckets) Crumbs() []string { return []string{b.c.T("MenuS3"), b.c.T("S3BucketsTitle")} }

// Capturing implements nav.Screen: true while the table's filter takes text.
func (b *Buckets) Capturing() bool { return b.table.Filtering() }

// SetSize implements common.Component.
func (b *Buckets) SetSize(w, h int) {
	b.width, b.height = w, h
	b.layout()
}

func (b *Buckets) layout() {
	used := 2 + len(b.notice.lines(b.c, b.width))
	b.table.SetSize(b.width, max(b.height-used, 3))
}

// Update implements tea.Model.
func (b *Buckets) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case bucketsMsg:
		if msg.owner != b || msg.req != b.req {
			return b, nil
		}
		b.table.SetLoading(false)
		b.err = msg.err
		if msg.err == nil {
			b.buckets, b.loaded = msg.buckets, true
			b.table.SetRows(b.rows())
		}
		return b, nil
	case bucketCreatedMsg:
		b.notice = msg.notice
		b.layout()
		return b, b.load()
	case common.LanguageChangedMsg:
		b.keys = newBucketsKeys(b.c)
		b.table.SetColumns(b.columns())
		b.table.SetEmptyText(b.c.T("S3BucketsEmpty"))
		b.table.SetRows(b.rows())
		b.notice = notice{}
		b.layout()
	case common.IdentityChangedMsg:
		b.notice = notice{}
		b.layout()
		return b, b.load()
	case tea.KeyMsg:
		if !b.table.Filtering() {
			if cmd, ok := b.key(msg); ok {
				return b, cmd
			}
		}
	}
	var cmd tea.Cmd
	b.table, cmd = b.table.Update(msg)
	return b, cmd
}

// key handles the screen's own keys; ok is false for keys left to the table.
func (b *Buckets) key(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, b.keys.Refresh):
		b.notice = notice{}
		b.layout()
		return b.load(), true
	case key.Matches(msg, b.keys.Create):
		return nav.Push(NewCreateBucket(b.c)), true
	case key.Matches(msg, b.keys.Open):
		if r, ok := b.table.Selected(); ok {
			bk := r.Data.(model.Bucket)
			return nav.Push(newFolder(b.c, bucketRef{name: bk.Name, region: bk.Region}, "")), true
		}
		return nil, true
	case key.Matches(msg, b.keys.Copy):
		if r, ok := b.table.Selected(); ok {
			uri := "s3://" + r.ID
			b.notice = copyNotice(b.c, uri)
			b.layout()
			return copyToClipboard(b.c, uri), true
		}
		return nil, true
	}
	return nil, false
}

func (b *Buckets) rows() []table.Row {
	rows := make([]table.Row, len(b.buckets))
	for i, bk := range b.buckets {
		region := bk.Region
		if region == "" {
			region = "-"
		}
		rows[i] = table.Row{
			ID:       bk.Name,
			Cells:    []string{bk.Name, region, shortTime(b.c, bk.CreationDate)},
			Data:     bk,
			SortKeys: []string{strings.ToLower(bk.Name), region, sortTime(bk.CreationDate)},
		}
	}
	return rows
}

// View implements tea.Model.
func (b *Buckets) View() string {
	st := b.c.Styles
	title := st.Title.Render(b.c.T("S3BucketsTitle"))
	if b.loaded {
		title = st.Title.Render(b.c.Tf("S3BucketsCount", map[string]any{"Count": len(b.buckets)}))
	}
	if b.err != nil {
		return title + "\n\n" + errorPanel(b.c, b.err, b.width)
	}
	return joinLines(title+"\n", b.table.View(), strings.Join(b.notice.lines(b.c, b.width), "\n"))
}

// ShortHelp implements help.KeyMap.
func (b *Buckets) ShortHelp() []key.Binding {
	if b.table.Filtering() {
		return b.table.ShortHelp()
	}
	tk := table.NewKeyMap(b.c.L)
	return []key.Binding{b.keys.Open, b.keys.Create, b.keys.Refresh, tk.Filter, tk.Sort, b.keys.Copy}
}

// FullHelp implements help.KeyMap.
func (b *Buckets) FullHelp() [][]key.Binding {
	return append(b.table.FullHelp(), []key.Binding{b.keys.Open, b.keys.Create, b.keys.Refresh, b.keys.Copy})
}

// successNotice is a green notice with the action's AWS CLI equivalent.
func successNotice(text string, cli ...*awscli.Command) notice {
	return notice{text: text, kind: panel.Success, cli: cli}
}
