package s3

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/locales"
)

func TestHumanSize(t *testing.T) {
	cases := map[int64]string{0: "0.0 B", 14: "14.0 B", 1023: "1023.0 B", 1024: "1.0 KB", 1229: "1.2 KB", 3584: "3.5 KB",
		5 << 20: "5.0 MB", 3 << 30: "3.0 GB"}
	for n, want := range cases {
		if got := humanSize(n); got != want {
			t.Errorf("humanSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	cases := []struct{ key, base, parent, typ string }{
		{labLog, "123456789012_CloudTrail_ap-northeast-2_20261122T0935Z_abcdefghijklmnop.json.gz", labDay, "gz"},
		{labDay, "22/", "AWSLogs/123456789012/CloudTrail/ap-northeast-2/2026/11/", "-"},
		{"AWSLogs/", "AWSLogs/", "", "-"},
		{"README", "README", "", "-"},
		{".hidden", ".hidden", "", "-"},
		{"a/b.json", "b.json", "a/", "json"},
	}
	for _, c := range cases {
		if got := baseName(c.key); got != c.base {
			t.Errorf("baseName(%q) = %q, want %q", c.key, got, c.base)
		}
		if got := parentPrefix(c.key); got != c.parent {
			t.Errorf("parentPrefix(%q) = %q, want %q", c.key, got, c.parent)
		}
		if !strings.HasSuffix(c.key, "/") {
			if got := objectType(baseName(c.key)); got != c.typ {
				t.Errorf("objectType(%q) = %q, want %q", c.key, got, c.typ)
			}
		}
	}
	if got := fmt.Sprint(levels("AWSLogs/123456789012/")); got != "[AWSLogs/ AWSLogs/123456789012/]" {
		t.Errorf("levels = %s", got)
	}
	if got := levels(""); len(got) != 0 {
		t.Errorf("levels(\"\") = %v", got)
	}
}

func TestObjectURL(t *testing.T) {
	got := objectURL(labBucket, "ap-northeast-2", "AWSLogs/odd key+name&=.txt")
	want := "https://aws-cloudtrail-logs-123456789012-mylog.s3.ap-northeast-2.amazonaws.com/AWSLogs/odd%20key+name&=.txt"
	if got != want {
		t.Errorf("objectURL = %q, want %q", got, want)
	}
	if got := s3URI(labBucket, labLog); got != "s3://"+labBucket+"/"+labLog {
		t.Errorf("s3URI = %q", got)
	}
}

func TestElideMiddleKeepsTheEnd(t *testing.T) {
	name := baseName(labLog)
	for _, w := range []int{8, 20, 38, 60, 84, 85, 200} {
		got := elideMiddle(name, w)
		if gw := lipgloss.Width(got); gw != min(w, len(name)) && !(w > len(name) && gw == len(name)) {
			t.Errorf("w=%d: %q is %d cells", w, got, gw)
		}
		if w >= 38 && !strings.HasSuffix(got, "0935Z_abcdefghijklmnop.json.gz") {
			t.Errorf("w=%d: %q lost the time and unique string", w, got)
		}
	}
	if got := elideMiddle("한국어파일이름이아주길어요.json", 12); lipgloss.Width(got) != 12 {
		t.Errorf("Korean: %q is %d cells", got, lipgloss.Width(got))
	}
	if got := fit("a", 0); got != "" {
		t.Errorf("fit 0 = %q", got)
	}
}

func TestTimesFollowTheLanguage(t *testing.T) {
	ts := time.Date(2026, 11, 22, 9, 35, 0, 0, time.FixedZone("KST", 9*3600))
	en, ko := testCommon(locales.English, nil), testCommon(locales.Korean, nil)
	if got := shortTime(en, ts); got != "Nov 22, 2026, 00:35:00" {
		t.Errorf("en short = %q", got)
	}
	if got := shortTime(ko, ts); got != "2026. 11. 22. 00:35:00" {
		t.Errorf("ko short = %q", got)
	}
	if got := longTime(en, ts); got != "November 22, 2026, 00:35:00 (UTC)" {
		t.Errorf("en long = %q", got)
	}
	if got := longTime(ko, ts); got != "2026년 11월 22일 00:35:00 (UTC)" {
		t.Errorf("ko long = %q", got)
	}
	if shortTime(en, time.Time{}) != "-" {
		t.Error("zero time must be -")
	}
	if storageClassName("") != "Standard" || storageClassName("GLACIER_IR") != "Glacier Instant Retrieval" || storageClassName("NEW") != "NEW" {
		t.Error("storage class names")
	}
}
