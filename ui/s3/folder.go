package s3

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/panel"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/components/textkey"
	"github.com/labconsole/labconsole/ui/nav"
)

// defaultPageSize is S3's largest page, so a folder of a few hundred log files loads
// in one call and 100,000 keys in a hundred.
const defaultPageSize = 1000

// bucketRef names the bucket a screen browses and its Region when known (from the
// Buckets list), which the object URL needs.
type bucketRef struct{ name, region string }

// Folder is one level of a bucket as the console's Objects tab shows it: the folders
// (common prefixes) and objects directly under prefix, listed with delimiter "/" and
// paged with S3's continuation token. Each level is its own screen on the stack, so
// esc climbs one level and the breadcrumbs read bucket > AWSLogs/ > 123456789012/.
type Folder struct {
	c      *common.Common
	keys   folderKeys
	ref    bucketRef
	prefix string // "" at the bucket's top, else ending in "/"

	table     table.Model
	req       int // tags loads so a late page never lands after a refresh
	paging    bool
	nextToken string
	loaded    bool
	entries   []entry // every row loaded, in S3's order
	err       error
	notice    notice
	pageSize  int

	// "Find objects by prefix": search is applied, input takes it while finding.
	search  string
	input   textinput.Model
	finding bool

	width, height int
}

var _ nav.Screen = (*Folder)(nil)

// entry is what a row of the objects table stands for.
type entry struct {
	folder bool
	key    string // the full key, or the folder's full prefix
	obj    model.Object
}

func newFolder(c *common.Common, ref bucketRef, prefix string) *Folder {
	f := &Folder{c: c, keys: newFolderKeys(c), ref: ref, prefix: prefix, pageSize: defaultPageSize}
	f.table = table.New(c, f.columns())
	f.table.SetID(fmt.Sprintf("s3-folder-%p", f))
	f.table.SetEmptyText(c.T("S3ObjectsEmpty"))
	f.input = newInput(c)
	return f
}

// newInput is a text input styled from the session (bubbles' defaults use the global
// renderer) with clipboard paste off: it would read the server's clipboard over SSH.
func newInput(c *common.Common) textinput.Model {
	st := c.Styles.Form
	in := textinput.New()
	in.Prompt = "> "
	in.PromptStyle, in.TextStyle, in.PlaceholderStyle = st.PromptFocused, st.Input, st.Placeholder
	in.Cursor.Style, in.Cursor.TextStyle = st.Cursor, st.Input
	in.KeyMap.Paste.SetEnabled(false)
	return in
}

// listingMsg answers a load of owner: a first page, or the next one when append.
type listingMsg struct {
	owner   *Folder
	req     int
	listing model.Listing
	err     error
	append  bool
}

// objectDeletedMsg tells the folder holding key that the object was deleted.
type objectDeletedMsg struct {
	bucket, key string
	notice      notice
}

// load asks for the first page (token "") or the next one.
func (f *Folder) load(token string) tea.Cmd {
	if token == "" {
		f.req++
	}
	f.paging = true
	req, b, ctx := f.req, f.c.Backend, f.c.Ctx
	bucket, prefix, size := f.ref.name, f.prefix+f.search, f.pageSize
	spin := f.table.SetLoading(true)
	return tea.Batch(spin, func() tea.Msg {
		l, err := b.ListObjects(ctx, bucket, prefix, "/", token, size)
		return listingMsg{owner: f, req: req, listing: l, err: err, append: token != ""}
	})
}

// Init implements tea.Model.
func (f *Folder) Init() tea.Cmd { return f.load("") }

// Crumbs implements nav.Screen: the bucket at the top level, else the folder's name
// with its slash, as the console writes "AWSLogs/".
func (f *Folder) Crumbs() []string {
	if f.prefix == "" {
		return []string{f.ref.name}
	}
	return []string{baseName(f.prefix)}
}

// Capturing implements nav.Screen: the prefix input and the table's filter take text.
func (f *Folder) Capturing() bool { return f.finding || f.table.Filtering() }

// Prefix is the folder shown, for tests and other screens.
func (f *Folder) Prefix() string { return f.prefix }

// Bucket is the bucket browsed.
func (f *Folder) Bucket() string { return f.ref.name }

// Search is the applied "Find objects by prefix" text.
func (f *Folder) Search() string { return f.search }

// Rows is the number of rows loaded.
func (f *Folder) Rows() int { return f.table.Total() }

// SetSize implements common.Component.
func (f *Folder) SetSize(w, h int) {
	resized := w != f.width
	f.width, f.height = w, h
	f.input.Width = max(w-lipgloss.Width(f.c.T("S3FindPrefix"))-6, 10)
	f.layout()
	if resized {
		f.reelide()
	}
}

// layout gives the table what the title, the prefix line and the notice leave.
func (f *Folder) layout() {
	used := 2 + len(f.notice.lines(f.c, f.width))
	if f.finding {
		used++
	}
	f.table.SetSize(f.width, max(f.height-used, 3))
}

