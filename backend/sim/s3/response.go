package s3

import (
	"crypto/sha512"
	"encoding/base64"
	"encoding/xml"
	"net/http"
	"strconv"
	"time"
)

// response is an S3 answer that carries results in headers (ETag, Last-Modified,
// x-amz-bucket-region) or a body that is not an XML document (GetObject,
// GetBucketPolicy), so it writes itself (service.RawResponse).
type response struct {
	status int // 0 means 200
	header http.Header
	xml    any    // marshalled behind the XML declaration when non-nil
	body   []byte // the raw body otherwise
	// head answers without a body but with the Content-Length the body would have
	// (HeadObject), which the header already holds.
	head bool
}

func newResponse() *response { return &response{header: http.Header{}} }

// WriteHTTP implements service.RawResponse.
func (r *response) WriteHTTP(w http.ResponseWriter, requestID string) {
	h := w.Header()
	for k, v := range r.header {
		h[k] = v
	}
	setIDs(h, requestID)
	status := r.status
	if status == 0 {
		status = http.StatusOK
	}
	body := r.body
	if r.xml != nil {
		b, err := xml.Marshal(r.xml)
		if err != nil {
			status, body = http.StatusInternalServerError, nil
		} else {
			body = append([]byte(xml.Header), b...)
			h.Set("Content-Type", "application/xml")
		}
	}
	if r.head {
		w.WriteHeader(status)
		return
	}
	if status == http.StatusNoContent || status == http.StatusNotModified {
		h.Del("Content-Length")
		w.WriteHeader(status)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// setIDs sets x-amz-request-id and x-amz-id-2 the way the protocol layer does for
// S3's XML answers (the host id derived from the request id), so raw and XML answers
// look alike to clients that log them.
func setIDs(h http.Header, requestID string) {
	sum := sha512.Sum512([]byte(requestID))
	h.Set("X-Amz-Request-Id", requestID)
	h.Set("X-Amz-Id-2", base64.StdEncoding.EncodeToString(sum[:57]))
}

// noContent is the empty 204 of DeleteObject, DeleteBucket and the Delete* of
// bucket configuration.
func noContent() *response {
	r := newResponse()
	r.status = http.StatusNoContent
	return r
}

// xmlResponse is a 200 with an XML document.
func xmlResponse(doc any) *response {
	r := newResponse()
	r.xml = doc
	return r
}

// isoTime is S3's XML timestamp: ISO 8601 in UTC with milliseconds.
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// httpTime is the Last-Modified header form.
func httpTime(t time.Time) string { return t.UTC().Format(http.TimeFormat) }

// owner is S3's Owner element. DisplayName is left out: S3 stopped returning it.
type owner struct {
	ID string `xml:"ID"`
}
