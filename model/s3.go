package model

import (
	"strings"
	"time"
)

// Bucket is one S3 bucket as the Buckets table shows it.
type Bucket struct {
	Name         string
	Region       string // "" when the listing did not say and it was not asked
	CreationDate time.Time
}

// NewBucket is the Create bucket form: a name and the Region it lives in.
type NewBucket struct {
	Name   string
	Region string
}

// Validate applies S3's general purpose bucket naming rules, so the console refuses a
// name before the call with the same reason S3 would give.
func (b NewBucket) Validate() error {
	var errs Errors
	errs.Add(ValidateBucketName(b.Name))
	if strings.TrimSpace(b.Region) == "" {
		errs.Add(&FieldError{Field: "Region", ID: "ValidateRequired", AWS: "The specified location-constraint is not valid"})
	}
	return errs.Err()
}

// Object is one key of a listing (the objects table of a bucket or folder).
type Object struct {
	Key          string
	Size         int64
	LastModified time.Time
	ETag         string // as S3 sends it, quoted
	StorageClass string // "STANDARD"
}

// Name is the key relative to the folder being browsed: "file.json.gz" for
// "AWSLogs/…/22/file.json.gz" under prefix "AWSLogs/…/22/".
func (o Object) Name(prefix string) string { return strings.TrimPrefix(o.Key, prefix) }

// Listing is one page of a bucket browsed like the console does: the folders
// (CommonPrefixes) and objects directly under Prefix, and S3's token for the next page.
type Listing struct {
	Bucket    string
	Prefix    string
	Delimiter string
	Folders   []string // full prefixes, each ending with Delimiter
	Objects   []Object
	NextToken string // "" when the listing is complete
}

// FolderName is a folder relative to the listing's prefix, without the trailing
// delimiter: "CloudTrail" for "AWSLogs/123456789012/CloudTrail/".
func (l Listing) FolderName(folder string) string {
	return strings.TrimSuffix(strings.TrimPrefix(folder, l.Prefix), l.Delimiter)
}

// ObjectInfo is what HeadObject says about an object.
type ObjectInfo struct {
	Bucket               string
	Key                  string
	Size                 int64
	LastModified         time.Time
	ETag                 string
	ContentType          string
	ContentEncoding      string
	StorageClass         string
	ServerSideEncryption string            // "AES256" for SSE-S3
	Metadata             map[string]string // x-amz-meta-* without the prefix
}

// ObjectData is an object read for display: its description and at most a capped
// number of bytes of its body.
type ObjectData struct {
	ObjectInfo
	Body      []byte
	Truncated bool // the object is larger than the bytes read
}
