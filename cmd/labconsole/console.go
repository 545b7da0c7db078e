package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/labconsole/labconsole/assets"
	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui"
	"github.com/labconsole/labconsole/ui/common"
	labui "github.com/labconsole/labconsole/ui/lab"
	"github.com/labconsole/labconsole/ui/switcher"
	"github.com/labconsole/labconsole/ui/theme"
)

func runConsole(args []string) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	con, code := newConsole(ctx, args, os.Stdout, os.Stderr)
	if con == nil {
		return code
	}
	defer con.close()
	p := tea.NewProgram(con.root, tea.WithAltScreen(), tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		// Bubble Tea has already restored the terminal, also after a panic.
		fmt.Fprintf(os.Stderr, "labconsole: %v\n", err)
		return 1
	}
	return 0
}

// console is what `labconsole [flags]` runs: the root model, its session, and what
// to close when the program ends.
type console struct {
	root  *ui.Model
	c     *common.Common
	close func()
}

// newConsole builds the console of `labconsole [flags]` (args without the program
// name) as main runs it, for main and for the tests that drive it (real-AWS mode
// against `labconsole sim`); out is the terminal it draws on. A nil console is an
// error already told on errOut, and the exit code.
func newConsole(ctx context.Context, args []string, out, errOut io.Writer) (con *console, code int) {
	fs := flag.NewFlagSet("labconsole", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage+"\nFlags:\n"); fs.PrintDefaults() }
	backendName := fs.String("backend", "sim", "sim (embedded simulator) or aws (a real account)")
	profile := fs.String("profile", "", "AWS profile (--backend aws)")
	region := fs.String("region", "", "AWS region (default: the profile's; ap-northeast-2 in the simulator)")
	lang := fs.String("lang", "", "language: en or ko (default: from LC_ALL, LC_MESSAGES, LANG)")
	dataDir := fs.String("data", defaultDataDir(), "directory of the simulator's state")
	ephemeral := fs.Bool("ephemeral", false, "keep the simulator's state in memory only")
	account := fs.String("account", sim.DefaultAccountID, "simulated account ID")
	readOnly := fs.Bool("read-only", false, "refuse every call that would change the account (create, update, delete, …)")
	labID := fs.String("lab", "lab1", "the guided lab the lab panel (ctrl+l) follows: lab1, lab2")
	if err := fs.Parse(args); err != nil {
		return nil, 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(errOut, "labconsole: unexpected argument %q\n\n%s", fs.Arg(0), usage)
		return nil, 2
	}
	logger, closeLog := openLog(*dataDir, *ephemeral || *backendName == "aws")
	closers := []func(){closeLog}
	closeAll := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	defer func() {
		if con == nil {
			closeAll()
		}
	}()

	var b backend.Backend
	var clock func() time.Time
	var switchOpts switcher.Options // in AWS mode its default, awsapi.NewAWS
	if _, err := assets.Lab(*labID); err != nil {
		fmt.Fprintf(errOut, "labconsole: %v\n", err)
		return nil, 2
	}
	labOpts := labui.Options{Lab: *labID, Store: labui.FileStore{Dir: *dataDir}}
	switch *backendName {
	case "sim", "simulator":
		dir := *dataDir
		if *ephemeral {
			dir = ""
		}
		s, err := sim.New(ctx, sim.Options{DataDir: dir, AccountID: *account, Region: *region, Logger: logger})
		if err != nil {
			fmt.Fprintf(errOut, "labconsole: %v\n", err)
			return nil, 1
		}
		closers = append(closers, func() { s.Close() })
		clock = s.Clock().Now
		labOpts.Control = sim.LabControl{Sim: s}
		if *ephemeral {
			labOpts.Store = nil // progress lives as long as the ephemeral account
		}
		creds := s.AdminCredentials()
		b = awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
		// The simulator is multi-Region: the switcher moves the administrator's
		// backend to another Region (another identity is sign-in there).
		switchOpts.Connect = func(_ context.Context, _, region string) (backend.Backend, error) {
			return awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: region, AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey}), nil
		}
	case "aws":
		ab, err := awsapi.NewAWS(ctx, awsapi.AWSOptions{Profile: *profile, Region: *region})
		if err != nil {
			fmt.Fprintf(errOut, "labconsole: %v\n", err)
			return nil, 1
		}
		b = ab
	default:
		fmt.Fprintf(errOut, "labconsole: --backend must be sim or aws, not %q\n", *backendName)
		return nil, 2
	}

	r := lipgloss.NewRenderer(out)
	c := &common.Common{
		Ctx:      ctx,
		Renderer: r,
		Styles:   theme.DefaultStyles(r, theme.Default()),
		L:        locales.New(locales.Detect(*lang, os.Getenv)),
		Backend:  b,
		Logger:   logger,
		Clock:    clock,
		ReadOnly: *readOnly,
	}
	root := ui.New(c)
	root.SetLabOptions(labOpts)
	root.SetSwitcherOptions(switchOpts)
	return &console{root: root, c: c, close: closeAll}, 0
}

// openLog logs to DATA/labconsole.log: a TUI must never print to its own screen.
func openLog(dataDir string, discard bool) (*slog.Logger, func()) {
	if discard {
		return slog.New(slog.NewTextHandler(io.Discard, nil)), func() {}
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil)), func() {}
	}
	f, err := os.OpenFile(filepath.Join(dataDir, "labconsole.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil)), func() {}
	}
	return slog.New(slog.NewTextHandler(f, nil)), func() { f.Close() }
}
