package model

import (
	"fmt"
	"regexp"
	"strings"
)

// Limits of CloudTrail trails (CloudTrail User Guide, "CloudTrail trail naming
// requirements" and "Quotas"; the API model's S3KeyPrefix and TagsList).
const (
	MinTrailNameLen    = 3
	MaxTrailNameLen    = 128
	MaxTrailKeyPrefix  = 200
	MaxTrailsPerRegion = 5
	MaxTrailTags       = 200
)

var (
	trailNameChars = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	ipAddress      = regexp.MustCompile(`^\d{1,3}(\.\d{1,3}){3}$`)
)

// ValidateTrailName applies the trail naming rules: 3–128 ASCII letters, digits,
// periods, underscores and dashes; starting and ending with a letter or digit; no
// two separators side by side; not an IP address. The AWS texts follow the wording
// AWS emulators reproduce for InvalidTrailNameException (AWS's own is unpublished).
func ValidateTrailName(name string) error {
	n := len(name)
	fe := func(id, aws string) error {
		return &FieldError{Field: "Name", ID: id, Data: map[string]any{"Min": MinTrailNameLen, "Max": MaxTrailNameLen, "Length": n}, AWS: aws}
	}
	switch {
	case n == 0:
		return &FieldError{Field: "Name", ID: "ValidateRequired", AWS: "Trail name cannot be empty."}
	case n < MinTrailNameLen:
		return fe("ValidateTrailNameLength", fmt.Sprintf("Trail name too short. Minimum allowed length: %d characters. Specified name length: %d characters.", MinTrailNameLen, n))
	case n > MaxTrailNameLen:
		return fe("ValidateTrailNameLength", fmt.Sprintf("Trail name too long. Maximum allowed length: %d characters. Specified name length: %d characters.", MaxTrailNameLen, n))
	case !trailNameChars.MatchString(name):
		return fe("ValidateTrailNameChars", "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).")
	case !isAlnum(name[0]):
		return fe("ValidateTrailNameStart", "Trail name must starts with a letter or number.")
	case !isAlnum(name[n-1]):
		return fe("ValidateTrailNameEnd", "Trail name must ends with a letter or number.")
	case hasAdjacentSeparators(name):
		return fe("ValidateTrailNameAdjacent", "Trail name must not have an adjacent period, underscore or dash. Specified name: "+name)
	case ipAddress.MatchString(name):
		return fe("ValidateTrailNameIP", "Trail name must not be in IP address format. Specified name: "+name)
	}
	return nil
}

// ValidateTrailKeyPrefix applies S3KeyPrefix's limit ("The maximum length is 200
// characters").
func ValidateTrailKeyPrefix(prefix string) error {
	if len(prefix) > MaxTrailKeyPrefix {
		return &FieldError{Field: "S3KeyPrefix", ID: "ValidateTrailPrefixLength", Data: map[string]any{"Max": MaxTrailKeyPrefix},
			AWS: fmt.Sprintf("Prefix is too long. Maximum allowed length: %d characters.", MaxTrailKeyPrefix)}
	}
	if strings.HasPrefix(prefix, "/") || strings.Contains(prefix, "//") {
		return &FieldError{Field: "S3KeyPrefix", ID: "ValidateTrailPrefixFormat", AWS: "Invalid S3 prefix: " + prefix}
	}
	return nil
}

// ValidateTrailTags applies CloudTrail's tag limits: at most 200 tags, keys 1–128 and
// values up to 256 characters, keys unique.
func ValidateTrailTags(tags []Tag) error {
	if len(tags) > MaxTrailTags {
		return &FieldError{Field: "Tags", ID: "ValidateTagsTooMany", Data: map[string]any{"Max": MaxTrailTags},
			AWS: fmt.Sprintf("The number of tags exceeds the limit of %d.", MaxTrailTags)}
	}
	seen := map[string]bool{}
	for _, t := range tags {
		switch {
		case len(t.Key) == 0 || len([]rune(t.Key)) > MaxTagKeyLen:
			return &FieldError{Field: "Tags", ID: "ValidateTagKeyLength", Data: map[string]any{"Max": MaxTagKeyLen}, AWS: "Tag key must be between 1 and 128 characters."}
		case len([]rune(t.Value)) > MaxTagValueLen:
			return &FieldError{Field: "Tags", ID: "ValidateTagValueLength", Data: map[string]any{"Max": MaxTagValueLen}, AWS: "Tag value must be at most 256 characters."}
		case seen[t.Key]:
			return &FieldError{Field: "Tags", ID: "ValidateTagDuplicate", Data: map[string]any{"Key": t.Key}, AWS: "Duplicate tag key: " + t.Key}
		}
		seen[t.Key] = true
	}
	return nil
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func hasAdjacentSeparators(s string) bool {
	for i := 1; i < len(s); i++ {
		if !isAlnum(s[i]) && !isAlnum(s[i-1]) {
			return true
		}
	}
	return false
}
