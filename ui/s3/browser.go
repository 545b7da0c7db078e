package s3

import (
	"strings"

	"github.com/labconsole/labconsole/ui/common"
	"github.com/labconsole/labconsole/ui/nav"
)

// NewBrowser opens the S3 console at a folder of a bucket, as a trail's "Trail log
// location" link does (lab step C8): push the screen it returns and the stack reads
// Buckets > bucket > AWSLogs/ > 123456789012/, one screen per folder level, so esc
// climbs one level at a time and the breadcrumbs are the console's. prefix is a
// folder ("" for the bucket's top); a missing final "/" is added. Every level lists
// itself, so a user without s3:ListBucket sees the Insufficient permissions panel
// (step C9) and r reloads it once the permission is granted (step C10).
func NewBrowser(c *common.Common, bucket, prefix string) nav.Screen {
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	b := NewBuckets(c)
	b.open = folderChain(c, bucketRef{name: bucket}, prefix)
	return b
}

// NewObjectAt opens the S3 console at one object, e.g. a CloudTrail log file named
// by an event: Buckets, the bucket, each folder above the key, then the object's
// page.
func NewObjectAt(c *common.Common, bucket, key string) nav.Screen {
	ref := bucketRef{name: bucket}
	b := NewBuckets(c)
	b.open = append(folderChain(c, ref, parentPrefix(key)), newObject(c, ref, key))
	return b
}

// folderChain is the bucket's top and one folder screen per level down to prefix.
func folderChain(c *common.Common, ref bucketRef, prefix string) []nav.Screen {
	screens := []nav.Screen{newFolder(c, ref, "")}
	for _, p := range levels(prefix) {
		screens = append(screens, newFolder(c, ref, p))
	}
	return screens
}
