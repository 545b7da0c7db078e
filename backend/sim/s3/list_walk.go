package s3

import (
	"context"
	"time"
	"unicode/utf8"
)

// walkSQL is the skip-scan of a delimiter listing, run inside SQLite: each step of
// the recursion seeks the first key at or after the end of the previous entry — just
// past the key for an object, past the whole common prefix for a folder — so the
// query costs one index seek per entry, however many keys each folder holds. Lengths
// are in characters, as SQLite counts them in TEXT.
//
//	?1 bucket  ?2 where to start  ?3 upper bound  ?4 prefix length
//	?5 delimiter  ?6 the character after the delimiter's last  ?7 entries wanted
//
// The CROSS JOIN keeps SQLite from driving the join from s3_objects (a scan of the
// bucket) instead of from the walk.
const walkSQL = `WITH RECURSIVE walk(k, n) AS (
	SELECT (SELECT key FROM s3_objects WHERE bucket = ?1 AND key >= ?2 AND key < ?3 ORDER BY key LIMIT 1), 1
	UNION ALL
	SELECT (SELECT key FROM s3_objects WHERE bucket = ?1 AND key < ?3 AND key >= (
			CASE WHEN instr(substr(w.k, ?4 + 1), ?5) > 0
			THEN substr(w.k, 1, ?4 + instr(substr(w.k, ?4 + 1), ?5) + length(?5) - 2) || ?6
			ELSE w.k || char(0) END)
		ORDER BY key LIMIT 1), n + 1
	FROM walk w WHERE w.k IS NOT NULL AND n < ?7
)
SELECT o.key, o.size, o.etag, o.last_modified, o.storage_class
FROM walk w CROSS JOIN s3_objects o ON o.bucket = ?1 AND o.key = w.k`

// walk reads the rest of a delimiter listing from pos, after count entries, into
// page.
func (s *Service) walk(ctx context.Context, q listQuery, pos, upper string, count int, page *listPage) error {
	last, _ := utf8.DecodeLastRuneInString(q.delimiter)
	rows, err := s.listWalk.QueryContext(ctx, q.bucket, pos, upper, utf8.RuneCountInString(q.prefix), q.delimiter, string(last+1), q.maxKeys-count+1)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var o listedObject
		var modified int64
		if err := rows.Scan(&o.key, &o.size, &o.etag, &modified, &o.storageClass); err != nil {
			return err
		}
		if count == q.maxKeys {
			page.truncated = true
			break
		}
		count++
		if cp := commonPrefix(o.key, q.prefix, q.delimiter); cp != "" {
			page.prefixes = append(page.prefixes, cp)
			page.last = cp
			continue
		}
		o.lastModified = time.UnixMilli(modified).UTC()
		page.objects = append(page.objects, o)
		page.last = o.key
	}
	return rows.Err()
}
