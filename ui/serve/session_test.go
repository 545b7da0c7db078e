package serve

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func TestLanguagePerSession(t *testing.T) {
	ts := startServer(t, Config{AllowPassword: true})
	cases := []struct {
		name string
		opts clientOpts
		want string // the menu's title
	}{
		{"default", clientOpts{key: newKey(t)}, "Services"},
		{"LANG from the client", clientOpts{key: newKey(t), env: map[string]string{"LANG": "ko_KR.UTF-8"}}, "서비스"},
		{"LC_ALL before LANG", clientOpts{key: newKey(t), env: map[string]string{"LANG": "ko_KR.UTF-8", "LC_ALL": "en_US.UTF-8"}}, "Services"},
		{"ko@host", clientOpts{key: newKey(t), user: "ko"}, "서비스"},
		{"user name beats LANG", clientOpts{key: newKey(t), user: "en", env: map[string]string{"LANG": "ko_KR.UTF-8"}}, "Services"},
		{"alice+ko with a password", clientOpts{user: "alice+ko", password: "anything"}, "서비스"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := ts.connect(t, tc.opts)
			c.waitFor(0, tc.want, "Administrator")
			other := map[string]string{"Services": "서비스", "서비스": "Services"}[tc.want]
			if contains(c.text(0), other) {
				t.Fatalf("the screen mixes languages:\n%s", c.text(0))
			}
			from := c.mark()
			c.press("L") // the root's live switch still works per session
			c.waitFor(from, other)
			c.press("q")
			c.waitExit()
		})
	}
}

func TestPasswordUserNameNamesTheSandbox(t *testing.T) {
	ts := startServer(t, Config{AllowPassword: true})
	c := ts.connect(t, clientOpts{user: "alice+ko", password: "x"})
	c.waitFor(0, "서비스")
	if _, err := os.Stat(filepath.Join(ts.cfg.DataDir, "sandboxes", "user-alice")); err != nil {
		t.Fatalf("alice's sandbox is not under her user name: %v", err)
	}
	from := c.mark()
	c.press("q")
	c.waitExit()
	if !contains(c.text(from), "alice") {
		t.Fatalf("the farewell does not name the user to reconnect as:\n%s", c.text(from))
	}

	// OpenSSH offers keyboard-interactive before password: it asks for the password
	// and the user name still names the sandbox.
	bob := ts.connect(t, clientOpts{user: "bob", password: "x", kiOnly: true})
	bob.waitFor(0, "Services")
	if _, err := os.Stat(filepath.Join(ts.cfg.DataDir, "sandboxes", "user-bob")); err != nil {
		t.Fatalf("bob's keyboard-interactive session is not in his sandbox: %v (open: %v)", err, ts.pool.openNames())
	}
}

func TestWithoutAKeyTheSandboxIsEphemeral(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.connect(t, clientOpts{}) // keyboard-interactive, no key
	c.waitFor(0, "Administrator")
	if names := ts.pool.openNames(); len(names) != 1 || !contains(names[0], "ephemeral-") {
		t.Fatalf("open sandboxes = %v, want one ephemeral", names)
	}
	from := c.mark()
	c.press("q")
	c.waitExit()
	c.waitFor(from, "temporary")
	if entries, _ := os.ReadDir(filepath.Join(ts.cfg.DataDir, "sandboxes")); len(entries) != 0 {
		t.Fatalf("an anonymous session left a sandbox on disk: %v", entries)
	}
}

func TestPasswordsAreRefusedUnlessAllowed(t *testing.T) {
	ts := startServer(t, Config{})
	_, err := ts.tryConnectPasswordOnly(t, "alice")
	if err == nil {
		t.Fatal("password authentication succeeded without --allow-password")
	}
}

