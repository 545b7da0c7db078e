package backend_test

import (
	"context"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend"
)

func TestLookupWaitFunc(t *testing.T) {
	ctx := context.Background()
	if backend.LookupWaitFunc(ctx) != nil {
		t.Fatal("a plain context has a wait function")
	}
	var got backend.LookupWait
	ctx = backend.WithLookupWait(ctx, func(w backend.LookupWait) { got = w })
	fn := backend.LookupWaitFunc(ctx)
	if fn == nil {
		t.Fatal("WithLookupWait's function is not found")
	}
	fn(backend.LookupWait{Wait: time.Second, Ahead: 2})
	if got.Wait != time.Second || got.Ahead != 2 {
		t.Fatalf("the function received %+v", got)
	}
	// A derived context keeps it.
	sub, cancel := context.WithCancel(ctx)
	defer cancel()
	if backend.LookupWaitFunc(sub) == nil {
		t.Fatal("a derived context lost the wait function")
	}
}
