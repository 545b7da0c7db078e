// Package pager loads a token-paged AWS listing (SNS topics, log groups …) into a
// table: the first page on Load, the next one when the table asks for it
// (table.NextPageMsg), answers of an older load dropped, the error kept for the
// screen to show. Screens keep their own rows, keys and actions.
package pager

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/components/table"
)

// Fetch reads one page of the listing with token ("" for the first). It runs in a
// tea.Cmd: it must use only what it captured when Load was called (a search prefix
// copied then), never the screen's fields.
type Fetch[T any] func(ctx context.Context, b backend.Backend, token string) (model.Page[T], error)

// Pager is one screen's listing. Items and Err are what the last answer left.
type Pager[T any] struct {
	c     *common.Common
	fetch Fetch[T] // the last query: the next page asks it again
	req   int
	next  string
	Items []T
	Err   error
}

// New returns the pager of a screen on session c.
func New[T any](c *common.Common) *Pager[T] { return &Pager[T]{c: c} }

// HasMore reports whether the listing has a next page.
func (p *Pager[T]) HasMore() bool { return p.next != "" }

// pageMsg answers Load; the pager pointer tells screens (and their pagers) apart.
type pageMsg[T any] struct {
	p      *Pager[T]
	req    int
	page   model.Page[T]
	err    error
	append bool
}

// Load reads the first page of fetch's listing (a new query drops the answers of the
// old one), showing the table's loading state meanwhile.
func (p *Pager[T]) Load(t *table.Model, fetch Fetch[T]) tea.Cmd {
	p.fetch = fetch
	p.req++
	return p.load(t, "")
}

func (p *Pager[T]) load(t *table.Model, token string) tea.Cmd {
	req, b, ctx, fetch := p.req, p.c.Backend, p.c.Ctx, p.fetch
	spin := t.SetLoading(true)
	return tea.Batch(spin, func() tea.Msg {
		page, err := fetch(ctx, b, token)
		return pageMsg[T]{p: p, req: req, page: page, err: err, append: token != ""}
	})
}

// Update takes the pager's answers and its table's request for the next page; ok is
// false for every other message (and for a NextPageMsg it does not act on, which the
// table then handles). rowsOf makes the table's rows of items: a first page replaces
// the rows, a next page appends its own.
func (p *Pager[T]) Update(msg tea.Msg, t *table.Model, rowsOf func([]T) []table.Row) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case pageMsg[T]:
		if msg.p != p {
			return nil, false
		}
		if msg.req != p.req {
			return nil, true
		}
		t.SetLoading(false)
		p.Err = msg.err
		if msg.err == nil {
			if msg.append {
				p.Items = append(p.Items, msg.page.Items...)
				t.AppendRows(rowsOf(msg.page.Items))
			} else {
				p.Items = msg.page.Items
				t.SetRows(rowsOf(p.Items))
			}
			p.next = msg.page.NextToken
			t.SetHasMore(p.next != "")
		}
		return nil, true
	case table.NextPageMsg:
		if msg.TableID == t.ID() && p.next != "" && !t.Loading() && p.fetch != nil {
			return p.load(t, p.next), true
		}
	}
	return nil, false
}
