package model

import (
	"strings"
	"testing"
)

func TestValidateUserName(t *testing.T) {
	cases := []struct {
		name, in, wantID string
	}{
		{"lab user", "lab-user", ""},
		{"all allowed punctuation", "a+b=c,d.e@f_g-h", ""},
		{"empty", "", "ValidateRequired"},
		{"max length", strings.Repeat("a", 64), ""},
		{"too long", strings.Repeat("a", 65), "ValidateIAMNameLength"},
		{"space", "lab user", "ValidateIAMNameChars"},
		{"slash", "lab/user", "ValidateIAMNameChars"},
		{"hangul", "사용자", "ValidateIAMNameChars"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidateUserName(c.in)
			got := ""
			if err != nil {
				got = err.(*FieldError).ID
			}
			if got != c.wantID {
				t.Fatalf("ValidateUserName(%q) = %q, want %q (%v)", c.in, got, c.wantID, err)
			}
		})
	}
}

func TestValidatePath(t *testing.T) {
	for in, ok := range map[string]bool{"/": true, "/division/": true, "division/": false, "/a": false, "//": false, "/a b/": false} {
		if err := ValidatePath(in); (err == nil) != ok {
			t.Errorf("ValidatePath(%q) = %v, want ok=%v", in, err, ok)
		}
	}
}

func TestValidateTags(t *testing.T) {
	cases := []struct {
		name   string
		tags   []Tag
		wantID string
	}{
		{"lab tag", []Tag{{"Name", "lab-user"}}, ""},
		{"empty value", []Tag{{"Name", ""}}, ""},
		{"empty key", []Tag{{"", "x"}}, "ValidateTagKeyLength"},
		{"reserved", []Tag{{"aws:foo", "x"}}, "ValidateTagReserved"},
		{"duplicate ignoring case", []Tag{{"Name", "a"}, {"name", "b"}}, "ValidateTagDuplicate"},
		{"bad char", []Tag{{"Name", "a;b"}}, "ValidateTagChars"},
		{"too many", make51(), "ValidateTagsTooMany"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidateTags(c.tags)
			got := ""
			if err != nil {
				got = err.(*FieldError).ID
			}
			if got != c.wantID {
				t.Fatalf("got %q want %q (%v)", got, c.wantID, err)
			}
		})
	}
}

func make51() []Tag {
	tags := make([]Tag, 51)
	for i := range tags {
		tags[i] = Tag{Key: "k" + strings.Repeat("x", i), Value: "v"}
	}
	return tags
}

func TestNewUserValidateCollectsEveryField(t *testing.T) {
	err := NewUser{UserName: "bad name", Path: "nope", Tags: []Tag{{"aws:x", ""}}}.Validate()
	errs, ok := err.(Errors)
	if !ok || len(errs) != 3 {
		t.Fatalf("want 3 field errors, got %#v", err)
	}
	if errs.For("Path") == nil || errs.For("UserName") == nil || errs.For("Tags") == nil {
		t.Fatalf("missing field in %v", errs)
	}
}
