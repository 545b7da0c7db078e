package labtest

import (
	"fmt"
	"testing"
	"time"
)

// The lab's values (assets/labs/lab1.yaml and the walkthrough).
const (
	Account     = "123456789012"
	Region      = "ap-northeast-2"
	LabGroup    = "lab-cloudtrail-group"
	LabUser     = "lab-user"
	LabPassword = "Suwon#0307"
	LabAlarm    = "lab-myalarm"
	LabEmail    = "student@example.com"
	LabTrail    = "lab-events-trail"
	LabBucket   = "aws-cloudtrail-logs-123456789012-mylog"
)

// Stretch is a stretch of Lab 1 done by key presses: the steps whose checks it turns
// from ✗ to ✓ and the keys. Wizard steps share the check of what the wizard creates
// at its end, so they turn together.
type Stretch struct {
	Steps []string
	Keys  []Step
}

// AWS is what a student does differently on a real account (`labconsole --backend
// aws`), where the lab panel has no simulator to drive: each hook is the student's
// way outside the console, and AWS's confirmations come in between. A nil *AWS is
// the embedded simulator, where the panel's f and a and the console's own sign-in
// (ctrl+o) do it all.
type AWS struct {
	// BillingOn turns on "Receive Billing Alerts" (A1: the AWS console's Billing
	// page; no API).
	BillingOn func(t testing.TB)
	// Advance lets d of the account's time pass (the panel's f in the simulator).
	Advance func(t testing.TB, d time.Duration)
	// Activity is part D's activity (the panel's a in the simulator).
	Activity func(t testing.TB)
	// SignIn is B13: the console sign-in in a browser, then working as lab-user
	// from here (an access key and a profile); ToAdmin and ToLabUser switch
	// profiles (C8). The run on a real account is in English: these steps and the
	// confirmations wait for English text.
	SignIn, ToAdmin, ToLabUser []Step
}

// PanelAt opens the lab panel on step n of Lab 1's 19.
func PanelAt(n int) Step {
	return Wait(fmt.Sprintf("Step %d of 19", n), fmt.Sprintf("19단계 중 %d단계", n), "ctrl+l")
}

// GoToStep is the panel's "go to the screen of this step" (g), then ctrl+l twice to
// take the keys back and close the panel; en/ko show the step's screen is there.
func GoToStep(en, ko string) Step { return Wait(en, ko, "g", "ctrl+l", "ctrl+l") }

// fastForward is the panel's f on a step that waits d ("6h", "5m"), or on a real
// account the wait itself, after which the panel is closed.
func fastForward(aws *AWS, d string) []Step {
	if aws == nil {
		return []Step{Wait("The clock moved "+d, "시계를 "+d, "f")}
	}
	dur, _ := time.ParseDuration(d)
	return []Step{
		// The panel says the wait is the simulator's only.
		Wait("simulator", "시뮬레이터", "f"),
		Do(func(t testing.TB, _ *Screen) { aws.Advance(t, dur) }),
	}
}

// SimSignIn and SimSignOut are the console's own sign-in as lab-user (ctrl+o) and
// sign-out back to the administrator, in the simulator.
var (
	SimSignIn = []Step{
		Wait("Sign in as IAM user", "IAM 사용자로 로그인", "ctrl+o"),
		Wait("Identity lab-user", "자격 증명 lab-user", LabUser, "tab", LabPassword, "enter"),
	}
	SimSignOut = []Step{
		Wait("Sign out lab-user", "lab-user 로그아웃", "ctrl+o"),
		Wait("Identity Administrator", "자격 증명 Administrator", "ctrl+x"),
	}
)

