package s3

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/components/table"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/uitest"
)

const account = "AWSLogs/123456789012/"

func listing(prefix, next string, folders []string, objects ...string) model.Listing {
	l := model.Listing{Bucket: labBucket, Prefix: prefix, Delimiter: "/", NextToken: next}
	for _, f := range folders {
		l.Folders = append(l.Folders, prefix+f)
	}
	for i, o := range objects {
		l.Objects = append(l.Objects, model.Object{Key: prefix + o, Size: int64(1229 * (i + 1)), LastModified: testTime, StorageClass: "STANDARD"})
	}
	return l
}

var deniedList = &backend.Error{Kind: backend.KindAccessDenied, Code: "AccessDenied", Op: "s3:ListBucket",
	Message: `User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::aws-cloudtrail-logs-123456789012-mylog" because no identity-based policy allows the s3:ListBucket action`}

func TestFolderUpdate(t *testing.T) {
	cases := []struct {
		name      string
		prefix    string
		msgs      func(f *Folder) []any
		wantRows  int
		wantIn    []string
		wantNotIn []string
		check     func(t *testing.T, f *Folder, navs []any)
	}{
		{name: "folders then objects, named relative to the folder", prefix: account,
			msgs: func(f *Folder) []any {
				l := listing(account, "", []string{"CloudTrail-Digest/", "CloudTrail/"}, "notes.txt")
				l.Objects = append(l.Objects, model.Object{Key: account}) // the folder's own marker
				return []any{listingMsg{owner: f, req: f.req, listing: l}}
			},
			wantRows: 3, wantIn: []string{"Objects (3)", "CloudTrail-Digest/", "CloudTrail/", "Folder", "notes.txt", "txt", "1.2 KB", "Standard", "Nov 22, 2026, 09:35:00"}},
		{name: "a stale answer is dropped", prefix: account,
			msgs: func(f *Folder) []any {
				return []any{listingMsg{owner: f, req: f.req, listing: listing(account, "", []string{"fresh/"})},
					listingMsg{owner: f, req: f.req - 1, listing: listing(account, "", []string{"stale/"})}}
			},
			wantRows: 1, wantIn: []string{"fresh/"}, wantNotIn: []string{"stale/"}},
		{name: "another folder's answer is not ours", prefix: account,
			msgs: func(f *Folder) []any {
				other := newFolder(f.c, f.ref, "")
				return []any{listingMsg{owner: other, req: f.req, listing: listing("", "", []string{"AWSLogs/"})}}
			},
			wantRows: 0, wantNotIn: []string{"AWSLogs/"}},
		{name: "the next page appends", prefix: labDay,
			msgs: func(f *Folder) []any {
				return []any{listingMsg{owner: f, req: f.req, listing: listing(labDay, "t1", nil, "a.json.gz", "b.json.gz")},
					listingMsg{owner: f, req: f.req, listing: listing(labDay, "", nil, "c.json.gz"), append: true}}
			},
			wantRows: 3, wantIn: []string{"Objects (3)", "c.json.gz"}},
		{name: "more pages are announced", prefix: labDay,
			msgs: func(f *Folder) []any {
				return []any{listingMsg{owner: f, req: f.req, listing: listing(labDay, "t1", nil, "a.json.gz")}}
			},
			wantRows: 1, wantIn: []string{"Objects (1+)", "More available"}},
		{name: "a denied listing shows the permissions panel", prefix: account,
			msgs:     func(f *Folder) []any { return []any{listingMsg{owner: f, req: f.req, err: deniedList}} },
			wantRows: 0, wantIn: []string{"Insufficient permissions", "s3:ListBucket"}, wantNotIn: []string{"No objects"}},
		{name: "a failed next page keeps the rows and says why", prefix: labDay,
			msgs: func(f *Folder) []any {
				return []any{listingMsg{owner: f, req: f.req, listing: listing(labDay, "t1", nil, "a.json.gz")},
					listingMsg{owner: f, req: f.req, err: deniedList, append: true}}
			},
			wantRows: 1, wantIn: []string{"a.json.gz", "You don't have permission"}},
		{name: "enter on a folder pushes the next level", prefix: account,
			msgs: func(f *Folder) []any {
				return []any{listingMsg{owner: f, req: f.req, listing: listing(account, "", []string{"CloudTrail-Digest/", "CloudTrail/"})}, keyMsg("down"), keyMsg("enter")}
			},
			wantRows: 2,
			check: func(t *testing.T, f *Folder, navs []any) {
				next := pushed(t, navs).(*Folder)
				if next.Prefix() != account+"CloudTrail/" || next.Bucket() != labBucket || fmt.Sprint(next.Crumbs()) != "[CloudTrail/]" {
					t.Fatalf("pushed %q %q %v", next.Bucket(), next.Prefix(), next.Crumbs())
				}
			}},
		{name: "enter on an object opens its page", prefix: labDay,
			msgs: func(f *Folder) []any {
				return []any{listingMsg{owner: f, req: f.req, listing: listing(labDay, "", nil, baseName(labLog))}, keyMsg("enter")}
			},
			wantRows: 1,
			check: func(t *testing.T, f *Folder, navs []any) {
				if o := pushed(t, navs).(*Object); o.Key() != labLog {
					t.Fatalf("object %q", o.Key())
				}
			}},
		{name: "find by prefix lists again with the prefix", prefix: labDay,
			msgs: func(f *Folder) []any {
				return []any{listingMsg{owner: f, req: f.req, listing: listing(labDay, "", nil, "a.json.gz")}, keyMsg("/"), keyMsg("1234"), keyMsg("enter")}
			},
			wantRows: 1, wantIn: []string{"prefix: 1234"},
			check: func(t *testing.T, f *Folder, _ []any) {
				if f.Search() != "1234" || f.Capturing() {
					t.Fatalf("search %q capturing %v", f.Search(), f.Capturing())
				}
			}},
		{name: "esc leaves find by prefix unchanged", prefix: labDay,
			msgs:   func(f *Folder) []any { return []any{keyMsg("/"), keyMsg("12"), keyMsg("esc")} },
			wantIn: []string{"Objects"}, wantNotIn: []string{"prefix: 12"},
			check: func(t *testing.T, f *Folder, _ []any) {
				if f.Search() != "" || f.Capturing() {
					t.Fatalf("search %q capturing %v", f.Search(), f.Capturing())
				}
			}},
		{name: "y shows the selected row's S3 URI", prefix: labDay,
			msgs: func(f *Folder) []any {
				return []any{listingMsg{owner: f, req: f.req, listing: listing(labDay, "", nil, "a.json.gz")}, keyMsg("y")}
			},
			wantRows: 1, wantIn: []string{"s3://" + labBucket + "/" + labDay[:20]}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFolder(testCommon(locales.English, newFake()), bucketRef{name: labBucket}, c.prefix)
			f.Init()
			f.SetSize(98, 25)
			var navs []any
			for _, msg := range c.msgs(f) {
				_, cmd := f.Update(msg)
				for _, m := range run(cmd) {
					if navMsg(m) {
						navs = append(navs, m)
					}
				}
			}
			view := f.View()
			if f.Rows() != c.wantRows {
				t.Errorf("rows = %d, want %d", f.Rows(), c.wantRows)
			}
			for _, w := range c.wantIn {
				if !strings.Contains(view, w) {
					t.Errorf("view lacks %q:\n%s", w, view)
				}
			}
			for _, w := range c.wantNotIn {
				if strings.Contains(view, w) {
					t.Errorf("view has %q:\n%s", w, view)
				}
			}
			if c.check != nil {
				c.check(t, f, navs)
			}
		})
	}
}

