// Package trailvalidate checks CloudTrail log file integrity the way `aws cloudtrail
// validate-logs` does: it walks the trail's signed digest chain backwards, verifies
// every digest's SHA256withRSA signature with the region's public key from
// ListPublicKeys, and every log file's SHA-256 against the digest that lists it. It
// also reports log files in the bucket that no digest lists (added files), which the
// CLI does not. It reads through a Source, so the command line and a console screen
// share it, on real AWS and on the simulator alike.
package trailvalidate

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// TrailRef is a trail ARN taken apart: arn:aws:cloudtrail:<region>:<account>:trail/<name>.
type TrailRef struct {
	ARN     string
	Region  string
	Account string
	Name    string
}

var trailARN = regexp.MustCompile(`^arn:[^:]+:cloudtrail:([^:]+):(\d{12}):trail/(.+)$`)

// ParseTrailARN checks the ARN's form, as the CLI does before anything else.
func ParseTrailARN(arn string) (TrailRef, error) {
	m := trailARN.FindStringSubmatch(arn)
	if m == nil {
		return TrailRef{}, fmt.Errorf("Invalid trail ARN provided: %s", arn)
	}
	return TrailRef{ARN: arn, Region: m[1], Account: m[2], Name: m[3]}, nil
}

const digestDate = "20060102T150405Z"

// withPrefix puts the trail's S3 key prefix in front of key.
func withPrefix(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "/" + key
}

// digestDir is where the trail's digests for region live.
func digestDir(prefix, account, region string) string {
	return withPrefix(prefix, fmt.Sprintf("AWSLogs/%s/CloudTrail-Digest/%s/", account, region))
}

// digestKey is the key a digest ending at t would have (the CLI lists from the key
// of start minus one minute, so the range is inclusive).
func digestKey(prefix string, ref TrailRef, region string, t time.Time) string {
	t = t.UTC()
	return digestDir(prefix, ref.Account, region) + fmt.Sprintf("%s/%s_CloudTrail-Digest_%s_%s_%s_%s.json.gz",
		t.Format("2006/01/02"), ref.Account, region, ref.Name, ref.Region, t.Format(digestDate))
}

// digestPattern matches the digests of this trail (not another trail sharing the
// bucket) in region.
func digestPattern(prefix string, ref TrailRef, region string) *regexp.Regexp {
	q := regexp.QuoteMeta
	return regexp.MustCompile("^" + q(digestDir(prefix, ref.Account, region)) + `\d+/\d+/\d+/` + q(ref.Account+"_CloudTrail-Digest_"+region+"_"+ref.Name+"_"+ref.Region+"_") + `.+\.json\.gz$`)
}

// digestEnd is the end time in a digest key (the CLI's key[-24:-8]).
func digestEnd(key string) (time.Time, bool) {
	if len(key) < 24 {
		return time.Time{}, false
	}
	t, err := time.Parse(digestDate, key[len(key)-24:len(key)-8])
	return t, err == nil
}

// logDir is where the trail's log files for region and day live.
func logDir(prefix, account, region string, day time.Time) string {
	return withPrefix(prefix, fmt.Sprintf("AWSLogs/%s/CloudTrail/%s/%s/", account, region, day.UTC().Format("2006/01/02")))
}

var logName = regexp.MustCompile(`_CloudTrail_[a-z0-9-]+_(\d{8}T\d{4}Z)_[A-Za-z0-9]+\.json\.gz$`)

// logDelivered is the delivery time in a log file's name.
func logDelivered(key string) (time.Time, bool) {
	m := logName.FindStringSubmatch(key)
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse("20060102T1504Z", m[1])
	return t, err == nil
}

// s3URL is how results name a file.
func s3URL(bucket, key string) string { return "s3://" + bucket + "/" + strings.TrimPrefix(key, "/") }
