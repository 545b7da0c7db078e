//go:build bench

package awsapi_test

import (
	"context"
	"testing"
)

// BenchmarkCallerIdentityInProcess is one full SDK call to the simulator: signing,
// the in-process transport, verification, routing, the operation and decoding.
// Target: under 150 µs/op.
func BenchmarkCallerIdentityInProcess(b *testing.B) {
	_, be := newSim(b, "")
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := be.CallerIdentity(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
