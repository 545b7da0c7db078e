package s3

import (
	"encoding/base64"
	"encoding/xml"
	"net/url"
	"strconv"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// MaxKeys is the most keys one listing page returns.
const MaxKeys = 1000

type listBucketResult struct {
	XMLName               xml.Name        `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListBucketResult"`
	Name                  string          `xml:"Name"`
	Prefix                string          `xml:"Prefix"`
	Marker                *string         `xml:"Marker"`
	NextMarker            string          `xml:"NextMarker,omitempty"`
	KeyCount              *int            `xml:"KeyCount"`
	MaxKeys               int             `xml:"MaxKeys"`
	Delimiter             string          `xml:"Delimiter,omitempty"`
	IsTruncated           bool            `xml:"IsTruncated"`
	EncodingType          string          `xml:"EncodingType,omitempty"`
	ContinuationToken     string          `xml:"ContinuationToken,omitempty"`
	NextContinuationToken string          `xml:"NextContinuationToken,omitempty"`
	StartAfter            string          `xml:"StartAfter,omitempty"`
	Contents              []contentsEntry `xml:"Contents"`
	CommonPrefixes        []prefixEntry   `xml:"CommonPrefixes"`
}

type contentsEntry struct {
	Key          string `xml:"Key"`
	LastModified string `xml:"LastModified"`
	ETag         string `xml:"ETag"`
	Size         int64  `xml:"Size"`
	Owner        *owner `xml:"Owner"`
	StorageClass string `xml:"StorageClass"`
}

type prefixEntry struct {
	Prefix string `xml:"Prefix"`
}

// listParams are the query parameters both listing versions share.
type listParams struct {
	bucket, prefix, delimiter string
	maxKeys                   int
	encode                    func(string) string
	encodingType              string
}

func parseListParams(c *service.Call) (listParams, error) {
	q := c.Req.HTTP.URL.Query()
	p := listParams{bucket: targetOf(c.Req.HTTP).bucket, prefix: q.Get("prefix"), delimiter: q.Get("delimiter"), maxKeys: MaxKeys, encode: func(s string) string { return s }}
	if v := q.Get("max-keys"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, errInvalidArgument("Provided max-keys not an integer or within integer range", "max-keys", v)
		}
		p.maxKeys = min(n, MaxKeys)
	}
	switch et := q.Get("encoding-type"); et {
	case "":
	case "url":
		p.encodingType, p.encode = et, urlEncode
	default:
		return p, errInvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", et)
	}
	return p, nil
}

// urlEncode is S3's encoding-type=url: the form encoding of each name, keeping "/"
// readable; clients decode it with unquote_plus or its equivalent.
func urlEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "%2F", "/")
}

// authorizeList asks for s3:ListBucket with the condition keys bucket policies use
// to limit listings (s3:prefix, s3:delimiter, s3:max-keys).
func (s *Service) authorizeList(c *service.Call, p listParams) error {
	cond := map[string][]string{"s3:prefix": {p.prefix}, "s3:max-keys": {strconv.Itoa(p.maxKeys)}}
	if p.delimiter != "" {
		cond["s3:delimiter"] = []string{p.delimiter}
	}
	_, err := s.authorizeBucket(c, p.bucket, "s3:ListBucket", cond)
	return err
}

func (s *Service) fill(out *listBucketResult, p listParams, page listPage, withOwner bool) {
	for _, o := range page.objects {
		e := contentsEntry{Key: p.encode(o.key), LastModified: isoTime(o.lastModified), ETag: o.etag, Size: o.size, StorageClass: o.storageClass}
		if withOwner {
			e.Owner = &owner{ID: s.ownerID}
		}
		out.Contents = append(out.Contents, e)
	}
	for _, cp := range page.prefixes {
		out.CommonPrefixes = append(out.CommonPrefixes, prefixEntry{Prefix: p.encode(cp)})
	}
	out.IsTruncated = page.truncated
}

func (s *Service) listObjectsV2(c *service.Call) (any, error) {
	q := c.Req.HTTP.URL.Query()
	p, err := parseListParams(c)
	record(c, p.bucket, "", true, listRecordParams(q))
	if err != nil {
		return nil, err
	}
	token, startAfter := q.Get("continuation-token"), q.Get("start-after")
	marker := startAfter
	if q.Has("continuation-token") {
		b, err := base64.RawURLEncoding.DecodeString(token)
		if err != nil || token == "" {
			return nil, errInvalidArgument("The continuation token provided is incorrect", "continuation-token", token)
		}
		marker = string(b)
	}
	if err := s.authorizeList(c, p); err != nil {
		return nil, err
	}
	page, err := s.list(c.Ctx, listQuery{bucket: p.bucket, prefix: p.prefix, delimiter: p.delimiter, marker: marker, maxKeys: p.maxKeys})
	if err != nil {
		return nil, err
	}
	keyCount := len(page.objects) + len(page.prefixes)
	out := &listBucketResult{Name: p.bucket, Prefix: p.encode(p.prefix), KeyCount: &keyCount, MaxKeys: p.maxKeys,
		Delimiter: p.encode(p.delimiter), EncodingType: p.encodingType, ContinuationToken: token, StartAfter: p.encode(startAfter)}
	s.fill(out, p, page, q.Get("fetch-owner") == "true")
	if page.truncated {
		out.NextContinuationToken = base64.RawURLEncoding.EncodeToString([]byte(page.last))
	}
	return xmlResponse(out), nil
}

// listObjectsV1 is the original ListObjects: Marker instead of a token, Owner on
// every entry, and NextMarker only when a delimiter is given (without one, clients
// continue from the last key).
func (s *Service) listObjectsV1(c *service.Call) (any, error) {
	q := c.Req.HTTP.URL.Query()
	p, err := parseListParams(c)
	record(c, p.bucket, "", true, listRecordParams(q))
	if err != nil {
		return nil, err
	}
	marker := q.Get("marker")
	if err := s.authorizeList(c, p); err != nil {
		return nil, err
	}
	page, err := s.list(c.Ctx, listQuery{bucket: p.bucket, prefix: p.prefix, delimiter: p.delimiter, marker: marker, maxKeys: p.maxKeys})
	if err != nil {
		return nil, err
	}
	m := p.encode(marker)
	out := &listBucketResult{Name: p.bucket, Prefix: p.encode(p.prefix), Marker: &m, MaxKeys: p.maxKeys,
		Delimiter: p.encode(p.delimiter), EncodingType: p.encodingType}
	s.fill(out, p, page, true)
	if page.truncated && p.delimiter != "" {
		out.NextMarker = p.encode(page.last)
	}
	return xmlResponse(out), nil
}

// listRecordParams are the listing's query parameters as CloudTrail records them.
func listRecordParams(q url.Values) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"list-type", "prefix", "delimiter", "encoding-type", "max-keys", "start-after", "continuation-token", "fetch-owner", "marker"} {
		if q.Has(k) {
			out[k] = q.Get(k)
		}
	}
	return out
}
