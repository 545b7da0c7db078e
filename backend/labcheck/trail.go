package labcheck

import (
	"context"
	"strconv"

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

// eventPages bounds how far back an event check looks: Event history answers 50 a
// page, and the lab's events are recent.
const eventPages = 10

func (c *Checker) event(ctx context.Context, e *lab.EventCheck, v Vars) Result {
	name, user, source := v.Expand(e.Name), v.Expand(e.User), v.Expand(e.Source)
	q := model.EventQuery{Attribute: model.LookupEventName, Value: name, Page: model.PageRequest{Limit: 50}}
	for range eventPages {
		p, err := c.State.LookupEvents(ctx, q)
		if err != nil {
			return callFailed(err)
		}
		for _, ev := range p.Items {
			if ev.EventName != name || (user != "" && ev.Username != user) || (source != "" && ev.EventSource != source) {
				continue
			}
			return pass()
		}
		if p.NextToken == "" {
			break
		}
		q.Page.Token = p.NextToken
	}
	return fail("LabReasonNoEvent", "Name", name, "User", user)
}
