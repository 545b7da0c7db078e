package trailvalidate

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"
)

// ErrNotFound is what a Source's Get returns for a missing object (S3 NoSuchKey).
var ErrNotFound = errors.New("not found")

// Source is what validation reads: the trail's bucket, the region's public keys and
// the objects. awsapi implements it with the SDK.
type Source interface {
	// TrailLocation is the trail's current bucket and key prefix (DescribeTrails).
	TrailLocation(ctx context.Context, arn string) (bucket, prefix string, err error)
	// PublicKeys are the digest-signing keys valid in [start, end] (ListPublicKeys).
	PublicKeys(ctx context.Context, start, end time.Time) ([]PublicKey, error)
	// List returns every key under prefix that sorts after startAfter, in order.
	List(ctx context.Context, bucket, prefix, startAfter string) ([]string, error)
	// Get returns an object's body and user metadata, ErrNotFound when it is gone.
	Get(ctx context.Context, bucket, key string) (Object, error)
}

// PublicKey is one ListPublicKeys entry: Value is the DER PKCS#1 RSA public key.
type PublicKey struct {
	Value       []byte
	Fingerprint string
}

// Object is an S3 object: body and user metadata without the x-amz-meta- prefix.
type Object struct {
	Body     []byte
	Metadata map[string]string
}

// Options select what to validate.
type Options struct {
	TrailARN string
	Start    time.Time
	End      time.Time // zero: now
	// Region is the region whose digests are validated (the CLI validates its own
	// region's); "" is the trail's home region.
	Region string
	// Bucket and Prefix override the trail's current location (logs moved).
	Bucket, Prefix string
	// Now is the end when End is zero (the simulator's clock); nil is time.Now.
	Now func() time.Time
}

// Kind tells what a result is about.
type Kind int

// The kinds of files checked.
const (
	Digest Kind = iota + 1
	LogFile
)

// FileResult is the verdict on one file; Problem is empty for a valid file, else
// the CLI's wording ("not found", "hash value doesn't match", "signature
// verification failed", "invalid format", …) or "not listed in any digest".
type FileResult struct {
	Kind    Kind
	Bucket  string
	Key     string
	Problem string
}

// Valid reports whether the file passed.
func (r FileResult) Valid() bool { return r.Problem == "" }

// Gap is a stretch without digests: logging was stopped, or validation was off.
type Gap struct{ From, To time.Time }

// Result is the outcome of one validation.
type Result struct {
	Trail      TrailRef
	Region     string
	Start, End time.Time
	// FoundStart and FoundEnd are the span the valid digests cover (zero if none).
	FoundStart, FoundEnd time.Time
	Files                []FileResult
	Gaps                 []Gap
}

// Count returns the valid and invalid files of a kind.
func (r *Result) Count(k Kind) (valid, invalid int) {
	for _, f := range r.Files {
		if f.Kind != k {
			continue
		}
		if f.Valid() {
			valid++
		} else {
			invalid++
		}
	}
	return valid, invalid
}

// OK reports whether every file checked is valid (and at least one digest was).
func (r *Result) OK() bool {
	for _, f := range r.Files {
		if !f.Valid() {
			return false
		}
	}
	return true
}

// Validate checks the trail's digests and log files delivered between Start and End.
// progress, if not nil, is told about every file as it is checked. An error means
// validation could not run (trail or keys unavailable), not that files are invalid.
func Validate(ctx context.Context, src Source, o Options, progress func(FileResult)) (*Result, error) {
	ref, err := ParseTrailARN(o.TrailARN)
	if err != nil {
		return nil, err
	}
	if o.End.IsZero() {
		now := time.Now
		if o.Now != nil {
			now = o.Now
		}
		o.End = now()
	}
	o.Start, o.End = o.Start.UTC(), o.End.UTC()
	if o.Start.After(o.End) {
		return nil, errors.New("Invalid time range specified: start-time must occur before end-time")
	}
	region := o.Region
	if region == "" {
		region = ref.Region
	}
	bucket, prefix := o.Bucket, o.Prefix
	if bucket == "" {
		if bucket, prefix, err = src.TrailLocation(ctx, ref.ARN); err != nil {
			return nil, err
		}
	}
	v := &validator{ctx: ctx, src: src, ref: ref, region: region, bucket: bucket, prefix: prefix, progress: progress,
		res: &Result{Trail: ref, Region: region, Start: o.Start, End: o.End}, listed: map[string]bool{}}
	digests, err := v.digestKeys(o.Start, o.End)
	if err != nil {
		return nil, err
	}
	if len(digests) == 0 {
		return v.res, nil
	}
	keys, err := src.PublicKeys(ctx, o.Start, o.End.Add(2*time.Hour))
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("No public keys found between %s and %s", o.Start.Format(time.RFC3339), o.End.Add(2*time.Hour).Format(time.RFC3339))
	}
	v.keys = map[string][]byte{}
	for _, k := range keys {
		v.keys[k.Fingerprint] = k.Value
	}
	v.walk(digests, o.Start)
	if err := v.addedLogs(o.Start, o.End); err != nil {
		return nil, err
	}
	return v.res, nil
}

