package cloudtrail

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/uitest"
)

// failingDetail is trail details whose GetTrailStatus reports a failed delivery in
// each of its four error fields.
func failingDetail(t *testing.T, lang locales.Lang, st model.TrailStatus, width int) *TrailDetail {
	t.Helper()
	d := NewTrailDetail(uitest.Common(lang), "lab")
	d.SetSize(width, 40)
	d.req = 1
	d.Update(trailDetailMsg{req: 1, account: "123456789012", status: st, trail: model.Trail{Name: "lab", HomeRegion: "ap-northeast-2",
		S3BucketName: "lab-bucket", SnsTopicARN: "arn:aws:sns:ap-northeast-2:123456789012:lab-topic",
		CloudWatchLogsLogGroupARN: "arn:aws:logs:ap-northeast-2:123456789012:log-group:lab-group:*"}})
	return d
}

// TestTrailDetailExplainsDeliveryErrors: every error GetTrailStatus reports is shown
// with AWS's code, and the codes the simulator produces with what they mean; an
// unknown code is shown as it is, without an explanation.
func TestTrailDetailExplainsDeliveryErrors(t *testing.T) {
	st := model.TrailStatus{LatestDeliveryError: "AccountProblem", LatestDigestDeliveryError: "KMS.DisabledException",
		LatestNotificationError: "AuthorizationError", LatestCloudWatchLogsDeliveryError: "ResourceNotFoundException"}
	for name, lang := range map[string]locales.Lang{"en": locales.English, "ko": locales.Korean} {
		t.Run(name, func(t *testing.T) { explainsDeliveryErrors(t, lang, st) })
	}
}

func explainsDeliveryErrors(t *testing.T, lang locales.Lang, st model.TrailStatus) {
	{
		d := failingDetail(t, lang, st, 100)
		v := d.View()
		for _, code := range []string{"AccountProblem", "KMS.DisabledException", "AuthorizationError", "ResourceNotFoundException"} {
			if !strings.Contains(v, code) {
				t.Errorf("%s: the code %s is not shown:\n%s", lang, code, v)
			}
		}
		for _, id := range []string{"CTDeliveryError", "CTDEDigestError", "CTDENotificationError", "CTDECloudWatchLogsError"} {
			if !strings.Contains(v, d.c.T(id)) {
				t.Errorf("%s: no %q row:\n%s", lang, d.c.T(id), v)
			}
		}
		flat := strings.Join(strings.Fields(v), " ")
		for _, id := range []string{"CTDEAccountProblem", "CTDEKMSDisabled", "CTDETopicDenied", "CTDELogGroupNotFound"} {
			if why := strings.Join(strings.Fields(d.c.T(id)), " "); !strings.Contains(flat, why) {
				t.Errorf("%s: the explanation %s is not shown:\n%s", lang, id, v)
			}
		}
		for i, l := range strings.Split(v, "\n") {
			if w := lipgloss.Width(l); w > 100 {
				t.Errorf("%s: line %d is %d cells wide: %q", lang, i, w, l)
			}
		}
		golden.RequireEqual(t, []byte(v))
	}
}

func TestDeliveryExplanations(t *testing.T) {
	c := uitest.Common(locales.English)
	cases := map[string]string{
		"NoSuchBucket":          "does not exist",
		"AccessDenied":          "bucket policy",
		"AccountProblem":        "storage limit",
		"KMS.DisabledException": "disabled",
		"KMS.NotFoundException": "no longer exists",
		"AccessDeniedException": "logs:PutLogEvents",
		"NotFound":              "SNS topic does not exist",
		"AuthorizationError":    "SNS:Publish",
	}
	for code, want := range cases {
		if got := deliveryExplanation(c, code); !strings.Contains(got, want) {
			t.Errorf("%s: %q lacks %q", code, got, want)
		}
	}
	c.Backend = &awsCT{}
	if got := deliveryExplanation(c, "AccountProblem"); strings.Contains(got, "sandbox") || !strings.Contains(got, "problem with the AWS account") {
		t.Errorf("AccountProblem on AWS: %q", got)
	}
	if got := deliveryExplanation(c, "SomeNewError"); got != "" {
		t.Errorf("an unknown code is explained: %q", got)
	}
	// The unknown code is still shown, raw, with nothing under it.
	d := failingDetail(t, locales.English, model.TrailStatus{LatestDeliveryError: "SomeNewError"}, 100)
	v := d.View()
	i := strings.Index(v, "SomeNewError")
	if i < 0 {
		t.Fatalf("the unknown code is not shown:\n%s", v)
	}
	rest := strings.SplitN(v[i:], "\n", 3)
	if len(rest) < 2 || !strings.HasPrefix(strings.TrimSpace(rest[1]), "Log file SSE-KMS") {
		t.Errorf("something follows the unknown code:\n%s", v)
	}
	// No error: no error rows.
	d = failingDetail(t, locales.English, model.TrailStatus{IsLogging: true}, 100)
	if strings.Contains(d.View(), "error") {
		t.Errorf("a trail without errors shows an error row:\n%s", d.View())
	}
}

// awsCT is a backend on real AWS.
type awsCT struct{ fakeCT }

func (awsCT) Info() backend.Info { return backend.Info{Mode: backend.ModeAWS} }
