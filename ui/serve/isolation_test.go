package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/model"
)

func keyIdentity(k gossh.Signer) Identity { return Identity{Kind: AuthKey, Key: k.PublicKey()} }

// backendOf is a full-access backend on the sandbox a live session holds, as a test's
// stand-in for screens that create things; release drops the test's reference.
func (ts *testServer) backendOf(t *testing.T, id Identity) (*awsapi.Backend, func()) {
	t.Helper()
	sb, ok := ts.pool.attach(context.Background(), id.SandboxName())
	if !ok {
		t.Fatalf("sandbox %s is not open", id.SandboxName())
	}
	return ts.sandboxBackend(sb, false), func() { ts.pool.release(sb) }
}

func createUser(t *testing.T, b *awsapi.Backend, name string) {
	t.Helper()
	if _, err := b.CreateUser(context.Background(), model.NewUser{UserName: name}); err != nil {
		t.Fatalf("CreateUser %s: %v", name, err)
	}
}

// openUsers walks from the menu to IAM > Users and waits until it has loaded count
// users (the title says "Users (0)" while the first page loads).
func (c *client) openUsers(count int, want ...string) {
	c.t.Helper()
	c.waitFor(0, "Administrator")
	from := c.mark()
	c.press("down", "down", "enter") // IAM, the third service
	c.waitFor(from, "User groups")   // IAM's home: User groups, Users, Policies
	from = c.mark()
	c.press("down", "enter")
	c.waitFor(from, append([]string{fmt.Sprintf("Users (%d)", count)}, want...)...)
}

