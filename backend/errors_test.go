package backend

import (
	"fmt"
	"testing"
)

func TestKindOfWrapped(t *testing.T) {
	err := fmt.Errorf("loading users: %w", &Error{Op: "iam:ListUsers", Kind: KindForCode("AccessDenied"), Code: "AccessDenied"})
	if got := KindOf(err); got != KindAccessDenied {
		t.Fatalf("KindOf = %v, want AccessDenied", got)
	}
	if got := KindOf(fmt.Errorf("plain")); got != KindUnknown {
		t.Fatalf("KindOf(plain) = %v", got)
	}
	for code, want := range map[string]Kind{"NoSuchEntity": KindNotFound, "SignatureDoesNotMatch": KindAuth, "Throttling": KindThrottled, "Nope": KindUnknown,
		"NotFoundException": KindNotFound, "AlreadyExistsException": KindAlreadyExists, "InvalidParameter": KindValidation} {
		if got := KindForCode(code); got != want {
			t.Errorf("KindForCode(%q) = %v, want %v", code, got, want)
		}
	}
}
