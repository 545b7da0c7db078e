package s3

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/ui/components/cells"
	"github.com/labconsole/labconsole/ui/components/panel"
)

// maxValueLines bounds one property; keys, URIs and URLs of log files wrap to two or
// three lines at 100 columns.
const maxValueLines = 3

// bottomLines are the lines under the tab: the download prompt, else the notice.
func (o *Object) bottomLines() []string {
	if o.download != nil {
		return o.download.lines(o.c, o.width)
	}
	return o.notice.lines(o.c, o.width)
}

// contentHeight is the height of the tab's content: the page less its title, the
// tab bar, a blank line and what is under the tab.
func (o *Object) contentHeight() int {
	h := o.height - 3
	if b := o.bottomLines(); len(b) > 0 {
		h -= len(b) + 1
	}
	return max(h, 3)
}

func (o *Object) layout() {
	h := o.contentHeight()
	o.json.SetSize(o.width, h)
	o.records.SetSize(o.width, h)
	if o.confirm != nil {
		o.confirm.SetSize(o.width, o.height)
	}
}

// View implements tea.Model.
func (o *Object) View() string {
	st := o.c.Styles
	title := st.Title.Render(fit(baseName(o.key), o.width))
	switch {
	case o.err != nil:
		return title + "\n\n" + errorPanel(o.c, o.err, o.width)
	case o.info == nil:
		return title + "\n\n" + o.spin.View()
	}
	lines := []string{title, o.tabBar(), ""}
	h := o.contentHeight()
	lines = append(lines, cells.Lines(o.tabView(h), o.width, h, fit))
	if b := o.bottomLines(); len(b) > 0 {
		lines = append(lines, "")
		lines = append(lines, b...)
	}
	view := strings.Join(lines, "\n")
	if o.confirm != nil {
		return o.confirm.Overlay(cells.Lines(view, o.width, o.height, fit))
	}
	return view
}

// tabBar draws the tabs as the console's "Properties | Preview | Records (12)", the
// active one bracketed so it reads without colour too.
func (o *Object) tabBar() string {
	st := o.c.Styles
	var parts []string
	for _, t := range o.tabs() {
		title := o.c.T("S3TabProperties")
		switch t {
		case tabPreview:
			title = o.c.T("S3TabPreview")
		case tabRecords:
			title = o.c.Tf("S3TabRecords", map[string]any{"Count": len(o.prev.records)})
		}
		if t == o.tab {
			parts = append(parts, st.Title.Render("["+title+"]"))
		} else {
			parts = append(parts, st.Muted.Render(" "+title+" "))
		}
	}
	return fit(strings.Join(parts, st.Faint.Render("|")), o.width)
}

// tabView is the active tab's content in h lines.
func (o *Object) tabView(h int) string {
	switch o.tab {
	case tabPreview:
		return o.previewView()
	case tabRecords:
		return o.records.View()
	}
	return o.properties()
}

// previewView is the JSON viewer, or why there is nothing to show.
func (o *Object) previewView() string {
	c, w := o.c, o.width
	if o.prev == nil || o.loading {
		return o.spin.View()
	}
	switch o.prev.kind {
	case previewJSON:
		if o.prev.doc.Empty() {
			return notePanel(c, panel.Info, c.T("JSONEmpty"), "", w)
		}
		return o.json.View()
	case previewTooLarge:
		return notePanel(c, panel.Info, c.T("S3PreviewTooLargeTitle"),
			c.Tf("S3PreviewTooLarge", map[string]any{"Max": humanSize(previewMaxBytes)}), w)
	case previewBadGzip:
		return notePanel(c, panel.Warning, c.T("S3PreviewBadGzipTitle"),
			c.Tf("S3PreviewBadGzip", map[string]any{"Error": o.prev.err.Error()}), w)
	case previewFailed:
		return errorPanel(c, o.prev.err, w)
	}
	return notePanel(c, panel.Info, c.T("S3PreviewUnsupportedTitle"), c.T("S3PreviewUnsupported"), w)
}

// properties are the console's object overview, one label and value a line, labels
// aligned; long values wrap so the key and URIs show whole.
func (o *Object) properties() string {
	c, st, info := o.c, o.c.Styles, o.info
	etag := strings.Trim(info.ETag, `"`)
	if etag == "" {
		etag = "-"
	}
	fields := [][2]string{
		{c.T("S3PropKey"), o.key},
		{c.T("S3PropSize"), humanSize(info.Size)},
		{c.T("S3PropType"), objectType(baseName(o.key))},
		{c.T("S3PropLastModified"), longTime(c, info.LastModified)},
		{c.T("S3PropETag"), etag},
		{c.T("S3PropStorageClass"), storageClassName(info.StorageClass)},
		{c.T("S3PropS3URI"), s3URI(o.ref.name, o.key)},
		{c.T("S3PropObjectURL"), objectURL(o.ref.name, o.region, o.key)},
	}
	labelW := 0
	for _, f := range fields {
		labelW = max(labelW, lipgloss.Width(f[0]))
	}
	labelW = min(labelW, max(o.width/3, 1))
	valueW := max(o.width-labelW-2, 1)
	var lines []string
	for _, f := range fields {
		vals := capLines(cells.WrapAt(f[1], valueW, "/"), maxValueLines, valueW)
		for i, v := range vals {
			label := ""
			if i == 0 {
				label = f[0]
			}
			lines = append(lines, st.Muted.Render(fit(label, labelW))+"  "+st.Text.Render(v))
		}
	}
	return strings.Join(lines, "\n")
}
