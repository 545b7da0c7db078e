package awsapi

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
)

// Every SDK client of a Backend, on real AWS and on the simulator alike, retries
// with the SDK's standard retryer: throttling errors (Throttling,
// ThrottlingException, SlowDown, …) and 5xx answers are retried with exponential
// back-off and jitter, up to maxAttempts attempts. On top of it, a request signed
// with an access key this process created moments ago is retried while IAM
// refuses the key as unknown (eventual consistency: AWS's documented "the
// security token included in the request is invalid" for a key that has not
// propagated yet), with consistencyBackoff.

// maxAttempts is how many times one SDK call is tried.
const maxAttempts = 5

// newRetryer returns the retryer of a Backend whose requests are signed with the
// access key keyID returns ("" when unknown).
func newRetryer(keyID func() string) aws.Retryer {
	return &retryer{
		RetryerV2: retry.NewStandard(func(o *retry.StandardOptions) { o.MaxAttempts = maxAttempts }),
		keyID:     keyID,
	}
}

type retryer struct {
	aws.RetryerV2
	keyID func() string
}

// unpropagatedKey reports whether err is IAM refusing this Backend's access key
// while the key is one this process created within freshFor.
func (r *retryer) unpropagatedKey(err error) bool {
	var api smithy.APIError
	if !errors.As(err, &api) {
		return false
	}
	switch api.ErrorCode() {
	case "InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId":
		return r.keyID != nil && newKeys.fresh(r.keyID())
	}
	return false
}

// IsErrorRetryable implements aws.Retryer.
func (r *retryer) IsErrorRetryable(err error) bool {
	return r.RetryerV2.IsErrorRetryable(err) || r.unpropagatedKey(err)
}

// RetryDelay implements aws.Retryer.
func (r *retryer) RetryDelay(attempt int, err error) (time.Duration, error) {
	if r.unpropagatedKey(err) {
		return consistencyBackoff.delay(attempt), nil
	}
	return r.RetryerV2.RetryDelay(attempt, err)
}

// GetRetryToken implements aws.Retryer. Waiting for a key to propagate is not a
// failing service, so it does not draw on the retry quota.
func (r *retryer) GetRetryToken(ctx context.Context, err error) (func(error) error, error) {
	if r.unpropagatedKey(err) {
		return func(error) error { return nil }, nil
	}
	return r.RetryerV2.GetRetryToken(ctx, err)
}

// backoff is a bounded exponential back-off: first, doubling up to most, and at
// most budget in all.
type backoff struct {
	first, most, budget time.Duration
}

// consistencyBackoff paces retries that wait for IAM to propagate a change. IAM
// changes usually propagate within seconds.
var consistencyBackoff = backoff{first: 250 * time.Millisecond, most: 4 * time.Second, budget: 15 * time.Second}

// delay is the wait before retry number attempt (1 for the first retry).
func (b backoff) delay(attempt int) time.Duration {
	d := b.first
	for i := 1; i < attempt && d < b.most; i++ {
		d *= 2
	}
	return min(d, b.most)
}

// freshFor is how long after this process created an IAM entity a failure that
// says it does not exist is taken for eventual consistency and retried.
const freshFor = time.Minute

// recent remembers IAM entities created or changed through this process, by key
// ("user/NAME", "group/NAME", "login/NAME", an access key ID), with when.
type recent struct {
	mu  sync.Mutex
	now func() time.Time
	at  map[string]time.Time
}

func newRecent() *recent { return &recent{now: time.Now, at: map[string]time.Time{}} }

// mark records keys as changed now.
func (r *recent) mark(keys ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	for k, t := range r.at {
		if now.Sub(t) >= freshFor {
			delete(r.at, k)
		}
	}
	for _, k := range keys {
		r.at[k] = now
	}
}

// fresh reports whether key was marked within freshFor.
func (r *recent) fresh(key string) bool {
	if key == "" {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	t, ok := r.at[key]
	return ok && r.now().Sub(t) < freshFor
}

// newKeys are the access keys this process created: key IDs are unique across
// AWS, so one set serves every Backend (the key is used by a Backend built after
// CreateAccessKey returned it).
var newKeys = newRecent()
