package policy

import (
	"os"
	"testing"

	"github.com/labconsole/labconsole/assets"
)

const (
	testAccount = "123456789012"
	labUserArn  = "arn:aws:iam::123456789012:user/lab-user"
)

// labUser is the lab's IAM user.
func labUser() Principal {
	return Principal{
		Arn:      labUserArn,
		Account:  testAccount,
		UserName: "lab-user",
		UserID:   "AIDAJQABLZS4A3QDU576Q",
		Type:     PrincipalIAMUser,
	}
}

// managed returns a shipped AWS managed policy, parsed, with its ARN.
func managed(t testing.TB, name string) NamedDocument {
	t.Helper()
	mp, ok := assets.ManagedPolicyByName(name)
	if !ok {
		t.Fatalf("managed policy %s is not shipped", name)
	}
	doc, err := Parse(mp.Document)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return NamedDocument{Arn: mp.Arn, Doc: doc}
}

// mustParse parses an identity policy or fails the test.
func mustParse(t testing.TB, doc string) *Document {
	t.Helper()
	d, err := Parse(doc)
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, doc)
	}
	return d
}

// mustParseResource parses a resource-based policy or fails the test.
func mustParseResource(t testing.TB, doc string) *Document {
	t.Helper()
	d, err := ParseResource(doc)
	if err != nil {
		t.Fatalf("ParseResource: %v\n%s", err, doc)
	}
	return d
}

// inline wraps a parsed inline policy (no ARN).
func inline(t testing.TB, doc string) NamedDocument {
	t.Helper()
	return NamedDocument{Doc: mustParse(t, doc)}
}

// readReference reads a file of the shared reference tree, skipping the test
// when the tree is not present (the package must not depend on it to build).
func readReference(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile("/work/shared/reference/" + path)
	if err != nil {
		t.Skipf("reference file not available: %v", err)
	}
	return b
}
