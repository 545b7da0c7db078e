//go:build bench

package serve

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Load: 50 students on this 2-core machine, each pressing a key every 100 ms for 30 s,
// against the real binary (`labconsole serve` on loopback) so the memory figure is the
// server's own. Goals: under 20 MB per session, keystroke-to-frame p99 under 50 ms.
const (
	loadSessions = 50
	loadPeriod   = 100 * time.Millisecond
	loadDuration = 30 * time.Second
)

func BenchmarkServeLoad(b *testing.B) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		b.Skip("needs /proc to read the server's memory")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute) // stops by itself
	defer cancel()
	bin := filepath.Join(b.TempDir(), "labconsole")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "../cmd/labconsole").CombinedOutput(); err != nil {
		b.Fatalf("building labconsole: %v\n%s", err, out)
	}
	for b.Loop() {
		runLoad(ctx, b, bin)
	}
}

func runLoad(ctx context.Context, b *testing.B, bin string) {
	data := b.TempDir()
	cmd := exec.CommandContext(ctx, bin, "serve", "--listen", "127.0.0.1:0", "--data", data, "--max-sessions", "0", "--idle-timeout", "0")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	addr := ""
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if a, ok := strings.CutPrefix(sc.Text(), "labconsole serve: listening on "); ok {
			addr = a
			break
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	if addr == "" {
		b.Fatal("serve did not print its address")
	}
	base := rssMB(b, cmd.Process.Pid)

	clients := make([]*loadClient, loadSessions)
	var wg sync.WaitGroup
	errs := make(chan error, loadSessions)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := dialLoad(ctx, addr)
			if err != nil {
				errs <- err
				return
			}
			clients[i] = c
		}()
		time.Sleep(20 * time.Millisecond) // a class arriving, not one burst
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	defer func() {
		for _, c := range clients {
			c.conn.Close()
		}
	}()

	// Everybody types for the duration.
	start := time.Now()
	var typing sync.WaitGroup
	for i, c := range clients {
		typing.Add(1)
		go func() {
			defer typing.Done()
			c.typeFor(ctx, i, loadDuration)
		}()
	}
	time.Sleep(loadDuration / 2)
	mid := rssMB(b, cmd.Process.Pid)
	typing.Wait()
	end := rssMB(b, cmd.Process.Pid)
	elapsed := time.Since(start)

	// Every session must have lived through the load: a crash would show as missing
	// frames, not as latency.
	if log, err := os.ReadFile(filepath.Join(data, "serve.log")); err != nil {
		b.Fatal(err)
	} else if ended := bytes.Count(log, []byte("session ended")); ended > 0 || bytes.Contains(log, []byte("panic")) {
		b.Errorf("%d sessions ended during the load; the server log:\n%s", ended, log)
	}

	var lat []time.Duration
	missed := 0
	missedBy := map[string]int{}
	for _, c := range clients {
		lat = append(lat, c.latencies...)
		missed += c.missed
		for k, n := range c.missedBy {
			missedBy[fmt.Sprintf("%d:%q", k, loadKeys[k])] += n
		}
	}
	if missed > 0 {
		b.Logf("keys without a frame within 100 ms, by position in the round: %v", missedBy)
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[min(int(p*float64(len(lat))), len(lat)-1)]) / float64(time.Millisecond)
	}
	perSession := (max(mid, end) - base) / loadSessions
	b.ReportMetric(float64(loadSessions), "sessions")
	b.ReportMetric(perSession, "MB/session")
	b.ReportMetric(base, "MB-idle-server")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(pct(1), "max-ms")
	b.ReportMetric(float64(len(lat)), "keystrokes")
	b.ReportMetric(float64(missed), "no-frame-in-100ms")
	b.Logf("%d sessions for %s: RSS %.1f MB idle, %.1f MB mid-load, %.1f MB at end → %.2f MB/session; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d keystrokes (%d without a frame within 100 ms)",
		loadSessions, elapsed.Round(time.Second), base, mid, end, perSession, pct(0.5), pct(0.99), pct(1), len(lat), missed)
}

// rssMB is the process's resident memory in MB.
func rssMB(b *testing.B, pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return float64(kb) / 1024
		}
	}
	b.Fatal("no VmRSS")
	return 0
}

