package auth

import (
	"cmp"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Canonical request construction, server side. Clients sign the request they
// mean to send; the server must rebuild the identical string from what arrived,
// undoing whatever the HTTP stack did to it (Go moves Host out of the header
// map, drops Content-Length under chunked transfer encoding, and may re-escape
// the path), so every part below starts from the wire form and re-derives
// AWS's canonical encoding from it.

const upperHex = "0123456789ABCDEF"

// unreserved reports RFC 3986 unreserved characters, which UriEncode keeps.
func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// appendURIEncode appends s encoded the way AWS's UriEncode does: every byte
// except unreserved characters (and '/', when keepSlash) becomes %XX.
func appendURIEncode(dst []byte, s string, keepSlash bool) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) || c == '/' && keepSlash {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
	}
	return dst
}

// isCanonicalSegment reports whether a path segment already is its own UriEncode.
func isCanonicalSegment(s string) bool {
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			return false
		}
	}
	return true
}

// appendSegment appends one path segment re-encoded once (S3) or twice
// (other services) from its decoded value.
func appendSegment(dst []byte, raw string, double bool) []byte {
	if isCanonicalSegment(raw) {
		return append(dst, raw...)
	}
	dec, err := url.PathUnescape(raw)
	if err != nil {
		dec = raw
	}
	if !double {
		return appendURIEncode(dst, dec, false)
	}
	once := appendURIEncode(nil, dec, false)
	return appendURIEncode(dst, string(once), false)
}

// appendCanonicalURI appends the canonical URI for an escaped request path.
// S3 keeps the path exactly as sent (no dot-segment removal, no slash
// collapsing) and encodes it once; every other service normalises it per
// RFC 3986 and encodes each segment twice.
func appendCanonicalURI(dst []byte, escapedPath string, isS3 bool) []byte {
	if escapedPath == "" {
		return append(dst, '/')
	}
	if isS3 {
		for i, seg := range strings.Split(escapedPath, "/") {
			if i > 0 {
				dst = append(dst, '/')
			}
			dst = appendSegment(dst, seg, false)
		}
		return dst
	}
	parts := strings.Split(escapedPath, "/")
	segs := make([]string, 0, len(parts))
	for _, seg := range parts {
		switch seg {
		case "", ".", "%2E", "%2e":
			continue
		case "..", "%2E%2E", "%2e%2e", ".%2E", ".%2e", "%2E.", "%2e.":
			if len(segs) > 0 {
				segs = segs[:len(segs)-1]
			}
			continue
		}
		segs = append(segs, seg)
	}
	dst = append(dst, '/')
	for i, seg := range segs {
		if i > 0 {
			dst = append(dst, '/')
		}
		dst = appendSegment(dst, seg, true)
	}
	if len(segs) > 0 && strings.HasSuffix(escapedPath, "/") {
		dst = append(dst, '/')
	}
	return dst
}

// appendCanonicalQuery appends the canonical query string: every parameter
// (dropping X-Amz-Signature for presigned URLs) decoded, UriEncoded, sorted by
// name then value, with valueless parameters rendered as "name=".
func appendCanonicalQuery(dst []byte, raw string, presigned bool) []byte {
	if raw == "" {
		return dst
	}
	type pair struct{ k, v string }
	pairs := make([]pair, 0, 8)
	for raw != "" {
		var kv string
		if i := strings.IndexByte(raw, '&'); i >= 0 {
			kv, raw = raw[:i], raw[i+1:]
		} else {
			kv, raw = raw, ""
		}
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, v = queryCanonical(k), queryCanonical(v)
		if presigned && k == qSignature {
			continue
		}
		pairs = append(pairs, pair{k, v})
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := cmp.Compare(a.k, b.k); c != 0 {
			return c
		}
		return cmp.Compare(a.v, b.v)
	})
	for i, p := range pairs {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = append(dst, p.k...)
		dst = append(dst, '=')
		dst = append(dst, p.v...)
	}
	return dst
}

// queryCanonical decodes one query name or value ('+' is a space, as in forms)
// and UriEncodes it, slashes included.
func queryCanonical(s string) string {
	if isCanonicalSegment(s) {
		return s
	}
	dec, err := url.QueryUnescape(s)
	if err != nil {
		dec = s
	}
	return string(appendURIEncode(nil, dec, false))
}

// headerValues returns the values a client saw for a signed header, including
// the ones Go's server lifts out of r.Header.
func headerValues(r *http.Request, lname string) []string {
	switch lname {
	case "host":
		return []string{r.Host}
	case "content-length":
		if v := r.Header["Content-Length"]; len(v) > 0 {
			return v
		}
		if r.ContentLength >= 0 {
			return []string{strconv.FormatInt(r.ContentLength, 10)}
		}
		return nil
	case "transfer-encoding":
		if v := r.Header["Transfer-Encoding"]; len(v) > 0 {
			return v
		}
		if len(r.TransferEncoding) > 0 {
			return []string{strings.Join(r.TransferEncoding, ",")}
		}
		return nil
	}
	if v, ok := r.Header[textproto.CanonicalMIMEHeaderKey(lname)]; ok {
		return v
	}
	for k, v := range r.Header { // names Go could not canonicalise keep their case
		if strings.EqualFold(k, lname) {
			return v
		}
	}
	return nil
}

// appendHeaderValue appends v trimmed, with runs of spaces folded to one.
func appendHeaderValue(dst []byte, v string) []byte {
	v = strings.Trim(v, " \t")
	space := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		dst = append(dst, c)
	}
	return dst
}

// appendCanonicalHeaders appends "name:value\n" for each signed header, with
// repeated headers comma-joined in arrival order.
func appendCanonicalHeaders(dst []byte, r *http.Request, names []string) []byte {
	for _, n := range names {
		dst = append(dst, n...)
		dst = append(dst, ':')
		for i, v := range headerValues(r, n) {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendHeaderValue(dst, v)
		}
		dst = append(dst, '\n')
	}
	return dst
}

// splitSignedHeaders lowercases and splits the SignedHeaders list.
func splitSignedHeaders(s string) []string {
	names := strings.Split(strings.ToLower(s), ";")
	out := names[:0]
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// canonicalRequest builds the full canonical request.
func canonicalRequest(r *http.Request, isS3, presigned bool, signedHeaders string, names []string, payloadHash string) string {
	b := make([]byte, 0, 512)
	b = append(b, r.Method...)
	b = append(b, '\n')
	b = appendCanonicalURI(b, r.URL.EscapedPath(), isS3)
	b = append(b, '\n')
	b = appendCanonicalQuery(b, r.URL.RawQuery, presigned)
	b = append(b, '\n')
	b = appendCanonicalHeaders(b, r, names)
	b = append(b, '\n')
	b = append(b, signedHeaders...)
	b = append(b, '\n')
	b = append(b, payloadHash...)
	return string(b)
}
