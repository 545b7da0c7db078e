package s3

import (
	"net"
	"net/http"
	"regexp"
	"strings"
)

// target is the bucket and key a request addresses, from its host (virtual-hosted
// style) or its path (path style).
type target struct {
	bucket string
	key    string
	// virtual reports virtual-hosted-style addressing, which S3's Location and
	// CloudTrail's Host field render differently.
	virtual bool
}

// awsHost matches S3's virtual-hosted endpoints: bucket.s3.amazonaws.com,
// bucket.s3.<region>.amazonaws.com, the legacy bucket.s3-<region>.amazonaws.com and
// the dual-stack forms, in every partition.
var awsHost = regexp.MustCompile(`^(.+?)\.s3(?:-[a-z0-9-]+)?(?:\.dualstack)?(?:\.[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$`)

// localBases are the simulator's own host names under which a leading label is a
// bucket: SDKs and CLIs given http://localhost:4566 address buckets as
// bucket.localhost:4566 (which resolves to loopback), and the in-process endpoint
// may be used the same way.
var localBases = []string{".localhost", ".sim.labconsole.internal"}

// bucketFromHost returns the bucket of a virtual-hosted-style host, "" for a
// path-style host (an IP address, localhost, the regional endpoint itself).
func bucketFromHost(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "" || net.ParseIP(strings.Trim(host, "[]")) != nil {
		return ""
	}
	if m := awsHost.FindStringSubmatch(host); m != nil {
		return m[1]
	}
	for _, base := range localBases {
		if b, ok := strings.CutSuffix(host, base); ok && b != "" {
			return b
		}
	}
	return ""
}

// targetOf addresses r. Keys come from the decoded path: SDKs escape everything but
// "/" and unreserved characters, and S3 treats an escaped "/" as a "/".
func targetOf(r *http.Request) target {
	path := r.URL.Path
	if b := bucketFromHost(r.Host); b != "" {
		return target{bucket: b, key: strings.TrimPrefix(path, "/"), virtual: true}
	}
	path = strings.TrimPrefix(path, "/")
	bucket, key, _ := strings.Cut(path, "/")
	return target{bucket: bucket, key: key}
}

// hostOf is the host a request used, as CloudTrail records it.
func hostOf(r *http.Request) string {
	if h, _, err := net.SplitHostPort(r.Host); err == nil {
		return h
	}
	return r.Host
}
