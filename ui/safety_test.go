package ui_test

import (
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/guard"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/switcher"
	"github.com/labconsole/labconsole/ui/theme"
)

// safetySession is one console session for the --read-only and switcher tests.
type safetySession struct {
	m     *ui.Model
	c     *common.Common
	sim   *sim.Sim
	admin backend.Backend // the simulator's administrator, unguarded
}

func newCommon(lang locales.Lang, b backend.Backend, readOnly bool) *common.Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return &common.Common{Ctx: context.Background(), Clock: fixedNow, Renderer: r, Styles: theme.DefaultStyles(r, theme.Default()),
		L: locales.New(lang), Backend: b, ReadOnly: readOnly}
}

func newSim(t *testing.T) (*sim.Sim, backend.Backend) {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	return s, awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
}

// simSafetySession is a session on the in-process simulator; with regions, the
// switcher can move it to another Region as cmd/labconsole's does.
func simSafetySession(t *testing.T, lang locales.Lang, readOnly, regions bool) safetySession {
	t.Helper()
	s, admin := newSim(t)
	c := newCommon(lang, admin, readOnly)
	m := ui.New(c)
	if regions {
		creds := s.AdminCredentials()
		m.SetSwitcherOptions(switcher.Options{Connect: func(_ context.Context, _, region string) (backend.Backend, error) {
			return awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: region, AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey}), nil
		}})
	}
	return safetySession{m: m, c: c, sim: s, admin: admin}
}

// awsSafetySession is a real-AWS-mode session (awsapi.NewAWS, the default credential
// chain) on profile alpha of a temporary shared config whose profiles point at a
// simulator served over HTTP: alpha and beta with endpoint_url, alpha the
// administrator's key, beta an IAM user "operator", and sso-expired an SSO profile
// that has never logged in.
func awsSafetySession(t *testing.T, lang locales.Lang, readOnly bool) safetySession {
	t.Helper()
	ctx := context.Background()
	s, admin := newSim(t)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	if _, err := admin.CreateUser(ctx, model.NewUser{UserName: "operator"}); err != nil {
		t.Fatal(err)
	}
	key, err := admin.CreateAccessKey(ctx, "operator")
	if err != nil {
		t.Fatal(err)
	}
	creds := s.AdminCredentials()
	dir := t.TempDir()
	config := "[profile alpha]\nregion = ap-northeast-2\nendpoint_url = " + srv.URL + "\n\n" +
		"[profile beta]\nregion = ap-northeast-2\nendpoint_url = " + srv.URL + "\n\n" +
		"[profile sso-expired]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n" +
		"sso_account_id = 123456789012\nsso_role_name = Admin\nregion = us-east-1\n\n" +
		"[sso-session not-a-profile]\nsso_start_url = https://example.awsapps.com/start\n"
	credentials := "[alpha]\naws_access_key_id = " + creds.AccessKeyID + "\naws_secret_access_key = " + creds.SecretAccessKey + "\n\n" +
		"[beta]\naws_access_key_id = " + key.AccessKeyID + "\naws_secret_access_key = " + key.SecretAccessKey + "\n"
	for name, body := range map[string]string{"config": config, "credentials": credentials} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range map[string]string{"AWS_CONFIG_FILE": filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"HOME": dir, "AWS_ENDPOINT_URL": "", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "",
		"AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_PROFILE": "", "AWS_CA_BUNDLE": ""} {
		t.Setenv(k, v)
	}
	b, err := awsapi.NewAWS(ctx, awsapi.AWSOptions{Profile: "alpha"})
	if err != nil {
		t.Fatal(err)
	}
	c := newCommon(lang, b, readOnly)
	return safetySession{m: ui.New(c), c: c, sim: s, admin: admin}
}

func ctrlR() tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyCtrlR} }

func TestProfilesOfTheSharedFiles(t *testing.T) {
	awsSafetySession(t, locales.English, false)
	got := strings.Join(switcher.Profiles(os.Getenv), ",")
	if got != "alpha,beta,sso-expired" {
		t.Fatalf("profiles = %s", got)
	}
}

