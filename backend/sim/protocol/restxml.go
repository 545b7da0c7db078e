package protocol

import (
	"crypto/sha512"
	"encoding/base64"
	"encoding/xml"
	"net/http"
)

// restXml (S3). The S3 service routes and binds HTTP headers itself; this
// layer only renders payloads and errors with S3's request-id headers.

// HTTPStatuser lets a restXml output choose its success status (S3
// DeleteObject answers 204 No Content). Other protocols always answer 200.
type HTTPStatuser interface{ HTTPStatus() int }

// writeRestXMLResult writes out with encoding/xml (S3 shapes carry their own
// xml tags and namespace) behind the XML declaration; nil out = empty body.
func writeRestXMLResult(w http.ResponseWriter, r *Request, out any, requestID string) {
	status := http.StatusOK
	if s, ok := out.(HTTPStatuser); ok && !isNilOutput(out) {
		status = s.HTTPStatus()
	}
	setS3IDs(w.Header(), requestID)
	if isNilOutput(out) {
		send(w, r, status, nil)
		return
	}
	payload, err := xml.Marshal(out)
	if err != nil {
		writeRestXMLError(w, r, asError(err), requestID)
		return
	}
	body := make([]byte, 0, len(xml.Header)+len(payload))
	body = append(append(body, xml.Header...), payload...)
	w.Header().Set("Content-Type", "application/xml")
	send(w, r, status, body)
}

// writeRestXMLError writes S3's <Error> document:
// <Error><Code/><Message/>…Extra…<RequestId/><HostId/></Error>.
func writeRestXMLError(w http.ResponseWriter, r *Request, e *Error, requestID string) {
	if e.generic {
		e = NewError(http.StatusInternalServerError, "InternalError", "We encountered an internal error. Please try again.")
	}
	hostID := setS3IDs(w.Header(), requestID)
	b := append([]byte(nil), xml.Header...)
	b = append(b, "<Error>"...)
	b = appendXMLLeaf(b, "Code", e.Code)
	b = appendXMLLeaf(b, "Message", e.Message)
	for _, kv := range e.Extra {
		b = appendXMLLeaf(b, kv.Key, kv.Value)
	}
	b = appendXMLLeaf(b, "RequestId", requestID)
	b = appendXMLLeaf(b, "HostId", hostID)
	b = append(b, "</Error>"...)
	w.Header().Set("Content-Type", "application/xml")
	send(w, r, e.HTTPStatus(), b)
}

// setS3IDs sets x-amz-request-id and x-amz-id-2 and returns the host id,
// derived from the request id so it is stable and looks like S3's (76
// base64 characters).
func setS3IDs(h http.Header, requestID string) string {
	sum := sha512.Sum512([]byte(requestID))
	hostID := base64.StdEncoding.EncodeToString(sum[:57])
	h.Set("X-Amz-Request-Id", requestID)
	h.Set("X-Amz-Id-2", hostID)
	return hostID
}
