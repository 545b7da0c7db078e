package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/labconsole/labconsole/assets"
	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/labcheck"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/locales"
)

const labUsage = `Usage:
  labconsole lab check [--backend aws] [--lab lab1] [--part B] [--profile P] [--region R] [--data DIR] [--lang ko]
  labconsole lab cleanup [--backend aws] [--lab lab1] [--yes] (see labconsole lab cleanup --help)

Prints the lab's checklist (✓ done, ✗ not yet, with the reason) against the simulated
account in DIR or a real account, and exits 1 while steps remain.
`

// runLab is "labconsole lab …"; out and errOut are parameters so the CLI is testable.
func runLab(args []string, out, errOut io.Writer) int {
	if len(args) > 0 && args[0] == "cleanup" {
		return runLabCleanup(args[1:], os.Stdin, out, errOut) // cleanupcmd.go
	}
	if len(args) == 0 || args[0] != "check" {
		fmt.Fprint(errOut, labUsage)
		return 2
	}
	fs := flag.NewFlagSet("labconsole lab check", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.Usage = func() { fmt.Fprint(errOut, labUsage+"\nFlags:\n"); fs.PrintDefaults() }
	backendName := fs.String("backend", "sim", "sim (the simulated account in --data) or aws (a real account)")
	labID := fs.String("lab", "lab1", "the lab to check")
	part := fs.String("part", "", "check only this part (e.g. B)")
	profile := fs.String("profile", "", "AWS profile (--backend aws)")
	region := fs.String("region", "", "region (default: the profile's; ap-northeast-2 in the simulator)")
	dataDir := fs.String("data", defaultDataDir(), "directory of the simulator's state")
	account := fs.String("account", sim.DefaultAccountID, "simulated account ID")
	lang := fs.String("lang", "", "language: en or ko (default: from LC_ALL, LC_MESSAGES, LANG)")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	l, err := assets.Lab(*labID)
	if err != nil {
		fmt.Fprintf(errOut, "labconsole: %v\n", err)
		return 2
	}
	ctx := context.Background()
	var b backend.Backend
	switch *backendName {
	case "sim", "simulator":
		// The same account the console opens: DATA/accounts/<id>.db.
		s, err := sim.New(ctx, sim.Options{DataDir: *dataDir, AccountID: *account, Region: *region, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			fmt.Fprintf(errOut, "labconsole: %v\n", err)
			return 1
		}
		defer s.Close()
		c := s.AdminCredentials()
		b = awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey})
	case "aws":
		ab, err := awsapi.NewAWS(ctx, awsapi.AWSOptions{Profile: *profile, Region: *region})
		if err != nil {
			fmt.Fprintf(errOut, "labconsole: %v\n", err)
			return 1
		}
		b = ab
	default:
		fmt.Fprintf(errOut, "labconsole: --backend must be sim or aws, not %q\n", *backendName)
		return 2
	}
	tr := locales.New(locales.Detect(*lang, os.Getenv))
	results, err := (&labcheck.Checker{State: b}).Lab(ctx, l)
	if err != nil {
		fmt.Fprintf(errOut, "labconsole: %v\n", err)
		return 1
	}
	fmt.Fprintln(out, l.Title.In(string(tr.Lang())))
	done, total, lastPart := 0, 0, ""
	for _, r := range results {
		if *part != "" && r.Part.ID != *part {
			continue
		}
		if r.Part.ID != lastPart {
			fmt.Fprintf(out, "\n%s\n", r.Part.Title.In(string(tr.Lang())))
			lastPart = r.Part.ID
		}
		total++
		mark, reason := "✗", " — "+tr.Tf(r.Result.Reason.ID, r.Result.Reason.Data)
		if r.Result.Pass {
			mark, reason = "✓", ""
			done++
		}
		fmt.Fprintf(out, "  %s %-4s %s%s\n", mark, r.Step.ID, r.Step.Title.In(string(tr.Lang())), reason)
	}
	if total == 0 {
		fmt.Fprintf(errOut, "labconsole: lab %s has no part %q\n", l.ID, *part)
		return 2
	}
	fmt.Fprintf(out, "\n%s\n", tr.Tf("LabCheckSummary", map[string]any{"Lab": l.ID, "Done": done, "Total": total}))
	if done < total {
		return 1
	}
	fmt.Fprintln(out, tr.T("LabCheckAllDone"))
	return 0
}