// Update implements tea.Model.
func (f *Folder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case listingMsg:
		if msg.owner == f && msg.req == f.req {
			f.listed(msg)
		}
		return f, nil
	case objectDeletedMsg:
		if msg.bucket == f.ref.name && parentPrefix(msg.key) == f.prefix {
			f.setNotice(msg.notice)
			return f, f.load("")
		}
		return f, nil
	case table.NextPageMsg:
		if msg.TableID == f.table.ID() {
			return f, f.nextPage()
		}
		return f, nil
	case common.LanguageChangedMsg:
		f.keys = newFolderKeys(f.c)
		f.table.SetColumns(f.columns())
		f.table.SetEmptyText(f.emptyText())
		f.reelide()
		f.notice = notice{}
		f.layout()
	case common.IdentityChangedMsg:
		f.notice = notice{}
		f.layout()
		return f, f.load("")
	case tea.KeyMsg:
		if f.finding {
			return f, f.findKey(msg)
		}
		if !f.table.Filtering() {
			if cmd, ok := f.key(msg); ok {
				return f, cmd
			}
		}
		var cmd tea.Cmd
		f.table, cmd = f.table.Update(msg)
		return f, tea.Batch(cmd, f.maybeNextPage())
	}
	var cmds []tea.Cmd
	var cmd tea.Cmd
	f.table, cmd = f.table.Update(msg)
	cmds = append(cmds, cmd)
	if f.finding { // cursor blink
		f.input, cmd = f.input.Update(msg)
		cmds = append(cmds, cmd)
	}
	return f, tea.Batch(cmds...)
}

// listed takes a page: the first replaces the rows, the next ones append.
func (f *Folder) listed(msg listingMsg) {
	f.paging = false
	f.table.SetLoading(false)
	if msg.err != nil {
		if msg.append { // keep what is loaded; say why the next page is missing
			f.setNotice(notice{text: common.ErrorText(f.c, msg.err), kind: panel.Error})
			return
		}
		f.err = msg.err
		return
	}
	f.err, f.loaded = nil, true
	f.table.SetEmptyText(f.emptyText())
	page := f.pageEntries(msg.listing)
	if msg.append {
		f.entries = append(f.entries, page...)
		f.table.AppendRows(f.rowsOf(page))
	} else {
		f.entries = page
		f.table.SetRows(f.rowsOf(page))
	}
	f.nextToken = msg.listing.NextToken
	f.table.SetHasMore(f.nextToken != "")
}

// nextPage loads the page after the last one, once at a time.
func (f *Folder) nextPage() tea.Cmd {
	if f.nextToken == "" || f.paging {
		return nil
	}
	return f.load(f.nextToken)
}

// maybeNextPage loads the next page when the cursor reaches the last loaded row, so
// scrolling through a large folder never stops at a page boundary.
func (f *Folder) maybeNextPage() tea.Cmd {
	if n := f.table.Len(); n > 0 && f.table.Cursor() == n-1 {
		return f.nextPage()
	}
	return nil
}

// key handles the screen's own keys; ok is false for keys left to the table.
func (f *Folder) key(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, f.keys.Refresh):
		f.notice = notice{}
		f.layout()
		return f.load(""), true
	case key.Matches(msg, f.keys.Find):
		f.finding = true
		f.input.SetValue(f.search)
		f.input.CursorEnd()
		f.layout()
		return f.input.Focus(), true
	case key.Matches(msg, f.keys.Open):
		r, ok := f.table.Selected()
		if !ok {
			return nil, true
		}
		e := r.Data.(entry)
		if e.folder {
			return nav.Push(newFolder(f.c, f.ref, e.key)), true
		}
		return nav.Push(newObject(f.c, f.ref, e.key)), true
	case key.Matches(msg, f.keys.Copy):
		uri := s3URI(f.ref.name, f.prefix)
		if r, ok := f.table.Selected(); ok {
			uri = s3URI(f.ref.name, r.Data.(entry).key)
		}
		f.setNotice(copyNotice(f.c, uri))
		return copyToClipboard(f.c, uri), true
	}
	return nil, false
}

// findKey handles keys while "Find objects by prefix" has focus: enter lists the
// keys that start with the text (S3 filters, so it finds keys not loaded yet), esc
// leaves the applied search as it was.
func (f *Folder) findKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, f.keys.Apply):
		f.finding = false
		f.input.Blur()
		f.search = f.input.Value()
		f.layout()
		return f.load("")
	case key.Matches(msg, f.keys.Cancel):
		f.finding = false
		f.input.Blur()
		f.layout()
		return nil
	}
	var cmds []tea.Cmd
	for _, k := range textkey.Split(msg) {
		var cmd tea.Cmd
		f.input, cmd = f.input.Update(k)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// emptyText says why no row is shown: nothing here, or nothing starts with the
// prefix searched for.
func (f *Folder) emptyText() string {
	if f.search != "" {
		return f.c.Tf("S3NoPrefixMatches", map[string]any{"Prefix": f.search})
	}
	return f.c.T("S3ObjectsEmpty")
}

func (f *Folder) setNotice(n notice) {
	f.notice = n
	f.layout()
}

// ShortHelp implements help.KeyMap.
func (f *Folder) ShortHelp() []key.Binding {
	switch {
	case f.finding:
		return []key.Binding{f.keys.Apply, f.keys.Cancel}
	case f.table.Filtering():
		return f.table.ShortHelp()
	}
	tk := table.NewKeyMap(f.c.L)
	tk.NextPage.SetEnabled(f.nextToken != "" && !f.paging)
	return []key.Binding{f.keys.Open, f.keys.Find, f.keys.Refresh, f.keys.Copy, tk.Sort, tk.NextPage}
}

// FullHelp implements help.KeyMap.
func (f *Folder) FullHelp() [][]key.Binding {
	groups := f.table.FullHelp()
	if len(groups) > 0 { // the screen's / is Find objects by prefix, not the table's filter
		last := groups[len(groups)-1]
		kept := last[:0:0]
		for _, b := range last {
			if b.Help().Key != "/" {
				kept = append(kept, b)
			}
		}
		groups[len(groups)-1] = kept
	}
	return append(groups, []key.Binding{f.keys.Open, f.keys.Find, f.keys.Refresh, f.keys.Copy})
}
