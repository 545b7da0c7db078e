package cloudtrail

import (
	"strings"

	"github.com/labconsole/labconsole/backend/sim/trail"
	"github.com/labconsole/labconsole/model"
)

// matchInput is what selectors look at in an event.
type matchInput struct {
	management bool
	readOnly   bool
	source     string
	name       string
	resources  []trail.Resource
}

func inputOf(e *trail.Event) matchInput {
	return matchInput{management: e.Management, readOnly: e.ReadOnly, source: e.EventSource, name: e.EventName, resources: e.Resources}
}

// covers reports whether the trail receives events recorded in region: a
// multi-region trail every region's, a single-region trail its home region's;
// global services' events only with IncludeGlobalServiceEvents.
func (t *trailState) covers(e *trail.Event) bool {
	if e.Global {
		return t.IncludeGlobal
	}
	return t.MultiRegion || e.Region == t.HomeRegion
}

// selects reports whether the trail's selectors log the event: "if the event matches
// any event selector, the trail processes and logs the event". Without custom
// selectors a trail logs all management events and no data events.
func (t *trailState) selects(in *matchInput) bool {
	if t.Advanced != nil {
		for i := range t.Advanced {
			if advancedMatches(&t.Advanced[i], in) {
				return true
			}
		}
		return false
	}
	if t.Basic == nil {
		return in.management
	}
	for i := range t.Basic {
		if basicMatches(&t.Basic[i], in) {
			return true
		}
	}
	return false
}

func basicMatches(b *basicSelector, in *matchInput) bool {
	switch b.ReadWriteType {
	case model.ReadWriteReadOnly:
		if !in.readOnly {
			return false
		}
	case model.ReadWriteWriteOnly:
		if in.readOnly {
			return false
		}
	}
	if in.management {
		if !b.IncludeMgmt {
			return false
		}
		for _, src := range b.ExcludeSources {
			if src == in.source {
				return false
			}
		}
		return true
	}
	for _, dr := range b.DataResources {
		if dr.Type == nil {
			continue
		}
		for _, r := range in.resources {
			if r.ResourceType != *dr.Type {
				continue
			}
			for _, v := range dr.Values {
				if strings.HasPrefix(r.ResourceName, v) {
					return true
				}
			}
		}
	}
	return false
}

// advancedMatches: every field selector must hold; within one, every operator
// holds (Equals/StartsWith/EndsWith: any value; Not*: no value).
func advancedMatches(sel *AdvancedEventSelector, in *matchInput) bool {
	for i := range sel.FieldSelectors {
		f := &sel.FieldSelectors[i]
		var values []string
		switch f.Field {
		case "eventCategory":
			values = []string{trail.CategoryData}
			if in.management {
				values[0] = trail.CategoryManagement
			}
		case "readOnly":
			values = []string{"false"}
			if in.readOnly {
				values[0] = "true"
			}
		case "eventSource":
			values = []string{in.source}
		case "eventName":
			values = []string{in.name}
		case "resources.type":
			for _, r := range in.resources {
				values = append(values, r.ResourceType)
			}
		case "resources.ARN":
			for _, r := range in.resources {
				values = append(values, r.ResourceName)
			}
		default:
			values = []string{""}
		}
		ok := false
		for _, v := range values {
			if fieldHolds(f, v) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func fieldHolds(f *AdvancedFieldSelector, v string) bool {
	any := func(vals []string, fn func(string, string) bool) bool {
		for _, x := range vals {
			if fn(v, x) {
				return true
			}
		}
		return false
	}
	eq := func(a, b string) bool { return a == b }
	switch {
	case f.Equals != nil && !any(f.Equals, eq),
		f.StartsWith != nil && !any(f.StartsWith, strings.HasPrefix),
		f.EndsWith != nil && !any(f.EndsWith, strings.HasSuffix),
		f.NotEquals != nil && any(f.NotEquals, eq),
		f.NotStartsWith != nil && any(f.NotStartsWith, strings.HasPrefix),
		f.NotEndsWith != nil && any(f.NotEndsWith, strings.HasSuffix):
		return false
	}
	return true
}
