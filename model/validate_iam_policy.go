package model

import (
	"regexp"
	"unicode/utf8"
)

// Limits of policy names, paths and documents, from the IAM API model
// (policyNameType, policyPathType, policyDocumentType).
const (
	MaxPolicyNameLen     = 128
	MaxPolicyDocumentLen = 131072
)

var (
	policyPathPattern = regexp.MustCompile(`^((/[A-Za-z0-9.,+@=_-]+)*)/$`)
	// policyDocChars is policyDocumentType's character set: tab, newline, carriage
	// return and U+0020–U+00FF.
	policyDocChars = regexp.MustCompile(`^[\x{09}\x{0A}\x{0D}\x{20}-\x{FF}]+$`)
)

// ValidatePolicyName applies policyNameType: 1–128 characters of [\w+=,.@-].
func ValidatePolicyName(name string) error {
	return validateIAMName("PolicyName", "policyName", name, MaxPolicyNameLen)
}

// ValidatePolicyPath applies policyPathType ("/" or "/a/b/" of [A-Za-z0-9.,+@=_-]),
// which is stricter than the path of users and groups.
func ValidatePolicyPath(path string) error {
	if len(path) > MaxPathLen {
		return &FieldError{Field: "Path", ID: "ValidatePathLength", Data: map[string]any{"Max": MaxPathLen}, AWS: awsLengthMsg(path, "path", 1, MaxPathLen)}
	}
	if !policyPathPattern.MatchString(path) {
		return &FieldError{Field: "Path", ID: "ValidatePathFormat", AWS: awsPatternMsg(path, "path", `((/[A-Za-z0-9\.,\+@=_-]+)*)/`)}
	}
	return nil
}

// ValidatePolicyDocument applies policyDocumentType: 1–131072 characters of tab, line
// breaks and U+0020–U+00FF. Whether the JSON is a valid policy is IAM's
// MalformedPolicyDocument, judged by the service.
func ValidatePolicyDocument(doc string) error {
	n := utf8.RuneCountInString(doc)
	switch {
	case n == 0:
		return &FieldError{Field: "PolicyDocument", ID: "ValidateRequired", AWS: awsLengthMsg(doc, "policyDocument", 1, MaxPolicyDocumentLen)}
	case n > MaxPolicyDocumentLen:
		return &FieldError{Field: "PolicyDocument", ID: "ValidatePolicyDocumentLength", Data: map[string]any{"Max": MaxPolicyDocumentLen}, AWS: awsLengthMsg("", "policyDocument", 1, MaxPolicyDocumentLen)}
	case !policyDocChars.MatchString(doc):
		return &FieldError{Field: "PolicyDocument", ID: "ValidatePolicyDocumentChars", AWS: awsPatternMsg(doc, "policyDocument", `[\u0009\u000A\u000D\u0020-\u00FF]+`)}
	}
	return nil
}
