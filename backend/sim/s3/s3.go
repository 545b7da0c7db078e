// Package s3 is the simulated Amazon S3 (restXml, API 2006-03-01): buckets with their
// policies and configuration, objects stored in the account's SQLite database, listings
// with delimiters and continuation tokens, and multipart uploads. Requests arrive
// path-style or virtual-hosted-style; every operation authorizes with S3's own action
// names and the bucket policy. Other simulated services (CloudTrail delivering logs)
// use the in-process API in internal.go.
package s3

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

// XMLNamespace is the namespace of every S3 XML document.
const XMLNamespace = "http://s3.amazonaws.com/doc/2006-03-01/"

// spec leaves XMLNamespace empty on purpose: the router treats a spec with one as an
// awsQuery service, and S3's documents carry their namespace themselves.
var spec = &protocol.Spec{SigningName: "s3", APIVersion: "2006-03-01"}

// Service is one account's S3.
type Service struct {
	db      *store.DB
	account string
	ownerID string // the account's canonical user ID
	ops     service.Ops
	limits  Limits // storage quota (quota.go); zero: unlimited
	// listRange and listWalk are the listing's prepared queries (list.go).
	listRange, listWalk *sql.Stmt
}

// New opens S3's state in db, creating its tables on first use.
func New(ctx context.Context, db *store.DB, account string) (*Service, error) {
	if err := db.Migrate(ctx, "s3", migrations); err != nil {
		return nil, err
	}
	s := &Service{db: db, account: account, ownerID: CanonicalUserID(account)}
	if err := s.prepareList(ctx); err != nil {
		return nil, err
	}
	s.ops = service.Ops{
		"ListBuckets":             s.listBuckets,
		"CreateBucket":            s.createBucket,
		"HeadBucket":              s.headBucket,
		"DeleteBucket":            s.deleteBucket,
		"GetBucketLocation":       s.getBucketLocation,
		"GetBucketPolicy":         s.getBucketPolicy,
		"PutBucketPolicy":         s.putBucketPolicy,
		"DeleteBucketPolicy":      s.deleteBucketPolicy,
		"GetBucketAcl":            s.getBucketACL,
		"GetBucketEncryption":     s.getBucketEncryption,
		"PutBucketEncryption":     s.putBucketEncryption,
		"DeleteBucketEncryption":  s.deleteBucketEncryption,
		"GetBucketTagging":        s.getBucketTagging,
		"PutBucketTagging":        s.putBucketTagging,
		"DeleteBucketTagging":     s.deleteBucketTagging,
		"GetPublicAccessBlock":    s.getPublicAccessBlock,
		"PutPublicAccessBlock":    s.putPublicAccessBlock,
		"DeletePublicAccessBlock": s.deletePublicAccessBlock,
		"GetBucketVersioning":     s.getBucketVersioning,
		"ListObjectsV2":           s.listObjectsV2,
		"ListObjects":             s.listObjectsV1,
		"PutObject":               s.putObject,
		"GetObject":               s.getObject,
		"HeadObject":              s.headObject,
		"DeleteObject":            s.deleteObject,
		"DeleteObjects":           s.deleteObjects,
		"CopyObject":              s.copyObject,
		"CreateMultipartUpload":   s.createMultipartUpload,
		"UploadPart":              s.uploadPart,
		"CompleteMultipartUpload": s.completeMultipartUpload,
		"AbortMultipartUpload":    s.abortMultipartUpload,
		"ListParts":               s.listParts,
		"ListMultipartUploads":    s.listMultipartUploads,
	}
	return s, nil
}

// Spec implements service.Service.
func (s *Service) Spec() *protocol.Spec { return spec }

// Handler implements service.Service.
func (s *Service) Handler(op string) (service.Handler, bool) { return s.ops.Handler(op) }

// CanonicalUserID is the account's S3 canonical user ID (64 hex digits), stable for
// an account ID so ACLs and owners read the same across restarts.
func CanonicalUserID(account string) string {
	sum := sha256.Sum256([]byte("labconsole-s3-owner:" + account))
	return hex.EncodeToString(sum[:])
}
