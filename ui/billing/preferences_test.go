package billing

import (
	"context"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/cloudwatch/cwtest"
)

func open(t *testing.T, p *Preferences) {
	t.Helper()
	p.SetSize(98, 25)
	for _, msg := range cwtest.Expand(p.Init()) {
		cwtest.Run(t, p, msg)
	}
}

func TestReceiveBillingAlerts(t *testing.T) {
	for lang, saved := range map[locales.Lang]string{locales.English: "Preferences saved", locales.Korean: "기본 설정을 저장했습니다"} {
		t.Run(string(lang), func(t *testing.T) {
			c, _ := cwtest.NewLab(t, lang)
			p := NewPreferences(c)
			open(t, p)
			if !strings.Contains(p.View(), "[ ]") {
				t.Fatalf("a fresh account has billing alerts off:\n%s", p.View())
			}
			cwtest.Press(t, p, "ctrl+s")
			if p.runner.Last() != nil {
				t.Fatal("nothing to save before the box is ticked")
			}
			cwtest.Press(t, p, "space", "ctrl+s")
			view := p.View()
			if !strings.Contains(view, saved) || !strings.Contains(view, "[x]") || !strings.Contains(view, "2026-11-22 09:30:00") {
				t.Fatalf("after save:\n%s", view)
			}
			prefs, err := c.Backend.BillingPreferences(context.Background())
			if err != nil || !prefs.ReceiveBillingAlerts {
				t.Fatalf("prefs = %+v %v", prefs, err)
			}
			cwtest.Press(t, p, "space")
			if !p.Receive() {
				t.Error("once on, billing alerts cannot be turned off")
			}
			nav := cwtest.Press(t, p, "m")
			if len(nav) != 1 || cwtest.TypeName(nav[0]) != "nav.PushMsg" {
				t.Errorf("Manage billing alerts opens CloudWatch alarms: %v", nav)
			}
		})
	}
}

// realAWS is a real account as the backend answers it: billing preferences cannot be
// read or set by API.
type realAWS struct{ backend.Backend }

func (realAWS) Info() backend.Info {
	return backend.Info{Mode: backend.ModeAWS, Region: "ap-northeast-2", Profile: "lab"}
}

func (realAWS) BillingPreferences(context.Context) (model.BillingPreferences, error) {
	return model.BillingPreferences{}, nil
}

func (realAWS) SetReceiveBillingAlerts(context.Context, bool) (model.BillingPreferences, error) {
	return model.BillingPreferences{}, &backend.Error{Op: "billing:UpdatePreferences", Kind: backend.KindValidation, Code: "BillingPreferencesNotSettableByAPI",
		Message: "AWS has no API to turn on billing alerts. … https://console.aws.amazon.com/billing/home#/preferences"}
}

func TestRealAWSNamesTheBillingConsole(t *testing.T) {
	c, _ := cwtest.NewLab(t, locales.English)
	c.Backend = realAWS{c.Backend}
	p := NewPreferences(c)
	open(t, p)
	view := p.View()
	for _, want := range []string{"[?]", "cannot tell whether billing alerts", "Billing preferences are set in the Billing console", "Alert preferences"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	cwtest.Press(t, p, "space", "ctrl+s") // real AWS asks first
	cwtest.Press(t, p, "enter")
	if view := p.View(); !strings.Contains(view, "BillingPreferencesNotSettableByAPI") || !strings.Contains(view, "console.aws.amazon.com/billing/home#/preferences") {
		t.Errorf("the backend's answer must show:\n%s", view)
	}
}
