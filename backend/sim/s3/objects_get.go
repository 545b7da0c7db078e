package s3

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

func (s *Service) getObject(c *service.Call) (any, error)  { return s.readObject(c, false) }
func (s *Service) headObject(c *service.Call) (any, error) { return s.readObject(c, true) }

// responseOverrides are GetObject's query parameters that replace a header of the
// answer (presigned download links use them).
var responseOverrides = map[string]string{
	"response-content-type":        "Content-Type",
	"response-content-language":    "Content-Language",
	"response-expires":             "Expires",
	"response-cache-control":       "Cache-Control",
	"response-content-disposition": "Content-Disposition",
	"response-content-encoding":    "Content-Encoding",
}

// readObject is GetObject and HeadObject: conditional requests (304/412), a single
// byte range (206, or 416 InvalidRange), response header overrides and, when the
// client asks with x-amz-checksum-mode, the object's full checksum.
func (s *Service) readObject(c *service.Call, head bool) (any, error) {
	t := targetOf(c.Req.HTTP)
	h := c.Req.HTTP.Header
	record(c, t.bucket, t.key, true, nil)
	b, err := s.authorizeObject(c, t.bucket, t.key, "s3:GetObject")
	if err != nil {
		return nil, err
	}
	o, ok, err := loadObject(c.Ctx, s.db.SQL(), t.bucket, t.key)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, s.missingKey(c, b, t.key)
	}
	r := newResponse()
	r.head = head
	r.header.Set("ETag", o.etag)
	r.header.Set("Last-Modified", httpTime(o.lastModified))
	switch conditional(h, o) {
	case http.StatusNotModified:
		r.status = http.StatusNotModified
		return r, nil
	case http.StatusPreconditionFailed:
		return nil, errPreconditionFailed(failedCondition(h))
	}
	setObjectHeaders(r.header, o)
	for q, hdr := range responseOverrides {
		if v := c.Req.HTTP.URL.Query().Get(q); v != "" {
			r.header.Set(hdr, v)
		}
	}
	off, n := int64(0), o.size
	if spec := h.Get("Range"); spec != "" {
		from, count, ok, err := parseRange(spec, o.size)
		if err != nil {
			return nil, err
		}
		if ok {
			off, n = from, count
			r.status = http.StatusPartialContent
			r.header.Set("Content-Range", "bytes "+strconv.FormatInt(from, 10)+"-"+strconv.FormatInt(from+count-1, 10)+"/"+strconv.FormatInt(o.size, 10))
		}
	}
	if r.status != http.StatusPartialContent && strings.EqualFold(h.Get("X-Amz-Checksum-Mode"), "ENABLED") && o.attrs.Checksum != "" && o.attrs.Parts == 0 {
		r.header.Set("X-Amz-Checksum-"+o.attrs.ChecksumAlgorithm, o.attrs.Checksum)
		r.header.Set("X-Amz-Checksum-Type", "FULL_OBJECT")
	}
	r.header.Set("Content-Length", strconv.FormatInt(n, 10))
	if head {
		return r, nil
	}
	if r.body, err = readBody(c.Ctx, s.db.SQL(), o.chunks, off, n); err != nil {
		return nil, err
	}
	recordBytesOut(c, len(r.body))
	return r, nil
}

// setObjectHeaders writes an object's stored headers onto an answer.
func setObjectHeaders(h http.Header, o objectRow) {
	a := o.attrs
	h.Set("Accept-Ranges", "bytes")
	h.Set("Content-Type", a.ContentType)
	for name, v := range map[string]string{
		"Content-Encoding": a.ContentEncoding, "Cache-Control": a.CacheControl,
		"Content-Disposition": a.ContentDisposition, "Content-Language": a.ContentLanguage, "Expires": a.Expires,
		"X-Amz-Server-Side-Encryption": a.SSE, "X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id": a.SSEKMSKeyID,
	} {
		if v != "" {
			h.Set(name, v)
		}
	}
	if o.storageClass != "STANDARD" {
		h.Set("X-Amz-Storage-Class", o.storageClass)
	}
	if a.Parts > 0 {
		h.Set("X-Amz-Mp-Parts-Count", strconv.Itoa(a.Parts))
	}
	for k, v := range a.Meta {
		h["X-Amz-Meta-"+k] = []string{v}
	}
}

// parseRange reads a single "bytes=" range as S3 does: a range it cannot parse, or
// several ranges, is ignored (the whole object is sent); one that starts past the
// end is InvalidRange.
func parseRange(spec string, size int64) (off, n int64, ok bool, err error) {
	v, found := strings.CutPrefix(strings.TrimSpace(spec), "bytes=")
	if !found || strings.Contains(v, ",") {
		return 0, 0, false, nil
	}
	first, last, found := strings.Cut(v, "-")
	if !found {
		return 0, 0, false, nil
	}
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	if first == "" {
		suffix, perr := strconv.ParseInt(last, 10, 64)
		if perr != nil || suffix < 0 {
			return 0, 0, false, nil
		}
		if suffix == 0 || size == 0 {
			return 0, 0, false, errInvalidRange(spec, size)
		}
		suffix = min(suffix, size)
		return size - suffix, suffix, true, nil
	}
	from, perr := strconv.ParseInt(first, 10, 64)
	if perr != nil || from < 0 {
		return 0, 0, false, nil
	}
	to := size - 1
	if last != "" {
		if to, perr = strconv.ParseInt(last, 10, 64); perr != nil || to < from {
			return 0, 0, false, nil
		}
		to = min(to, size-1)
	}
	if from >= size {
		return 0, 0, false, errInvalidRange(spec, size)
	}
	return from, to - from + 1, true, nil
}

// conditional evaluates If-Match, If-Unmodified-Since, If-None-Match and
// If-Modified-Since in the order S3 documents; it returns 0 when the read proceeds.
func conditional(h http.Header, o objectRow) int {
	modified := o.lastModified.Truncate(time.Second)
	if v := h.Get("If-Match"); v != "" {
		if !etagMatches(v, o.etag) {
			return http.StatusPreconditionFailed
		}
	} else if t, err := http.ParseTime(h.Get("If-Unmodified-Since")); err == nil && modified.After(t) {
		return http.StatusPreconditionFailed
	}
	if v := h.Get("If-None-Match"); v != "" {
		if etagMatches(v, o.etag) {
			return http.StatusNotModified
		}
	} else if t, err := http.ParseTime(h.Get("If-Modified-Since")); err == nil && !modified.After(t) {
		return http.StatusNotModified
	}
	return 0
}

func failedCondition(h http.Header) string {
	if h.Get("If-Match") != "" {
		return "If-Match"
	}
	return "If-Unmodified-Since"
}

// etagMatches compares a list of entity tags (quoted or not, or "*") with etag.
func etagMatches(list, etag string) bool {
	bare := strings.Trim(etag, `"`)
	for _, v := range strings.Split(list, ",") {
		v = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), "W/"))
		if v == "*" || strings.Trim(v, `"`) == bare {
			return true
		}
	}
	return false
}
