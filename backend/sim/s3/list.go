package s3

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// The listing engine behind ListObjectsV2 and ListObjects. Keys are read in order
// from s3_objects' primary key, bounded to the prefix's range. A plain scan costs
// about a microsecond a key, so a page starts as one. With a delimiter, the keys
// below a common prefix roll up into one entry, and a folder of 2,000 log files
// must not cost 2,000 steps: once the scan meets a folder it would have to step
// over, the rest of the page is read by a skip-scan inside SQLite (walkSQL) that
// seeks once per entry, past each folder as a whole. A 1,000-entry page thus costs
// a few milliseconds however the keys are spread.

// skipBeforeSeek is how many keys of one common prefix are stepped over before the
// scan seeks past the prefix instead.
const skipBeforeSeek = 8

// listedObject is one Contents entry.
type listedObject struct {
	key          string
	size         int64
	etag         string
	lastModified time.Time
	storageClass string
}

// listQuery is one page to read.
type listQuery struct {
	bucket    string
	prefix    string
	delimiter string
	marker    string // resume after this key or common prefix ("" = from the start)
	maxKeys   int
}

// listPage is one page read: entries in key order, whether more follow, and the last
// entry (key or common prefix) returned, from which the next page resumes.
type listPage struct {
	objects   []listedObject
	prefixes  []string
	truncated bool
	last      string
}

// successor is the smallest string greater than every string that starts with s
// ("" when there is none), the exclusive upper bound of a prefix's range.
func successor(s string) string {
	b := []byte(s)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1])
		}
	}
	return ""
}

// commonPrefix returns the common prefix key rolls up to, "" when it is listed as
// itself.
func commonPrefix(key, prefix, delimiter string) string {
	if delimiter == "" || !strings.HasPrefix(key, prefix) {
		return ""
	}
	if i := strings.Index(key[len(prefix):], delimiter); i >= 0 {
		return key[:len(prefix)+i+len(delimiter)]
	}
	return ""
}

// resumeFrom is where a listing continues after marker: past the whole common
// prefix marker rolls up to (S3 never repeats one), else just past marker, and never
// before prefix.
func resumeFrom(prefix, delimiter, marker string) string {
	if marker == "" {
		return prefix
	}
	pos := marker + "\x00"
	if cp := commonPrefix(marker, prefix, delimiter); cp != "" {
		pos = successor(cp)
	}
	if pos < prefix {
		pos = prefix
	}
	return pos
}

// noUpperBound bounds a listing without a prefix: no UTF-8 key reaches 0xFF.
const noUpperBound = "\xff"

// prepareList prepares the listing's two queries once per account.
func (s *Service) prepareList(ctx context.Context) (err error) {
	s.listRange, err = s.db.SQL().PrepareContext(ctx, `SELECT key, size, etag, last_modified, storage_class FROM s3_objects
		WHERE bucket = ? AND key >= ? AND key < ? ORDER BY key LIMIT ?`)
	if err != nil {
		return err
	}
	s.listWalk, err = s.db.SQL().PrepareContext(ctx, walkSQL)
	return err
}

// list reads one page.
func (s *Service) list(ctx context.Context, q listQuery) (listPage, error) {
	var page listPage
	if q.maxKeys <= 0 {
		return page, nil
	}
	upper := successor(q.prefix)
	if upper == "" {
		upper = noUpperBound
	}
	pos := resumeFrom(q.prefix, q.delimiter, q.marker)
	rows, err := s.listRange.QueryContext(ctx, q.bucket, pos, upper, q.maxKeys+1)
	if err != nil {
		return page, err
	}
	count := 0
	next, err := page.consume(rows, q, &count, q.maxKeys+1)
	rows.Close()
	if err != nil || next == "" {
		return page, err
	}
	return page, s.walk(ctx, q, next, upper, count, &page)
}

// consume reads one batch of at most batch rows into the page and returns where the
// next query must start, "" once the page is full or the range is exhausted.
func (p *listPage) consume(rows *sql.Rows, q listQuery, count *int, batch int) (string, error) {
	seen, skipped, lastSeen := 0, 0, ""
	for rows.Next() {
		var o listedObject
		var modified int64
		if err := rows.Scan(&o.key, &o.size, &o.etag, &modified, &o.storageClass); err != nil {
			return "", err
		}
		seen++
		lastSeen = o.key
		cp := commonPrefix(o.key, q.prefix, q.delimiter)
		if cp != "" && cp == p.last {
			if skipped++; skipped >= skipBeforeSeek {
				return successor(cp), nil
			}
			continue
		}
		if *count == q.maxKeys {
			p.truncated = true
			return "", nil
		}
		*count++
		skipped = 0
		if cp != "" {
			p.prefixes = append(p.prefixes, cp)
			p.last = cp
			continue
		}
		o.lastModified = time.UnixMilli(modified).UTC()
		p.objects = append(p.objects, o)
		p.last = o.key
	}
	if err := rows.Err(); err != nil || seen < batch {
		return "", err
	}
	if cp := commonPrefix(lastSeen, q.prefix, q.delimiter); cp != "" && cp == p.last {
		return successor(cp), nil
	}
	return lastSeen + "\x00", nil
}
