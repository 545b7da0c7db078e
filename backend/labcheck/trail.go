package labcheck

import (
	"context"
	"strconv"
	"time"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/model/lab"
)

func (c *Checker) trail(ctx context.Context, t *lab.TrailCheck, v Vars) Result {
	name := v.Expand(t.Name)
	got, err := c.State.GetTrail(ctx, name)
	if err != nil {
		if notFound(err) {
			return fail("LabReasonTrailMissing", "Name", name)
		}
		return callFailed(err)
	}
	field := func(f, want, have string) Result {
		return fail("LabReasonTrailField", "Name", name, "Field", f, "Want", want, "Got", have)
	}
	b := strconv.FormatBool
	switch {
	case t.MultiRegion != nil && got.IsMultiRegionTrail != *t.MultiRegion:
		return field("multi_region", b(*t.MultiRegion), b(got.IsMultiRegionTrail))
	case t.Bucket != "" && got.S3BucketName != v.Expand(t.Bucket):
		return field("bucket", v.Expand(t.Bucket), got.S3BucketName)
	case t.LogFileValidation != nil && got.LogFileValidationEnabled != *t.LogFileValidation:
		return field("log_file_validation", b(*t.LogFileValidation), b(got.LogFileValidationEnabled))
	}
	if t.Logging != nil {
		st, err := c.State.GetTrailStatus(ctx, name)
		if err != nil {
			return callFailed(err)
		}
		if st.IsLogging != *t.Logging {
			return field("logging", b(*t.Logging), b(st.IsLogging))
		}
	}
	return pass()
}

func (c *Checker) object(ctx context.Context, o *lab.ObjectCheck, v Vars) Result {
	bucket, prefix := v.Expand(o.Bucket), v.Expand(o.Prefix)
	if o.AfterEvent != "" {
		return c.objectAfter(ctx, bucket, prefix, v.Expand(o.AfterEvent))
	}
	l, err := c.State.ListObjects(ctx, bucket, prefix, "", "", 1)
	if err != nil {
		if notFound(err) {
			return fail("LabReasonBucketMissing", "Bucket", bucket)
		}
		return callFailed(err)
	}
	if len(l.Objects) == 0 {
		return fail("LabReasonNoObjects", "Bucket", bucket, "Prefix", prefix)
	}
	return pass()
}

// objectPages bounds how many pages of 1,000 keys an after_event check lists.
const objectPages = 20

// objectAfter passes when an object under prefix was written after the newest
// event named name: the log file that holds it (or a later one) has been delivered.
func (c *Checker) objectAfter(ctx context.Context, bucket, prefix, name string) Result {
	events, err := c.lookup(ctx, name)
	if err != nil {
		return callFailed(err)
	}
	var newest time.Time
	for _, ev := range events {
		if ev.EventName == name && ev.EventTime.After(newest) {
			newest = ev.EventTime
		}
	}
	if newest.IsZero() {
		return fail("LabReasonNoEvent", "Name", name, "User", "")
	}
	token := ""
	for range objectPages {
		l, err := c.State.ListObjects(ctx, bucket, prefix, "", token, 1000)
		if err != nil {
			if notFound(err) {
				return fail("LabReasonBucketMissing", "Bucket", bucket)
			}
			return callFailed(err)
		}
		for _, o := range l.Objects {
			// Strictly later: a file written in the event's own second (S3 keeps whole
			// seconds) was delivered with the events before it.
			if o.LastModified.After(newest.Truncate(time.Second)) {
				return pass()
			}
		}
		if l.NextToken == "" {
			break
		}
		token = l.NextToken
	}
	return fail("LabReasonObjectsBeforeEvent", "Bucket", bucket, "Prefix", prefix, "Name", name)
}

// eventPages bounds how far back an event check looks: Event history answers 50 a
// page, and the lab's events are recent.
const eventPages = 10

func (c *Checker) event(ctx context.Context, e *lab.EventCheck, v Vars) Result {
	name, user, source := v.Expand(e.Name), v.Expand(e.User), v.Expand(e.Source)
	events, err := c.lookup(ctx, name)
	if err != nil {
		return callFailed(err)
	}
	for _, ev := range events {
		if ev.EventName != name || (user != "" && ev.Username != user) || (source != "" && ev.EventSource != source) {
			continue
		}
		return pass()
	}
	return fail("LabReasonNoEvent", "Name", name, "User", user)
}

// lookup reads the recent events named name (up to eventPages pages), once per name
// during a Lab call.
func (c *Checker) lookup(ctx context.Context, name string) ([]model.Event, error) {
	if evs, ok := c.events[name]; ok {
		return evs, nil
	}
	var out []model.Event
	q := model.EventQuery{Attribute: model.LookupEventName, Value: name, Page: model.PageRequest{Limit: 50}}
	for range eventPages {
		p, err := c.State.LookupEvents(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if p.NextToken == "" {
			break
		}
		q.Page.Token = p.NextToken
	}
	if c.events != nil {
		c.events[name] = out
	}
	return out, nil
}
