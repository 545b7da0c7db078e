package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/backend/sim/s3"
)

func runSim(args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "advance":
			if len(args) < 2 {
				fmt.Fprintln(os.Stderr, "usage: labconsole sim advance DURATION   (e.g. 10m, 6h)")
				return 2
			}
			if _, err := time.ParseDuration(args[1]); err != nil {
				fmt.Fprintf(os.Stderr, "labconsole: %q is not a duration such as 10m or 6h\n", args[1])
				return 2
			}
			return control(http.MethodPost, "/_sim/clock/advance?by="+args[1])
		case "clock":
			return control(http.MethodGet, "/_sim/clock")
		case "billing", "spend", "mailbox":
			return simLab(args)
		case "reset":
			return control(http.MethodPost, "/_sim/reset")
		}
	}
	fs := flag.NewFlagSet("labconsole sim", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:4566", "address to serve the AWS endpoint on")
	dataDir := fs.String("data", defaultDataDir(), "directory of the simulator's state")
	ephemeral := fs.Bool("ephemeral", false, "keep state in memory only")
	account := fs.String("account", sim.DefaultAccountID, "simulated account ID")
	region := fs.String("region", sim.DefaultRegion, "the account's home region")
	throttle := fs.Bool("throttle", false, "refuse requests over AWS's documented rates (CloudTrail LookupEvents: 2 per second) with \"Rate exceeded\"")
	iamDelay := fs.Duration("iam-delay", 0, "simulate IAM eventual consistency: new IAM users, groups, passwords, keys and attachments stay invisible this long (e.g. 5s)")
	billingEast := fs.Bool("billing-us-east-1-only", false, "serve AWS/Billing metrics only in us-east-1, as AWS does")
	maxObjects := fs.Int64("max-objects", 0, "most S3 objects the account stores (0: no limit)")
	var maxBytes byteSize
	fs.Var(&maxBytes, "max-bytes", "most S3 bytes the account stores, e.g. 256MiB (0: no limit)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *iamDelay < 0 {
		fmt.Fprintln(os.Stderr, "labconsole sim: --iam-delay must not be negative")
		return 2
	}
	dir := *dataDir
	if *ephemeral {
		dir = ""
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s, err := sim.New(ctx, sim.Options{DataDir: dir, AccountID: *account, Region: *region, Logger: logger,
		Throttling: *throttle, IAMPropagationDelay: *iamDelay, BillingUSEast1Only: *billingEast,
		S3Limits: s3.Limits{MaxObjects: max(*maxObjects, 0), MaxBytes: int64(maxBytes)}})
	if err != nil {
		fmt.Fprintf(os.Stderr, "labconsole sim: %v\n", err)
		return 1
	}
	defer s.Close()
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(os.Stderr, "labconsole sim: %v\n", err)
		return 1
	}
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		fmt.Fprintf(os.Stderr, "warning: listening on %s, not loopback: anyone who can reach it and knows the key can use it\n", ln.Addr())
	}
	creds := s.AdminCredentials()
	fmt.Printf(`# labconsole simulator: account %s, region %s, state %s
# paste into a shell to use the AWS CLI against it:
export AWS_ACCESS_KEY_ID=%s
export AWS_SECRET_ACCESS_KEY=%s
export AWS_DEFAULT_REGION=%s
export AWS_ENDPOINT_URL=http://%s
# then, for example:
#   aws sts get-caller-identity
#   labconsole sim advance 10m
`, s.AccountID(), s.Region(), describeState(dir), creds.AccessKeyID, creds.SecretAccessKey, s.Region(), ln.Addr())
	if r := describeRealities(*throttle, *iamDelay, *billingEast); r != "" {
		fmt.Printf("# AWS realities on: %s\n", r)
	}
	srv := simServer(s)
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(os.Stderr, "labconsole sim: %v\n", err)
		return 1
	}
	return 0
}

// simServer is the HTTP server of `labconsole sim` (also what the real-AWS-mode
// tests serve the simulator with).
func simServer(s *sim.Sim) *http.Server {
	return &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
}

// describeRealities names the AWS behaviours switched on with sim's flags.
func describeRealities(throttle bool, iamDelay time.Duration, billingEast bool) string {
	var on []string
	if throttle {
		on = append(on, "throttling")
	}
	if iamDelay > 0 {
		on = append(on, "IAM eventual consistency ("+iamDelay.String()+")")
	}
	if billingEast {
		on = append(on, "billing metrics in us-east-1 only")
	}
	return strings.Join(on, ", ")
}

func describeState(dir string) string {
	if dir == "" {
		return "in memory (ephemeral)"
	}
	return dir
}

// simLab runs the lab's simulator-only knobs, which no AWS API has: billing alerts
// (lab step A1), simulated charges (to cross the alarm's threshold) and the mailbox
// where SNS email lands.
func simLab(args []string) int {
	usage := func() int {
		fmt.Fprintln(os.Stderr, "usage: labconsole sim billing on|status | sim spend USD | sim mailbox ADDRESS")
		return 2
	}
	if len(args) < 2 {
		return usage()
	}
	switch {
	case args[0] == "billing" && args[1] == "on":
		return controlBody(http.MethodPut, "/_sim/billing/preferences", []byte(`{"receiveBillingAlerts": true}`))
	case args[0] == "billing" && args[1] == "status":
		return control(http.MethodGet, "/_sim/billing/preferences")
	case args[0] == "spend":
		if usd, err := strconv.ParseFloat(args[1], 64); err != nil || usd <= 0 {
			fmt.Fprintf(os.Stderr, "labconsole: %q is not a positive amount of US dollars such as 250\n", args[1])
			return 2
		}
		return control(http.MethodPost, "/_sim/billing/spend?"+url.Values{"usd": {args[1]}}.Encode())
	case args[0] == "mailbox":
		return control(http.MethodGet, "/_sim/mailbox?"+url.Values{"address": {args[1]}}.Encode())
	}
	return usage()
}

// control calls the simulator's control API, signed with the AWS_* variables that
// `labconsole sim` printed.
func control(method, path string) int { return controlBody(method, path, nil) }

// controlBody is control with a JSON body.
func controlBody(method, path string, body []byte) int {
	endpoint := os.Getenv("AWS_ENDPOINT_URL")
	akid, secret := os.Getenv("AWS_ACCESS_KEY_ID"), os.Getenv("AWS_SECRET_ACCESS_KEY")
	if endpoint == "" || akid == "" || secret == "" {
		fmt.Fprintln(os.Stderr, "labconsole: set AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY as `labconsole sim` prints them")
		return 2
	}
	region := os.Getenv("AWS_DEFAULT_REGION")
	if region == "" {
		region = sim.DefaultRegion
	}
	req, err := http.NewRequest(method, endpoint+path, bytes.NewReader(body))
	if err != nil {
		fmt.Fprintf(os.Stderr, "labconsole: %v\n", err)
		return 2
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	creds := aws.Credentials{AccessKeyID: akid, SecretAccessKey: secret, SessionToken: os.Getenv("AWS_SESSION_TOKEN")}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hash, "sim", region, time.Now()); err != nil {
		fmt.Fprintf(os.Stderr, "labconsole: signing: %v\n", err)
		return 1
	}
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		fmt.Fprintf(os.Stderr, "labconsole: %v\n", err)
		return 1
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	var pretty map[string]any
	if json.Unmarshal(answer, &pretty) == nil {
		out, _ := json.MarshalIndent(pretty, "", "  ")
		answer = append(out, '\n')
	}
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(os.Stderr, "labconsole: %s: %s", resp.Status, answer)
		return 1
	}
	os.Stdout.Write(answer)
	return 0
}