// pushed is the screen of the one PushMsg among msgs.
func pushed(t *testing.T, msgs []any) nav.Screen {
	t.Helper()
	for _, m := range msgs {
		if p, ok := m.(nav.PushMsg); ok {
			return p.Screen
		}
	}
	t.Fatalf("no push among %v", msgs)
	return nil
}

func TestFolderPaging(t *testing.T) {
	fake := newFake()
	for i := range 5 {
		fake.put(labBucket, fmt.Sprintf("%sk%02d.json.gz", labDay, i), []byte("{}"))
	}
	f := newFolder(testCommon(locales.English, fake), bucketRef{name: labBucket}, labDay)
	f.pageSize = 2
	f.SetSize(98, 25)
	pager := &pagingFake{fakeS3: fake}
	f.c.Backend = pager
	drive(t, f, run(f.Init())...)
	if f.Rows() != 2 || !f.table.HasMore() {
		t.Fatalf("first page: %d rows, more %v", f.Rows(), f.table.HasMore())
	}
	// n asks the table for the next page; another table's request is not ours.
	drive(t, f, table.NextPageMsg{TableID: "someone-else"})
	if f.Rows() != 2 {
		t.Fatalf("a foreign NextPageMsg loaded a page: %d rows", f.Rows())
	}
	drive(t, f, keyMsg("n"))
	if f.Rows() != 4 {
		t.Fatalf("after n: %d rows", f.Rows())
	}
	// Reaching the last loaded row loads the rest.
	drive(t, f, keyMsg("G"))
	if f.Rows() != 5 || f.table.HasMore() {
		t.Fatalf("after G: %d rows, more %v", f.Rows(), f.table.HasMore())
	}
	if strings.Join(pager.tokens, ",") != ",2,4" {
		t.Fatalf("tokens %v", pager.tokens)
	}
}

// pagingFake pages fakeS3's listing by position, with the position as the token.
type pagingFake struct {
	*fakeS3
	tokens []string
}

func (p *pagingFake) ListObjects(ctx context.Context, bucket, prefix, delim, token string, limit int) (model.Listing, error) {
	p.tokens = append(p.tokens, token)
	all, err := p.fakeS3.ListObjects(ctx, bucket, prefix, delim, "", 0)
	if err != nil {
		return all, err
	}
	from := 0
	fmt.Sscan(token, &from)
	to := min(from+limit, len(all.Objects))
	out := all
	out.Objects = all.Objects[from:to]
	out.NextToken = ""
	if to < len(all.Objects) {
		out.NextToken = fmt.Sprint(to)
	}
	return out, nil
}

func TestFolderCrumbsAndLanguage(t *testing.T) {
	c := testCommon(locales.English, newFake())
	top := newFolder(c, bucketRef{name: labBucket}, "")
	if fmt.Sprint(top.Crumbs()) != "["+labBucket+"]" {
		t.Fatalf("top crumbs %v", top.Crumbs())
	}
	f := newFolder(c, bucketRef{name: labBucket}, account)
	f.Init()
	f.SetSize(98, 25)
	f.Update(listingMsg{owner: f, req: f.req, listing: listing(account, "", []string{"CloudTrail/"}, "a.json.gz")})
	f.Update(uitest.SetLang(c, locales.Korean))
	view := f.View()
	for _, w := range []string{"객체 (2)", "이름", "유형", "마지막 수정", "폴더", "2026. 11. 22. 09:35:00"} {
		if !strings.Contains(view, w) {
			t.Errorf("Korean view lacks %q:\n%s", w, view)
		}
	}
}
