package s3

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/labconsole/labconsole/backend/sim/protocol"
)

// Limits bound what one account may store: a classroom server gives every student's
// sandbox a share of its disk. Zero means unlimited; the zero Limits (the default)
// never costs a query. Real S3 has no such quota, so a refusal is answered with the
// code S3 uses when the account itself cannot take the action: AccountProblem, 403
// Forbidden (not retryable), with a message that names the limit.
type Limits struct {
	MaxObjects int64 // objects in all the account's buckets
	MaxBytes   int64 // bytes of those objects plus the parts of unfinished multipart uploads
}

// SetLimits sets the account's storage limits; call it before serving requests.
func (s *Service) SetLimits(l Limits) { s.limits = l }

// usage is what the account stores now.
func usage(ctx context.Context, q querier) (objects, bytes int64, err error) {
	var parts int64
	err = q.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM s3_objects), (SELECT coalesce(sum(size), 0) FROM s3_objects), (SELECT coalesce(sum(size), 0) FROM s3_parts)`).
		Scan(&objects, &bytes, &parts)
	return objects, bytes + parts, err
}

// objectSize is the size of the object at bucket/key; ok is false when there is none.
func objectSize(ctx context.Context, q querier, bucket, key string) (size int64, ok bool, err error) {
	err = q.QueryRowContext(ctx, `SELECT size FROM s3_objects WHERE bucket = ? AND key = ?`, bucket, key).Scan(&size)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return size, err == nil, err
}

// admitObject checks, inside the writing transaction, that storing an object of size
// bytes at bucket/key (replacing any object there) stays within the limits; freed is
// what the same write releases besides the replaced object (the parts a multipart
// completion consumes). A write that does not grow the account is always admitted,
// so a student over a lowered limit can still overwrite and delete.
func (s *Service) admitObject(ctx context.Context, q querier, bucket, key string, size, freed int64) error {
	if s.limits == (Limits{}) {
		return nil
	}
	old, exists, err := objectSize(ctx, q, bucket, key)
	if err != nil {
		return err
	}
	add := int64(1)
	if exists {
		add = 0
	}
	return s.admit(ctx, q, add, size-old-freed)
}

// admit checks that adding objects and bytes (either may be negative) stays within
// the limits.
func (s *Service) admit(ctx context.Context, q querier, objects, bytes int64) error {
	if s.limits == (Limits{}) || (objects <= 0 && bytes <= 0) {
		return nil
	}
	n, b, err := usage(ctx, q)
	if err != nil {
		return err
	}
	if max := s.limits.MaxObjects; max > 0 && objects > 0 && n+objects > max {
		return errObjectLimit(max, n)
	}
	if max := s.limits.MaxBytes; max > 0 && bytes > 0 && b+bytes > max {
		return errByteLimit(max, b, bytes)
	}
	return nil
}

func errObjectLimit(max, stored int64) error {
	return withExtra(protocol.NewError(403, "AccountProblem", fmt.Sprintf(
		"There is a problem with your AWS account that prevents the action from completing successfully: this simulated account may store at most %d objects and stores %d. Delete objects to make room.",
		max, stored)), "MaxObjects", fmt.Sprint(max))
}

func errByteLimit(max, stored, adding int64) error {
	return withExtra(protocol.NewError(403, "AccountProblem", fmt.Sprintf(
		"There is a problem with your AWS account that prevents the action from completing successfully: this simulated account may store at most %d bytes (%s); it stores %d and this request adds %d. Delete objects to make room.",
		max, humanBytes(max), stored, adding)), "MaxBytes", fmt.Sprint(max))
}

// humanBytes writes n in binary units, as the limits are usually given (256MiB).
func humanBytes(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	v, i := float64(n), 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), units[i])
	}
	return fmt.Sprintf("%.1f %s", v, units[i])
}
