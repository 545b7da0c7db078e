package model

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// IAM name and path rules from the IAM API model (userNameType, pathType, tagKeyType…).
var (
	iamNamePattern = regexp.MustCompile(`^[\w+=,.@-]+$`)
	iamPathPattern = regexp.MustCompile(`^(/|/[\x{21}-\x{7E}]+/)$`)
	tagKeyPattern  = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$`)
	tagValPattern  = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)
)

// Limits of IAM names, from the IAM API model.
const (
	MaxUserNameLen  = 64
	MaxGroupNameLen = 128
	MaxPathLen      = 512
	MaxTags         = 50
	MaxTagKeyLen    = 128
	MaxTagValueLen  = 256
)

// awsPatternMsg is AWS's generic validation wording, so the simulator and the console
// say the same thing AWS would.
func awsPatternMsg(value, member, pattern string) string {
	return fmt.Sprintf("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: %s", value, member, pattern)
}

func awsLengthMsg(value, member string, min, max int) string {
	if utf8.RuneCountInString(value) < min {
		return fmt.Sprintf("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d", value, member, min)
	}
	return fmt.Sprintf("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", value, member, max)
}

// ValidateUserName applies userNameType: 1–64 characters of [\w+=,.@-].
func ValidateUserName(name string) error {
	return validateIAMName("UserName", "userName", name, MaxUserNameLen)
}

// ValidateGroupName applies groupNameType: 1–128 characters of [\w+=,.@-].
func ValidateGroupName(name string) error {
	return validateIAMName("GroupName", "groupName", name, MaxGroupNameLen)
}

func validateIAMName(field, member, name string, max int) error {
	n := utf8.RuneCountInString(name)
	switch {
	case n == 0:
		return &FieldError{Field: field, ID: "ValidateRequired", AWS: awsLengthMsg(name, member, 1, max)}
	case n > max:
		return &FieldError{Field: field, ID: "ValidateIAMNameLength", Data: map[string]any{"Max": max}, AWS: awsLengthMsg(name, member, 1, max)}
	case !iamNamePattern.MatchString(name):
		return &FieldError{Field: field, ID: "ValidateIAMNameChars", AWS: awsPatternMsg(name, member, `[\w+=,.@-]+`)}
	}
	return nil
}

// ValidatePath applies pathType: "/" or "/…/" of printable ASCII, at most 512 characters.
func ValidatePath(path string) error {
	if len(path) > MaxPathLen {
		return &FieldError{Field: "Path", ID: "ValidatePathLength", Data: map[string]any{"Max": MaxPathLen}, AWS: awsLengthMsg(path, "path", 1, MaxPathLen)}
	}
	if !iamPathPattern.MatchString(path) {
		return &FieldError{Field: "Path", ID: "ValidatePathFormat", AWS: awsPatternMsg(path, "path", `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`)}
	}
	return nil
}

// ValidateTags applies IAM's tag rules: at most 50 tags, keys 1–128 and values 0–256
// characters of letters, spaces, numbers and _.:/=+-@, keys unique, no "aws:" prefix.
func ValidateTags(tags []Tag) error {
	if len(tags) > MaxTags {
		return &FieldError{Field: "Tags", ID: "ValidateTagsTooMany", Data: map[string]any{"Max": MaxTags}, AWS: fmt.Sprintf("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to %d", MaxTags)}
	}
	seen := map[string]bool{}
	for _, t := range tags {
		kn := utf8.RuneCountInString(t.Key)
		switch {
		case kn == 0 || kn > MaxTagKeyLen:
			return &FieldError{Field: "Tags", ID: "ValidateTagKeyLength", Data: map[string]any{"Max": MaxTagKeyLen}, AWS: awsLengthMsg(t.Key, "tags.member.key", 1, MaxTagKeyLen)}
		case !tagKeyPattern.MatchString(t.Key):
			return &FieldError{Field: "Tags", ID: "ValidateTagChars", AWS: awsPatternMsg(t.Key, "tags.member.key", `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`)}
		case len(t.Key) >= 4 && (t.Key[:4] == "aws:" || t.Key[:4] == "AWS:"):
			return &FieldError{Field: "Tags", ID: "ValidateTagReserved", AWS: "User-defined tag keys can't start with 'aws:'. This prefix is reserved for AWS internal use"}
		case utf8.RuneCountInString(t.Value) > MaxTagValueLen:
			return &FieldError{Field: "Tags", ID: "ValidateTagValueLength", Data: map[string]any{"Max": MaxTagValueLen}, AWS: awsLengthMsg(t.Value, "tags.member.value", 0, MaxTagValueLen)}
		case !tagValPattern.MatchString(t.Value):
			return &FieldError{Field: "Tags", ID: "ValidateTagChars", AWS: awsPatternMsg(t.Value, "tags.member.value", `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`)}
		case seen[strings.ToLower(t.Key)]:
			return &FieldError{Field: "Tags", ID: "ValidateTagDuplicate", Data: map[string]any{"Key": t.Key}, AWS: "Duplicate tag keys found. Please note that Tag keys are case insensitive."}
		}
		seen[strings.ToLower(t.Key)] = true
	}
	return nil
}
