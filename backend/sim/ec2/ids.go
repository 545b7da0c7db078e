package ec2

import (
	"crypto/rand"
	"encoding/hex"
)

// newID returns an EC2 resource ID in today's long format: the type prefix
// ("vpc", "subnet", "sg", "igw", "i", "r") and 17 lower-case hex digits.
func newID(prefix string) string {
	var b [9]byte
	_, _ = rand.Read(b[:])
	return prefix + "-" + hex.EncodeToString(b[:])[:17]
}
