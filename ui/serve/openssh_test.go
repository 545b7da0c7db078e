package serve

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
	gossh "golang.org/x/crypto/ssh"
)

// TestThroughTheOpenSSHClient drives the server with the real `ssh -tt` in a pty, as a
// student would, with LANG sent by SendEnv. CI installs openssh-client; without it the
// test is skipped.
func TestThroughTheOpenSSHClient(t *testing.T) {
	sshBin, err := exec.LookPath("ssh")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("ssh (openssh-client) is not installed; CI must install it")
		}
		t.Skip("ssh (openssh-client) is not installed")
	}
	ts := startServer(t, Config{})
	home := t.TempDir()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	block, err := gossh.MarshalPrivateKey(priv, "labconsole test")
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(home, "id_ed25519")
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	signer, _ := gossh.NewSignerFromKey(priv)
	host, port, _ := net.SplitHostPort(ts.addr)

	cmd := exec.Command(sshBin, "-tt", "-F", "/dev/null",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
		"-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "SendEnv=LANG", "-i", keyFile,
		"-p", port, "student@"+host)
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color", "LANG=ko_KR.UTF-8"}
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	term := &ptyTerm{f: tty}
	go term.read()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	}()

	term.waitFor(t, "서비스", "Administrator") // Korean from LANG, through SendEnv
	be, release := ts.backendOf(t, keyIdentity(signer))
	createUser(t, be, "openssh-user")
	release()
	for _, keys := range [][]string{{"\x1b[B", "\x1b[B", "\r"}, {"\x1b[B", "\r"}} {
		for _, k := range keys {
			tty.Write([]byte(k))
			time.Sleep(50 * time.Millisecond)
		}
		term.waitFor(t, "사용자 그룹") // IAM's home, then its Users
	}
	term.waitFor(t, "사용자 (2)", "openssh-user")
	tty.Write([]byte("q"))
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("ssh exited with %v\n%s", err, term.text())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("ssh did not exit after q:\n%s", term.text())
	}
	term.waitFor(t, "같은 키로") // the farewell, after the alternate screen is gone
}

// ptyTerm is the terminal in front of the ssh client: it records the screen and
// answers the server's device-attributes query as any terminal does.
type ptyTerm struct {
	f   *os.File
	mu  sync.Mutex
	out []byte
}

func (p *ptyTerm) read() {
	buf := make([]byte, 32<<10)
	for {
		n, err := p.f.Read(buf)
		if n > 0 {
			p.mu.Lock()
			before := bytes.Count(p.out, []byte(da1))
			p.out = append(p.out, buf[:n]...)
			answers := bytes.Count(p.out, []byte(da1)) - before
			p.mu.Unlock()
			for range answers {
				p.f.Write([]byte("\x1b[?62;22c"))
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *ptyTerm) text() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return ansi.Strip(string(p.out))
}

func (p *ptyTerm) waitFor(t *testing.T, want ...string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for _, w := range want {
		for !contains(p.text(), w) {
			if time.Now().After(deadline) {
				t.Fatalf("%q never appeared through ssh; the screen showed:\n%s", w, tail(p.text(), 3000))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}
