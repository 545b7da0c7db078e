package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	gossh "golang.org/x/crypto/ssh"

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
	cfg := serve.Config{DataDir: *dataDir, MaxSessions: *maxSessions, IdleTimeout: *idle, AllowPassword: *allowPassword}
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
