package cloudtrail

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
)

// Paging of the list operations botocore's paginators name (ListTrails, ListTags,
// ListPublicKeys; LookupEvents pages in lookup.go). AWS documents no page sizes;
// these are the simulator's, small enough that a lab with several trails or a
// long-lived account sees NextToken at work. Tests lower them.
var (
	listTrailsPageSize     = 50
	listTagsPageSize       = 10
	listPublicKeysPageSize = 10
)

// maxListTagsResources is ListTags' limit: "The list has a limit of 20 ARNs."
const maxListTagsResources = 20

// pageToken is a NextToken: the offset of the next item and a fingerprint of the
// request, as "this token must be passed in with the same parameters that were
// specified in the original call".
type pageToken struct {
	O int    `json:"o"`
	F string `json:"f"`
}

func pageFingerprint(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:8])
}

func encodePageToken(offset int, fingerprint string) *string {
	b, _ := json.Marshal(pageToken{O: offset, F: fingerprint})
	return str(base64.RawURLEncoding.EncodeToString(b))
}

// pageStart is the offset a NextToken resumes at (0 without one); ok is false for
// a token that is malformed or belongs to another request.
func pageStart(tok *string, fingerprint string) (int, bool) {
	if tok == nil {
		return 0, true
	}
	b, err := base64.RawURLEncoding.DecodeString(*tok)
	if err != nil {
		return 0, false
	}
	var pt pageToken
	if json.Unmarshal(b, &pt) != nil || pt.F != fingerprint || pt.O <= 0 {
		return 0, false
	}
	return pt.O, true
}

// page cuts items[start:] to size and returns the NextToken of the rest, if any.
func page[T any](items []T, start, size int, fingerprint string) ([]T, *string) {
	if start > len(items) {
		start = len(items)
	}
	end := min(start+size, len(items))
	var next *string
	if end < len(items) {
		next = encodePageToken(end, fingerprint)
	}
	return items[start:end], next
}

func invalidNextToken() error {
	return errorf("InvalidNextTokenException", "Invalid NextToken. The token is not valid or was used with different parameters.")
}

func invalidToken() error {
	return errorf("InvalidTokenException", "The NextToken is not valid or was used with different parameters.")
}
