package s3

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/components/table"
)

// Widths of the objects table's fixed columns; the name takes the rest.
const (
	typeWidth     = 6
	modifiedWidth = 22
	sizeWidth     = 9
	classWidth    = 15
	// fixedWidth is what the fixed columns, the four gaps between the five columns
	// and the table's selection gutter take.
	fixedWidth = typeWidth + modifiedWidth + sizeWidth + classWidth + 4*2 + 2
)

// columns are the console's: Name, Type, Last modified, Size, Storage class.
func (f *Folder) columns() []table.Column {
	return []table.Column{
		{ID: "name", Title: f.c.T("S3ColName"), MinWidth: 12, Sortable: true},
		{ID: "type", Title: f.c.T("S3ColType"), Width: typeWidth, Sortable: true},
		{ID: "modified", Title: f.c.T("S3ColLastModified"), Width: modifiedWidth, Sortable: true},
		{ID: "size", Title: f.c.T("S3ColSize"), Width: sizeWidth, Align: lipgloss.Right, Sortable: true},
		{ID: "class", Title: f.c.T("S3ColStorageClass"), Width: classWidth, Sortable: true},
	}
}

// nameWidth is the name column's width at the current size.
func (f *Folder) nameWidth() int { return max(f.width-fixedWidth, 12) }

// pageEntries are a page's folders, then its objects. The folder's own marker
// object ("AWSLogs/" made by Create folder) is not a row, as in the console.
func (f *Folder) pageEntries(l model.Listing) []entry {
	out := make([]entry, 0, len(l.Folders)+len(l.Objects))
	for _, p := range l.Folders {
		out = append(out, entry{folder: true, key: p})
	}
	for _, o := range l.Objects {
		if o.Key != f.prefix {
			out = append(out, entry{key: o.Key, obj: o})
		}
	}
	return out
}

// rowsOf turns entries into rows named relative to the folder shown.
func (f *Folder) rowsOf(entries []entry) []table.Row {
	rows := make([]table.Row, len(entries))
	for i, e := range entries {
		rows[i] = f.row(e)
	}
	return rows
}

// row is one entry as the console writes it: "-" in the columns a folder lacks, the
// name cut in the middle so CloudTrail log files (which differ at the end) stay apart.
func (f *Folder) row(e entry) table.Row {
	name := strings.TrimPrefix(e.key, f.prefix)
	cell := elideMiddle(name, f.nameWidth())
	if e.folder {
		return table.Row{
			ID:       e.key,
			Cells:    []string{cell, f.c.T("S3TypeFolder"), "-", "-", "-"},
			Data:     e,
			SortKeys: []string{name, "", "", "-1", ""},
		}
	}
	o := e.obj
	return table.Row{
		ID:       e.key,
		Cells:    []string{cell, objectType(name), shortTime(f.c, o.LastModified), humanSize(o.Size), storageClassName(o.StorageClass)},
		Data:     e,
		SortKeys: []string{name, objectType(name), sortTime(o.LastModified), strconv.FormatInt(o.Size, 10), storageClassName(o.StorageClass)},
	}
}

// reelide rebuilds every row after a resize or a language change: names are cut to
// the column's width and dates written in the session's language. It costs one pass
// over the rows, on those events only, never per frame.
func (f *Folder) reelide() {
	if len(f.entries) > 0 {
		f.table.SetRows(f.rowsOf(f.entries))
	}
}

// View implements tea.Model.
func (f *Folder) View() string {
	st := f.c.Styles
	name := f.ref.name
	if f.prefix != "" {
		name = baseName(f.prefix)
	}
	title := st.Title.Render(fit(name, f.width))
	count := strconv.Itoa(len(f.entries))
	if f.nextToken != "" {
		count += "+"
	}
	sub := f.c.T("S3ObjectsTitle") // the count is unknown until a page arrives
	if f.loaded {
		sub = f.c.Tf("S3ObjectsCount", map[string]any{"Count": count})
	}
	if f.search != "" && !f.finding {
		sub += "  ·  " + f.c.Tf("S3SearchApplied", map[string]any{"Prefix": f.search})
	}
	lines := []string{title, st.Subtitle.Render(fit(sub, f.width))}
	if f.finding {
		lines = append(lines, st.Form.LabelFocused.Render(f.c.T("S3FindPrefix"))+" "+f.input.View())
	}
	if f.err != nil {
		lines = append(lines, "", errorPanel(f.c, f.err, f.width))
		return strings.Join(lines, "\n")
	}
	lines = append(lines, f.table.View())
	lines = append(lines, f.notice.lines(f.c, f.width)...)
	return strings.Join(lines, "\n")
}
