package s3

import (
	"fmt"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/uitest"
)

func TestBucketsUpdate(t *testing.T) {
	two := []model.Bucket{{Name: labBucket, Region: "ap-northeast-2", CreationDate: testTime}, {Name: "virginia-bucket", Region: "us-east-1", CreationDate: testTime}}
	cases := []struct {
		name      string
		msgs      func(b *Buckets) []any
		wantIn    []string
		wantNotIn []string
		check     func(t *testing.T, b *Buckets, navs []any)
	}{
		{name: "the list", msgs: func(b *Buckets) []any { return []any{bucketsMsg{owner: b, req: b.req, buckets: two}} },
			wantIn: []string{"Buckets (2)", "Name", "AWS Region", "Creation date", labBucket, "us-east-1", "Nov 22, 2026, 09:35:00"}},
		{name: "a stale answer is dropped", msgs: func(b *Buckets) []any {
			return []any{bucketsMsg{owner: b, req: b.req, buckets: two[:1]}, bucketsMsg{owner: b, req: b.req - 1, buckets: two}}
		}, wantIn: []string{"Buckets (1)"}, wantNotIn: []string{"virginia-bucket"}},
		{name: "denied", msgs: func(b *Buckets) []any {
			return []any{bucketsMsg{owner: b, req: b.req, err: &backend.Error{Kind: backend.KindAccessDenied, Code: "AccessDenied",
				Message: "User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action"}}}
		}, wantIn: []string{"Insufficient permissions", "s3:ListAllMyBuckets"}, wantNotIn: []string{"You don't have any buckets"}},
		{name: "enter opens the bucket's top level", msgs: func(b *Buckets) []any {
			return []any{bucketsMsg{owner: b, req: b.req, buckets: two}, keyMsg("down"), keyMsg("enter")}
		}, check: func(t *testing.T, b *Buckets, navs []any) {
			f := pushed(t, navs).(*Folder)
			if f.Bucket() != "virginia-bucket" || f.Prefix() != "" || f.ref.region != "us-east-1" {
				t.Fatalf("pushed %+v", f.ref)
			}
		}},
		{name: "c opens Create bucket", msgs: func(b *Buckets) []any { return []any{keyMsg("c")} },
			check: func(t *testing.T, b *Buckets, navs []any) { _ = pushed(t, navs).(*CreateBucket) }},
		{name: "the filter narrows", msgs: func(b *Buckets) []any {
			return []any{bucketsMsg{owner: b, req: b.req, buckets: two}, keyMsg("/"), keyMsg("virg")}
		}, wantIn: []string{"virginia-bucket"}, wantNotIn: []string{labBucket},
			check: func(t *testing.T, b *Buckets, _ []any) {
				if !b.Capturing() {
					t.Fatal("the filter must capture keys")
				}
			}},
		{name: "a created bucket is announced with its CLI", msgs: func(b *Buckets) []any {
			return []any{bucketCreatedMsg{notice: successNotice("Successfully created bucket", awscliCreate("new-bucket"))}}
		}, wantIn: []string{"Successfully created bucket", "aws s3api create-bucket --bucket new-bucket"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := NewBuckets(testCommon(locales.English, newFake()))
			b.Init()
			b.SetSize(98, 25)
			var navs []any
			for _, msg := range c.msgs(b) {
				_, cmd := b.Update(msg)
				for _, m := range run(cmd) {
					if navMsg(m) {
						navs = append(navs, m)
					}
				}
			}
			view := b.View()
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
				c.check(t, b, navs)
			}
		})
	}
}

func TestBrowserPushesOneScreenPerLevel(t *testing.T) {
	c := testCommon(locales.English, newFake())
	var crumbs []string
	var prefixes []string
	s := NewBrowser(c, labBucket, "AWSLogs/123456789012")
	crumbs = append(crumbs, s.Crumbs()...)
	for _, m := range run(s.Init()) {
		p, ok := m.(nav.PushMsg)
		if !ok {
			continue
		}
		crumbs = append(crumbs, p.Screen.Crumbs()...)
		prefixes = append(prefixes, p.Screen.(*Folder).Prefix())
	}
	if got := strings.Join(crumbs, " > "); got != "S3 > Buckets > "+labBucket+" > AWSLogs/ > 123456789012/" {
		t.Fatalf("crumbs %q", got)
	}
	if fmt.Sprint(prefixes) != "[ AWSLogs/ AWSLogs/123456789012/]" {
		t.Fatalf("prefixes %q", prefixes)
	}

	var last nav.Screen
	for _, m := range run(NewObjectAt(c, labBucket, labLog).Init()) {
		if p, ok := m.(nav.PushMsg); ok {
			last = p.Screen
		}
	}
	if o, ok := last.(*Object); !ok || o.Key() != labLog || o.Crumbs()[0] != baseName(labLog) {
		t.Fatalf("NewObjectAt ends at %T", last)
	}
}

func TestBucketsLanguage(t *testing.T) {
	fake := newFake()
	fake.put(labBucket, "k", nil)
	b := NewBuckets(testCommon(locales.English, fake))
	b.SetSize(98, 25)
	drive(t, b, run(b.Init())...)
	drive(t, b, uitest.SetLang(b.c, locales.Korean))
	view := b.View()
	for _, w := range []string{"버킷 (1)", "이름", "AWS 리전", "생성 날짜", "2026. 11. 22. 09:35:00"} {
		if !strings.Contains(view, w) {
			t.Errorf("Korean view lacks %q:\n%s", w, view)
		}
	}
	if got := strings.Join(b.Crumbs(), " > "); got != "S3 > 버킷" {
		t.Errorf("crumbs %q", got)
	}
}
