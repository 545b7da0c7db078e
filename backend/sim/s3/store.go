package s3

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// objectAttrs is what an object carries besides its listing columns; it is stored as
// one JSON value because nothing queries by it.
type objectAttrs struct {
	ContentType        string            `json:"ct"`
	ContentEncoding    string            `json:"ce,omitempty"`
	CacheControl       string            `json:"cc,omitempty"`
	ContentDisposition string            `json:"cd,omitempty"`
	ContentLanguage    string            `json:"cl,omitempty"`
	Expires            string            `json:"ex,omitempty"`
	Meta               map[string]string `json:"meta,omitempty"` // x-amz-meta-* names, lower case, without the prefix
	SSE                string            `json:"sse"`            // AES256, aws:kms, aws:kms:dsse
	SSEKMSKeyID        string            `json:"kms,omitempty"`
	ChecksumAlgorithm  string            `json:"csa,omitempty"` // lower case: crc32, crc32c, crc64nvme, sha1, sha256
	Checksum           string            `json:"cs,omitempty"`  // base64 digest of the whole object
	Parts              int               `json:"parts,omitempty"`
}

// chunk is one body row of an object: a PutObject body or one multipart part.
type chunk struct {
	id   int64
	size int64
}

// objectRow is one stored object.
type objectRow struct {
	bucket       string
	key          string
	size         int64
	etag         string // quoted
	lastModified time.Time
	storageClass string
	attrs        objectAttrs
	chunks       []chunk
}

func encodeChunks(cs []chunk) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(c.id, 10))
		b.WriteByte(':')
		b.WriteString(strconv.FormatInt(c.size, 10))
	}
	return b.String()
}

func decodeChunks(s string) ([]chunk, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	out := make([]chunk, 0, len(parts))
	for _, p := range parts {
		id, size, ok := strings.Cut(p, ":")
		i, err1 := strconv.ParseInt(id, 10, 64)
		n, err2 := strconv.ParseInt(size, 10, 64)
		if !ok || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("s3: corrupt chunk list %q", s)
		}
		out = append(out, chunk{i, n})
	}
	return out, nil
}

// loadObject reads an object's description; ok is false when the key does not exist.
func loadObject(ctx context.Context, q querier, bucket, key string) (objectRow, bool, error) {
	o := objectRow{bucket: bucket, key: key}
	var modified int64
	var attrs, chunks string
	err := q.QueryRowContext(ctx, `SELECT size, etag, last_modified, storage_class, attrs, chunks FROM s3_objects WHERE bucket = ? AND key = ?`,
		bucket, key).Scan(&o.size, &o.etag, &modified, &o.storageClass, &attrs, &chunks)
	if errors.Is(err, sql.ErrNoRows) {
		return o, false, nil
	}
	if err != nil {
		return o, false, err
	}
	o.lastModified = time.UnixMilli(modified).UTC()
	if err := json.Unmarshal([]byte(attrs), &o.attrs); err != nil {
		return o, false, fmt.Errorf("s3: corrupt attributes of %s/%s: %w", bucket, key, err)
	}
	o.chunks, err = decodeChunks(chunks)
	return o, err == nil, err
}

// insertData stores one body and returns its row id.
func insertData(ctx context.Context, tx *sql.Tx, body []byte) (int64, error) {
	if body == nil {
		body = []byte{}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO s3_data(body) VALUES(?)`, body)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func deleteData(ctx context.Context, tx *sql.Tx, cs []chunk) error {
	for _, c := range cs {
		if _, err := tx.ExecContext(ctx, `DELETE FROM s3_data WHERE id = ?`, c.id); err != nil {
			return err
		}
	}
	return nil
}

// storeObject writes o, replacing (and freeing the bodies of) any object at its key.
func storeObject(ctx context.Context, tx *sql.Tx, o objectRow) error {
	if _, err := removeObject(ctx, tx, o.bucket, o.key); err != nil {
		return err
	}
	attrs, err := json.Marshal(o.attrs)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO s3_objects(bucket, key, size, etag, last_modified, storage_class, attrs, chunks) VALUES(?,?,?,?,?,?,?,?)`,
		o.bucket, o.key, o.size, o.etag, o.lastModified.UnixMilli(), o.storageClass, string(attrs), encodeChunks(o.chunks))
	return err
}

// removeObject deletes the object at bucket/key and its bodies; existed reports
// whether there was one.
func removeObject(ctx context.Context, tx *sql.Tx, bucket, key string) (existed bool, err error) {
	var chunks string
	err = tx.QueryRowContext(ctx, `DELETE FROM s3_objects WHERE bucket = ? AND key = ? RETURNING chunks`, bucket, key).Scan(&chunks)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	cs, err := decodeChunks(chunks)
	if err != nil {
		return true, err
	}
	return true, deleteData(ctx, tx, cs)
}

// readBody returns n bytes of an object's body from offset off, loading only the
// chunks (and the parts of chunks) the range covers.
func readBody(ctx context.Context, q querier, cs []chunk, off, n int64) ([]byte, error) {
	out := make([]byte, 0, n)
	var start int64
	for _, c := range cs {
		if n <= 0 {
			break
		}
		end := start + c.size
		if off >= end {
			start = end
			continue
		}
		from := off - start
		take := min(c.size-from, n)
		var b []byte
		var err error
		if from == 0 && take == c.size {
			err = q.QueryRowContext(ctx, `SELECT body FROM s3_data WHERE id = ?`, c.id).Scan(&b)
		} else {
			err = q.QueryRowContext(ctx, `SELECT substr(body, ?, ?) FROM s3_data WHERE id = ?`, from+1, take, c.id).Scan(&b)
		}
		if err != nil {
			return nil, fmt.Errorf("s3: reading body chunk %d: %w", c.id, err)
		}
		out = append(out, b...)
		off += take
		n -= take
		start = end
	}
	return out, nil
}
