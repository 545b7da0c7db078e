package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/labconsole/labconsole/assets"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/labcheck"
	"github.com/labconsole/labconsole/backend/labres"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/model/lab"
	"github.com/labconsole/labconsole/ui"
	"github.com/labconsole/labconsole/ui/lab/labtest"
)

// simAccount is a simulator served over HTTP on loopback by `labconsole sim`'s server,
// with a shared config and credentials file whose profile "admin" holds the
// administrator's key, and the environment a student sets to use it:
// AWS_PROFILE=admin and AWS_ENDPOINT_URL.
type simAccount struct {
	sim      *sim.Sim
	endpoint string
	dir      string // HOME, with the config and credentials files
	creds    aws.Credentials
}

func serveSimAccount(t *testing.T) *simAccount {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		s.Close()
		t.Fatal(err)
	}
	srv := simServer(s)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() {
		_ = srv.Close()
		s.Close()
	})
	ac := s.AdminCredentials()
	a := &simAccount{sim: s, endpoint: "http://" + ln.Addr().String(), dir: t.TempDir(),
		creds: aws.Credentials{AccessKeyID: ac.AccessKeyID, SecretAccessKey: ac.SecretAccessKey}}
	a.writeFile(t, "config", "[profile admin]\nregion = "+labtest.Region+"\n")
	a.writeFile(t, "credentials", "[admin]\naws_access_key_id = "+ac.AccessKeyID+"\naws_secret_access_key = "+ac.SecretAccessKey+"\n")
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE": filepath.Join(a.dir, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(a.dir, "credentials"),
		"HOME": a.dir, "AWS_PROFILE": "admin", "AWS_ENDPOINT_URL": a.endpoint,
		"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_REGION": "", "AWS_DEFAULT_REGION": "",
		"AWS_CA_BUNDLE": "",
	} {
		t.Setenv(k, v)
	}
	return a
}

// writeFile appends to a file of the shared config directory.
func (a *simAccount) writeFile(t testing.TB, name, text string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(a.dir, name), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// control calls the simulator's control API signed with the administrator's key, as
// `labconsole sim billing on` and `labconsole sim advance` do.
func (a *simAccount) control(t testing.TB, method, path string, body any) {
	t.Helper()
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			t.Fatal(err)
		}
	}
	req, err := http.NewRequest(method, a.endpoint+path, bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if err := v4.NewSigner().SignHTTP(context.Background(), a.creds, req, hash, "sim", labtest.Region, time.Now()); err != nil {
		t.Fatal(err)
	}
	a.do(t, req)
}

func (a *simAccount) do(t testing.TB, req *http.Request) []byte {
	t.Helper()
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %s %s", req.Method, req.URL.Path, resp.Status, answer)
	}
	return answer
}

