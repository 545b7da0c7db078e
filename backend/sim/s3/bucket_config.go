package s3

import (
	"context"
	"database/sql"
	"encoding/json"
	"encoding/xml"
	"errors"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// Bucket configuration documents. Input and output share a type: the element name
// is matched in any namespace on input, and Xmlns puts S3's namespace on output.

type sseConfiguration struct {
	XMLName xml.Name  `xml:"ServerSideEncryptionConfiguration" json:"-"`
	Xmlns   string    `xml:"xmlns,attr,omitempty" json:"-"`
	Rules   []sseRule `xml:"Rule"`
}

type sseRule struct {
	Default          *sseDefault `xml:"ApplyServerSideEncryptionByDefault"`
	BucketKeyEnabled *bool       `xml:"BucketKeyEnabled"`
}

type sseDefault struct {
	SSEAlgorithm   string `xml:"SSEAlgorithm"`
	KMSMasterKeyID string `xml:"KMSMasterKeyID,omitempty"`
}

// defaultEncryption is SSE-S3, which every bucket has had since January 2023 and
// gets back when its configuration is deleted.
func defaultEncryption() *sseConfiguration {
	off := false
	return &sseConfiguration{Rules: []sseRule{{Default: &sseDefault{SSEAlgorithm: "AES256"}, BucketKeyEnabled: &off}}}
}

type tagging struct {
	XMLName xml.Name `xml:"Tagging" json:"-"`
	Xmlns   string   `xml:"xmlns,attr,omitempty" json:"-"`
	TagSet  []tag    `xml:"TagSet>Tag"`
}

type tag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

type publicAccessBlockConfiguration struct {
	XMLName               xml.Name `xml:"PublicAccessBlockConfiguration" json:"-"`
	Xmlns                 string   `xml:"xmlns,attr,omitempty" json:"-"`
	BlockPublicAcls       bool     `xml:"BlockPublicAcls"`
	IgnorePublicAcls      bool     `xml:"IgnorePublicAcls"`
	BlockPublicPolicy     bool     `xml:"BlockPublicPolicy"`
	RestrictPublicBuckets bool     `xml:"RestrictPublicBuckets"`
}

// bucketJSON reads one JSON configuration column of a bucket into v; ok is false
// when the column is NULL.
func (s *Service) bucketJSON(ctx context.Context, bucket, column string, v any) (bool, error) {
	var raw sql.NullString
	if err := s.db.SQL().QueryRowContext(ctx, `SELECT `+column+` FROM s3_buckets WHERE name = ?`, bucket).Scan(&raw); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return false, errNoSuchBucket(bucket)
		}
		return false, err
	}
	if !raw.Valid {
		return false, nil
	}
	return true, json.Unmarshal([]byte(raw.String), v)
}

// setBucketJSON writes (or, for nil v, clears) one JSON configuration column.
func (s *Service) setBucketJSON(ctx context.Context, bucket, column string, v any) error {
	var val any
	if v != nil {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		val = string(b)
	}
	_, err := s.db.SQL().ExecContext(ctx, `UPDATE s3_buckets SET `+column+` = ? WHERE name = ?`, val, bucket)
	return err
}

type accessControlPolicy struct {
	XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ AccessControlPolicy"`
	Owner   owner    `xml:"Owner"`
	Grants  []grant  `xml:"AccessControlList>Grant"`
}

type grant struct {
	Grantee    grantee `xml:"Grantee"`
	Permission string  `xml:"Permission"`
}

type grantee struct {
	XSI  string `xml:"xmlns:xsi,attr"`
	Type string `xml:"xsi:type,attr"`
	ID   string `xml:"ID"`
}

// getBucketACL answers the only ACL a bucket has under S3's default Object Ownership
// (bucket owner enforced): the owner's FULL_CONTROL. CloudTrail itself calls it
// before delivering to a bucket.
func (s *Service) getBucketACL(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"acl": ""})
	if _, err := s.authorizeBucket(c, t.bucket, "s3:GetBucketAcl", nil); err != nil {
		return nil, err
	}
	return xmlResponse(&accessControlPolicy{
		Owner: owner{ID: s.ownerID},
		Grants: []grant{{
			Grantee:    grantee{XSI: "http://www.w3.org/2001/XMLSchema-instance", Type: "CanonicalUser", ID: s.ownerID},
			Permission: "FULL_CONTROL",
		}},
	}), nil
}

func (s *Service) getBucketEncryption(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"encryption": ""})
	if _, err := s.authorizeBucket(c, t.bucket, "s3:GetEncryptionConfiguration", nil); err != nil {
		return nil, err
	}
	cfg := &sseConfiguration{}
	ok, err := s.bucketJSON(c.Ctx, t.bucket, "encryption", cfg)
	if err != nil {
		return nil, err
	}
	if !ok {
		cfg = defaultEncryption()
	}
	cfg.Xmlns = XMLNamespace
	return xmlResponse(cfg), nil
}

func (s *Service) putBucketEncryption(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"encryption": ""})
	var in sseConfiguration
	if err := c.Req.Decode(&in); err != nil {
		return nil, err
	}
	if _, err := s.authorizeBucket(c, t.bucket, "s3:PutEncryptionConfiguration", nil); err != nil {
		return nil, err
	}
	if len(in.Rules) != 1 || in.Rules[0].Default == nil {
		return nil, errMalformedXML()
	}
	switch in.Rules[0].Default.SSEAlgorithm {
	case "AES256", "aws:kms", "aws:kms:dsse":
	default:
		return nil, errMalformedXML()
	}
	if err := s.setBucketJSON(c.Ctx, t.bucket, "encryption", &in); err != nil {
		return nil, err
	}
	return newResponse(), nil
}