type validator struct {
	ctx      context.Context
	src      Source
	ref      TrailRef
	region   string
	bucket   string
	prefix   string
	keys     map[string][]byte
	progress func(FileResult)
	res      *Result
	listed   map[string]bool // log files named by a valid digest
	// span of the digests that were read, for the added-file check
	coveredFrom, coveredTo time.Time
}

func (v *validator) report(r FileResult) {
	v.res.Files = append(v.res.Files, r)
	if v.progress != nil {
		v.progress(r)
	}
}

// digestKeys lists the trail's digests ending between start and end plus an hour
// (digests of logs that spilled over), oldest first.
func (v *validator) digestKeys(start, end time.Time) ([]string, error) {
	all, err := v.src.List(v.ctx, v.bucket, digestDir(v.prefix, v.ref.Account, v.region), digestKey(v.prefix, v.ref, v.region, start.Add(-time.Minute)))
	if err != nil {
		return nil, err
	}
	pattern := digestPattern(v.prefix, v.ref, v.region)
	var out []string
	for _, k := range all {
		t, ok := digestEnd(k)
		if !pattern.MatchString(k) || !ok || t.Before(start) || t.After(end.Add(time.Hour)) {
			continue
		}
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		ti, _ := digestEnd(out[i])
		tj, _ := digestEnd(out[j])
		return ti.Before(tj)
	})
	return out, nil
}

// walk follows the chain from the newest digest backwards, as the CLI does: a
// digest names the previous one; a missing or invalid digest is reported and the
// walk resumes at the next older digest in the listing.
func (v *validator) walk(listed []string, start time.Time) {
	pop := func(before string) (string, bool) {
		limit, hasLimit := digestEnd(before)
		for len(listed) > 0 {
			k := listed[len(listed)-1]
			listed = listed[:len(listed)-1]
			if t, _ := digestEnd(k); before == "" || !hasLimit || t.Before(limit) {
				return k, true
			}
		}
		return "", false
	}
	key, ok := pop("")
	bucket := v.bucket
	var expectHash string
	for ok {
		if t, _ := digestEnd(key); t.Before(start) {
			return
		}
		d, problem := v.loadDigest(bucket, key)
		if problem == "" && expectHash != "" && d.hash != expectHash {
			problem = "hash value doesn't match the next digest's previousDigestHashValue"
		}
		if problem != "" {
			v.report(FileResult{Kind: Digest, Bucket: bucket, Key: key, Problem: problem})
			expectHash = ""
			key, ok = pop(key)
			continue
		}
		v.report(FileResult{Kind: Digest, Bucket: bucket, Key: key})
		v.found(d)
		for _, lf := range d.LogFiles {
			v.checkLog(lf)
		}
		if d.PreviousDigestS3Object == nil || d.PreviousDigestS3Bucket == nil {
			next, more := pop(key)
			if more {
				nt, _ := digestEnd(next)
				v.res.Gaps = append(v.res.Gaps, Gap{From: nt, To: d.start})
			}
			key, ok, expectHash = next, more, ""
			continue
		}
		expectHash = deref(d.PreviousDigestHashValue)
		bucket, key = *d.PreviousDigestS3Bucket, *d.PreviousDigestS3Object
		// Keep the listing in step: drop listed digests newer than the one followed.
		for len(listed) > 0 && listed[len(listed)-1] >= key {
			listed = listed[:len(listed)-1]
		}
		ok = true
	}
}

func (v *validator) found(d *digest) {
	s := d.start
	if s.Before(v.res.Start) {
		s = v.res.Start
	}
	if v.res.FoundStart.IsZero() || s.Before(v.res.FoundStart) {
		v.res.FoundStart = s
	}
	e := d.end
	if e.After(v.res.End) {
		e = v.res.End
	}
	if e.After(v.res.FoundEnd) {
		v.res.FoundEnd = e
	}
	if v.coveredFrom.IsZero() || d.start.Before(v.coveredFrom) {
		v.coveredFrom = d.start
	}
	if d.end.After(v.coveredTo) {
		v.coveredTo = d.end
	}
}

// addedLogs reports log files of the region delivered within the span the valid
// digests cover that no digest lists: files someone put there after the fact.
func (v *validator) addedLogs(start, end time.Time) error {
	if v.coveredTo.IsZero() {
		return nil
	}
	from, to := maxTime(start, v.coveredFrom), minTime(end, v.coveredTo)
	for day := from.Truncate(24 * time.Hour); !day.After(to); day = day.Add(24 * time.Hour) {
		keys, err := v.src.List(v.ctx, v.bucket, logDir(v.prefix, v.ref.Account, v.region, day), "")
		if err != nil {
			return err
		}
		for _, k := range keys {
			at, ok := logDelivered(k)
			if !ok || at.Before(v.coveredFrom.Truncate(time.Minute)) || !at.Before(v.coveredTo) || v.listed[v.bucket+"/"+k] {
				continue
			}
			v.report(FileResult{Kind: LogFile, Bucket: v.bucket, Key: k, Problem: "not listed in any digest"})
		}
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