// Lab1 is the whole of Lab 1 (assets/labs/lab1.yaml) from the console home, with
// every screen reached through the panel's g; year is the year of the account's
// clock (part D's log folders).
func Lab1(aws *AWS, year int) []Stretch {
	a1 := []Step{
		PanelAt(1),
		GoToStep("Receive Billing Alerts", "결제 알림 받기"),
		Wait("Preferences saved", "기본 설정을 저장했습니다", "space", "ctrl+s"),
	}
	if aws != nil {
		a1 = []Step{
			PanelAt(1),
			// The page says AWS has no API for it.
			GoToStep("Billing preferences are set in the Billing console", "결제 기본 설정은 결제 콘솔에서 변경합니다"),
			// On a real account the console can only tell that alerts are on from
			// the billing metrics, which AWS starts publishing hours later.
			Do(func(t testing.TB, _ *Screen) { aws.BillingOn(t); aws.Advance(t, 6*time.Hour) }),
		}
	}
	firstDatapoint := fastForward(aws, "6h")
	if aws != nil {
		firstDatapoint = nil // A1's wait
	}
	signIn, signOut, backIn := SimSignIn, SimSignOut, SimSignIn
	activity := []Step{Wait("The lab activity ran.", "실습 활동을 실행했다.", "a")}
	if aws != nil {
		signIn, signOut, backIn = aws.SignIn, aws.ToAdmin, aws.ToLabUser
		// The panel offers no a without a simulator: the activity is the student's.
		activity = []Step{Do(func(t testing.TB, _ *Screen) { aws.Activity(t) })}
	}
	// done is a change's last step; on a real account its key asks first (the
	// dialog's title en/ko), and the confirmation's enter shows what st waits for.
	done := func(en, ko string, st Step) []Step {
		if aws == nil {
			return []Step{st}
		}
		return []Step{Wait(en, ko, st.Keys...), Wait(st.En, st.Ko, "enter")}
	}
	return []Stretch{
		{[]string{"A1"}, a1},
		{[]string{"A2", "A5", "A7", "A8"}, Join(
			[]Step{PanelAt(2)},
			firstDatapoint, // the first billing datapoint
			[]Step{
				GoToStep("▸ Billing", "▸ 결제"),
				Wait("Metrics (8)", "지표 (8)", "enter"),
				Wait("Metrics (1)", "지표 (1)", "down", "enter"),
				Wait("[x]", "[x]", "space"),
				Wait("Namespace AWS/Billing", "네임스페이스 AWS/Billing", "enter"),
				Wait("┄┄ > 200", "┄┄ > 200", "tab", "tab", "tab", "tab", "200"),
				Wait("Alarm state trigger", "경보 상태 트리거", "ctrl+n"),
				Wait(LabEmail, LabEmail, "tab", "down", "tab", "tab", LabEmail),
				Wait("Alarm name", "경보 이름", "ctrl+n"),
				Wait("Step 1: Metric and conditions", "1단계: 지표 및 조건", LabAlarm, "ctrl+n"),
			},
			done("Create alarm?", "경보를 생성하시겠습니까?",
				Wait("Successfully created alarm lab-myalarm.", "경보 lab-myalarm을(를) 생성했습니다.", "ctrl+n")),
		)},
		{[]string{"B1"}, Join([]Step{
			PanelAt(6),
			GoToStep("AdministratorAccess", "AdministratorAccess"),
			Wait("attach-group-policy", "attach-group-policy", LabGroup, "tab", "/", "CloudTrail", "enter", "space"),
		}, done("Create user group lab-cloudtrail-group?", "사용자 그룹 lab-cloudtrail-group을(를) 생성하시겠습니까?", Wait("User group lab-cloudtrail-group created.", "사용자 그룹 lab-cloudtrail-group이(가) 생성되었습니다.", "ctrl+s")))},
		{[]string{"B4", "B8", "B9", "B10"}, Join([]Step{
			PanelAt(7),
			GoToStep("Set user details", "사용자 세부 정보 설정"),
			Wait("AWSCloudTrail_FullAccess", "AWSCloudTrail_FullAccess",
				LabUser, "tab", "tab", "space", "tab", "down", "tab", LabPassword, "ctrl+n"),
			Wait("[x]", "[x]", "tab", "space"),
			Wait("49", "49", "ctrl+n"),
			Wait("create-login-profile", "create-login-profile", "Name", "tab", LabUser, "ctrl+n"),
		}, done("Create user?", "사용자를 만드시겠습니까?",
			Wait(Account+".signin.aws.amazon.com", Account+".signin.aws.amazon.com", "ctrl+n")))},
		{[]string{"B13"}, Join([]Step{
			PanelAt(11),
			GoToStep("user/lab-user", "user/lab-user"),
		}, signIn)},
		// Part C as lab-user.
		{[]string{"C1", "C4", "C7"}, Join([]Step{
			PanelAt(12),
			GoToStep("aws-cloudtrail-logs-"+Account+"-", "aws-cloudtrail-logs-"+Account+"-"),
			Wait(LabTrail, LabTrail, LabTrail, "tab", "tab", "ctrl+u"),
			Wait(LabBucket, LabBucket, LabBucket),
			Wait("RDS", "RDS", "ctrl+n"),
			Wait("s3://aws-cloudtrail-logs-", "s3://aws-cloudtrail-logs-", "ctrl+n"), // the review
			Wait("General details", "일반 세부 정보", "ctrl+n"),
		})},
		{[]string{"C8"}, Join(signOut, []Step{
			PanelAt(15),
			GoToStep("user/lab-user", "user/lab-user"),
			Wait("AmazonS3ReadOnlyAccess", "AmazonS3ReadOnlyAccess", "1", "a"),
			Wait("attach-user-policy", "attach-user-policy", "/", "AmazonS3FullAccess", "enter", "space"),
		}, done("Change the permissions of lab-user?", "lab-user의 권한을 변경하시겠습니까?",
			Wait("Added AmazonS3FullAccess to lab-user.", "lab-user에 AmazonS3FullAccess을(를) 추가했습니다.", "ctrl+s")), backIn)},
		{[]string{"C11"}, Join(
			[]Step{PanelAt(16)},
			fastForward(aws, "5m"), // the trail's first delivery
			[]Step{GoToStep("CloudTrail/", "CloudTrail/")},
		)},
		// D2 is reading the history the activity leaves: it turns with D1.
		{[]string{"D1", "D2"}, Join(
			[]Step{PanelAt(17)},
			activity,
			[]Step{GoToStep("Event name", "이벤트 이름")}, // Event history
		)},
		// The log files of the activity's day; the delivery after the activity (f)
		// completes the lab, and the panel says so.
		{[]string{"D3"}, Join([]Step{
			PanelAt(19),
			GoToStep(fmt.Sprintf("%d/", year), fmt.Sprintf("%d/", year)),
		}, lastDelivery(aws))},
	}
}

// lastDelivery is D3's wait for the delivery after the activity: the panel's f in the
// simulator, which completes the lab; on a real account the wait, then the panel.
func lastDelivery(aws *AWS) []Step {
	if aws == nil {
		return []Step{Wait("Lab complete", "실습 완료", "ctrl+l", "f")}
	}
	return []Step{
		Do(func(t testing.TB, _ *Screen) { aws.Advance(t, 5*time.Minute) }),
		Wait("Lab complete", "실습 완료", "ctrl+l"),
	}
}