func (s *Service) deleteBucketEncryption(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"encryption": ""})
	if _, err := s.authorizeBucket(c, t.bucket, "s3:PutEncryptionConfiguration", nil); err != nil {
		return nil, err
	}
	if err := s.setBucketJSON(c.Ctx, t.bucket, "encryption", nil); err != nil {
		return nil, err
	}
	return noContent(), nil
}

// validateBucketTags applies S3's bucket tag rules.
func validateBucketTags(tags []tag) error {
	if len(tags) > 50 {
		return errInvalidTag("Bucket tag count cannot be greater than 50")
	}
	seen := map[string]bool{}
	for _, t := range tags {
		switch {
		case t.Key == "" || len(t.Key) > 128:
			return errInvalidTag("The TagKey you have provided is invalid")
		case len(t.Value) > 256:
			return errInvalidTag("The TagValue you have provided is invalid")
		case strings.HasPrefix(strings.ToLower(t.Key), "aws:"):
			return errInvalidTag("System tags cannot be added/updated by requester")
		case seen[t.Key]:
			return errInvalidTag("Cannot provide multiple Tags with the same key")
		}
		seen[t.Key] = true
	}
	return nil
}

func (s *Service) getBucketTagging(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"tagging": ""})
	if _, err := s.authorizeBucket(c, t.bucket, "s3:GetBucketTagging", nil); err != nil {
		return nil, err
	}
	out := &tagging{}
	ok, err := s.bucketJSON(c.Ctx, t.bucket, "tags", &out.TagSet)
	if err != nil {
		return nil, err
	}
	if !ok || len(out.TagSet) == 0 {
		return nil, errNoSuchTagSet(t.bucket)
	}
	out.Xmlns = XMLNamespace
	return xmlResponse(out), nil
}

func (s *Service) putBucketTagging(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"tagging": ""})
	var in tagging
	if err := c.Req.Decode(&in); err != nil {
		return nil, err
	}
	if _, err := s.authorizeBucket(c, t.bucket, "s3:PutBucketTagging", nil); err != nil {
		return nil, err
	}
	if err := validateBucketTags(in.TagSet); err != nil {
		return nil, err
	}
	if in.TagSet == nil {
		in.TagSet = []tag{}
	}
	if err := s.setBucketJSON(c.Ctx, t.bucket, "tags", in.TagSet); err != nil {
		return nil, err
	}
	return noContent(), nil
}

func (s *Service) deleteBucketTagging(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"tagging": ""})
	if _, err := s.authorizeBucket(c, t.bucket, "s3:PutBucketTagging", nil); err != nil {
		return nil, err
	}
	if err := s.setBucketJSON(c.Ctx, t.bucket, "tags", nil); err != nil {
		return nil, err
	}
	return noContent(), nil
}

// publicAccessBlock reads a bucket's Block Public Access settings, nil when it has
// none.
func (s *Service) publicAccessBlock(ctx context.Context, bucket string) (*publicAccessBlockConfiguration, error) {
	cfg := &publicAccessBlockConfiguration{}
	ok, err := s.bucketJSON(ctx, bucket, "public_access_block", cfg)
	if err != nil || !ok {
		return nil, err
	}
	return cfg, nil
}

func (s *Service) getPublicAccessBlock(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"publicAccessBlock": ""})
	if _, err := s.authorizeBucket(c, t.bucket, "s3:GetBucketPublicAccessBlock", nil); err != nil {
		return nil, err
	}
	cfg, err := s.publicAccessBlock(c.Ctx, t.bucket)
	if err != nil {
		return nil, err
	}
	if cfg == nil {
		return nil, errNoSuchPublicAccessBlock(t.bucket)
	}
	cfg.Xmlns = XMLNamespace
	return xmlResponse(cfg), nil
}

func (s *Service) putPublicAccessBlock(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"publicAccessBlock": ""})
	var in publicAccessBlockConfiguration
	if err := c.Req.Decode(&in); err != nil {
		return nil, err
	}
	if _, err := s.authorizeBucket(c, t.bucket, "s3:PutBucketPublicAccessBlock", nil); err != nil {
		return nil, err
	}
	if err := s.setBucketJSON(c.Ctx, t.bucket, "public_access_block", &in); err != nil {
		return nil, err
	}
	return newResponse(), nil
}

func (s *Service) deletePublicAccessBlock(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"publicAccessBlock": ""})
	if _, err := s.authorizeBucket(c, t.bucket, "s3:PutBucketPublicAccessBlock", nil); err != nil {
		return nil, err
	}
	if err := s.setBucketJSON(c.Ctx, t.bucket, "public_access_block", nil); err != nil {
		return nil, err
	}
	return noContent(), nil
}

type versioningConfiguration struct {
	XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ VersioningConfiguration"`
}

// getBucketVersioning answers that versioning was never enabled, which is true of
// every simulated bucket (the simulator keeps one version per key).
func (s *Service) getBucketVersioning(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"versioning": ""})
	if _, err := s.authorizeBucket(c, t.bucket, "s3:GetBucketVersioning", nil); err != nil {
		return nil, err
	}
	return xmlResponse(&versioningConfiguration{}), nil
}