// waitSandboxClosed waits for the pool to close a sandbox after its last session.
func (ts *testServer) waitSandboxClosed(t *testing.T, id Identity) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for slices.Contains(ts.pool.openNames(), id.SandboxName()) {
		if time.Now().After(deadline) {
			t.Fatalf("sandbox %s still open after its sessions ended", id.SandboxName())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestEachKeyHasItsOwnSandboxKeptAcrossReconnects(t *testing.T) {
	ts := startServer(t, Config{})
	keyA, keyB := newKey(t), newKey(t)

	a := ts.connect(t, clientOpts{key: keyA})
	b := ts.connect(t, clientOpts{key: keyB})
	a.waitFor(0, "Administrator")
	b.waitFor(0, "Administrator")

	ba, releaseA := ts.backendOf(t, keyIdentity(keyA))
	bb, releaseB := ts.backendOf(t, keyIdentity(keyB))
	createUser(t, ba, "alice-user")
	createUser(t, bb, "bob-user")
	releaseA()
	releaseB()

	a.openUsers(2, "alice-user")
	b.openUsers(2, "bob-user")
	if got := a.text(0); contains(got, "bob-user") {
		t.Fatalf("A sees B's user:\n%s", got)
	}
	if got := b.text(0); contains(got, "alice-user") {
		t.Fatalf("B sees A's user:\n%s", got)
	}
	for _, k := range []gossh.Signer{keyA, keyB} {
		dir := filepath.Join(ts.cfg.DataDir, "sandboxes", keyIdentity(k).SandboxName())
		if _, err := os.Stat(filepath.Join(dir, "accounts", sim.DefaultAccountID+".db")); err != nil {
			t.Fatalf("no sandbox database for %s: %v", gossh.FingerprintSHA256(k.PublicKey()), err)
		}
	}

	// A leaves; its sandbox is closed and saved, and B is untouched.
	from := a.mark()
	a.press("q")
	if code := a.waitExit(); code != 0 {
		t.Fatalf("quit exited %d", code)
	}
	if !contains(a.text(from), "same key") {
		t.Fatalf("no word on resuming after quit:\n%s", a.text(from))
	}
	ts.waitSandboxClosed(t, keyIdentity(keyA))

	// A reconnects, with another user name even: the key decides, the state is there.
	a2 := ts.connect(t, clientOpts{key: keyA, user: "someone-else"})
	a2.openUsers(2, "alice-user")
	if contains(a2.text(0), "bob-user") {
		t.Fatal("after reconnecting, A sees B's user")
	}
}

func TestSessionsOfOneKeyShareOneSandbox(t *testing.T) {
	ts := startServer(t, Config{})
	key := newKey(t)
	first := ts.connect(t, clientOpts{key: key})
	second := ts.connect(t, clientOpts{key: key})
	first.openUsers(1)
	second.openUsers(1)

	be, release := ts.backendOf(t, keyIdentity(key))
	createUser(t, be, "shared-user")
	release()
	from := second.mark()
	second.press("r")
	second.waitFor(from, "Users (2)")
	second.waitFor(0, "shared-user")
	if n := len(ts.pool.openNames()); n != 1 {
		t.Fatalf("%d sandboxes open for one key", n)
	}

	// The first session leaving must not close the sandbox under the second.
	first.press("q")
	first.waitExit()
	createUser2, release2 := ts.backendOf(t, keyIdentity(key))
	createUser(t, createUser2, "later-user")
	release2()
	from = second.mark()
	second.press("r")
	second.waitFor(from, "Users (3)", "later-user")
}

func TestDroppedConnectionLeavesTheSandboxConsistent(t *testing.T) {
	ts := startServer(t, Config{})
	key := newKey(t)
	id := keyIdentity(key)
	c := ts.connect(t, clientOpts{key: key})
	c.openUsers(1)

	// Writes are under way when the connection drops: a user created by a background
	// call, and the screen refreshing.
	be, release := ts.backendOf(t, id)
	var (
		mu      sync.Mutex
		created []string
		wg      sync.WaitGroup
	)
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 40; i++ { // one page of users at most
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			name := fmt.Sprintf("drop-%03d", i)
			if _, err := be.CreateUser(context.Background(), model.NewUser{UserName: name}); err == nil {
				mu.Lock()
				created = append(created, name)
				mu.Unlock()
			}
		}
	}()
	time.Sleep(200 * time.Millisecond)
	c.press("r")
	c.raw.Close() // the student's laptop lid closes
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()
	release()
	ts.waitSandboxClosed(t, id)
	if ts.reg.count() != 0 {
		t.Fatalf("%d sessions still registered after the drop", ts.reg.count())
	}

	// The database opens cleanly (store.Open runs quick_check) with every user whose
	// creation succeeded.
	dir := filepath.Join(ts.cfg.DataDir, "sandboxes", id.SandboxName())
	s, err := sim.New(context.Background(), sim.Options{DataDir: dir})
	if err != nil {
		t.Fatalf("sandbox does not reopen: %v", err)
	}
	creds := s.AdminCredentials()
	direct := awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
	have := map[string]bool{}
	for token := ""; ; {
		page, err := direct.ListUsers(context.Background(), model.PageRequest{Token: token})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range page.Items {
			have[u.UserName] = true
		}
		if token = page.NextToken; token == "" {
			break
		}
	}
	s.Close()
	if len(created) == 0 {
		t.Fatal("no user was created while the connection dropped")
	}
	for _, name := range created {
		if !have[name] {
			t.Fatalf("user %s was created but is missing after the drop", name)
		}
	}

	// And the student resumes.
	again := ts.connect(t, clientOpts{key: key})
	again.openUsers(len(created) + 1)
}

func contains(s, sub string) bool { return len(sub) > 0 && indexOf(s, sub) >= 0 }

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestTwoSessionsOnOneConnection(t *testing.T) {
	ts := startServer(t, Config{})
	key := newKey(t)
	first := ts.connect(t, clientOpts{key: key, env: map[string]string{"LANG": "ko_KR.UTF-8"}})
	second := first.another(clientOpts{env: map[string]string{"LANG": "en_US.UTF-8"}})
	first.waitFor(0, "서비스", "Administrator")
	second.waitFor(0, "Services", "Administrator")
	if contains(second.text(0), "서비스") || ts.reg.count() != 2 || len(ts.pool.openNames()) != 1 {
		t.Fatalf("sessions %d, sandboxes %v; second screen:\n%s", ts.reg.count(), ts.pool.openNames(), second.text(0))
	}
	first.press("q")
	first.waitExit()
	second.openUsers(1)
}
