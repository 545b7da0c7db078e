package s3

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// Multipart upload limits.
const (
	minPartSize = 5 << 20 // every part but the last
	maxParts    = 10000
)

// upload is an unfinished multipart upload.
type upload struct {
	id, bucket, key string
	initiated       time.Time
	initiator       string
	storageClass    string
	attrs           objectAttrs
}

func newUploadID() string {
	var b [48]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// loadUpload reads an upload of bucket/key; any other upload id is NoSuchUpload.
func loadUpload(ctx context.Context, q querier, bucket, key, id string) (upload, error) {
	u := upload{id: id, bucket: bucket, key: key}
	var initiated int64
	var attrs string
	err := q.QueryRowContext(ctx, `SELECT initiated, initiator, storage_class, attrs FROM s3_uploads WHERE upload_id = ? AND bucket = ? AND key = ?`,
		id, bucket, key).Scan(&initiated, &u.initiator, &u.storageClass, &attrs)
	if errors.Is(err, sql.ErrNoRows) {
		return u, errNoSuchUpload(id)
	}
	if err != nil {
		return u, err
	}
	u.initiated = time.UnixMilli(initiated).UTC()
	return u, json.Unmarshal([]byte(attrs), &u.attrs)
}

type initiateMultipartUploadResult struct {
	XMLName  xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ InitiateMultipartUploadResult"`
	Bucket   string   `xml:"Bucket"`
	Key      string   `xml:"Key"`
	UploadID string   `xml:"UploadId"`
}

func (s *Service) createMultipartUpload(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, t.key, true, map[string]any{"uploads": ""})
	if len(t.key) > maxKeyBytes {
		return nil, errInvalidRequest("Your key is too long")
	}
	attrs, class, err := objectHeaders(c.Req.HTTP.Header)
	if err != nil {
		return nil, err
	}
	if _, err := s.authorizeObject(c, t.bucket, t.key, "s3:PutObject"); err != nil {
		return nil, err
	}
	if attrs.SSE == "" {
		attrs.SSE = s.bucketDefaultSSE(c.Ctx, t.bucket)
	}
	raw, err := json.Marshal(attrs)
	if err != nil {
		return nil, err
	}
	id := newUploadID()
	if _, err := s.db.SQL().ExecContext(c.Ctx, `INSERT INTO s3_uploads(upload_id, bucket, key, initiated, initiator, storage_class, attrs) VALUES(?,?,?,?,?,?,?)`,
		id, t.bucket, t.key, c.Now.UnixMilli(), c.Principal.Arn, class, string(raw)); err != nil {
		return nil, err
	}
	r := xmlResponse(&initiateMultipartUploadResult{Bucket: t.bucket, Key: t.key, UploadID: id})
	r.header.Set("X-Amz-Server-Side-Encryption", attrs.SSE)
	if alg := c.Req.HTTP.Header.Get("X-Amz-Checksum-Algorithm"); alg != "" {
		r.header.Set("X-Amz-Checksum-Algorithm", alg)
	}
	return r, nil
}

func parsePartNumber(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxParts {
		return 0, errInvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", v)
	}
	return n, nil
}

func (s *Service) uploadPart(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	q := c.Req.HTTP.URL.Query()
	id := q.Get("uploadId")
	record(c, t.bucket, t.key, true, map[string]any{"partNumber": q.Get("partNumber"), "uploadId": id})
	n, err := parsePartNumber(q.Get("partNumber"))
	if err != nil {
		return nil, err
	}
	if err := checkUpload(c); err != nil {
		return nil, err
	}
	if _, err := s.authorizeObject(c, t.bucket, t.key, "s3:PutObject"); err != nil {
		return nil, err
	}
	body := c.Req.Body
	etag := quotedMD5(body)
	alg, sum := sentChecksum(c.Trailers, c.Req.HTTP.Header)
	err = s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		if _, err := loadUpload(c.Ctx, tx, t.bucket, t.key, id); err != nil {
			return err
		}
		var old int64
		err := tx.QueryRowContext(c.Ctx, `DELETE FROM s3_parts WHERE upload_id = ? AND part_number = ? RETURNING data_id`, id, n).Scan(&old)
		if err == nil {
			err = deleteData(c.Ctx, tx, []chunk{{id: old}})
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		// Parts count against the byte limit as they arrive (the replaced part is
		// already gone), so unfinished uploads cannot fill the disk either.
		if err := s.admit(c.Ctx, tx, 0, int64(len(body))); err != nil {
			return err
		}
		dataID, err := insertData(c.Ctx, tx, body)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(c.Ctx, `INSERT INTO s3_parts(upload_id, part_number, size, etag, last_modified, data_id, checksum) VALUES(?,?,?,?,?,?,?)`,
			id, n, len(body), etag, c.Now.UnixMilli(), dataID, sum)
		return err
	})
	if err != nil {
		return nil, err
	}
	r := newResponse()
	r.header.Set("ETag", etag)
	if alg != "" {
		r.header.Set("X-Amz-Checksum-"+alg, sum)
	}
	return r, nil
}

type completeMultipartUpload struct {
	Parts []completedPart `xml:"Part"`
}

type completedPart struct {
	PartNumber int    `xml:"PartNumber"`
	ETag       string `xml:"ETag"`
}

type completeMultipartUploadResult struct {
	XMLName  xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ CompleteMultipartUploadResult"`
	Location string   `xml:"Location"`
	Bucket   string   `xml:"Bucket"`
	Key      string   `xml:"Key"`
	ETag     string   `xml:"ETag"`
}

