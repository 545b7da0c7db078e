package trailvalidate

import (
	"fmt"
	"io"
)

// displayDate is the CLI's date form in its messages.
const displayDate = "2006-01-02T15:04:05Z"

// WriteStart writes the CLI's opening line.
func WriteStart(w io.Writer, arn string, o Options) {
	fmt.Fprintf(w, "Validating log files for trail %s between %s and %s\n\n", arn, o.Start.UTC().Format(displayDate), o.End.UTC().Format(displayDate))
}

// Line is how the CLI prints one file's verdict: "Digest file\ts3://…\tvalid" or
// "Log file\ts3://…\tINVALID: hash value doesn't match".
func Line(r FileResult) string {
	kind := "Log file"
	if r.Kind == Digest {
		kind = "Digest file"
	}
	verdict := "valid"
	if !r.Valid() {
		verdict = "INVALID: " + r.Problem
	}
	return kind + "\t" + s3URL(r.Bucket, r.Key) + "\t" + verdict
}

// WriteSummary writes the CLI's closing summary.
func WriteSummary(w io.Writer, r *Result) {
	for _, g := range r.Gaps {
		fmt.Fprintf(w, "No log files were delivered by CloudTrail between %s and %s\n\n", g.From.UTC().Format(displayDate), g.To.UTC().Format(displayDate))
	}
	fmt.Fprintf(w, "Results requested for %s to %s\n", r.Start.Format(displayDate), r.End.Format(displayDate))
	dv, di := r.Count(Digest)
	lv, li := r.Count(LogFile)
	if dv+di == 0 {
		fmt.Fprintln(w, "No digests found")
		return
	}
	if r.FoundStart.IsZero() {
		fmt.Fprintln(w, "No valid digests found in range")
	} else {
		fmt.Fprintf(w, "Results found for %s to %s:\n", r.FoundStart.Format(displayDate), r.FoundEnd.Format(displayDate))
	}
	ratio := func(valid, invalid int, name string) {
		if total := valid + invalid; total > 0 {
			fmt.Fprintf(w, "\n%d/%d %s files valid", valid, total, name)
			if invalid > 0 {
				fmt.Fprintf(w, ", %d/%d %s files INVALID", invalid, total, name)
			}
		}
	}
	ratio(dv, di, "digest")
	ratio(lv, li, "log")
	fmt.Fprint(w, "\n\n")
}
