package cloudtrail

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/uitest"
)

// TestLogLocationOpensTheS3Browser: "Trail log location" (lab step C8) takes the
// student to bucket/[prefix/]AWSLogs/<account>/ in the S3 browser.
func TestLogLocationOpensTheS3Browser(t *testing.T) {
	for _, prefix := range []string{"", "team"} {
		d := NewTrailDetail(uitest.Common(locales.English), "lab-events-trail")
		d.req = 1
		d.Update(trailDetailMsg{req: 1, account: "123456789012",
			trail: model.Trail{Name: "lab-events-trail", S3BucketName: "aws-cloudtrail-logs-123456789012-mylog", S3KeyPrefix: prefix}})
		_, cmd := d.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("b")})
		if cmd == nil {
			t.Fatal("b did nothing")
		}
		push, ok := cmd().(nav.PushMsg)
		if !ok {
			t.Fatalf("b gave %T, want nav.PushMsg", cmd())
		}
		if crumbs := strings.Join(push.Screen.Crumbs(), " > "); crumbs != "S3 > Buckets" {
			t.Fatalf("b pushed %q, want the S3 console", crumbs)
		}
		bucket, folder := logLocation(model.Trail{S3BucketName: "aws-cloudtrail-logs-123456789012-mylog", S3KeyPrefix: prefix}, "123456789012")
		want := "AWSLogs/123456789012/"
		if prefix != "" {
			want = prefix + "/" + want
		}
		if bucket != "aws-cloudtrail-logs-123456789012-mylog" || folder != want {
			t.Fatalf("prefix %q: opens %q %q, want the bucket and %q", prefix, bucket, folder, want)
		}
	}
}
