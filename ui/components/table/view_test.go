package table

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

func TestViewExactLines(t *testing.T) {
	c := uitest.Common(locales.English)
	m := New(c, []Column{
		{ID: "name", Title: "Name", Width: 8, Sortable: true},
		{ID: "size", Title: "Size", Width: 6, Align: lipgloss.Right},
		{ID: "desc", Title: "Description"},
	})
	m.SetSize(40, 5)
	m.SetRows([]Row{
		{ID: "a", Cells: []string{"alpha", "10", "first row"}},
		{ID: "b", Cells: []string{"bravo-long-name", "2000", "a description that is too long"}},
		{ID: "c", Cells: []string{"charlie", "3", "third\nline"}},
		{ID: "d", Cells: []string{"delta", "4"}},
	})
	m = keys(m, "down")
	want := []string{
		"  Name        Size  Description         ",
		"  alpha         10  first row           ",
		"▸ bravo-l…    2000  a description that… ",
		"  charlie        3  third line          ",
		"  1–3 of 4                              ",
	}
	if got := lines(m.View()); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	m = keys(m, "S", "end")
	want = []string{
		"  Name ▼      Size  Description         ",
		"  charlie        3  third line          ",
		"  bravo-l…    2000  a description that… ",
		"▸ alpha         10  first row           ",
		"  2–4 of 4                              ",
	}
	if got := lines(m.View()); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// koreanRows mixes Hangul (two cells a rune), ASCII and ambiguous-width runes.
func koreanRows(n int) []Row {
	names := []string{"김민준", "관리자-이서연", "운영팀_박지훈_감사담당", "student01", "…요약─", "데이터엔지니어링팀장"}
	paths := []string{"/", "/개발팀/", "/division_abc/", "/감사/"}
	rows := make([]Row, n)
	for i := range rows {
		name := fmt.Sprintf("%s%d", names[i%len(names)], i)
		rows[i] = Row{
			ID:    name,
			Cells: []string{name, paths[i%len(paths)], fmt.Sprint(i % 10), "arn:aws:iam::123456789012:user" + paths[i%len(paths)] + name},
		}
	}
	return rows
}

func TestViewKoreanAlignment(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		for w := 20; w <= 100; w += 7 {
			for _, h := range []int{3, 5, 12} {
				c := uitest.Common(lang)
				m := New(c, testColumns(c))
				m.SetSize(w, h)
				m.SetRows(koreanRows(30))
				m.SetHasMore(true)
				m = keys(m, "down", "down", "s")
				for _, state := range []Model{m, keys(m, "/"), keys(typeText(keys(m, "/"), "관리"), "enter")} {
					got := lines(state.View())
					if len(got) != h {
						t.Fatalf("%s %dx%d: %d lines", lang, w, h, len(got))
					}
					for i, l := range got {
						if lipgloss.Width(l) != w {
							t.Fatalf("%s %dx%d line %d is %d wide: %q", lang, w, h, i, lipgloss.Width(l), l)
						}
						// The gap before the second column is blank on every line: no
						// wide rune straddles a column edge.
						if w >= 30 && i < h-1 {
							if gap := ansi.Strip(ansi.Cut(l, 14, 16)); gap != "  " {
								t.Fatalf("%s %dx%d line %d: column edge holds %q: %q", lang, w, h, i, gap, l)
							}
						}
					}
				}
			}
		}
	}
}

func TestViewGolden(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			base := func() Model {
				c := uitest.Common(lang)
				m := New(c, testColumns(c))
				m.SetSize(64, 10)
				return m
			}
			withRows := func() Model {
				m := base()
				m.SetRows(koreanRows(30))
				return m
			}
			states := map[string]func() Model{
				"rows": func() Model { return keys(withRows(), "down", "down") },
				"sorted_desc_more": func() Model {
					m := withRows()
					m.SetHasMore(true)
					return keys(m, "S", "pgdown")
				},
				"filtering": func() Model { return typeText(keys(withRows(), "/"), "관리") },
				"filter_applied": func() Model {
					return keys(typeText(keys(withRows(), "/"), "/개발팀/"), "enter")
				},
				"no_matches": func() Model { return keys(typeText(keys(withRows(), "/"), "zzz"), "enter") },
				"empty":      base,
				"empty_text": func() Model {
					m := base()
					m.SetEmptyText(m.c.T("IAMUsersEmpty"))
					return m
				},
				"loading": func() Model {
					m := base()
					m.SetLoading(true)
					return m
				},
				"loading_next_page": func() Model {
					m := withRows()
					m.SetHasMore(true)
					m.SetLoading(true)
					return keys(m, "end")
				},
				"narrow": func() Model {
					m := withRows()
					m.SetSize(26, 6)
					return m
				},
			}
			for name, build := range states {
				t.Run(name, func(t *testing.T) {
					golden.RequireEqual(t, []byte(build().View()))
				})
			}
		})
	}
}

func TestLayout(t *testing.T) {
	cols := []Column{{Width: 10}, {}, {MinWidth: 20}, {Width: 5}}
	cases := []struct {
		width int
		want  []int
	}{
		{100, []int{10, 39, 38, 5}},
		{60, []int{10, 17, 20, 5}},
		{40, []int{10, 3, 20, 0}},
		{36, []int{10, 3, 17, 0}},
		{14, []int{10, 0, 0, 0}},
		{2, []int{0, 0, 0, 0}},
	}
	for _, c := range cases {
		got := layout(cols, c.width)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("width %d: %v, want %v", c.width, got, c.want)
		}
	}
}
