package sim

import (
	"testing"
	"time"
)

// TestTokenBucketRefillsAtTheRate: a bucket of rate 2 holds 2 tokens, is empty
// after 2 requests, has one token back after half a second and never holds more
// than one second's worth; buckets are independent.
func TestTokenBucketRefillsAtTheRate(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	th := throttler{now: func() time.Time { return now }}
	take := func(key string) bool { return th.allow(key, 2, 2) }
	if !take("a") || !take("a") || take("a") {
		t.Fatal("a full bucket of 2 must allow exactly 2 requests at once")
	}
	if !take("b") {
		t.Fatal("another key has its own bucket")
	}
	now = now.Add(499 * time.Millisecond)
	if take("a") {
		t.Fatal("a token came back before half a second")
	}
	now = now.Add(time.Millisecond)
	if !take("a") || take("a") {
		t.Fatal("after half a second exactly one token is back")
	}
	now = now.Add(time.Hour)
	if !take("a") || !take("a") || take("a") {
		t.Fatal("an idle bucket holds at most one second's worth")
	}
}
