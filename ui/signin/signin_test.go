package signin

import (
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/uitest"
)

func session(t *testing.T, lang locales.Lang) *common.Common {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: func() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	c := uitest.Common(lang)
	c.Backend = awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(),
		AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	ctx := context.Background()
	if _, err := c.Backend.CreateUser(ctx, model.NewUser{UserName: "lab-user"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Backend.CreateLoginProfile(ctx, model.NewLoginProfile{UserName: "lab-user", Password: "Suwon#0307"}); err != nil {
		t.Fatal(err)
	}
	return c
}

// answer runs cmd and the commands its answer leads to, skipping spinner ticks and
// cursor blinks, until a message for the root (or nothing) comes back.
func answer(m *Model, cmd tea.Cmd) tea.Msg {
	for cmd != nil {
		ch := make(chan tea.Msg, 1)
		go func() { ch <- cmd() }()
		var msg tea.Msg
		select {
		case msg = <-ch:
		case <-time.After(10 * time.Second): // a cursor blink comes back after 530ms and is skipped
			return nil
		}
		switch msg := msg.(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				if r := answer(m, c); r != nil {
					return r
				}
			}
			return nil
		case SignedInMsg, SignedOutMsg, nav.PopMsg:
			return msg
		case doneMsg:
			_, cmd = m.Update(msg)
			continue
		}
		return nil
	}
	return nil
}

func typeKeys(m *Model, s ...string) tea.Msg {
	var last tea.Msg
	for _, k := range s {
		var msg tea.KeyMsg
		switch k {
		case "tab":
			msg = tea.KeyMsg{Type: tea.KeyTab}
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "ctrl+x":
			msg = tea.KeyMsg{Type: tea.KeyCtrlX}
		case "ctrl+u":
			msg = tea.KeyMsg{Type: tea.KeyCtrlU}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		_, cmd := m.Update(msg)
		if r := answer(m, cmd); r != nil {
			last = r
		}
	}
	return last
}

func TestSignIn(t *testing.T) {
	cases := []struct {
		name    string
		lang    locales.Lang
		keys    []string
		ok      bool
		wantErr string
	}{
		{"lab-user", locales.English, []string{"lab-user", "tab", "Suwon#0307", "enter"}, true, ""},
		{"wrong password en", locales.English, []string{"lab-user", "tab", "wrong", "enter"}, false, "Your authentication information is incorrect. Please try again."},
		{"wrong password ko", locales.Korean, []string{"lab-user", "tab", "wrong", "enter"}, false, "인증 정보가 올바르지 않습니다. 다시 시도하십시오."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := session(t, tc.lang)
			m := New(c, "123456789012", "Administrator", false)
			m.SetSize(98, 25)
			m.Init()
			got := typeKeys(m, tc.keys...)
			in, ok := got.(SignedInMsg)
			if ok != tc.ok {
				t.Fatalf("signed in = %v (%v), want %v; error %q", ok, got, tc.ok, m.Error())
			}
			if ok {
				id, err := in.Backend.CallerIdentity(context.Background())
				if err != nil || id.Name() != "lab-user" {
					t.Fatalf("new backend acts as %+v, %v", id, err)
				}
				return
			}
			if m.Error() != tc.wantErr {
				t.Errorf("error = %q, want %q", m.Error(), tc.wantErr)
			}
		})
	}
}

func TestSignInOtherAccount(t *testing.T) {
	c := session(t, locales.English)
	m := New(c, "123456789012", "Administrator", false)
	m.SetSize(98, 25)
	m.Init()
	_, _ = m.Update(tea.KeyMsg{Type: tea.KeyShiftTab})
	if got := typeKeys(m, "ctrl+u", "999999999999", "tab", "lab-user", "tab", "Suwon#0307", "enter"); got != nil {
		t.Fatalf("another account's user must not sign in here: %v", got)
	}
	if m.Error() != "Your authentication information is incorrect. Please try again." {
		t.Errorf("error = %q", m.Error())
	}
}

func TestSignInRequired(t *testing.T) {
	c := session(t, locales.Korean)
	m := New(c, "123456789012", "Administrator", false)
	m.SetSize(98, 25)
	m.Init()
	typeKeys(m, "enter", "enter")
	if got := m.form.Field(fUser).Error(); got != "필수 항목입니다." {
		t.Errorf("user name error = %q", got)
	}
}

// realAWS refuses console sign-in as awsapi does on a real account.
type realAWS struct{ backend.Backend }

func (realAWS) SignIn(context.Context, string, string) (backend.Backend, error) {
	return nil, &backend.Error{Op: "signin:ConsoleLogin", Code: "ConsoleSignInUnavailable", Message: backend.ErrNoConsoleSignIn.Error(), Err: backend.ErrNoConsoleSignIn}
}

func TestSignInRealAWSExplains(t *testing.T) {
	c := session(t, locales.English)
	c.Backend = realAWS{c.Backend}
	m := New(c, "123456789012", "Administrator", false)
	m.SetSize(98, 25)
	m.Init()
	typeKeys(m, "lab-user", "tab", "Suwon#0307", "enter")
	if m.Error() != c.T("IAMSignInNoAPI") {
		t.Errorf("error = %q", m.Error())
	}
}

func TestSignOut(t *testing.T) {
	c := session(t, locales.English)
	lab, err := c.Backend.SignIn(context.Background(), "lab-user", "Suwon#0307")
	if err != nil {
		t.Fatal(err)
	}
	c.Backend = lab
	m := New(c, "123456789012", "lab-user", true)
	m.SetSize(98, 25)
	if _, ok := typeKeys(m, "ctrl+x").(SignedOutMsg); !ok {
		t.Fatal("ctrl+x signs out")
	}
	if _, err := lab.CallerIdentity(context.Background()); err == nil {
		t.Fatal("the signed-out session's credentials must stop working")
	}
	m2 := New(c, "123456789012", "Administrator", false)
	if got := typeKeys(m2, "ctrl+x"); got != nil {
		t.Fatalf("no sign-out without a signed-in session, got %v", got)
	}
	if _, ok := typeKeys(m2, "esc").(nav.PopMsg); !ok {
		t.Fatal("esc closes the page")
	}
}
