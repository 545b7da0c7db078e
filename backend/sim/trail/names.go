package trail

import (
	"strings"
	"time"
)

// LowerCamel spells a wire member name the way CloudTrail records spell it:
// "UserName" → "userName", "S3BucketName" → "s3BucketName", "TrailARN" → "trailARN",
// "KMSKeyId" → "kmsKeyId", "ARN" → "arn". A leading run of capitals is lowered,
// except its last letter when a lower-case word follows it.
func LowerCamel(s string) string {
	if s == "" || !isUpper(s[0]) {
		return s
	}
	n := 0
	for n < len(s) && (isUpper(s[n]) || isDigit(s[n])) {
		n++
	}
	if n == len(s) {
		return strings.ToLower(s)
	}
	if n > 1 && isLower(s[n]) && isUpper(s[n-1]) {
		n-- // "KMSKey": keep the K that starts "Key"
	}
	return strings.ToLower(s[:n]) + s[n:]
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// secretMembers are never recorded, whatever the service's hints say: AWS leaves
// secret access keys and passwords out of requestParameters and responseElements.
// (STS session tokens are not on the list: AWS does record them in AssumeRole's
// responseElements.)
var secretMembers = map[string]bool{
	"SecretAccessKey": true,
	"Password":        true,
	"OldPassword":     true,
	"NewPassword":     true,
	"PrivateKey":      true,
}

func isSecret(name string) bool { return secretMembers[name] }

// readOnlyPrefixes are the operation-name verbs of read-only APIs. Services whose
// names mislead (a Get that changes state) set RecordHints.ReadOnly.
var readOnlyPrefixes = []string{"Get", "List", "Describe", "Lookup", "Head", "Search", "Select", "Check", "Validate", "Simulate", "Estimate", "Test"}

// GuessReadOnly reports whether op is a read-only API by its verb.
func GuessReadOnly(op string) bool {
	for _, p := range readOnlyPrefixes {
		if strings.HasPrefix(op, p) && (len(op) == len(p) || !isLower(op[len(p)])) {
			return true
		}
	}
	return false
}

// globalServices are recorded in us-east-1 and shown in every region's Event history.
var globalServices = map[string]bool{"iam": true, "sts": true}

// IsGlobalService reports whether the signing name is a global service's.
func IsGlobalService(signingName string) bool { return globalServices[signingName] }

// appendJavaTime writes a timestamp inside requestParameters/responseElements the
// way IAM's records show them ("Oct 29, 2021, 3:37:41 PM"): CloudTrail serializes
// the service's Java date objects with the JDK's default medium format.
func appendJavaTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, "Jan 2, 2006, 3:04:05 PM")
	return append(b, '"')
}
