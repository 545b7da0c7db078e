package model

import "strings"

// Limits of general purpose bucket names.
const (
	MinBucketNameLen = 3
	MaxBucketNameLen = 63
)

// InvalidBucketNameMessage is S3's one message for every naming violation; the
// console shows the specific rule, the simulator answers this.
const InvalidBucketNameMessage = "The specified bucket is not valid."

// Reserved beginnings and endings of bucket names (S3 User Guide, bucket naming
// rules): access point aliases, Object Lambda, Multi-Region Access Points, directory
// and table buckets and documentation examples own them.
var (
	bucketReservedPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	bucketReservedSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// ValidateBucketName applies the current general purpose bucket naming rules: 3–63
// characters of lowercase letters, numbers, periods and hyphens; a letter or number
// first and last; no two adjacent periods; not an IP address; none of the reserved
// prefixes and suffixes. The error names the rule broken (message ID) and carries S3's
// InvalidBucketName message.
func ValidateBucketName(name string) error {
	bad := func(fe FieldError) error {
		fe.Field, fe.AWS = "BucketName", InvalidBucketNameMessage
		return &fe
	}
	n := len(name)
	switch {
	case n == 0:
		return bad(FieldError{ID: "ValidateRequired"})
	case n < MinBucketNameLen || n > MaxBucketNameLen:
		return bad(FieldError{ID: "ValidateBucketNameLength", Data: map[string]any{"Min": MinBucketNameLen, "Max": MaxBucketNameLen}})
	}
	for i := 0; i < n; i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return bad(FieldError{ID: "ValidateBucketNameChars"})
		}
	}
	switch {
	case !isLowerAlnum(name[0]) || !isLowerAlnum(name[n-1]):
		return bad(FieldError{ID: "ValidateBucketNameEdges"})
	case strings.Contains(name, ".."):
		return bad(FieldError{ID: "ValidateBucketNameAdjacentPeriods"})
	case looksLikeIPv4(name):
		return bad(FieldError{ID: "ValidateBucketNameIPAddress"})
	}
	for _, p := range bucketReservedPrefixes {
		if strings.HasPrefix(name, p) {
			return bad(FieldError{ID: "ValidateBucketNamePrefix", Data: map[string]any{"Prefix": p}})
		}
	}
	for _, s := range bucketReservedSuffixes {
		if strings.HasSuffix(name, s) {
			return bad(FieldError{ID: "ValidateBucketNameSuffix", Data: map[string]any{"Suffix": s}})
		}
	}
	return nil
}

func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// looksLikeIPv4 reports a name "formatted as an IP address": four dot-separated
// groups of one to three digits, whether or not the numbers are in range.
func looksLikeIPv4(name string) bool {
	groups := strings.Split(name, ".")
	if len(groups) != 4 {
		return false
	}
	for _, g := range groups {
		if len(g) == 0 || len(g) > 3 {
			return false
		}
		for i := 0; i < len(g); i++ {
			if g[i] < '0' || g[i] > '9' {
				return false
			}
		}
	}
	return true
}
