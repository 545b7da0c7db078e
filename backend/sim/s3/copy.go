package s3

import (
	"encoding/xml"
	"net/url"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/service"
)

type copyObjectResult struct {
	XMLName      xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ CopyObjectResult"`
	LastModified string   `xml:"LastModified"`
	ETag         string   `xml:"ETag"`
}

// parseCopySource reads x-amz-copy-source: "bucket/key" or "/bucket/key", URL-encoded,
// optionally followed by ?versionId=….
func parseCopySource(v string) (bucket, key string, ok bool) {
	v, _, _ = strings.Cut(v, "?")
	p, err := url.PathUnescape(strings.TrimPrefix(v, "/"))
	if err != nil {
		return "", "", false
	}
	bucket, key, ok = strings.Cut(p, "/")
	return bucket, key, ok && bucket != "" && key != ""
}

// copyObject copies an object within or across the account's buckets. The copy is a
// new single-part object (its ETag is the MD5 of its bytes); with the COPY directive
// it keeps the source's content headers and metadata, with REPLACE it takes the
// request's.
func (s *Service) copyObject(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	h := c.Req.HTTP.Header
	record(c, t.bucket, t.key, true, map[string]any{"x-amz-copy-source": h.Get("X-Amz-Copy-Source")})
	srcBucket, srcKey, ok := parseCopySource(h.Get("X-Amz-Copy-Source"))
	if !ok {
		return nil, errInvalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey", "x-amz-copy-source", h.Get("X-Amz-Copy-Source"))
	}
	if len(t.key) > maxKeyBytes {
		return nil, errInvalidRequest("Your key is too long")
	}
	directive := strings.ToUpper(h.Get("X-Amz-Metadata-Directive"))
	if directive == "" {
		directive = "COPY"
	}
	if directive != "COPY" && directive != "REPLACE" {
		return nil, errInvalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive)
	}
	attrs, class, err := objectHeaders(h)
	if err != nil {
		return nil, err
	}
	src, err := s.authorizeObject(c, srcBucket, srcKey, "s3:GetObject")
	if err != nil {
		return nil, err
	}
	if _, err := s.authorizeObject(c, t.bucket, t.key, "s3:PutObject"); err != nil {
		return nil, err
	}
	o, ok, err := loadObject(c.Ctx, s.db.SQL(), srcBucket, srcKey)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, s.missingKey(c, src, srcKey)
	}
	changes := directive == "REPLACE" || h.Get("X-Amz-Storage-Class") != "" || h.Get("X-Amz-Server-Side-Encryption") != ""
	if srcBucket == t.bucket && srcKey == t.key && !changes {
		return nil, errInvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
	}
	if directive == "COPY" {
		sse, kms := attrs.SSE, attrs.SSEKMSKeyID
		attrs = o.attrs
		attrs.SSE, attrs.SSEKMSKeyID = sse, kms
	}
	attrs.Parts, attrs.ChecksumAlgorithm, attrs.Checksum = 0, "", ""
	body, err := readBody(c.Ctx, s.db.SQL(), o.chunks, 0, o.size)
	if err != nil {
		return nil, err
	}
	etag, err := s.writeObject(c.Ctx, t.bucket, t.key, body, attrs, class, c.Now, "")
	if err != nil {
		return nil, err
	}
	r := xmlResponse(&copyObjectResult{LastModified: isoTime(c.Now), ETag: etag})
	if attrs.SSE == "" {
		attrs.SSE = s.bucketDefaultSSE(c.Ctx, t.bucket)
	}
	r.header.Set("X-Amz-Server-Side-Encryption", attrs.SSE)
	return r, nil
}