type storedPart struct {
	size   int64
	etag   string
	dataID int64
}

// completeMultipartUpload assembles the listed parts into the object by linking
// their body rows, checking what S3 checks (ascending part numbers, each part
// uploaded with the given ETag, every part but the last at least 5 MiB). The ETag is
// S3's multipart form: the MD5 of the parts' binary MD5s, a dash, the part count.
func (s *Service) completeMultipartUpload(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	id := c.Req.HTTP.URL.Query().Get("uploadId")
	record(c, t.bucket, t.key, true, map[string]any{"uploadId": id})
	var in completeMultipartUpload
	if err := c.Req.Decode(&in); err != nil {
		return nil, err
	}
	if _, err := s.authorizeObject(c, t.bucket, t.key, "s3:PutObject"); err != nil {
		return nil, err
	}
	if len(in.Parts) == 0 {
		return nil, errMalformedXML()
	}
	var etag string
	err := s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		u, err := loadUpload(c.Ctx, tx, t.bucket, t.key, id)
		if err != nil {
			return err
		}
		parts, err := uploadedParts(c.Ctx, tx, id)
		if err != nil {
			return err
		}
		o := objectRow{bucket: t.bucket, key: t.key, lastModified: c.Now.UTC().Truncate(time.Millisecond), storageClass: u.storageClass, attrs: u.attrs}
		digests := make([]byte, 0, md5.Size*len(in.Parts))
		used := map[int]bool{}
		if err := checkCompletion(in.Parts, parts); err != nil {
			return err
		}
		for _, p := range in.Parts {
			sp := parts[p.PartNumber]
			raw, _ := hex.DecodeString(strings.Trim(sp.etag, `"`))
			digests = append(digests, raw...)
			o.chunks = append(o.chunks, chunk{sp.dataID, sp.size})
			o.size += sp.size
			used[p.PartNumber] = true
		}
		for n, sp := range parts {
			if !used[n] {
				if err := deleteData(c.Ctx, tx, []chunk{{id: sp.dataID}}); err != nil {
					return err
				}
			}
		}
		var all int64 // every part's bytes: the used ones become the object, the rest are freed
		for _, sp := range parts {
			all += sp.size
		}
		if err := s.admitObject(c.Ctx, tx, t.bucket, t.key, o.size, all); err != nil {
			return err
		}
		sum := md5.Sum(digests)
		o.etag = fmt.Sprintf(`"%s-%d"`, hex.EncodeToString(sum[:]), len(in.Parts))
		o.attrs.Parts = len(in.Parts)
		o.attrs.ChecksumAlgorithm, o.attrs.Checksum = "", ""
		etag = o.etag
		if _, err := tx.ExecContext(c.Ctx, `DELETE FROM s3_parts WHERE upload_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(c.Ctx, `DELETE FROM s3_uploads WHERE upload_id = ?`, id); err != nil {
			return err
		}
		return storeObject(c.Ctx, tx, o)
	})
	if err != nil {
		return nil, err
	}
	location := "http://" + c.Req.HTTP.Host + "/" + t.bucket + "/" + t.key
	return xmlResponse(&completeMultipartUploadResult{Location: location, Bucket: t.bucket, Key: t.key, ETag: etag}), nil
}

// checkCompletion applies CompleteMultipartUpload's checks in S3's order: the list
// is in ascending part order, then every part was uploaded with the ETag given, then
// every part but the last is at least 5 MiB.
func checkCompletion(list []completedPart, parts map[int]storedPart) error {
	for i := 1; i < len(list); i++ {
		if list[i].PartNumber <= list[i-1].PartNumber {
			return errInvalidPartOrder()
		}
	}
	for _, p := range list {
		sp, ok := parts[p.PartNumber]
		if !ok || strings.Trim(p.ETag, `"`) != strings.Trim(sp.etag, `"`) {
			return errInvalidPart()
		}
	}
	for _, p := range list[:len(list)-1] {
		if sp := parts[p.PartNumber]; sp.size < minPartSize {
			return errEntityTooSmall(sp.size, minPartSize)
		}
	}
	return nil
}

func uploadedParts(ctx context.Context, q querier, id string) (map[int]storedPart, error) {
	rows, err := q.QueryContext(ctx, `SELECT part_number, size, etag, data_id FROM s3_parts WHERE upload_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	parts := map[int]storedPart{}
	for rows.Next() {
		var n int
		var p storedPart
		if err := rows.Scan(&n, &p.size, &p.etag, &p.dataID); err != nil {
			return nil, err
		}
		parts[n] = p
	}
	return parts, rows.Err()
}

func (s *Service) abortMultipartUpload(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	id := c.Req.HTTP.URL.Query().Get("uploadId")
	record(c, t.bucket, t.key, true, map[string]any{"uploadId": id})
	if _, err := s.authorizeObject(c, t.bucket, t.key, "s3:AbortMultipartUpload"); err != nil {
		return nil, err
	}
	err := s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		if _, err := loadUpload(c.Ctx, tx, t.bucket, t.key, id); err != nil {
			return err
		}
		for _, q := range []string{
			`DELETE FROM s3_data WHERE id IN (SELECT data_id FROM s3_parts WHERE upload_id = ?)`,
			`DELETE FROM s3_parts WHERE upload_id = ?`,
			`DELETE FROM s3_uploads WHERE upload_id = ?`,
		} {
			if _, err := tx.ExecContext(c.Ctx, q, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return noContent(), nil
}