// consoleSignIn is the AWS console's sign-in page in a browser: the simulator's
// unsigned sign-in endpoint, which records the ConsoleLogin event.
func (a *simAccount) consoleSignIn(t testing.TB, user, password string) {
	t.Helper()
	body, _ := json.Marshal(sim.SignInRequest{AccountID: labtest.Account, UserName: user, Password: password})
	req, err := http.NewRequest(http.MethodPost, a.endpoint+"/_sim/signin", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	var got sim.SignInResponse
	if err := json.Unmarshal(a.do(t, req), &got); err != nil || got.UserName != user {
		t.Fatalf("sign-in as %s: %+v %v", user, got, err)
	}
}

// The secret dialog of a new access key.
var (
	keyIDRe  = regexp.MustCompile(`Access key ID: (\S+)`)
	secretRe = regexp.MustCompile(`Secret access key: (\S+)`)
)

// awsLab1 is what a student does on a real account outside the console, here against
// the simulator a.
func awsLab1(a *simAccount) *labtest.AWS {
	advance := func(t testing.TB, d time.Duration) {
		a.control(t, http.MethodPost, "/_sim/clock/advance?by="+d.String(), nil)
	}
	switchTo := func(who string, keys ...string) []labtest.Step {
		return []labtest.Step{
			labtest.Wait("Switch profile and Region", "", "ctrl+r"),
			labtest.Wait("Identity "+who, "", append(keys, "enter")...),
		}
	}
	return &labtest.AWS{
		BillingOn: func(t testing.TB) {
			a.control(t, http.MethodPut, "/_sim/billing/preferences", map[string]bool{"receiveBillingAlerts": true})
		},
		Advance: advance,
		Activity: func(t testing.TB) {
			a.control(t, http.MethodPost, "/_sim/scenario/lab1-activity", nil)
		},
		SignIn: labtest.Join([]labtest.Step{
			// The console cannot sign in with a password on a real account, and says so.
			labtest.Wait("Sign-in with a password is not possible", "", "ctrl+o"),
			labtest.Wait("user/lab-user", "", "esc"),
			labtest.Do(func(t testing.TB, _ *labtest.Screen) { a.consoleSignIn(t, labtest.LabUser, labtest.LabPassword) }),
			// lab-user's access key, made on its Security credentials tab.
			labtest.Wait("Access keys", "", "4"),
			labtest.Wait("Create access key?", "", "c"),
			labtest.Wait("Retrieve access keys", "", "enter"),
			labtest.Do(func(t testing.TB, s *labtest.Screen) {
				// The secret is drawn with the dialog; read it as a student copies it.
				deadline := time.Now().Add(labtest.Timeout)
				var id, secret []string
				for time.Now().Before(deadline) {
					text := s.Text(0)
					id, secret = keyIDRe.FindStringSubmatch(text), secretRe.FindStringSubmatch(text)
					if id != nil && secret != nil && len(secret[1]) >= 40 {
						break
					}
					time.Sleep(20 * time.Millisecond)
					s.Read()
				}
				if id == nil || secret == nil {
					t.Fatalf("no access key on the screen:\n%s", s.Text(0))
				}
				// aws configure --profile lab-user
				a.writeFile(t, "credentials", "\n[lab-user]\naws_access_key_id = "+id[1]+"\naws_secret_access_key = "+secret[1][:40]+"\n")
				a.writeFile(t, "config", "\n[profile lab-user]\nregion = "+labtest.Region+"\n")
			}),
			labtest.Wait("Access key", "", "enter"), // the dialog closes
		}, switchTo("lab-user", "down", "down")),
		// Profiles: (default chain), admin, lab-user.
		ToAdmin:   switchTo("Administrator", "up"),
		ToLabUser: switchTo("lab-user", "down"),
	}
}

// TestLab1OnAWSMode is issue #9's acceptance: with AWS_PROFILE pointing at the
// simulator's credentials and AWS_ENDPOINT_URL at `labconsole sim`, the console as
// `labconsole --backend aws` builds it runs the whole of Lab 1 by keys, with a real
// account's differences: billing alerts are turned on outside the console, the
// panel cannot fast-forward nor run the activity, password sign-in is the browser's,
// and the student works as lab-user through an access key and a profile. Each
// stretch's checks fail before it and pass after it, and `labconsole lab check
// --backend aws` passes at the end.
func TestLab1OnAWSMode(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole lab")
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel) // ends the console's listeners
	a := serveSimAccount(t)
	l, err := assets.Lab("lab1")
	if err != nil {
		t.Fatal(err)
	}
	steps := map[string]*lab.Step{}
	for _, s := range l.Steps() {
		steps[s.ID] = s
	}
	stretches := labtest.Lab1(awsLab1(a), a.sim.Clock().Now().Year())

	var errOut bytes.Buffer
	con, code := newConsole(ctx, []string{"--backend", "aws", "--lang", "en", "--data", t.TempDir()}, io.Discard, &errOut)
	if con == nil {
		t.Fatalf("labconsole --backend aws: exit %d: %s", code, errOut.String())
	}
	t.Cleanup(con.close)
	// The checks read as the administrator (profile admin), as `lab check` does.
	admin, err := awsapi.NewAWS(ctx, awsapi.AWSOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ck := &labcheck.Checker{State: admin}
	vars, err := ck.Vars(ctx)
	if err != nil {
		t.Fatal(err)
	}
	check := func(id string) labcheck.Result { return ck.Check(ctx, steps[id].Check, vars) }

	tm := teatest.NewTestModel(t, con.root, teatest.WithInitialTermSize(100, 30))
	sc := &labtest.Screen{TM: tm}
	sc.WaitFrom(t, 0, "Administrator")
	if head := sc.Text(0); !strings.Contains(head, "AWS") || !strings.Contains(head, "Account 1234-5678-9012") {
		t.Fatalf("the header does not show a real account %s:\n%s", labtest.Account, head)
	}
	for _, st := range stretches {
		for _, id := range st.Steps {
			if r := check(id); r.Pass {
				t.Fatalf("step %s passes before its action", id)
			}
		}
		start := time.Now()
		sc.Play(t, locales.English, st.Keys)
		t.Logf("%v: %v", st.Steps, time.Since(start))
		for _, id := range st.Steps {
			if r := check(id); !r.Pass {
				t.Fatalf("after %v: step %s fails: %s %v", st.Steps, id, r.Reason.ID, r.Reason.Data)
			}
		}
	}
	// What the console made while the lab was in progress carries the lab's tag:
	// the clean-up plan holds every kind of resource the lab makes.
	plan, err := labres.PlanFor(ctx, admin, "lab1")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[labres.Kind]bool{}
	for _, it := range plan.Items {
		kinds[it.Kind] = true
	}
	for _, k := range []labres.Kind{labres.KindTrail, labres.KindBucket, labres.KindAlarm, labres.KindTopic, labres.KindUser, labres.KindLoginProfile, labres.KindGroup} {
		if !kinds[k] {
			t.Errorf("no %s in the clean-up plan after the lab: %+v", k, plan.Items)
		}
	}
	users, err := admin.ListUsers(ctx, model.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	errOut.Reset()
	if code := runLab([]string{"check", "--backend", "aws", "--lang", "en"}, &out, &errOut); code != 0 {
		t.Fatalf("lab check --backend aws: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), fmt.Sprintf("%d of %d steps done", len(steps), len(steps))) {
		t.Fatalf("lab check --backend aws:\n%s", out.String())
	}

	// The completion page's clean-up, as lab-user's profile is still the console's:
	// the panel plans and deletes as the administrator it checks with, shows each
	// deletion's AWS CLI command, and leaves no lab resource and every other one.
	sc.Play(t, locales.English, []labtest.Step{
		labtest.Wait("delete-trail", "", "c"),
		labtest.Wait("Deleted ", "", "delete", "enter"),
	})
	tm.Send(tea.QuitMsg{})
	m := tm.FinalModel(t, teatest.WithFinalTimeout(labtest.Timeout)).(*ui.Model)
	if p := m.LabPanel(); p == nil || !p.ProgressLoaded() || p.TaggingLab() != "" {
		t.Fatal("the panel does not hold the lab finished (what is made after it must not be tagged)")
	}
	after, err := labres.PlanFor(ctx, admin, "lab1")
	if err != nil || !after.Empty() {
		t.Fatalf("lab resources left after the clean-up: %+v, %v", after.Items, err)
	}
	left, err := admin.ListUsers(ctx, model.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(left.Items) != len(users.Items)-1 || left.Items[0].UserName != "Administrator" {
		t.Fatalf("users before the clean-up %d, after %+v: only lab-user goes", len(users.Items), left.Items)
	}
}