func TestTinyTerminalDoesNotCrash(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.connect(t, clientOpts{key: newKey(t), width: 10, height: 5})
	c.waitFor(0, "Services") // the menu, cut to ten columns
	c.press("down", "down", "enter", "/", "x", "esc", "esc", "?", "L", "up", "enter", "esc")
	for _, size := range [][2]int{{1, 1}, {0, 0}, {3, 200}, {200, 2}, {10, 5}} {
		if err := c.sess.WindowChange(size[1], size[0]); err != nil {
			t.Fatal(err)
		}
		c.press("down")
	}
	from := c.mark()
	c.press("q")
	if code := c.waitExit(); code != 0 {
		t.Fatalf("exit %d after a tiny terminal; screen:\n%s", code, c.text(from))
	}
	if contains(c.text(from), "internal error") {
		t.Fatalf("the session crashed:\n%s", c.text(from))
	}
}

func TestMaxSessionsTurnsExtraClientsAwayPolitely(t *testing.T) {
	keys := gossh.MarshalAuthorizedKey(newKey(t).PublicKey())
	teacher := newKey(t)
	keys = append(keys, gossh.MarshalAuthorizedKey(teacher.PublicKey())...)
	file := filepath.Join(t.TempDir(), "instructors")
	os.WriteFile(file, keys, 0o600)
	instructors, err := LoadInstructorKeys(file)
	if err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{MaxSessions: 2, Instructors: instructors})
	for range 2 {
		ts.connect(t, clientOpts{key: newKey(t)}).waitFor(0, "Administrator")
	}
	extra := ts.connect(t, clientOpts{key: newKey(t), user: "ko"})
	if code := extra.waitExit(); code != 1 {
		t.Fatalf("the extra client exited %d, want 1", code)
	}
	extra.waitFor(0, "가득 찼습니다", "2")
	if contains(extra.text(0), "Administrator") {
		t.Fatal("the extra client got a console")
	}
	// The instructor is not counted and still gets in.
	ts.connect(t, clientOpts{key: teacher}).waitFor(0, "(2)")
}

func TestIdleSessionsAreToldAndClosed(t *testing.T) {
	ts := startServer(t, Config{IdleTimeout: 2 * time.Second})
	c := ts.connect(t, clientOpts{key: newKey(t)})
	c.waitFor(0, "Administrator")
	// Typing keeps the session alive past the timeout.
	for range 10 {
		time.Sleep(300 * time.Millisecond)
		c.press("down")
	}
	select {
	case <-c.done:
		t.Fatal("a session with keystrokes was closed as idle")
	default:
	}
	from := c.mark()
	start := time.Now()
	c.waitExit()
	if waited := time.Since(start); waited < time.Second {
		t.Fatalf("closed %s after the last key, before the timeout", waited)
	}
	c.waitFor(from, "without activity", "same key")
}

func TestShutdownClosesEverySessionAndSandbox(t *testing.T) {
	ts := startServer(t, Config{})
	a := ts.connect(t, clientOpts{key: newKey(t)})
	b := ts.connect(t, clientOpts{key: newKey(t), user: "ko"})
	a.waitFor(0, "Administrator")
	b.waitFor(0, "Administrator")
	fromA, fromB := a.mark(), b.mark()
	ts.stop(t) // fails the test if a sandbox stays open
	a.waitExit()
	b.waitExit()
	a.waitFor(fromA, "shutting down")
	b.waitFor(fromB, "종료되고 있습니다")
	if _, err := ts.tryConnect(t, clientOpts{key: newKey(t)}); err == nil {
		t.Fatal("a new connection was accepted after shutdown")
	}
}

func TestHostKeyPersistsAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	first := startServer(t, Config{DataDir: dir})
	c := first.connect(t, clientOpts{key: newKey(t)})
	c.waitFor(0, "Administrator")
	fp := c.hostFP
	first.stop(t)
	info, err := os.Stat(filepath.Join(dir, HostKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		t.Fatalf("host key mode %v is readable by others", info.Mode().Perm())
	}
	second := startServer(t, Config{DataDir: dir})
	c2 := second.connect(t, clientOpts{key: newKey(t)})
	c2.waitFor(0, "Administrator")
	if c2.hostFP != fp || fp == "" {
		t.Fatalf("host key changed across a restart: %s then %s", fp, c2.hostFP)
	}
}

func TestShutdownBeforeServeStillStops(t *testing.T) {
	srv, err := New(Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve after Shutdown: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve after Shutdown kept accepting")
	}
}
