package sim

import (
	"strings"
	"sync"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
)

// Throttling (Options.Throttling) is one layer in the router, shared by every
// service: each account, Region and operation has a token bucket refilled at the
// rate AWS documents for that operation, holding at most one second's worth, and a
// request that finds it empty is refused with the service's throttling error
// before it runs. Operations without a documented rate are not throttled.
//
// Rates (reference/cloudtrail.md §5, reference/sns.md):
//   - CloudTrail: LookupEvents 2 per second per account per Region; other Get,
//     Describe and List calls 10; every other API 1. Not adjustable.
//   - SNS: ListTopics, ListSubscriptions, ListSubscriptionsByTopic 30; Subscribe 100.

// ThrottleRate is the documented requests-per-second quota of an operation of the
// service with the given SigV4 signing name; ok is false when AWS documents none.
func ThrottleRate(signingName, operation string) (perSecond float64, ok bool) {
	switch signingName {
	case "cloudtrail":
		switch {
		case operation == "LookupEvents":
			return 2, true
		case strings.HasPrefix(operation, "Get"), strings.HasPrefix(operation, "Describe"), strings.HasPrefix(operation, "List"):
			return 10, true
		default:
			return 1, true
		}
	case "sns":
		switch operation {
		case "ListTopics", "ListSubscriptions", "ListSubscriptionsByTopic":
			return 30, true
		case "Subscribe":
			return 100, true
		}
	}
	return 0, false
}

// throttler holds the token buckets of one simulated account.
type throttler struct {
	mu      sync.Mutex
	buckets map[string]*tokenBucket
	now     func() time.Time // wall clock: rates are real time, not simulated time
}

type tokenBucket struct {
	tokens float64
	last   time.Time
}

// allow takes a token from the bucket of key, refilled at rate per second up to
// burst; false means the request is over the rate.
func (t *throttler) allow(key string, rate, burst float64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if t.buckets == nil {
		t.buckets = map[string]*tokenBucket{}
	}
	b, ok := t.buckets[key]
	if !ok {
		b = &tokenBucket{tokens: burst, last: now}
		t.buckets[key] = b
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = min(burst, b.tokens+elapsed*rate)
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// throttle answers nil when the request may run, or the service's throttling
// error when its operation is over its documented rate in region.
func (s *Sim) throttle(spec *protocol.Spec, req *protocol.Request, region string) error {
	if !s.opts.Throttling || spec == nil {
		return nil
	}
	rate, ok := ThrottleRate(spec.SigningName, req.Operation)
	if !ok {
		return nil
	}
	key := s.opts.AccountID + "/" + region + "/" + spec.SigningName + ":" + req.Operation
	if s.throttles.allow(key, rate, max(rate, 1)) {
		return nil
	}
	return throttlingError(spec, req)
}

// throttlingError is "Rate exceeded" in the code each protocol family uses:
// ThrottlingException for JSON services (CloudTrail, CloudWatch Logs), Throttling
// for awsQuery ones (IAM, STS, SNS, CloudWatch), SlowDown for S3.
func throttlingError(spec *protocol.Spec, req *protocol.Request) error {
	switch {
	case spec.SigningName == "s3":
		return protocol.NewError(503, "SlowDown", "Please reduce your request rate.")
	case (req.Kind == protocol.JSON10 || req.Kind == protocol.JSON11 || req.Kind == protocol.CBOR) && !spec.QueryCompatible:
		return protocol.NewError(400, "ThrottlingException", "Rate exceeded")
	case spec.QueryCompatible:
		e := protocol.NewError(400, "ThrottlingException", "Rate exceeded")
		e.QueryCode = "Throttling"
		return e
	default:
		return protocol.NewError(400, "Throttling", "Rate exceeded")
	}
}
