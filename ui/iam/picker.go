package iam

import (
	"sort"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/table"
)

// picker is a table whose rows are ticked with space, as the console's checkbox
// tables ("Attach permissions policies", "Add user to group"). The tick is drawn in
// a first column and kept by row ID, so it survives filtering, sorting and reloads.
type picker struct {
	c        *common.Common
	table    table.Model
	cols     []table.Column // the caller's columns, without the tick column
	rows     []table.Row    // the caller's rows, without the tick cell
	selected map[string]bool
	order    []string // ticked IDs in the order they were ticked
	single   bool     // ticking a row clears the others (copy from one user)
	toggle   key.Binding
}

const tickWidth = 3

func newPicker(c *common.Common, cols []table.Column, single bool) picker {
	p := picker{c: c, selected: map[string]bool{}, single: single}
	p.toggle = bind(c, "space", "KeyToggle", " ")
	p.cols = cols
	p.table = table.New(c, p.allColumns())
	return p
}

func (p *picker) allColumns() []table.Column {
	return append([]table.Column{{ID: "tick", Title: "", Width: tickWidth}}, p.cols...)
}

// SetColumns retitles the columns, e.g. after a language change.
func (p *picker) SetColumns(cols []table.Column) {
	p.cols = cols
	p.table.SetColumns(p.allColumns())
	p.toggle = bind(p.c, "space", "KeyToggle", " ")
}

// SetRows replaces the rows; ticks of rows that are gone are dropped.
func (p *picker) SetRows(rows []table.Row) {
	p.rows = rows
	ids := map[string]bool{}
	for _, r := range rows {
		ids[r.ID] = true
	}
	var order []string
	for _, id := range p.order {
		if ids[id] {
			order = append(order, id)
		} else {
			delete(p.selected, id)
		}
	}
	p.order = order
	p.rebuild()
}

// rebuild hands the table the rows with their tick cells; the table keeps its
// filter, sort and cursor row.
func (p *picker) rebuild() {
	out := make([]table.Row, len(p.rows))
	for i, r := range p.rows {
		mark := "[ ]"
		if p.selected[r.ID] {
			mark = "[x]"
		}
		r.Cells = append([]string{mark}, r.Cells...)
		if r.SortKeys != nil {
			r.SortKeys = append([]string{""}, r.SortKeys...)
		}
		out[i] = r
	}
	p.table.SetRows(out)
}

// Toggle ticks or clears the row under the cursor.
func (p *picker) Toggle() {
	r, ok := p.table.Selected()
	if !ok {
		return
	}
	p.Set(r.ID, !p.selected[r.ID])
}

// Set ticks (or clears) the row with id.
func (p *picker) Set(id string, on bool) {
	if on == p.selected[id] {
		return
	}
	if on && p.single {
		p.selected, p.order = map[string]bool{}, nil
	}
	if on {
		p.selected[id] = true
		p.order = append(p.order, id)
	} else {
		delete(p.selected, id)
		for i, x := range p.order {
			if x == id {
				p.order = append(p.order[:i], p.order[i+1:]...)
				break
			}
		}
	}
	p.rebuild()
}

// Selected are the ticked rows' IDs in the order they were ticked.
func (p *picker) Selected() []string { return append([]string(nil), p.order...) }

// SelectedRows are the ticked rows, in the order they were ticked.
func (p *picker) SelectedRows() []table.Row {
	byID := map[string]table.Row{}
	for _, r := range p.rows {
		byID[r.ID] = r
	}
	var out []table.Row
	for _, id := range p.order {
		if r, ok := byID[id]; ok {
			out = append(out, r)
		}
	}
	return out
}

// SortedSelected are the ticked IDs sorted, for stable previews.
func (p *picker) SortedSelected() []string {
	out := p.Selected()
	sort.Strings(out)
	return out
}

// Update ticks on space while the rows have focus; everything else is the table's.
func (p *picker) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok && !p.table.Filtering() && key.Matches(km, p.toggle) {
		p.Toggle()
		return nil
	}
	var cmd tea.Cmd
	p.table, cmd = p.table.Update(msg)
	return cmd
}

// ShortHelp is the table's keys and space.
func (p *picker) ShortHelp() []key.Binding {
	if p.table.Filtering() {
		return p.table.ShortHelp()
	}
	return append([]key.Binding{p.toggle}, p.table.ShortHelp()...)
}
