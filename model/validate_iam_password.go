package model

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Password rules. passwordType (the wire shape) allows 1–128 characters of tab, line
// breaks and U+0020–U+00FF; the account's default password policy (used while no
// custom policy is set, IAM User Guide "Default password policy") then asks for at
// least 8 characters mixing at least three of: upper-case letters, lower-case letters,
// numbers and the symbols ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '.
const (
	MinDefaultPasswordLen  = 8
	MaxPasswordLen         = 128
	DefaultPasswordClasses = 3
	PasswordSymbols        = "!@#$%^&*()_+-=[]{}|'"
)

// MsgPasswordPolicyViolation is IAM's PasswordPolicyViolation message.
const MsgPasswordPolicyViolation = "Password does not conform to the account password policy."

var passwordChars = regexp.MustCompile(`^[\x{09}\x{0A}\x{0D}\x{20}-\x{FF}]+$`)

// ValidatePassword applies both the wire rule and the default password policy; the
// console checks it as the user types.
func ValidatePassword(pw string) error {
	if err := ValidatePasswordType(pw); err != nil {
		return err
	}
	return CheckDefaultPasswordPolicy(pw)
}

// ValidatePasswordType applies passwordType, whose violation IAM answers with a
// ValidationError.
func ValidatePasswordType(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n == 0:
		return &FieldError{Field: "Password", ID: "ValidateRequired", AWS: "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 1"}
	case n > MaxPasswordLen:
		// AWS never echoes a password back, so the value is left out of the message.
		return &FieldError{Field: "Password", ID: "ValidatePasswordLength", Data: map[string]any{"Min": MinDefaultPasswordLen, "Max": MaxPasswordLen}, AWS: "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128"}
	case !passwordChars.MatchString(pw):
		return &FieldError{Field: "Password", ID: "ValidatePasswordChars", AWS: `1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+`}
	}
	return nil
}

// CheckDefaultPasswordPolicy applies the account's default password policy, whose
// violation IAM answers with PasswordPolicyViolation.
func CheckDefaultPasswordPolicy(pw string) error {
	if utf8.RuneCountInString(pw) < MinDefaultPasswordLen {
		return &FieldError{Field: "Password", ID: "ValidatePasswordLength", Data: map[string]any{"Min": MinDefaultPasswordLen, "Max": MaxPasswordLen}, AWS: MsgPasswordPolicyViolation}
	}
	if PasswordClasses(pw) < DefaultPasswordClasses {
		return &FieldError{Field: "Password", ID: "ValidatePasswordClasses", Data: map[string]any{"Count": DefaultPasswordClasses}, AWS: MsgPasswordPolicyViolation}
	}
	return nil
}

// PasswordClasses counts the character classes present in pw: upper-case letters,
// lower-case letters, numbers and the policy's symbols (Latin letters only, as IAM).
func PasswordClasses(pw string) int {
	var upper, lower, digit, symbol bool
	for _, r := range pw {
		switch {
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune(PasswordSymbols, r):
			symbol = true
		}
	}
	n := 0
	for _, b := range []bool{upper, lower, digit, symbol} {
		if b {
			n++
		}
	}
	return n
}
