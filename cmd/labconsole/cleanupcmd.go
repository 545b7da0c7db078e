package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/labres"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
)

const cleanupUsage = `Usage:
  labconsole lab cleanup [--lab lab1] [--backend aws] [--yes] [--profile P] [--region R] [--data DIR] [--lang ko]

Lists the resources the lab made (those tagged labconsole:lab=<lab>, and what hangs
off them: a lab user's password, access keys, policies and group memberships, groups
whose members are all lab users, a lab trail's bucket with its objects), asks you to
type yes, and deletes them, reporting each. Exits 1 if anything was not deleted or
the clean-up was not confirmed.
`

// runLabCleanup is "labconsole lab cleanup"; in, out and errOut are parameters so the
// CLI is testable.
func runLabCleanup(args []string, in io.Reader, out, errOut io.Writer) int {
	fs := flag.NewFlagSet("labconsole lab cleanup", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.Usage = func() { fmt.Fprint(errOut, cleanupUsage+"\nFlags:\n"); fs.PrintDefaults() }
	backendName := fs.String("backend", "sim", "sim (the simulated account in --data) or aws (a real account)")
	labID := fs.String("lab", "lab1", "the lab whose resources to delete")
	yes := fs.Bool("yes", false, "delete without asking")
	profile := fs.String("profile", "", "AWS profile (--backend aws)")
	region := fs.String("region", "", "region (default: the profile's; ap-northeast-2 in the simulator)")
	dataDir := fs.String("data", defaultDataDir(), "directory of the simulator's state")
	account := fs.String("account", sim.DefaultAccountID, "simulated account ID")
	lang := fs.String("lang", "", "language: en or ko (default: from LC_ALL, LC_MESSAGES, LANG)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || strings.TrimSpace(*labID) == "" {
		fs.Usage()
		return 2
	}
	tr := locales.New(locales.Detect(*lang, os.Getenv))
	ctx := context.Background()
	b, closeFn, code := cleanupBackend(ctx, *backendName, *profile, *region, *dataDir, *account, errOut)
	if b == nil {
		return code
	}
	defer closeFn()

	p, err := labres.PlanFor(ctx, b, *labID)
	if err != nil {
		fmt.Fprintf(errOut, "labconsole: %s\n", tr.Tf("CleanupPlanFailed", map[string]any{"Error": err.Error()}))
		return 1
	}
	tag := labres.TagKey + "=" + *labID
	if p.Empty() {
		fmt.Fprintln(out, tr.Tf("CleanupNothing", map[string]any{"Tag": tag}))
		return 0
	}
	fmt.Fprintln(out, tr.Tf("CleanupPlanTitle", map[string]any{"Lab": *labID, "Tag": tag, "Count": len(p.Items)}))
	for _, it := range p.Items {
		fmt.Fprintf(out, "  %s — %s\n", it.Label(tr), it.Why(tr, p.Lab))
	}
	if !*yes {
		fmt.Fprint(out, "\n"+tr.Tf("CleanupConfirm", map[string]any{"Count": len(p.Items)})+" ")
		line, _ := bufio.NewReader(in).ReadString('\n')
		if strings.TrimSpace(line) != "yes" {
			fmt.Fprintln(out, tr.T("CleanupAborted"))
			return 1
		}
	}
	fmt.Fprintln(out)
	err = labres.Execute(ctx, b, p, func(it labres.Item, err error) {
		if err != nil {
			msg := err.Error()
			if errors.Is(err, labres.ErrTrailRemains) {
				msg = tr.T("CleanupTrailRemains")
			}
			fmt.Fprintf(out, "  ✗ %s — %s\n", it.Label(tr), tr.Tf("CleanupItemFailed", map[string]any{"Error": msg}))
			return
		}
		fmt.Fprintf(out, "  ✓ %s — %s\n", it.Label(tr), tr.T("CleanupItemDeleted"))
	})
	var ee *labres.ExecuteError
	if errors.As(err, &ee) {
		fmt.Fprintf(out, "\n%s\n", tr.Tf("CleanupSummaryFailed", map[string]any{"Failed": len(ee.Failures), "Count": ee.Total}))
		return 1
	} else if err != nil {
		fmt.Fprintf(errOut, "labconsole: %v\n", err)
		return 1
	}
	fmt.Fprintf(out, "\n%s\n", tr.Tf("CleanupSummaryDone", map[string]any{"Count": len(p.Items), "Tag": tag}))
	return 0
}

// cleanupBackend opens the backend as "lab check" does: the simulated account in
// dataDir, or a real account. b is nil on failure, with the exit code.
func cleanupBackend(ctx context.Context, name, profile, region, dataDir, account string, errOut io.Writer) (b backend.Backend, closeFn func(), code int) {
	switch name {
	case "sim", "simulator":
		s, err := sim.New(ctx, sim.Options{DataDir: dataDir, AccountID: account, Region: region, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			fmt.Fprintf(errOut, "labconsole: %v\n", err)
			return nil, nil, 1
		}
		c := s.AdminCredentials()
		return awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey}),
			func() { s.Close() }, 0
	case "aws":
		ab, err := awsapi.NewAWS(ctx, awsapi.AWSOptions{Profile: profile, Region: region})
		if err != nil {
			fmt.Fprintf(errOut, "labconsole: %v\n", err)
			return nil, nil, 1
		}
		return ab, func() {}, 0
	}
	fmt.Fprintf(errOut, "labconsole: --backend must be sim or aws, not %q\n", name)
	return nil, nil, 2
}
