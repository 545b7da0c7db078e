package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func instructorFile(t *testing.T, keys ...gossh.Signer) []gossh.PublicKey {
	t.Helper()
	var b strings.Builder
	b.WriteString("# instructors of the lab\n\n")
	for _, k := range keys {
		b.Write(gossh.MarshalAuthorizedKey(k.PublicKey()))
	}
	file := filepath.Join(t.TempDir(), "instructors")
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	pub, err := LoadInstructorKeys(file)
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

func TestInstructorSeesSessionsAndAReadOnlySandbox(t *testing.T) {
	teacher := newKey(t)
	ts := startServer(t, Config{Instructors: instructorFile(t, teacher)})

	studentKey := newKey(t)
	student := ts.connect(t, clientOpts{key: studentKey, user: "ko"})
	student.openUsersKo()
	be, release := ts.backendOf(t, keyIdentity(studentKey))
	createUser(t, be, "student-user")
	release()
	other := ts.connect(t, clientOpts{key: newKey(t)})
	other.waitFor(0, "Administrator")

	fp := gossh.FingerprintSHA256(studentKey.PublicKey())
	inst := ts.connect(t, clientOpts{key: teacher, width: 160, height: 30})
	inst.waitFor(0, "Connected students (2)", fp[:24], "ko", "콘솔 홈 > IAM > 사용자", "Console Home")
	if contains(inst.text(0), "Services") {
		t.Fatal("the instructor got a student's console instead of the table")
	}
	if ts.reg.count() != 3 || len(ts.pool.openNames()) != 2 {
		t.Fatalf("%d sessions, sandboxes %v: the instructor must not get a sandbox", ts.reg.count(), ts.pool.openNames())
	}

	// Enter on the first row (the oldest session: the Korean student) opens the view.
	from := inst.mark()
	inst.press("enter")
	inst.waitFor(from, "Read-only view", "student-user", "Users (2)")

	// q returns to the table; the view's reference on the sandbox is dropped.
	from = inst.mark()
	inst.press("q")
	inst.waitFor(from, "Connected students")
	student.press("q")
	student.waitExit()
	ts.waitSandboxClosed(t, keyIdentity(studentKey))

	// A tiny or vanishing terminal neither crashes the table nor the view.
	for _, size := range [][2]int{{10, 5}, {0, 0}, {1, 1}} {
		inst.sess.WindowChange(size[1], size[0])
		inst.press("enter", "down", "esc", "esc") // in and out of the view; q would quit the table
	}
	inst.sess.WindowChange(30, 160)

	from = inst.mark()
	inst.press("q")
	if code := inst.waitExit(); code != 0 {
		t.Fatalf("instructor exited %d", code)
	}
	if contains(inst.text(from), "sandbox is saved") {
		t.Fatal("the instructor was told about a sandbox they do not have")
	}
}

// openUsersKo is openUsers for a Korean session.
func (c *client) openUsersKo() {
	c.t.Helper()
	c.waitFor(0, "Administrator")
	from := c.mark()
	c.press("down", "down", "enter")
	c.waitFor(from, "사용자 그룹")
	from = c.mark()
	c.press("down", "enter")
	c.waitFor(from, "사용자 (1)")
}
