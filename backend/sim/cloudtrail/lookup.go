package cloudtrail

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/trail"
)

// LookupEvents limits (API model).
const (
	maxLookupResults = 50
	maxAttrValueLen  = 2000
)

// insightAttributes are the only attributes Insights lookups accept.
var insightAttributes = map[string]bool{trail.AttrEventID: true, trail.AttrEventName: true, trail.AttrEventSource: true}

// lookupEvents is Event history: the region's management events of the last 90
// days (and the global services'), newest first, filtered on at most one attribute.
// Data events are never here, as on AWS.
func (s *Service) lookupEvents(c *service.Call, in *lookupEventsInput) (*lookupEventsOutput, error) {
	insights := false
	if in.EventCategory != nil {
		if *in.EventCategory != "insight" {
			return nil, errorf("InvalidEventCategoryException", "Event category %s is not valid. The only valid value is insight.", *in.EventCategory)
		}
		insights = true
	}
	if len(in.LookupAttributes) > 1 {
		return nil, errorf("InvalidLookupAttributesException", "You can only specify one lookup attribute; you specified %d.", len(in.LookupAttributes))
	}
	q := trail.Query{Region: c.Region, Limit: maxLookupResults}
	if len(in.LookupAttributes) == 1 {
		a := in.LookupAttributes[0]
		switch {
		case !trail.IsLookupAttribute(a.AttributeKey):
			return nil, errorf("InvalidLookupAttributesException", "Lookup attribute key %s is not valid. Valid keys are EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource and AccessKeyId.", a.AttributeKey)
		case insights && !insightAttributes[a.AttributeKey]:
			return nil, errorf("InvalidLookupAttributesException", "Lookup attribute key %s is not valid for Insights events. Valid keys are EventId, EventName and EventSource.", a.AttributeKey)
		case attrValueLen(a.AttributeValue) < 1 || attrValueLen(a.AttributeValue) > maxAttrValueLen:
			return nil, errorf("InvalidLookupAttributesException", "Lookup attribute value must be 1 to %d characters.", maxAttrValueLen)
		}
		q.Attribute, q.Value = a.AttributeKey, a.AttributeValue
	}
	if in.MaxResults != nil {
		if *in.MaxResults < 1 || *in.MaxResults > maxLookupResults {
			return nil, errorf("InvalidMaxResultsException", "MaxResults must be between 1 and %d; you specified %d.", maxLookupResults, *in.MaxResults)
		}
		q.Limit = *in.MaxResults
	}
	q.End = c.Now
	if in.EndTime != nil {
		q.End = *in.EndTime
	}
	window := c.Now.Add(-trail.Retention)
	q.Start = window
	if in.StartTime != nil {
		q.Start = *in.StartTime
	}
	if q.Start.After(q.End) {
		return nil, errorf("InvalidTimeRangeException", "Start time %s must be before end time %s.", isoSeconds(q.Start), isoSeconds(q.End))
	}
	if q.Start.Before(window) {
		q.Start = window // older events are gone
	}
	fingerprint := lookupFingerprint(c.Region, in)
	if in.NextToken != nil && !insights {
		cur, ok := decodeToken(*in.NextToken, fingerprint)
		if !ok {
			return nil, errorf("InvalidNextTokenException", "Invalid NextToken. The token is not valid or was used with different parameters.")
		}
		q.After = cur
	}
	if err := c.Authorize("cloudtrail:LookupEvents", ""); err != nil {
		return nil, err
	}
	if insights {
		return s.lookupInsights(c.Ctx, q, fingerprint, in.NextToken)
	}
	out := &lookupEventsOutput{Events: []eventShape{}}
	if s.recorder == nil {
		return out, nil
	}
	events, next, err := s.recorder.Lookup(c.Ctx, q)
	if err != nil {
		return nil, err
	}
	for i := range events {
		out.Events = append(out.Events, eventOf(&events[i]))
	}
	if next != nil {
		out.NextToken = str(encodeToken(*next, fingerprint))
	}
	return out, nil
}

// attrValueLen counts as the model documents: "_", " ", "," and "\n" count twice.
func attrValueLen(v string) int {
	n := 0
	for _, r := range v {
		n++
		if r == '_' || r == ' ' || r == ',' || r == '\n' {
			n++
		}
	}
	return n
}

func eventOf(e *trail.Event) eventShape {
	ev := eventShape{
		EventId: e.EventID, EventName: e.EventName, ReadOnly: strconv.FormatBool(e.ReadOnly),
		EventTime: e.EventTime, EventSource: e.EventSource, Resources: []eventResource{}, CloudTrailEvent: string(e.Record),
	}
	if e.AccessKeyID != "" {
		ev.AccessKeyId = str(e.AccessKeyID)
	}
	if e.Username != "" {
		ev.Username = str(e.Username)
	}
	for _, r := range e.Resources {
		ev.Resources = append(ev.Resources, eventResource{ResourceType: str(r.ResourceType), ResourceName: str(r.ResourceName)})
	}
	return ev
}

// A NextToken carries the position of the last event and a fingerprint of the
// request it belongs to: "a token that was previously used in a request with
// different parameters" is InvalidNextTokenException.
type token struct {
	trail.Cursor
	F string `json:"f"`
}

func lookupFingerprint(region string, in *lookupEventsInput) string {
	h := sha256.New()
	h.Write([]byte(region))
	for _, a := range in.LookupAttributes {
		h.Write([]byte("\x00" + a.AttributeKey + "\x00" + a.AttributeValue))
	}
	for _, t := range []*time.Time{in.StartTime, in.EndTime} {
		h.Write([]byte{0})
		if t != nil {
			h.Write([]byte(strconv.FormatInt(t.UnixMilli(), 10)))
		}
	}
	if in.EventCategory != nil {
		h.Write([]byte("\x00" + *in.EventCategory))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

func encodeToken(c trail.Cursor, fingerprint string) string {
	b, _ := json.Marshal(token{Cursor: c, F: fingerprint})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeToken(s, fingerprint string) (*trail.Cursor, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	var t token
	if json.Unmarshal(b, &t) != nil || t.F != fingerprint || t.Seq <= 0 {
		return nil, false
	}
	return &t.Cursor, true
}