// loadClient is a student's terminal that keeps no screen, only timings: the time from
// a keystroke to the first output after it (the frame that shows it).
type loadClient struct {
	conn  *gossh.Client
	stdin interface{ Write([]byte) (int, error) }
	ready chan struct{}
	once  sync.Once
	tail  []byte // the last bytes seen, to spot the DA1 query and the first screen

	sent      atomic.Int64 // unix ns of the unanswered keystroke; 0 when answered
	mu        sync.Mutex
	latencies []time.Duration
	missed    int
	lastKey   int         // position in loadKeys of the last key sent
	missedBy  map[int]int // keys without a frame within a period, by position in loadKeys
}

func dialLoad(ctx context.Context, addr string) (*loadClient, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	key, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return nil, err
	}
	cfg := &gossh.ClientConfig{User: "student", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)}, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 20 * time.Second}
	var d net.Dialer
	raw, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	cc, chans, reqs, err := gossh.NewClientConn(raw, addr, cfg)
	if err != nil {
		return nil, err
	}
	c := &loadClient{conn: gossh.NewClient(cc, chans, reqs), ready: make(chan struct{}), missedBy: map[int]int{}}
	sess, err := c.conn.NewSession()
	if err != nil {
		return nil, err
	}
	if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	if c.stdin, err = sess.StdinPipe(); err != nil {
		return nil, err
	}
	sess.Stdout = c
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	select {
	case <-c.ready:
		return c, nil
	case <-time.After(30 * time.Second):
		return nil, fmt.Errorf("a session did not draw its first screen in 30s")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (c *loadClient) Write(p []byte) (int, error) {
	if sent := c.sent.Swap(0); sent != 0 {
		c.record(time.Since(time.Unix(0, sent)), false)
	}
	c.tail = append(c.tail, p...)
	if bytes.Contains(c.tail, []byte(da1)) {
		go c.stdin.Write([]byte("\x1b[?62;22c"))
		c.tail = c.tail[:0]
	}
	if bytes.Contains(c.tail, []byte("Administrator")) {
		c.once.Do(func() { close(c.ready) })
	}
	if len(c.tail) > 4096 {
		c.tail = append(c.tail[:0], c.tail[len(c.tail)-64:]...)
	}
	return len(p), nil
}

func (c *loadClient) record(d time.Duration, missed bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.latencies = append(c.latencies, d)
	if missed {
		c.missed++
	}
}

// loadKeys is what each student types, one key a period, round and round. Every key
// changes the screen (a refresh would not: it completes within a frame and draws the
// same rows), and each round opens IAM > Users, so the sandboxes serve ListUsers calls
// during the load, not only the menu. Back is backspace, not esc: a lone ESC read
// together with the next key is alt+key, as in any terminal, and would derail the
// round when the machine is busy.
var loadKeys = []string{
	"j", "j", "\r", // to IAM, the third service, and into its home
	"j", "\r", "s", // to Users, open it (ListUsers), sort it
	"\x7f", "\x7f", "k", "k", // back (backspace) to IAM's home, the menu, its first entry
	"j", "k", "j", "k", "j", "k", "j", "k", "j", "k",
}

// typeFor types loadKeys every period for d. Student n starts n/50 of a round later,
// as a class types: not all fifty opening IAM in the same 100 ms (that lockstep herd
// costs the enter key two or three frames more at p99 on two cores).
func (c *loadClient) typeFor(ctx context.Context, n int, d time.Duration) {
	round := loadPeriod * time.Duration(len(loadKeys))
	select {
	case <-ctx.Done():
		return
	case <-time.After(time.Duration(n) * round / loadSessions):
	}
	t := time.NewTicker(loadPeriod)
	defer t.Stop()
	stop := time.After(d)
	keys := loadKeys
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return
		case <-stop:
			return
		case <-t.C:
		}
		now := time.Now()
		if prev := c.sent.Swap(now.UnixNano()); prev != 0 {
			// The last key drew nothing within a period: count it at least that slow.
			c.record(now.Sub(time.Unix(0, prev)), true)
			c.mu.Lock()
			c.missedBy[c.lastKey]++
			c.mu.Unlock()
		}
		c.mu.Lock()
		c.lastKey = i % len(keys)
		c.mu.Unlock()
		if _, err := c.stdin.Write([]byte(keys[i%len(keys)])); err != nil {
			return
		}
	}
}
