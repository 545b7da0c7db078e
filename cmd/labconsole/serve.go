package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/labconsole/labconsole/backend/sim/s3"
	"github.com/labconsole/labconsole/ui/serve"
)

// shutdownGrace is how long SIGTERM waits for sessions to close before cutting them.
const shutdownGrace = 10 * time.Second

func runServe(args []string) int {
	fs := flag.NewFlagSet("labconsole serve", flag.ContinueOnError)
	listen := fs.String("listen", ":23234", "address to serve SSH on")
	dataDir := fs.String("data", defaultDataDir(), "directory of the host key, the log and the students' sandboxes")
	maxSessions := fs.Int("max-sessions", 50, "most students connected at once (0: no limit); instructors are not counted")
	idle := fs.Duration("idle-timeout", serve.DefaultIdleTimeout, "close a session after this long without a keystroke (0: never)")
	allowPassword := fs.Bool("allow-password", false, "let students without an SSH key in with any password; the user name then names the sandbox")
	instructorKeys := fs.String("instructor-keys", "", "authorized_keys file of the instructors, who get the live table of sessions")
	backendName := fs.String("backend", "sim", "only sim: serving a real AWS account is not supported")
	maxObjects := fs.Int64("max-objects", serve.DefaultMaxObjects, "most S3 objects each sandbox stores (0: no limit)")
	readOnly := fs.Bool("read-only", false, "students' consoles refuse every call that would change their account (a READ-ONLY badge; the refused operation is named)")
	maxBytes := byteSize(serve.DefaultMaxBytes)
	fs.Var(&maxBytes, "max-bytes", "most S3 bytes each sandbox stores, e.g. 256MiB, 1GB, 500000 (0: no limit)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "labconsole serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *backendName != "sim" && *backendName != "simulator" {
		// Every student would act with the server's own AWS credentials on one real
		// account; until there is a safe design for that, serve is simulator-only.
		fmt.Fprintf(os.Stderr, "labconsole serve: --backend %s is not supported: serve gives each student a simulated account, never a real AWS account\n", *backendName)
		return 2
	}
	if *maxObjects < 0 {
		fmt.Fprintln(os.Stderr, "labconsole serve: --max-objects must be 0 (no limit) or more")
		return 2
	}
	cfg := serve.Config{DataDir: *dataDir, MaxSessions: *maxSessions, IdleTimeout: *idle, AllowPassword: *allowPassword, ReadOnly: *readOnly}
	cfg.Sim.S3Limits = s3.Limits{MaxObjects: *maxObjects, MaxBytes: int64(maxBytes)}
	if *instructorKeys != "" {
		keys, err := serve.LoadInstructorKeys(*instructorKeys)
		if err != nil {
			fmt.Fprintf(os.Stderr, "labconsole serve: --instructor-keys: %v\n", err)
			return 2
		}
		cfg.Instructors = keys
	}
	// Signals are caught from here on, before the address is printed, so a supervisor
	// that stops the server as soon as it is up still gets a graceful shutdown.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := serve.New(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "labconsole serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(os.Stderr, "labconsole serve: %v\n", err)
		return 1
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	fmt.Printf("labconsole serve: listening on %s\n  host key %s\n  data %s (log: serve.log)\n  students connect with: ssh -p %s HOST   (ssh -p %s ko@HOST for Korean)\n",
		ln.Addr(), gossh.FingerprintSHA256(srv.HostKey()), *dataDir, port, port)
	if *allowPassword {
		fmt.Println("  warning: --allow-password accepts ANY password; the user name alone picks the sandbox")
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		if err != nil {
			fmt.Fprintf(os.Stderr, "labconsole serve: %v\n", err)
			return 1
		}
	case <-ctx.Done():
	}
	fmt.Println("labconsole serve: shutting down; closing sessions and saving sandboxes")
	grace, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(grace); err != nil {
		fmt.Fprintf(os.Stderr, "labconsole serve: some sessions did not close in %s and were cut: %v\n", shutdownGrace, err)
	}
	<-served
	return 0
}

// byteSize is a flag of bytes with an optional unit: 1048576, 512KiB, 256MiB, 1GB, 2GiB.
type byteSize int64

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40}, {"B", 1},
}

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(v string) error {
	num, mult := strings.TrimSpace(v), int64(1)
	for _, u := range sizeUnits {
		if n, ok := strings.CutSuffix(num, u.suffix); ok {
			num, mult = strings.TrimSpace(n), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 || (n > 0 && n > (1<<62)/mult) {
		return fmt.Errorf("%q is not a size: use bytes or a number with KiB, MiB, GiB, KB, MB or GB, 0 for no limit", v)
	}
	*b = byteSize(n * mult)
	return nil
}
