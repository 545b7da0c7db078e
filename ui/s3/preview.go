package s3

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/components/jsonview"
)

// Preview limits. A CloudTrail log file is usually well under a megabyte; a larger
// object is shown by its properties only, so opening it never downloads megabytes
// the user did not ask for. The decompressed cap stops a small gzip from expanding
// into gigabytes in memory.
const (
	previewMaxBytes        = 5 << 20
	previewMaxDecompressed = 32 << 20
)

// previewKind is what the Preview tab can show.
type previewKind int

const (
	previewUnsupported previewKind = iota // not JSON: properties only
	previewTooLarge                       // over a cap: properties only, with a note
	previewJSON                           // a document (valid or not) for the JSON viewer
	previewBadGzip                        // .gz that does not decompress
	previewFailed                         // the read itself failed (err)
)

// preview is an object's content made ready to show, built in a tea.Cmd: the
// formatted document, and for a CloudTrail log file its records.
type preview struct {
	kind    previewKind
	doc     *jsonview.Document
	records []record
	trail   bool  // the document is {"Records":[…]}
	err     error // previewBadGzip: the decompressor's error; previewFailed: the call's
}

// record is one event of a CloudTrail log file as the records table shows it, with
// the event's JSON kept for the record's own page.
type record struct {
	Time   string
	Name   string
	User   string
	IP     string
	Source string
	Raw    json.RawMessage
}

// previewable reports whether the console previews the object: JSON and gzipped
// JSON, by name or by content type.
func previewable(key string, info model.ObjectInfo) bool {
	k := strings.ToLower(key)
	return strings.HasSuffix(k, ".json") || strings.HasSuffix(k, ".json.gz") ||
		strings.Contains(strings.ToLower(info.ContentType), "json")
}

// decodePreview turns a read object into a preview: it decompresses gzip (by name,
// encoding or magic bytes), formats the JSON and, for {"Records":[…]}, extracts the
// records. It does work proportional to the object, so it runs in a tea.Cmd.
func decodePreview(key string, data model.ObjectData) preview {
	if data.Truncated {
		return preview{kind: previewTooLarge}
	}
	raw := data.Body
	gz := strings.HasSuffix(strings.ToLower(key), ".gz") || strings.EqualFold(data.ContentEncoding, "gzip")
	if gz || len(raw) >= 2 && raw[0] == 0x1f && raw[1] == 0x8b { // gzip's magic bytes
		out, err := gunzip(raw, previewMaxDecompressed)
		switch {
		case errors.Is(err, errTooLarge):
			return preview{kind: previewTooLarge}
		case err != nil:
			return preview{kind: previewBadGzip, err: err}
		}
		raw = out
	}
	p := preview{kind: previewJSON, doc: jsonview.Parse(raw)}
	if p.doc.Err == nil {
		p.records, p.trail = trailRecords(raw)
	}
	return p
}

var errTooLarge = errors.New("decompressed content over the preview cap")

// gunzip decompresses b, refusing more than limit bytes of output.
func gunzip(b []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > limit {
		return nil, errTooLarge
	}
	return out, nil
}

// trailRecords reads a CloudTrail log file's records; ok is false for any other
// JSON (a digest file, a policy).
func trailRecords(raw []byte) ([]record, bool) {
	var file struct {
		Records *[]json.RawMessage `json:"Records"`
	}
	if err := json.Unmarshal(raw, &file); err != nil || file.Records == nil {
		return nil, false
	}
	out := make([]record, 0, len(*file.Records))
	for _, r := range *file.Records {
		out = append(out, parseRecord(r))
	}
	return out, true
}

// parseRecord takes the columns of the records table from one event. The user is
// userIdentity.userName, else the service that acted (invokedBy, e.g.
// cloudtrail.amazonaws.com for GetBucketAcl), else the identity's type ("Root").
func parseRecord(raw json.RawMessage) record {
	var ev struct {
		EventTime    string `json:"eventTime"`
		EventName    string `json:"eventName"`
		EventSource  string `json:"eventSource"`
		SourceIP     string `json:"sourceIPAddress"`
		UserIdentity struct {
			Type      string `json:"type"`
			UserName  string `json:"userName"`
			InvokedBy string `json:"invokedBy"`
		} `json:"userIdentity"`
	}
	_ = json.Unmarshal(raw, &ev) // a record of another shape still shows, with empty cells
	user := ev.UserIdentity.UserName
	if user == "" {
		user = ev.UserIdentity.InvokedBy
	}
	if user == "" {
		user = ev.UserIdentity.Type
	}
	return record{Time: ev.EventTime, Name: ev.EventName, User: user, IP: ev.SourceIP, Source: ev.EventSource, Raw: raw}
}
