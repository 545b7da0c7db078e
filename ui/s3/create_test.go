package s3

import (
	"strings"
	"testing"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/components/awscli"
	"github.com/labconsole/labconsole/ui/nav"
)

func awscliCreate(name string) *awscli.Command {
	return awscli.New("s3api", "create-bucket").With("--bucket", name)
}

func TestCreateBucket(t *testing.T) {
	cases := []struct {
		name      string
		lang      locales.Lang
		typed     string
		region    []string // keys on the region select
		wantIn    []string
		wantPop   bool
		wantCalls int
	}{
		{name: "underscore", lang: locales.English, typed: "doc_example_bucket",
			wantIn: []string{"can contain only lowercase letters, numbers, periods (.), and hyphens (-)"}},
		{name: "too short", lang: locales.English, typed: "ab", wantIn: []string{"between 3 and 63 characters"}},
		{name: "IP address", lang: locales.English, typed: "192.168.5.4", wantIn: []string{"IP address"}},
		{name: "Korean message", lang: locales.Korean, typed: "Bad", wantIn: []string{"버킷 이름"}},
		{name: "taken: AWS's error under the name", lang: locales.English, typed: labBucket,
			wantIn: []string{"BucketAlreadyOwnedByYou: Your previous request"}, wantCalls: 1},
		{name: "created", lang: locales.English, typed: "lab-new-bucket", wantPop: true, wantCalls: 1},
		{name: "created in us-east-1", lang: locales.English, typed: "lab-virginia", region: []string{"tab", "down"}, wantPop: true, wantCalls: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fake := newFake()
			fake.put(labBucket, "k", nil)
			cb := NewCreateBucket(testCommon(c.lang, fake))
			cb.SetSize(98, 25)
			drive(t, cb, run(cb.Init())...)
			msgs := []any{keyMsg(c.typed)}
			for _, k := range c.region {
				msgs = append(msgs, keyMsg(k))
			}
			msgs = append(msgs, keyMsg("ctrl+s"))
			var navs []any
			for _, m := range msgs {
				for _, n := range drive(t, cb, m) {
					navs = append(navs, n)
				}
			}
			view := cb.View()
			for _, w := range c.wantIn {
				if !strings.Contains(view, w) {
					t.Errorf("view lacks %q:\n%s", w, view)
				}
			}
			if got := len(fake.calls); got != c.wantCalls {
				t.Errorf("calls %v, want %d", fake.calls, c.wantCalls)
			}
			popped := false
			for _, n := range navs {
				if _, ok := n.(nav.PopMsg); ok {
					popped = true
				}
			}
			if popped != c.wantPop {
				t.Errorf("popped = %v, want %v", popped, c.wantPop)
			}
		})
	}
}

func TestCreateBucketCLI(t *testing.T) {
	cb := NewCreateBucket(testCommon(locales.English, newFake()))
	cb.SetSize(98, 25)
	drive(t, cb, run(cb.Init())...)
	drive(t, cb, keyMsg("lab-bucket"))
	if got := cb.command().String(cb.c.Backend.Info()); got != "aws s3api create-bucket --bucket lab-bucket --region ap-northeast-2 --create-bucket-configuration LocationConstraint=ap-northeast-2" {
		t.Fatalf("CLI %q", got)
	}
	if v := cb.View(); !strings.Contains(v, "$ aws s3api create-bucket --bucket lab-bucket --region ap-northeast-2") {
		t.Fatalf("CLI:\n%s", v)
	}
	drive(t, cb, keyMsg("tab"), keyMsg("down"))
	if name, region := cb.Values(); name != "lab-bucket" || region != "us-east-1" {
		t.Fatalf("values %q %q", name, region)
	}
	if v := cb.View(); !strings.Contains(v, "--region us-east-1") || strings.Contains(v, "LocationConstraint") {
		t.Fatalf("us-east-1 takes no constraint:\n%s", v)
	}
	navs := drive(t, cb, keyMsg("esc"))
	if len(navs) != 1 {
		t.Fatalf("esc: %v", navs)
	}
}

func TestCreateBucketOnRealAWSAsksFirst(t *testing.T) {
	fake := newFake()
	fake.realAWS = true
	cb := NewCreateBucket(testCommon(locales.English, fake))
	cb.SetSize(98, 25)
	drive(t, cb, run(cb.Init())...)
	drive(t, cb, keyMsg("lab-real-bucket"), keyMsg("ctrl+s"))
	if len(fake.calls) != 0 || cb.confirm == nil {
		t.Fatalf("calls %v before confirming", fake.calls)
	}
	if v := cb.View(); !strings.Contains(v, "in this AWS account?") || !strings.Contains(v, "--profile lab") {
		t.Fatalf("confirmation:\n%s", v)
	}
	navs := drive(t, cb, keyMsg("enter"))
	if len(fake.calls) != 1 || len(navs) != 1 {
		t.Fatalf("calls %v navs %v", fake.calls, navs)
	}
}
