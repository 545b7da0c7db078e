package s3

import (
	"encoding/xml"
	"strconv"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

type initiator struct {
	ID          string `xml:"ID"`
	DisplayName string `xml:"DisplayName"`
}

type partEntry struct {
	PartNumber   int    `xml:"PartNumber"`
	LastModified string `xml:"LastModified"`
	ETag         string `xml:"ETag"`
	Size         int64  `xml:"Size"`
}

type listPartsResult struct {
	XMLName              xml.Name    `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListPartsResult"`
	Bucket               string      `xml:"Bucket"`
	Key                  string      `xml:"Key"`
	UploadID             string      `xml:"UploadId"`
	PartNumberMarker     int         `xml:"PartNumberMarker"`
	NextPartNumberMarker int         `xml:"NextPartNumberMarker"`
	MaxParts             int         `xml:"MaxParts"`
	IsTruncated          bool        `xml:"IsTruncated"`
	Parts                []partEntry `xml:"Part"`
	Initiator            initiator   `xml:"Initiator"`
	Owner                owner       `xml:"Owner"`
	StorageClass         string      `xml:"StorageClass"`
}

func (s *Service) listParts(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	q := c.Req.HTTP.URL.Query()
	id := q.Get("uploadId")
	record(c, t.bucket, t.key, true, map[string]any{"uploadId": id})
	maxParts, marker := 1000, 0
	if v := q.Get("max-parts"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, errInvalidArgument("Provided max-parts not an integer or within integer range", "max-parts", v)
		}
		maxParts = min(n, 1000)
	}
	if v := q.Get("part-number-marker"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, errInvalidArgument("Provided part-number-marker not an integer or within integer range", "part-number-marker", v)
		}
		marker = n
	}
	if _, err := s.authorizeObject(c, t.bucket, t.key, "s3:ListMultipartUploadParts"); err != nil {
		return nil, err
	}
	u, err := loadUpload(c.Ctx, s.db.SQL(), t.bucket, t.key, id)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT part_number, last_modified, etag, size FROM s3_parts
		WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?`, id, marker, maxParts+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &listPartsResult{Bucket: t.bucket, Key: t.key, UploadID: id, PartNumberMarker: marker, MaxParts: maxParts,
		Initiator: initiator{ID: u.initiator, DisplayName: u.initiator}, Owner: owner{ID: s.ownerID}, StorageClass: u.storageClass}
	for rows.Next() {
		var p partEntry
		var modified int64
		if err := rows.Scan(&p.PartNumber, &modified, &p.ETag, &p.Size); err != nil {
			return nil, err
		}
		if len(out.Parts) == maxParts {
			out.IsTruncated = true
			break
		}
		p.LastModified = isoTime(time.UnixMilli(modified))
		out.Parts = append(out.Parts, p)
		out.NextPartNumberMarker = p.PartNumber
	}
	return xmlResponse(out), rows.Err()
}

type uploadEntry struct {
	Key          string    `xml:"Key"`
	UploadID     string    `xml:"UploadId"`
	Initiator    initiator `xml:"Initiator"`
	Owner        owner     `xml:"Owner"`
	StorageClass string    `xml:"StorageClass"`
	Initiated    string    `xml:"Initiated"`
}

type listMultipartUploadsResult struct {
	XMLName            xml.Name      `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListMultipartUploadsResult"`
	Bucket             string        `xml:"Bucket"`
	KeyMarker          string        `xml:"KeyMarker"`
	UploadIDMarker     string        `xml:"UploadIdMarker"`
	NextKeyMarker      string        `xml:"NextKeyMarker,omitempty"`
	NextUploadIDMarker string        `xml:"NextUploadIdMarker,omitempty"`
	Prefix             string        `xml:"Prefix,omitempty"`
	MaxUploads         int           `xml:"MaxUploads"`
	IsTruncated        bool          `xml:"IsTruncated"`
	Uploads            []uploadEntry `xml:"Upload"`
}

// listMultipartUploads lists a bucket's unfinished uploads in key order, then by
// initiation time (the order `aws s3api list-multipart-uploads` shows to clean up).
func (s *Service) listMultipartUploads(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	q := c.Req.HTTP.URL.Query()
	record(c, t.bucket, "", true, map[string]any{"uploads": ""})
	limit := 1000
	if v := q.Get("max-uploads"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, errInvalidArgument("Provided max-uploads not an integer or within integer range", "max-uploads", v)
		}
		limit = min(n, 1000)
	}
	if _, err := s.authorizeBucket(c, t.bucket, "s3:ListBucketMultipartUploads", nil); err != nil {
		return nil, err
	}
	prefix, keyMarker := q.Get("prefix"), q.Get("key-marker")
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT key, upload_id, initiator, storage_class, initiated FROM s3_uploads
		WHERE bucket = ? AND key > ? AND substr(key, 1, length(?)) = ? ORDER BY key, initiated LIMIT ?`,
		t.bucket, keyMarker, prefix, prefix, limit+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &listMultipartUploadsResult{Bucket: t.bucket, KeyMarker: keyMarker, UploadIDMarker: q.Get("upload-id-marker"), Prefix: prefix, MaxUploads: limit}
	for rows.Next() {
		var u uploadEntry
		var initiated int64
		if err := rows.Scan(&u.Key, &u.UploadID, &u.Initiator.ID, &u.StorageClass, &initiated); err != nil {
			return nil, err
		}
		if len(out.Uploads) == limit {
			out.IsTruncated = true
			last := out.Uploads[limit-1]
			out.NextKeyMarker, out.NextUploadIDMarker = last.Key, last.UploadID
			break
		}
		u.Initiator.DisplayName = u.Initiator.ID
		u.Owner = owner{ID: s.ownerID}
		u.Initiated = isoTime(time.UnixMilli(initiated))
		out.Uploads = append(out.Uploads, u)
	}
	return xmlResponse(out), rows.Err()
}
