// Command labconsole is a terminal console for learning and operating AWS monitoring
// and audit, on a real account or on its embedded simulator.
package main

import (
	"fmt"
	"os"
)

const usage = `labconsole — a terminal console for CloudWatch, IAM, CloudTrail and S3

Usage:
  labconsole [flags]                  the console on the embedded simulator
  labconsole --backend aws [flags]    the console on a real AWS account
  labconsole --read-only [flags]      the console that changes nothing (every mutation is refused)
  labconsole sim [flags]              the simulator as an HTTP endpoint for the AWS CLI and SDKs
  labconsole sim advance DURATION     fast-forward the simulator's clock (e.g. 10m, 6h)
  labconsole sim clock                show the simulator's clock
  labconsole sim reset                reset the simulated account to a fresh one
  labconsole sim billing on|status    turn on / show "Receive Billing Alerts"
  labconsole sim spend USD            book simulated charges (the lab's billing alarm)
  labconsole sim mailbox ADDRESS      read the mail SNS sent to an address
  labconsole serve [flags]            the console over SSH for a classroom (a sandbox per student)
  labconsole lab check [flags]        print the lab's checklist with ✓/✗ (exit 1 while steps remain)
  labconsole trail validate [flags]   validate a trail's log files with its digests (like aws cloudtrail validate-logs)

Run "labconsole -h", "labconsole sim -h" or "labconsole serve -h" for the flags.
`

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "sim":
			return runSim(args[1:])
		case "serve":
			return runServe(args[1:])
		case "trail":
			return runTrail(args[1:])
		case "lab":
			return runLab(args[1:], os.Stdout, os.Stderr)
		case "help":
			fmt.Print(usage)
			return 0
		}
	}
	return runConsole(args)
}
