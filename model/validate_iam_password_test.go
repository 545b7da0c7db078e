package model

import (
	"strings"
	"testing"
)

func TestValidatePassword(t *testing.T) {
	cases := []struct {
		name, pw, wantID string
		violation        bool // PasswordPolicyViolation rather than ValidationError
	}{
		{"lab password", "Suwon#0307", "", false},
		{"three classes without symbols", "Password1", "", false},
		{"three classes without digits", "Pass#word", "", false},
		{"empty", "", "ValidateRequired", false},
		{"too short", "Ab1#", "ValidatePasswordLength", true},
		{"two classes", "password1234", "ValidatePasswordClasses", true},
		{"symbols outside the policy's list do not count", "password...", "ValidatePasswordClasses", true},
		{"too long", "Aa1" + strings.Repeat("x", 126), "ValidatePasswordLength", false},
		{"outside U+00FF", "Pässwörd1한", "ValidatePasswordChars", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidatePassword(c.pw)
			got := ""
			if err != nil {
				got = err.(*FieldError).ID
			}
			if got != c.wantID {
				t.Fatalf("ValidatePassword(%q) = %q, want %q (%v)", c.pw, got, c.wantID, err)
			}
			if c.wantID != "" && (ValidatePasswordType(c.pw) == nil) != c.violation {
				t.Fatalf("wire rule vs policy rule mixed up for %q", c.pw)
			}
			if c.violation && err.(*FieldError).AWS != MsgPasswordPolicyViolation {
				t.Fatalf("AWS message = %q", err.(*FieldError).AWS)
			}
		})
	}
}

func TestValidatePolicyNameAndPath(t *testing.T) {
	for in, ok := range map[string]bool{"lab-s3-list": true, "a+b=c,d.e@f_g": true, "": false, "has space": false, strings.Repeat("p", 129): false} {
		if err := ValidatePolicyName(in); (err == nil) != ok {
			t.Errorf("ValidatePolicyName(%q) = %v", in, err)
		}
	}
	for in, ok := range map[string]bool{"/": true, "/job-function/": true, "/a/b/": true, "/a b/": false, "a/": false, "/a": false} {
		if err := ValidatePolicyPath(in); (err == nil) != ok {
			t.Errorf("ValidatePolicyPath(%q) = %v", in, err)
		}
	}
}

func TestInlinePolicyValidate(t *testing.T) {
	if err := (InlinePolicy{PolicyName: "p", Document: `{"Version":"2012-10-17"}`}).Validate(); err != nil {
		t.Fatal(err)
	}
	err := InlinePolicy{PolicyName: "bad name", Document: "\x01"}.Validate()
	errs, ok := err.(Errors)
	if !ok || errs.For("PolicyName") == nil || errs.For("PolicyDocument") == nil || errs.For("PolicyDocument").ID != "ValidatePolicyDocumentChars" {
		t.Fatalf("err = %#v", err)
	}
	if err := ValidatePolicyDocument(strings.Repeat(" ", MaxPolicyDocumentLen+1)); err == nil || err.(*FieldError).ID != "ValidatePolicyDocumentLength" {
		t.Fatalf("oversized document: %v", err)
	}
}

func TestNewGroupAndLoginProfileValidate(t *testing.T) {
	if err := (NewGroup{GroupName: "lab-cloudtrail-group"}).Validate(); err != nil {
		t.Fatal(err)
	}
	if errs, ok := (NewGroup{GroupName: "", Path: "x"}).Validate().(Errors); !ok || len(errs) != 2 {
		t.Fatalf("NewGroup errors = %v", errs)
	}
	if err := (NewLoginProfile{UserName: "lab-user", Password: "Suwon#0307"}).Validate(); err != nil {
		t.Fatal(err)
	}
	if errs, ok := (NewLoginProfile{UserName: "lab user", Password: "weak"}).Validate().(Errors); !ok || errs.For("UserName") == nil || errs.For("Password") == nil {
		t.Fatalf("NewLoginProfile errors = %v", errs)
	}
	if err := (UserUpdate{NewPath: "nope"}).Validate(); err == nil {
		t.Fatal("bad path accepted")
	}
}
