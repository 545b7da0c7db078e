package ec2

import (
	"path"
	"slices"
	"strings"
)

// attrs gives a resource's values for a filter name ("vpc-id" → ["vpc-…"]); ok is
// false for a filter name the resource type does not support.
type attrs func(name string) (vals []string, ok bool)

// matchFilters reports whether a resource with tags and attributes passes every
// filter: values within a filter are ORed, filters ANDed, and values may use
// EC2's * and ? wildcards. An unsupported filter name is EC2's
// InvalidParameterValue.
func matchFilters(filters []Filter, tags []Tag, a attrs) (bool, error) {
	for _, f := range filters {
		var have []string
		switch {
		case strings.HasPrefix(f.Name, "tag:"):
			key := strings.TrimPrefix(f.Name, "tag:")
			for _, t := range tags {
				if t.Key == key {
					have = append(have, t.Value)
				}
			}
		case f.Name == "tag-key":
			for _, t := range tags {
				have = append(have, t.Key)
			}
		default:
			vals, ok := a(f.Name)
			if !ok {
				return false, invalidParameterValue("The filter '%s' is invalid", f.Name)
			}
			have = vals
		}
		if !slices.ContainsFunc(f.Values, func(want string) bool {
			return slices.ContainsFunc(have, func(h string) bool { m, _ := path.Match(want, h); return m || want == h })
		}) {
			return false, nil
		}
	}
	return true, nil
}

// wanted reports whether id is in ids (an empty ids means all).
func wanted(ids []string, id string) bool { return len(ids) == 0 || slices.Contains(ids, id) }

// missing returns the first of ids not in found.
func missing(ids []string, found map[string]bool) (string, bool) {
	for _, id := range ids {
		if !found[id] {
			return id, true
		}
	}
	return "", false
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