// TestSafetyGoldenScreens: the header with the READ-ONLY badge, and the switcher on
// a real account (profiles and Regions) and in the simulator (Regions only).
func TestSafetyGoldenScreens(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		for _, tc := range []struct {
			name    string
			session func(t *testing.T) safetySession
			keys    []tea.Msg
			ready   string
		}{
			{"header_readonly", func(t *testing.T) safetySession { return simSafetySession(t, lang, true, true) }, nil, ""},
			{"switcher_aws", func(t *testing.T) safetySession { return awsSafetySession(t, lang, true) }, []tea.Msg{ctrlR()}, "sso-expired"},
			{"switcher_sim", func(t *testing.T) safetySession { return simSafetySession(t, lang, false, true) }, []tea.Msg{ctrlR()}, "ctrl+o"},
		} {
			t.Run(tc.name+"_"+string(lang), func(t *testing.T) {
				ss := tc.session(t)
				tm := teatest.NewTestModel(t, ss.m, teatest.WithInitialTermSize(100, 30))
				waitFor(t, tm, "Administrator")
				for _, k := range tc.keys {
					tm.Send(k)
				}
				if tc.ready != "" {
					waitFor(t, tm, tc.ready)
				}
				view := finish(t, tm).View()
				assertFits(t, view, 100, 30)
				badge := map[locales.Lang]string{locales.English: "READ-ONLY", locales.Korean: "읽기 전용"}[lang]
				if ss.c.ReadOnly != strings.Contains(strings.SplitN(view, "\n", 2)[0], badge) {
					t.Fatalf("read-only %v, header %q", ss.c.ReadOnly, strings.SplitN(view, "\n", 2)[0])
				}
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// TestSwitchProfileAndRegion switches a real-AWS-mode console from profile alpha
// (the administrator) to beta (operator) in us-east-1, then fails to switch to an
// SSO profile that never logged in, and keeps beta.
func TestSwitchProfileAndRegion(t *testing.T) {
	ss := awsSafetySession(t, locales.English, true)
	tm := teatest.NewTestModel(t, ss.m, teatest.WithInitialTermSize(100, 30))
	s := &screen{tm: tm}
	s.waitFrom(t, 0, "Administrator")
	from := len(s.out)
	tm.Send(ctrlR())
	s.waitFrom(t, from, "Switch profile and Region")
	// Profiles: (default chain), alpha (current), beta, sso-expired. Regions:
	// us-east-1 is 12 above ap-northeast-2.
	keys := append(press("down", "tab"), press(strings.Repeat("k", 12))...)
	for _, k := range keys {
		tm.Send(k)
	}
	s.read()
	from = len(s.out)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	s.waitFrom(t, from, "operator")
	s.waitFrom(t, from, "us-east-1")

	from = len(s.out)
	tm.Send(ctrlR())
	s.waitFrom(t, from, "beta — current")
	for _, k := range press("down", "enter") {
		tm.Send(k)
	}
	s.waitFrom(t, from, "sso-expired has expired or was never started")
	m := finish(t, tm)

	info := ss.c.Backend.Info()
	if info.Mode != backend.ModeAWS || info.Profile != "beta" || info.Region != "us-east-1" {
		t.Fatalf("backend after the switches: %+v", info)
	}
	g, ok := ss.c.Backend.(*guard.Backend)
	if !ok || !g.ReadOnly() {
		t.Fatalf("the switched backend must stay guarded and read-only: %T", ss.c.Backend)
	}
	if id, err := ss.c.Backend.CallerIdentity(context.Background()); err != nil || id.Name() != "operator" {
		t.Fatalf("acts as %+v, %v", id, err)
	}
	if !strings.Contains(strings.SplitN(m.View(), "\n", 2)[0], "operator") {
		t.Fatalf("header: %s", strings.SplitN(m.View(), "\n", 2)[0])
	}
}

// TestSignInOnRealAccountOffersProfileSwitch: ctrl+o on a real account explains
// that password sign-in has no API and ctrl+r opens the switcher from there.
func TestSignInOnRealAccountOffersProfileSwitch(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			ss := awsSafetySession(t, lang, false)
			tm := teatest.NewTestModel(t, ss.m, teatest.WithInitialTermSize(100, 30))
			drive(t, tm, lang, []step{
				wait("Sign-in with a password is not possible", "비밀번호로 로그인할 수 없습니다", "ctrl+o"),
			})
			tm.Send(ctrlR())
			waitFor(t, tm, map[locales.Lang]string{locales.English: "Switch profile and Region", locales.Korean: "프로필 및 리전 전환"}[lang])
			if d := finish(t, tm).Depth(); d != 3 {
				t.Fatalf("stack depth %d, want home, sign-in, switcher", d)
			}
		})
	}
}

// TestSimulatorRegionSwitch moves a simulator session to us-east-1; without a way to
// rebuild the backend (serve), ctrl+r does nothing.
func TestSimulatorRegionSwitch(t *testing.T) {
	ss := simSafetySession(t, locales.English, false, true)
	tm := teatest.NewTestModel(t, ss.m, teatest.WithInitialTermSize(100, 30))
	s := &screen{tm: tm}
	s.waitFrom(t, 0, "Administrator")
	tm.Send(ctrlR())
	s.waitFrom(t, 0, "Switch Region")
	for _, k := range press(strings.Repeat("k", 12)) {
		tm.Send(k)
	}
	s.read()
	from := len(s.out)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	s.waitFrom(t, from, "Region us-east-1")
	m := finish(t, tm)
	if r := ss.c.Backend.Info().Region; r != "us-east-1" || m.Depth() != 1 {
		t.Fatalf("region %s, depth %d", r, m.Depth())
	}

	plain := simSafetySession(t, locales.English, false, false)
	plain.m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	plain.m.Update(ctrlR())
	if plain.m.Depth() != 1 || strings.Contains(plain.m.View(), "ctrl+r") {
		t.Fatalf("without a connector the switcher must not open nor be offered:\n%s", plain.m.View())
	}
}
