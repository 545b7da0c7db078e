package cloudtrail

import (
	"time"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
)

// lookupAttributes are Event history's filter choices in the console's order; ""
// stands for no filter.
func lookupAttributes() []string {
	return append([]string{""}, model.LookupAttributes...)
}

// attributeLabel translates a lookup attribute key.
func attributeLabel(c *common.Common, attr string) string {
	switch attr {
	case "":
		return c.T("CTFilterNone")
	case model.LookupAccessKeyID:
		return c.T("CloudTrailAccessKey")
	case model.LookupEventID:
		return c.T("CloudTrailEventID")
	case model.LookupEventName:
		return c.T("CloudTrailEventName")
	case model.LookupEventSource:
		return c.T("CloudTrailEventSource")
	case model.LookupReadOnly:
		return c.T("CloudTrailReadOnly")
	case model.LookupResourceName:
		return c.T("CloudTrailResourceName")
	case model.LookupResourceType:
		return c.T("CloudTrailResourceType")
	case model.LookupUsername:
		return c.T("CloudTrailUserName")
	}
	return attr
}

// timeRange is one of the console's relative ranges; 0 means no range (the 90 days
// Event history keeps).
type timeRange time.Duration

// timeRanges are the relative ranges offered, in order.
func timeRanges() []timeRange {
	return []timeRange{0, timeRange(time.Hour), timeRange(3 * time.Hour), timeRange(12 * time.Hour),
		timeRange(24 * time.Hour), timeRange(7 * 24 * time.Hour), timeRange(90 * 24 * time.Hour)}
}

// label translates the range ("Last 3 hours").
func (r timeRange) label(c *common.Common) string {
	d := time.Duration(r)
	switch {
	case d == 0:
		return c.T("CTRangeAll")
	case d < 24*time.Hour:
		return c.Tf("CTRangeHours", map[string]any{"Count": int(d / time.Hour)})
	default:
		return c.Tf("CTRangeDays", map[string]any{"Count": int(d / (24 * time.Hour))})
	}
}

// query is the filter an Event history screen asks with.
type query struct {
	attr  string
	value string
	rng   timeRange
}

// eventQuery builds the LookupEvents request for q at now with page token.
func (q query) eventQuery(now time.Time, token string) model.EventQuery {
	eq := model.EventQuery{Page: model.PageRequest{Token: token, Limit: 50}}
	if q.attr != "" && q.value != "" {
		eq.Attribute, eq.Value = q.attr, q.value
	}
	if q.rng != 0 {
		eq.Start = now.Add(-time.Duration(q.rng))
		eq.End = now
	}
	return eq
}

// next returns the element after cur in list, wrapping.
func next[T comparable](list []T, cur T) T {
	for i, v := range list {
		if v == cur {
			return list[(i+1)%len(list)]
		}
	}
	return list[0]
}
