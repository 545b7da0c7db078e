package s3

// migrations are S3's schema steps, append-only: step i runs once per account.
//
// Object metadata lives in s3_objects, a WITHOUT ROWID table clustered on (bucket,
// key): a listing is one ordered range scan over small rows in UTF-8 byte order, which
// is S3's order, and never reads a body. Bodies live apart in s3_data, one row per
// PutObject body or uploaded part; an object lists its bodies in order in chunks, so
// completing a multipart upload links the parts' rows instead of copying megabytes,
// and a ranged read loads only the chunks it needs.
var migrations = []string{`
CREATE TABLE s3_buckets (
	name    TEXT PRIMARY KEY,
	region  TEXT NOT NULL,
	created INTEGER NOT NULL,
	policy  TEXT,
	encryption TEXT,
	tags    TEXT,
	public_access_block TEXT
);
CREATE TABLE s3_data (
	id   INTEGER PRIMARY KEY,
	body BLOB NOT NULL
);
CREATE TABLE s3_objects (
	bucket        TEXT NOT NULL,
	key           TEXT NOT NULL,
	size          INTEGER NOT NULL,
	etag          TEXT NOT NULL,
	last_modified INTEGER NOT NULL,
	storage_class TEXT NOT NULL,
	attrs         TEXT NOT NULL,
	chunks        TEXT NOT NULL,
	PRIMARY KEY (bucket, key)
) WITHOUT ROWID;
CREATE TABLE s3_uploads (
	upload_id TEXT PRIMARY KEY,
	bucket    TEXT NOT NULL,
	key       TEXT NOT NULL,
	initiated INTEGER NOT NULL,
	initiator TEXT NOT NULL,
	storage_class TEXT NOT NULL,
	attrs     TEXT NOT NULL
);
CREATE INDEX s3_uploads_by_key ON s3_uploads(bucket, key, initiated);
CREATE TABLE s3_parts (
	upload_id     TEXT NOT NULL,
	part_number   INTEGER NOT NULL,
	size          INTEGER NOT NULL,
	etag          TEXT NOT NULL,
	last_modified INTEGER NOT NULL,
	data_id       INTEGER NOT NULL,
	checksum      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID`,
}
