package switcher

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestProfilesOfBothFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	config := write("cfg", "[default]\nregion = us-east-1\n[profile  dev ]\n[sso-session corp]\n[services local]\n# [profile commented]\n")
	creds := write("creds", "[ci]\naws_access_key_id = x\n[dev]\n")
	got := Profiles(env(map[string]string{"AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": creds}))
	if strings.Join(got, ",") != "ci,default,dev" {
		t.Fatalf("profiles = %q", got)
	}
	// Without the variables, the files are under HOME/.aws.
	c, k := Files(env(map[string]string{"HOME": dir}))
	if c != filepath.Join(dir, ".aws", "config") || k != filepath.Join(dir, ".aws", "credentials") {
		t.Fatalf("files = %s %s", c, k)
	}
	if got := Profiles(env(map[string]string{"HOME": dir})); len(got) != 0 {
		t.Fatalf("no files, profiles %q", got)
	}
}

func TestRegionsKeepTheCurrentOne(t *testing.T) {
	if r := Regions("il-central-1"); r[0] != "il-central-1" {
		t.Fatalf("an opt-in Region must be offered: %v", r)
	}
	if r := Regions("us-east-1"); r[0] != "us-east-1" || strings.Count(strings.Join(r, ","), "us-east-1") != 1 {
		t.Fatalf("%v", r)
	}
}

func simBackend(t *testing.T) backend.Backend {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	return awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
}

// run feeds the key to m and runs the switch's command (the spinner's tick aside),
// returning what the switcher reports.
func run(t *testing.T, m *Model, k tea.KeyMsg) tea.Msg {
	t.Helper()
	_, cmd := m.Update(k)
	if cmd == nil {
		return nil
	}
	batch, _ := cmd().(tea.BatchMsg)
	for _, c := range batch {
		if c == nil {
			continue
		}
		if done, ok := c().(doneMsg); ok {
			if !m.Busy() {
				t.Fatal("no spinner while connecting")
			}
			_, next := m.Update(done)
			if next == nil {
				return nil
			}
			return next()
		}
	}
	return nil
}

func TestSwitchReportsTheNewBackendOrKeepsTheOld(t *testing.T) {
	c := uitest.Common(locales.English)
	c.Backend = simBackend(t)
	var asked []string
	next := simBackend(t)
	m := New(c, Options{Getenv: env(nil), Connect: func(_ context.Context, profile, region string) (backend.Backend, error) {
		asked = append(asked, profile+"@"+region)
		if region == "eu-west-1" {
			return nil, errors.New("failed to get shared config profile, nope")
		}
		if region == "us-west-2" {
			return nil, errors.New("refresh cached SSO token failed: the SSO session has expired")
		}
		return next, nil
	}})
	m.SetSize(96, 25)
	if !m.Select("", "eu-west-1") {
		t.Fatal("eu-west-1 not offered")
	}
	if msg := run(t, m, tea.KeyMsg{Type: tea.KeyEnter}); msg != nil {
		t.Fatalf("a failed switch reported %T", msg)
	}
	if !strings.Contains(m.Error(), "keeps its current profile and Region") || !strings.Contains(m.Error(), "nope") || !strings.Contains(m.View(), "Could not switch") {
		t.Fatalf("error %q", m.Error())
	}
	m.Select("", "us-west-2")
	run(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if !strings.Contains(m.Error(), `aws sso login --profile default`) {
		t.Fatalf("SSO error %q", m.Error())
	}
	m.Select("", "us-east-1")
	msg := run(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	sw, ok := msg.(SwitchedMsg)
	if !ok || sw.Backend != next || sw.Identity.Name() != "Administrator" {
		t.Fatalf("switch reported %#v", msg)
	}
	// In the simulator the profile is never asked for: it is the current one.
	if strings.Join(asked, ",") != "@eu-west-1,@us-west-2,@us-east-1" {
		t.Fatalf("asked %v", asked)
	}
	if strings.Contains(m.View(), "Profile") || !strings.Contains(m.View(), "ctrl+o") {
		t.Fatalf("the simulator's switcher offers Regions and points to sign-in:\n%s", m.View())
	}
}

func TestSwitcherFollowsTheLanguage(t *testing.T) {
	c := uitest.Common(locales.English)
	c.Backend = simBackend(t)
	m := New(c, Options{Getenv: env(nil)})
	m.SetSize(96, 25)
	if !strings.Contains(m.View(), "Switch Region") {
		t.Fatal(m.View())
	}
	m.Update(uitest.SetLang(c, locales.Korean))
	if !strings.Contains(m.View(), "리전 전환") || m.Crumbs()[0] != "리전 전환" {
		t.Fatal(m.View())
	}
}
