package s3

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/labconsole/labconsole/ui/common"
)

// humanSize writes a size as the S3 console does, in binary units with one decimal:
// "14.0 B", "1.2 KB", "3.4 MB". Unit symbols are the same in every language.
func humanSize(n int64) string {
	units := []string{"B", "KB", "MB", "GB", "TB", "PB"}
	v, u := float64(n), 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	return fmt.Sprintf("%.1f %s", v, units[u])
}

// shortTime is a time in a table cell. Times are shown in UTC so every student of an
// SSH-served class sees the same value, wherever the server runs; the layout is the
// session language's (S3TimeShort holds a Go time layout).
func shortTime(c *common.Common, t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(c.T("S3TimeShort"))
}

// longTime is a time on the object's properties, with its zone named.
func longTime(c *common.Common, t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(c.T("S3TimeLong"))
}

// sortTime is the sort key of a time column.
func sortTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// storageClassName is the console's name for S3's storage class. They are product
// names, which the Korean console leaves in English, so they are not messages. S3
// leaves STANDARD out of HEAD and GET answers, so "" is Standard too.
func storageClassName(class string) string {
	switch class {
	case "", "STANDARD":
		return "Standard"
	case "REDUCED_REDUNDANCY":
		return "Reduced redundancy"
	case "STANDARD_IA":
		return "Standard-IA"
	case "ONEZONE_IA":
		return "One Zone-IA"
	case "INTELLIGENT_TIERING":
		return "Intelligent-Tiering"
	case "GLACIER":
		return "Glacier Flexible Retrieval"
	case "GLACIER_IR":
		return "Glacier Instant Retrieval"
	case "DEEP_ARCHIVE":
		return "Glacier Deep Archive"
	case "EXPRESS_ONEZONE":
		return "Express One Zone"
	case "OUTPOSTS":
		return "Outposts"
	}
	return class
}

// objectType is the console's Type column for an object: its file extension ("gz"
// for a CloudTrail log file), "-" when it has none.
func objectType(name string) string {
	ext := path.Ext(name)
	if ext == "" || ext == name {
		return "-"
	}
	return strings.TrimPrefix(ext, ".")
}

// s3URI is the object's (or folder's) S3 URI, what "Copy S3 URI" copies.
func s3URI(bucket, key string) string { return "s3://" + bucket + "/" + key }

// objectURL is the object's virtual-hosted-style URL as the console's "Object URL".
// Each path segment is escaped; the slashes stay.
func objectURL(bucket, region, key string) string {
	segs := strings.Split(key, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	host := bucket + ".s3." + region + ".amazonaws.com"
	if region == "" {
		host = bucket + ".s3.amazonaws.com"
	}
	return "https://" + host + "/" + strings.Join(segs, "/")
}

// baseName is the last segment of a key or folder prefix, a folder keeping its "/":
// "22/" for "AWSLogs/…/2026/11/22/", "file.json.gz" for ".../file.json.gz".
func baseName(key string) string {
	trimmed := strings.TrimSuffix(key, "/")
	if i := strings.LastIndex(trimmed, "/"); i >= 0 {
		return key[i+1:]
	}
	return key
}

// parentPrefix is the folder holding key or folder prefix p: "" at the bucket's top.
func parentPrefix(p string) string {
	trimmed := strings.TrimSuffix(p, "/")
	if i := strings.LastIndex(trimmed, "/"); i >= 0 {
		return trimmed[:i+1]
	}
	return ""
}

// levels splits a folder prefix into the prefixes of each folder from the top:
// "a/b/" gives ["a/", "a/b/"].
func levels(prefix string) []string {
	var out []string
	for i := 0; i < len(prefix); i++ {
		if prefix[i] == '/' {
			out = append(out, prefix[:i+1])
		}
	}
	return out
}

// elideMiddle cuts s to w cells by replacing its middle with "…". CloudTrail log
// files share a long beginning (account, "CloudTrail", Region, date) and differ at
// the end (time and unique string), so keeping the end keeps rows apart.
func elideMiddle(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= w {
		return s
	}
	if w < 8 {
		return ansi.Truncate(s, w, "…")
	}
	head := w / 8
	tail := w - head - 1
	runes := []rune(s)
	// Take the tail rune by rune from the end so a wide rune is never split.
	var end []rune
	width := 0
	for i := len(runes) - 1; i >= 0; i-- {
		rw := lipgloss.Width(string(runes[i]))
		if width+rw > tail {
			break
		}
		end = append([]rune{runes[i]}, end...)
		width += rw
	}
	out := ansi.Truncate(s, head, "") + "…" + string(end)
	if gap := w - lipgloss.Width(out); gap > 0 {
		out += strings.Repeat(" ", gap)
	}
	return out
}

// fit cuts s to w cells (ending in …) and pads it to exactly w. Unlike cells.Clip it
// puts the … inside the styling of s (ansi.Truncate's tail), so a cut styled value
// keeps its colour up to the end; cells.Lines(text, w, h, fit) fits a block with it.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	if gap := w - lipgloss.Width(s); gap > 0 {
		s += strings.Repeat(" ", gap)
	}
	return s
}
