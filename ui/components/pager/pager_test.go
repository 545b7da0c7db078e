package pager

import (
	"context"
	"errors"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/uitest"
)

// answer runs cmd and returns the pager's answer in it (the spinner's tick is not).
func answer(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			if c == nil {
				continue
			}
			if m, ok := c().(pageMsg[string]); ok {
				return m
			}
		}
	case pageMsg[string]:
		return msg
	}
	t.Fatal("no answer in the command")
	return nil
}

func rowsOf(items []string) []table.Row {
	rows := make([]table.Row, len(items))
	for i, s := range items {
		rows[i] = table.Row{ID: s, Cells: []string{s}}
	}
	return rows
}

func TestPager(t *testing.T) {
	c := uitest.Common(locales.English)
	tb := table.New(c, []table.Column{{ID: "name", Title: "Name", MinWidth: 10}})
	tb.SetID("t")
	p := New[string](c)
	pages := map[string]model.Page[string]{"": {Items: []string{"a", "b"}, NextToken: "t1"}, "t1": {Items: []string{"c"}}}
	list := func(ctx context.Context, _ backend.Backend, token string) (model.Page[string], error) {
		return pages[token], nil
	}

	first := answer(t, p.Load(&tb, list))
	if _, ok := p.Update(first, &tb, rowsOf); !ok || len(p.Items) != 2 || !p.HasMore() || tb.Total() != 2 {
		t.Fatalf("first page: items %v, more %v, rows %d", p.Items, p.HasMore(), tb.Total())
	}
	if _, ok := p.Update(table.NextPageMsg{TableID: "another"}, &tb, rowsOf); ok {
		t.Fatal("another table's request was taken")
	}
	cmd, ok := p.Update(table.NextPageMsg{TableID: "t"}, &tb, rowsOf)
	if !ok {
		t.Fatal("the table's request for the next page was not taken")
	}
	p.Update(answer(t, cmd), &tb, rowsOf)
	if len(p.Items) != 3 || p.HasMore() || tb.Total() != 3 {
		t.Fatalf("second page: items %v, more %v, rows %d", p.Items, p.HasMore(), tb.Total())
	}
	if _, ok := p.Update(table.NextPageMsg{TableID: "t"}, &tb, rowsOf); ok {
		t.Fatal("a next page was asked for after the last")
	}

	// A reload drops the old query's late answer; an error is kept, the rows stay.
	old := answer(t, p.Load(&tb, list))
	failing := func(context.Context, backend.Backend, string) (model.Page[string], error) {
		return model.Page[string]{}, errors.New("AccessDenied")
	}
	fresh := answer(t, p.Load(&tb, failing))
	if _, ok := p.Update(old, &tb, rowsOf); !ok || p.Err != nil || len(p.Items) != 3 {
		t.Fatalf("a stale answer changed the list: %v %v", p.Items, p.Err)
	}
	p.Update(fresh, &tb, rowsOf)
	if p.Err == nil || tb.Loading() {
		t.Fatalf("error %v, loading %v", p.Err, tb.Loading())
	}
	// Another pager's answer is not this one's.
	other := New[string](c)
	if _, ok := p.Update(answer(t, other.Load(&tb, list)), &tb, rowsOf); ok {
		t.Fatal("another pager's answer was taken")
	}
}
