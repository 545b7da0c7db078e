package ui_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui"
	"github.com/labconsole/labconsole/ui/common"
)

// The lab's values (part B of the walkthrough).
const (
	labGroup    = "lab-cloudtrail-group"
	labUser     = "lab-user"
	labPassword = "Suwon#0307"
	cloudTrail  = "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess"
	s3Full      = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
)

// press turns a key name or text into the messages a terminal would send: named keys
// ("enter", "ctrl+n", "space") are one message, anything else is typed rune by rune.
func press(names ...string) []tea.Msg {
	named := map[string]tea.KeyMsg{
		"enter": {Type: tea.KeyEnter}, "esc": {Type: tea.KeyEsc}, "tab": {Type: tea.KeyTab},
		"shift+tab": {Type: tea.KeyShiftTab}, "up": {Type: tea.KeyUp}, "down": {Type: tea.KeyDown},
		"space": {Type: tea.KeySpace, Runes: []rune{' '}}, "ctrl+n": {Type: tea.KeyCtrlN}, "ctrl+p": {Type: tea.KeyCtrlP},
		"ctrl+s": {Type: tea.KeyCtrlS}, "ctrl+o": {Type: tea.KeyCtrlO}, "ctrl+x": {Type: tea.KeyCtrlX},
		"ctrl+u": {Type: tea.KeyCtrlU}, "backspace": {Type: tea.KeyBackspace}, "ctrl+l": {Type: tea.KeyCtrlL},
	}
	var out []tea.Msg
	for _, n := range names {
		if k, ok := named[n]; ok {
			out = append(out, k)
			continue
		}
		for _, r := range n {
			out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
	return out
}

// step is keys to press, then the text whose appearance shows the screen is ready
// (en and ko; "" waits for nothing).
type step struct {
	keys   []string
	en, ko string
}

func wait(en, ko string, keys ...string) step { return step{keys: keys, en: en, ko: ko} }

// screen follows a running program's output. Each step waits for its text in the
// output since the step's keys were sent (or since the previous step's, when it sends
// none), so two texts drawn in the same frame are both found.
type screen struct {
	tm  *teatest.TestModel
	out []byte
}

func (s *screen) read() {
	buf := make([]byte, 64<<10)
	for {
		n, _ := s.tm.Output().Read(buf)
		if n == 0 {
			return
		}
		s.out = append(s.out, buf[:n]...)
	}
}

func (s *screen) waitFrom(t *testing.T, from int, text string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s.read()
		if strings.Contains(string(s.out[from:]), text) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%q did not appear; output since the step began:\n%s", text, s.out[from:])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// drive sends each step's keys to the running program and waits for its text.
func drive(t *testing.T, tm *teatest.TestModel, lang locales.Lang, steps []step) {
	t.Helper()
	s := &screen{tm: tm}
	s.waitFrom(t, 0, "Administrator")
	s.play(t, lang, steps)
}

// play is drive on a screen already followed, so a test can drive in stretches.
func (s *screen) play(t *testing.T, lang locales.Lang, steps []step) {
	t.Helper()
	tm := s.tm
	from := len(s.out)
	for _, st := range steps {
		if len(st.keys) > 0 {
			s.read()
			from = len(s.out)
		}
		for _, m := range press(st.keys...) {
			tm.Send(m)
		}
		text := st.en
		if lang == locales.Korean {
			text = st.ko
		}
		if text != "" {
			s.waitFrom(t, from, text)
		}
	}
}

// finish quits the program and returns the root model as it was then.
func finish(t *testing.T, tm *teatest.TestModel) *ui.Model {
	t.Helper()
	tm.Send(tea.QuitMsg{})
	return tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*ui.Model)
}

// labGroupReady makes lab step B1–B3's group through the backend.
func labGroupReady(t *testing.T, c *common.Common) {
	t.Helper()
	ctx := context.Background()
	if _, err := c.Backend.CreateGroup(ctx, model.NewGroup{GroupName: labGroup}); err != nil {
		t.Fatal(err)
	}
	if err := c.Backend.AttachGroupPolicy(ctx, labGroup, cloudTrail); err != nil {
		t.Fatal(err)
	}
}

// labUserReady makes lab steps B4–B10's user through the backend.
func labUserReady(t *testing.T, c *common.Common) {
	t.Helper()
	labGroupReady(t, c)
	ctx := context.Background()
	if _, err := c.Backend.CreateUser(ctx, model.NewUser{UserName: labUser, Tags: []model.Tag{{Key: "Name", Value: labUser}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Backend.CreateLoginProfile(ctx, model.NewLoginProfile{UserName: labUser, Password: labPassword}); err != nil {
		t.Fatal(err)
	}
	if err := c.Backend.AddUserToGroup(ctx, labGroup, labUser); err != nil {
		t.Fatal(err)
	}
}

// Key sequences from the console home.
var (
	toIAM    = wait("signin.aws.amazon.com", "signin.aws.amazon.com", "down", "down", "enter")
	toGroups = []step{toIAM, wait(labGroup, labGroup, "enter")}
	toUsers  = []step{toIAM, wait("Just now", "방금", "down", "enter")}
)

func join(parts ...[]step) []step {
	var out []step
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// iamScreens are the IAM golden screens: each replays the lab by key presses from the
// console home on a fresh simulator, in both languages.
func iamScreens() []struct {
	name  string
	setup func(t *testing.T, c *common.Common)
	steps []step
} {
	addUsersStep1 := join(toUsers, []step{
		wait("Set user details", "사용자 세부 정보 설정", "c"),
		// Wait for the masked password while its line is being drawn; after tab only
		// focus moves, which the renderer may not repaint, and the golden is taken
		// from the final model anyway.
		wait("*", "*", labUser, "tab", "tab", "space", "tab", "down", "tab", labPassword),
		wait("", "", "tab"),
	})
	addUsersStep2 := append(addUsersStep1, wait("AWSCloudTrail_FullAccess", "AWSCloudTrail_FullAccess", "ctrl+n"),
		wait("[x]", "[x]", "tab", "space"))
	addUsersStep3 := append(addUsersStep2, wait("49", "49", "ctrl+n"), wait("", "", "Name", "tab", labUser))
	addUsersStep4 := append(addUsersStep3, wait("create-login-profile", "create-login-profile", "ctrl+n"))
	success := append(addUsersStep4, wait("123456789012.signin.aws.amazon.com", "123456789012.signin.aws.amazon.com", "ctrl+n"))
	toLabUser := join(toUsers, []step{wait("user/lab-user", "user/lab-user", "down", "enter")})
	return []struct {
		name  string
		setup func(t *testing.T, c *common.Common)
		steps []step
	}{
		{"iam_home", nil, []step{toIAM}},
		{"iam_users", labUserReady, join(toUsers, []step{wait(labGroup, labGroup)})},
		{"iam_groups", labGroupReady, join(toGroups, []step{wait("AWSCloudTrail_FullAccess", "AWSCloudTrail_FullAccess")})},
		{"iam_create_group_filter", nil, join([]step{toIAM, wait("User groups (0)", "사용자 그룹 (0)", "enter")}, []step{
			wait("AdministratorAccess", "AdministratorAccess", "c"),
			wait("attach-group-policy", "attach-group-policy", labGroup, "tab", "/", "CloudTrail", "enter", "space"),
		})},
		{"iam_add_users_1_details", labGroupReady, addUsersStep1},
		{"iam_add_users_2_permissions", labGroupReady, addUsersStep2},
		{"iam_add_users_3_tags", labGroupReady, addUsersStep3},
		{"iam_add_users_4_review", labGroupReady, addUsersStep4},
		{"iam_add_users_5_success", labGroupReady, success},
		{"iam_user_permissions", labUserReady, join(toLabUser, []step{wait("AWSCloudTrail_FullAccess", "AWSCloudTrail_FullAccess")})},
		{"iam_user_security", labUserReady, join(toLabUser, []step{wait("Enabled (never signed in)", "활성화 (로그인한 적 없음)", "4")})},
		{"signin_dialog", labUserReady, []step{wait("Sign in as IAM user", "IAM 사용자로 로그인", "ctrl+o"), wait("*", "*", labUser, "tab", "Suwon")}},
		{"access_denied_as_lab_user", labUserReady, []step{
			wait("Sign in as IAM user", "IAM 사용자로 로그인", "ctrl+o"),
			wait("Identity lab-user", "자격 증명 lab-user", labUser, "tab", labPassword, "enter"),
			wait("signin.aws.amazon.com", "signin.aws.amazon.com", "down", "down", "enter"),
			wait("iam:ListGroups", "iam:ListGroups", "enter"),
		}},
	}
}

// TestIAMGoldenScreens compares each IAM screen at 100×30 with its golden file.
func TestIAMGoldenScreens(t *testing.T) {
	for _, sc := range iamScreens() {
		for _, lang := range []locales.Lang{locales.English, locales.Korean} {
			t.Run(sc.name+"_"+string(lang), func(t *testing.T) {
				m, c, _ := newSession(t, lang)
				if sc.setup != nil {
					sc.setup(t, c)
				}
				tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
				drive(t, tm, lang, sc.steps)
				view := finish(t, tm).View()
				assertFits(t, view, 100, 30)
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// signedInAs reports who b acts as.
func signedInAs(t *testing.T, b backend.Backend) string {
	t.Helper()
	id, err := b.CallerIdentity(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return id.Name()
}

// TestLabPartBAndC10 drives lab part B (group, user, sign-in as lab-user) and step
// C10 (back as admin, attach AmazonS3FullAccess, back as lab-user) by key presses,
// in English and in Korean, then checks the account through the backend.
func TestLabPartBAndC10(t *testing.T) {
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			m, c, _ := newSession(t, lang)
			admin := c.Backend
			dir := t.TempDir()
			csvPath := dir + "/lab-user_credentials.csv"
			steps := []step{
				// B1–B3: IAM > User groups > Create group, filter CloudTrail, tick the first.
				toIAM,
				wait("User groups (0)", "사용자 그룹 (0)", "enter"),
				wait("AdministratorAccess", "AdministratorAccess", "c"),
				wait("attach-group-policy", "attach-group-policy", labGroup, "tab", "/", "CloudTrail", "enter", "space"),
				wait("User group lab-cloudtrail-group created.", "사용자 그룹 lab-cloudtrail-group이(가) 생성되었습니다.", "ctrl+s"),
				// B4–B11: Users > Add users.
				wait("Access management", "액세스 관리", "esc"),
				wait("Just now", "방금", "down", "enter"),
				wait("Set user details", "사용자 세부 정보 설정", "c"),
				wait("AWSCloudTrail_FullAccess", "AWSCloudTrail_FullAccess",
					labUser, "tab", "tab", "space", "tab", "down", "tab", labPassword, "ctrl+n"),
				wait("[x]", "[x]", "tab", "space"),
				wait("49", "49", "ctrl+n"),
				wait("create-login-profile", "create-login-profile", "Name", "tab", labUser, "ctrl+n"),
				wait("123456789012.signin.aws.amazon.com", "123456789012.signin.aws.amazon.com", "ctrl+n"),
				wait("credentials.csv", "credentials.csv", "d"),
				wait("Saved to", "저장했습니다", "ctrl+u", csvPath, "enter"),
				// B12–B13: the Users list, lab-user's security credentials, sign in as lab-user.
				wait(labGroup, labGroup, "enter"),
				wait("user/lab-user", "user/lab-user", "down", "enter"),
				wait("Enabled (never signed in)", "활성화 (로그인한 적 없음)", "4"),
				wait("Sign in as IAM user", "IAM 사용자로 로그인", "ctrl+o"),
				wait("Identity lab-user", "자격 증명 lab-user", labUser, "tab", labPassword, "enter"),
				// C10: back as admin, attach AmazonS3FullAccess directly, back as lab-user.
				wait("Sign out lab-user", "lab-user 로그아웃", "ctrl+o"),
				wait("Identity Administrator", "자격 증명 Administrator", "ctrl+x"),
				wait("AmazonS3ReadOnlyAccess", "AmazonS3ReadOnlyAccess", "1", "a"),
				wait("attach-user-policy", "attach-user-policy", "/", "AmazonS3FullAccess", "enter", "space"),
				wait("Added AmazonS3FullAccess to lab-user.", "lab-user에 AmazonS3FullAccess을(를) 추가했습니다.", "ctrl+s"),
				wait("Sign in as IAM user", "IAM 사용자로 로그인", "ctrl+o"),
				wait("Identity lab-user", "자격 증명 lab-user", labUser, "tab", labPassword, "enter"),
			}
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
			drive(t, tm, lang, steps)
			finish(t, tm)

			if got := signedInAs(t, c.Backend); got != labUser {
				t.Errorf("the console acts as %s at the end, want %s", got, labUser)
			}
			checkLabState(t, admin)
			data, err := os.ReadFile(csvPath)
			if err != nil {
				t.Fatal(err)
			}
			want := "User name,Password,Access key ID,Secret access key,Console login link\n" +
				"lab-user,Suwon#0307,,,https://123456789012.signin.aws.amazon.com/console\n"
			if string(data) != want {
				t.Errorf("credentials .csv:\n%s\nwant:\n%s", data, want)
			}
		})
	}
}

// checkLabState checks what part B and step C10 leave in the account.
func checkLabState(t *testing.T, b backend.Backend) {
	t.Helper()
	ctx := context.Background()
	gp, err := b.ListAttachedGroupPolicies(ctx, labGroup)
	if err != nil || len(gp) != 1 || gp[0].PolicyArn != cloudTrail {
		t.Errorf("group policies = %+v, %v; want only AWSCloudTrail_FullAccess", gp, err)
	}
	groups, err := b.ListGroupsForUser(ctx, labUser)
	if err != nil || len(groups) != 1 || groups[0].GroupName != labGroup {
		t.Errorf("groups of lab-user = %+v, %v", groups, err)
	}
	tags, err := b.ListUserTags(ctx, labUser)
	if err != nil || len(tags) != 1 || tags[0] != (model.Tag{Key: "Name", Value: labUser}) {
		t.Errorf("tags of lab-user = %+v, %v", tags, err)
	}
	lp, err := b.GetLoginProfile(ctx, labUser)
	if err != nil || lp.PasswordResetRequired {
		t.Errorf("login profile = %+v, %v; want one without reset", lp, err)
	}
	up, err := b.ListAttachedUserPolicies(ctx, labUser)
	if err != nil || len(up) != 1 || up[0].PolicyArn != s3Full {
		t.Errorf("lab-user's own policies = %+v, %v; want AmazonS3FullAccess", up, err)
	}
	as, err := b.SignIn(ctx, labUser, labPassword)
	if err != nil {
		t.Fatalf("sign-in as lab-user: %v", err)
	}
	if got := signedInAs(t, as); got != labUser {
		t.Errorf("signed in as %s", got)
	}
}
