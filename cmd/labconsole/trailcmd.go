package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/backend/trailvalidate"
)

const trailUsage = `usage: labconsole trail validate --trail-arn ARN --start-time TIME [--end-time TIME] [--verbose]

Validates a trail's log files with its digest files, as "aws cloudtrail validate-logs"
does: every digest's signature and chain, every log file's hash, and log files no
digest lists. Times are UTC ("2026-03-02T09:00:00Z" or "2026-03-02"). Credentials and
region come from the AWS_* environment; with AWS_ENDPOINT_URL (as "labconsole sim"
prints it) the simulator is used and --end-time defaults to the simulator's clock.
Exit status: 0 when everything is valid, 1 when a file is not, 2 on usage errors.
`

// runTrail is `labconsole trail …`.
func runTrail(args []string) int {
	if len(args) == 0 || args[0] != "validate" {
		fmt.Fprint(os.Stderr, trailUsage)
		return 2
	}
	fs := flag.NewFlagSet("labconsole trail validate", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(os.Stderr, trailUsage); fs.PrintDefaults() }
	arn := fs.String("trail-arn", "", "ARN of the trail to validate")
	start := fs.String("start-time", "", "validate log files delivered at or after this UTC time")
	end := fs.String("end-time", "", "validate log files delivered at or before this UTC time (default: now)")
	bucket := fs.String("s3-bucket", "", "bucket of the digests, when not the trail's current one")
	prefix := fs.String("s3-prefix", "", "key prefix of the digests, when not the trail's current one")
	verbose := fs.Bool("verbose", false, "print every valid file too")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *arn == "" || *start == "" {
		fmt.Fprint(os.Stderr, trailUsage)
		return 2
	}
	o := trailvalidate.Options{TrailARN: *arn, Bucket: *bucket, Prefix: *prefix}
	var err error
	if o.Start, err = parseUTC(*start); err != nil {
		fmt.Fprintf(os.Stderr, "labconsole: --start-time: %v\n", err)
		return 2
	}
	if *end != "" {
		if o.End, err = parseUTC(*end); err != nil {
			fmt.Fprintf(os.Stderr, "labconsole: --end-time: %v\n", err)
			return 2
		}
	}
	ctx := context.Background()
	b, now, err := trailBackend(ctx)
	if err != nil {
		fmt.Fprintf(os.Stderr, "labconsole: %v\n", err)
		return 2
	}
	if o.End.IsZero() {
		o.End = now
	}
	trailvalidate.WriteStart(os.Stdout, *arn, o)
	res, err := b.ValidateTrailLogs(ctx, o, func(r trailvalidate.FileResult) {
		switch {
		case !r.Valid():
			fmt.Fprintf(os.Stderr, "%s\n\n", trailvalidate.Line(r))
		case *verbose:
			fmt.Println(trailvalidate.Line(r))
		}
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "labconsole: %v\n", err)
		return 1
	}
	trailvalidate.WriteSummary(os.Stdout, res)
	if !res.OK() {
		return 1
	}
	return 0
}

func parseUTC(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time such as 2026-03-02T09:00:00Z", s)
}

// trailBackend is the awsapi backend the AWS_* environment describes, and "now": the
// simulator's clock when AWS_ENDPOINT_URL points at `labconsole sim`, else the wall
// clock.
func trailBackend(ctx context.Context) (*awsapi.Backend, time.Time, error) {
	endpoint := os.Getenv("AWS_ENDPOINT_URL")
	region := os.Getenv("AWS_REGION")
	if region == "" {
		region = os.Getenv("AWS_DEFAULT_REGION")
	}
	if endpoint == "" {
		b, err := awsapi.NewAWS(ctx, awsapi.AWSOptions{Profile: os.Getenv("AWS_PROFILE"), Region: region})
		return b, time.Now().UTC(), err
	}
	if region == "" {
		region = sim.DefaultRegion
	}
	o := awsapi.SimOptions{Endpoint: endpoint, Region: region, AccessKeyID: os.Getenv("AWS_ACCESS_KEY_ID"),
		SecretAccessKey: os.Getenv("AWS_SECRET_ACCESS_KEY"), SessionToken: os.Getenv("AWS_SESSION_TOKEN")}
	if o.AccessKeyID == "" || o.SecretAccessKey == "" {
		return nil, time.Time{}, fmt.Errorf("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY as `labconsole sim` prints them")
	}
	now, err := simNow(ctx, o)
	if err != nil {
		now = time.Now().UTC() // not the administrator's key: the wall clock will do
	}
	return awsapi.NewSimulator(o), now, nil
}

// simNow reads the simulator's clock from its control API.
func simNow(ctx context.Context, o awsapi.SimOptions) (time.Time, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, o.Endpoint+"/_sim/clock", nil)
	if err != nil {
		return time.Time{}, err
	}
	empty := sha256.Sum256(nil)
	hash := hex.EncodeToString(empty[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	creds := aws.Credentials{AccessKeyID: o.AccessKeyID, SecretAccessKey: o.SecretAccessKey, SessionToken: o.SessionToken}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hash, "sim", o.Region, time.Now()); err != nil {
		return time.Time{}, err
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return time.Time{}, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return time.Time{}, fmt.Errorf("simulator clock: %s", resp.Status)
	}
	var st sim.ClockState
	if err := json.Unmarshal(body, &st); err != nil {
		return time.Time{}, err
	}
	return st.Now.UTC(), nil
}
