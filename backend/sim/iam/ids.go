package iam

import (
	"crypto/rand"
	"encoding/base64"
	"strings"
)

// IAM unique IDs: a four-letter type prefix (AIDA user, AKIA access key…) followed by
// upper-case base32 characters, 21 characters in all for users, 20 for access keys.
const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

func newID(prefix string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	var sb strings.Builder
	sb.WriteString(prefix)
	for _, c := range b {
		sb.WriteByte(idAlphabet[int(c)%len(idAlphabet)])
	}
	return sb.String()
}

// NewUserID returns an IAM user ID (AIDA…).
func NewUserID() string { return newID("AIDA", 17) }

// NewAccessKeyID returns a long-term access key ID (AKIA…).
func NewAccessKeyID() string { return newID("AKIA", 16) }

// NewSecretAccessKey returns a 40-character secret like AWS's.
func NewSecretAccessKey() string {
	b := make([]byte, 30)
	_, _ = rand.Read(b)
	s := base64.StdEncoding.EncodeToString(b)
	return strings.NewReplacer("+", "x", "/", "Z").Replace(s)
}

// NewGroupID returns an IAM group ID (AGPA…).
func NewGroupID() string { return newID("AGPA", 17) }

// NewPolicyID returns a managed policy ID (ANPA…).
func NewPolicyID() string { return newID("ANPA", 17) }

// NewSessionKeyID returns a temporary access key ID (ASIA…), as STS issues.
func NewSessionKeyID() string { return newID("ASIA", 16) }

// NewSessionToken returns an opaque session token. Real tokens are long base64 blobs
// that clients pass back unchanged in X-Amz-Security-Token.
func NewSessionToken() string {
	b := make([]byte, 96)
	_, _ = rand.Read(b)
	return "IQoJb3JpZ2luX2VjE" + base64.StdEncoding.EncodeToString(b)
}

// NewRoleID returns an IAM role ID (AROA…).
func NewRoleID() string { return newID("AROA", 17) }
