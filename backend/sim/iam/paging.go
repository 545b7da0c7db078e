package iam

import (
	"encoding/base64"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// IAM listings page with Marker/MaxItems: MaxItems 1–1000, 100 by default. The marker
// is opaque to clients; here it is the sort key of the last item returned,
// base64-encoded, so a page boundary survives inserts and deletes.
const defaultMaxItems = 100

type pageArgs struct {
	after string // sort key to start after; "" for the first page
	limit int
}

func parsePage(marker *string, maxItems *int) (pageArgs, error) {
	p := pageArgs{limit: defaultMaxItems}
	if maxItems != nil {
		if *maxItems < 1 || *maxItems > 1000 {
			return p, service.ValidationError("1 validation error detected: Value '%d' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000", *maxItems)
		}
		p.limit = *maxItems
	}
	if marker != nil {
		b, err := base64.RawURLEncoding.DecodeString(*marker)
		if err != nil || len(b) == 0 {
			return p, invalidMarker()
		}
		p.after = string(b)
	}
	return p, nil
}

func markerFor(key string) *string {
	m := base64.RawURLEncoding.EncodeToString([]byte(key))
	return &m
}

// sortKey is the case-insensitive order IAM lists names in.
func sortKey(name string) string { return strings.ToLower(name) }

// pageSlice pages items already sorted by key.
func pageSlice[T any](items []T, key func(T) string, p pageArgs) (out []T, truncated bool, marker *string) {
	start := 0
	if p.after != "" {
		for start < len(items) && key(items[start]) <= p.after {
			start++
		}
	}
	out = items[start:]
	if len(out) > p.limit {
		out = out[:p.limit]
		return out, true, markerFor(key(out[len(out)-1]))
	}
	return out, false, nil
}
