package auth

import (
	"net/http"
	"net/url"
	"strings"
)

const (
	algorithm     = "AWS4-HMAC-SHA256"
	hdrAuthz      = "Authorization"
	qAlgorithm    = "X-Amz-Algorithm"
	qCredential   = "X-Amz-Credential"
	qSignature    = "X-Amz-Signature"
	qSignedHdrs   = "X-Amz-SignedHeaders"
	qDate         = "X-Amz-Date"
	qExpires      = "X-Amz-Expires"
	qSecToken     = "X-Amz-Security-Token"
	qContentSHA   = "X-Amz-Content-Sha256"
	hdrContentSHA = "X-Amz-Content-Sha256"
)

// scope is a parsed credential: AKID/YYYYMMDD/region/service/aws4_request.
type scope struct {
	accessKey, date, region, service, terminator string
}

// String is the credential scope without the access key, as used in the string to sign.
func (s scope) String() string {
	return s.date + "/" + s.region + "/" + s.service + "/" + s.terminator
}

// parseCredential splits a credential into its five parts.
func parseCredential(cred string) (scope, bool) {
	var p [5]string
	for i := 0; i < 4; i++ {
		j := strings.IndexByte(cred, '/')
		if j < 0 {
			return scope{}, false
		}
		p[i], cred = cred[:j], cred[j+1:]
	}
	if strings.IndexByte(cred, '/') >= 0 {
		return scope{}, false
	}
	p[4] = cred
	return scope{p[0], p[1], p[2], p[3], p[4]}, true
}

// authHeader is the parsed SigV4 Authorization header.
type authHeader struct {
	algorithm     string
	credential    string
	signedHeaders string
	signature     string
	have          [3]bool // Credential, SignedHeaders, Signature present
	badComponent  string  // first component without '='
}

// parseAuthHeader parses "ALG Credential=…, SignedHeaders=…, Signature=…".
// AWS accepts commas and/or spaces between components.
func parseAuthHeader(h string) authHeader {
	var a authHeader
	h = strings.TrimSpace(h)
	i := strings.IndexAny(h, " ,")
	if i < 0 {
		a.algorithm = h
		return a
	}
	a.algorithm, h = h[:i], h[i+1:]
	for h != "" {
		j := strings.IndexAny(h, " ,")
		var comp string
		if j < 0 {
			comp, h = h, ""
		} else {
			comp, h = h[:j], h[j+1:]
		}
		if comp == "" {
			continue
		}
		eq := strings.IndexByte(comp, '=')
		if eq < 0 {
			if a.badComponent == "" {
				a.badComponent = comp
			}
			continue
		}
		k, v := comp[:eq], comp[eq+1:]
		switch k {
		case "Credential":
			a.credential, a.have[0] = v, true
		case "SignedHeaders":
			a.signedHeaders, a.have[1] = v, true
		case "Signature":
			a.signature, a.have[2] = v, true
		}
	}
	return a
}

// queryParam returns the decoded value of the first name=value pair in a raw
// query, without parsing the whole query into a map.
func queryParam(raw, name string) (string, bool) {
	for raw != "" {
		var kv string
		if i := strings.IndexByte(raw, '&'); i >= 0 {
			kv, raw = raw[:i], raw[i+1:]
		} else {
			kv, raw = raw, ""
		}
		k, v, _ := strings.Cut(kv, "=")
		if k != name {
			if dk, err := url.QueryUnescape(k); err != nil || dk != name {
				continue
			}
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			return dv, true
		}
		return v, true
	}
	return "", false
}

// isPresigned reports whether the query carries SigV4 query-string auth.
func isPresigned(raw string) bool {
	if !strings.Contains(raw, "X-Amz-") {
		return false
	}
	for _, n := range []string{qAlgorithm, qCredential, qSignature} {
		if _, ok := queryParam(raw, n); ok {
			return true
		}
	}
	return false
}

// ParseScope reads the credential scope from the Authorization header or the
// presigned X-Amz-Credential parameter without verifying anything, so the
// router can pick the service (and its error family) before verification.
func ParseScope(r *http.Request) (accessKeyID, region, service string, ok bool) {
	var cred string
	if h := r.Header.Get(hdrAuthz); strings.HasPrefix(h, "AWS4-") {
		a := parseAuthHeader(h)
		if !a.have[0] {
			return "", "", "", false
		}
		cred = a.credential
	} else if v, found := queryParam(r.URL.RawQuery, qCredential); found {
		cred = v
	} else {
		return "", "", "", false
	}
	sc, ok := parseCredential(cred)
	if !ok {
		return "", "", "", false
	}
	return sc.accessKey, sc.region, sc.service, true
}
