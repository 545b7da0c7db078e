package s3

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"regexp"
	"strconv"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// MaxBuckets is the default general purpose bucket quota of an account.
const MaxBuckets = 10000

// regionPattern accepts the shape of AWS Region codes (ap-northeast-2, us-gov-west-1);
// "EU" is S3's legacy alias of eu-west-1.
var regionPattern = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$`)

// createBucketConfiguration is CreateBucket's optional body.
type createBucketConfiguration struct {
	LocationConstraint string `xml:"LocationConstraint"`
}

// bucketRegion checks a CreateBucket's LocationConstraint against the Region the
// request was signed for, as S3 does: no constraint means us-east-1, and a
// constraint must name the endpoint's own Region.
func bucketRegion(endpoint, lc string) (string, error) {
	region := lc
	switch {
	case lc == "":
		region = "us-east-1"
	case lc == "EU":
		region = "eu-west-1"
	case lc == "us-east-1" || !regionPattern.MatchString(lc):
		return "", errInvalidLocationConstraint(lc)
	}
	if region != endpoint {
		return "", errIllegalLocationConstraint(lc)
	}
	return region, nil
}

// defaultPublicAccessBlock is what a bucket created since April 2023 has: every
// public access blocked.
const defaultPublicAccessBlock = `{"BlockPublicAcls":true,"IgnorePublicAcls":true,"BlockPublicPolicy":true,"RestrictPublicBuckets":true}`

// insertBucket creates a bucket. Creating one the account already owns is
// BucketAlreadyOwnedByYou, except in us-east-1 where S3 keeps its legacy 200.
func (s *Service) insertBucket(ctx context.Context, name, region string, now time.Time) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, ok, err := loadBucket(ctx, tx, name); err != nil || ok {
			if err == nil && region != "us-east-1" {
				err = errBucketAlreadyOwnedByYou(name)
			}
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM s3_buckets`).Scan(&n); err != nil {
			return err
		}
		if n >= MaxBuckets {
			return protocol.NewError(400, "TooManyBuckets", "You have attempted to create more buckets than allowed")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO s3_buckets(name, region, created, public_access_block) VALUES(?,?,?,?)`,
			name, region, now.UnixMilli(), defaultPublicAccessBlock)
		return err
	})
}

func (s *Service) createBucket(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	var in createBucketConfiguration
	if err := c.Req.Decode(&in); err != nil {
		return nil, err
	}
	params := map[string]any{}
	if in.LocationConstraint != "" {
		params["CreateBucketConfiguration"] = map[string]any{"LocationConstraint": in.LocationConstraint, "xmlns": XMLNamespace}
	}
	record(c, t.bucket, "", false, params)
	if model.ValidateBucketName(t.bucket) != nil {
		return nil, errInvalidBucketName(t.bucket)
	}
	region, err := bucketRegion(c.Region, in.LocationConstraint)
	if err != nil {
		return nil, err
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "s3:CreateBucket", Resource: bucketARN(t.bucket), QuoteResource: true}); err != nil {
		return nil, err
	}
	if err := s.insertBucket(c.Ctx, t.bucket, region, c.Now); err != nil {
		return nil, err
	}
	r := newResponse()
	r.header.Set("Location", "/"+t.bucket)
	return r, nil
}

func (s *Service) headBucket(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, nil)
	b, err := s.authorizeBucket(c, t.bucket, "s3:ListBucket", nil)
	if err != nil {
		return nil, err
	}
	r := newResponse()
	r.head = true
	r.header.Set("X-Amz-Bucket-Region", b.region)
	r.header.Set("X-Amz-Access-Point-Alias", "false")
	return r, nil
}

func (s *Service) deleteBucket(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, nil)
	if _, err := s.authorizeBucket(c, t.bucket, "s3:DeleteBucket", nil); err != nil {
		return nil, err
	}
	err := s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(c.Ctx, `SELECT 1 FROM s3_objects WHERE bucket = ? LIMIT 1`, t.bucket).Scan(&one)
		if err == nil {
			return errBucketNotEmpty(t.bucket)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		// Unfinished multipart uploads go with the bucket.
		for _, q := range []string{
			`DELETE FROM s3_data WHERE id IN (SELECT p.data_id FROM s3_parts p JOIN s3_uploads u ON u.upload_id = p.upload_id WHERE u.bucket = ?)`,
			`DELETE FROM s3_parts WHERE upload_id IN (SELECT upload_id FROM s3_uploads WHERE bucket = ?)`,
			`DELETE FROM s3_uploads WHERE bucket = ?`,
			`DELETE FROM s3_buckets WHERE name = ?`,
		} {
			if _, err := tx.ExecContext(c.Ctx, q, t.bucket); err != nil {
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

type locationConstraint struct {
	XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ LocationConstraint"`
	Region  string   `xml:",chardata"`
}

func (s *Service) getBucketLocation(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"location": ""})
	b, err := s.authorizeBucket(c, t.bucket, "s3:GetBucketLocation", nil)
	if err != nil {
		return nil, err
	}
	lc := b.region
	if lc == "us-east-1" {
		lc = "" // S3 answers an empty constraint for us-east-1
	}
	return xmlResponse(&locationConstraint{Region: lc}), nil
}

type listAllMyBucketsResult struct {
	XMLName           xml.Name    `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListAllMyBucketsResult"`
	Owner             owner       `xml:"Owner"`
	Buckets           bucketsList `xml:"Buckets"`
	ContinuationToken string      `xml:"ContinuationToken,omitempty"`
	Prefix            string      `xml:"Prefix,omitempty"`
}

type bucketsList struct {
	Bucket []bucketEntry `xml:"Bucket"`
}

type bucketEntry struct {
	Name         string `xml:"Name"`
	CreationDate string `xml:"CreationDate"`
	BucketRegion string `xml:"BucketRegion,omitempty"`
}

// listBuckets answers the account's buckets in name order. As in S3, a request with
// any of the paginated parameters gets each bucket's Region and pages of at most
// max-buckets; a bare request gets every bucket without Regions.
func (s *Service) listBuckets(c *service.Call) (any, error) {
	q := c.Req.HTTP.URL.Query()
	record(c, "", "", false, nil)
	paginated := q.Has("max-buckets") || q.Has("continuation-token") || q.Has("prefix") || q.Has("bucket-region")
	limit := MaxBuckets
	if v := q.Get("max-buckets"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxBuckets {
			return nil, errInvalidArgument("Invalid max-buckets value", "max-buckets", v)
		}
		limit = n
	}
	after := ""
	if tok := q.Get("continuation-token"); tok != "" {
		b, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil {
			return nil, errInvalidArgument("The continuation token provided is incorrect", "continuation-token", tok)
		}
		after = string(b)
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "s3:ListAllMyBuckets", QuoteResource: true}); err != nil {
		return nil, err
	}
	prefix, region := q.Get("prefix"), q.Get("bucket-region")
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT name, region, created FROM s3_buckets
		WHERE name > ? AND substr(name, 1, length(?)) = ? AND (? = '' OR region = ?) ORDER BY name LIMIT ?`,
		after, prefix, prefix, region, region, limit+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &listAllMyBucketsResult{Owner: owner{ID: s.ownerID}, Prefix: prefix}
	for rows.Next() {
		var e bucketEntry
		var created int64
		if err := rows.Scan(&e.Name, &e.BucketRegion, &created); err != nil {
			return nil, err
		}
		if len(out.Buckets.Bucket) == limit {
			out.ContinuationToken = base64.RawURLEncoding.EncodeToString([]byte(out.Buckets.Bucket[limit-1].Name))
			break
		}
		e.CreationDate = isoTime(time.UnixMilli(created))
		if !paginated {
			e.BucketRegion = ""
		}
		out.Buckets.Bucket = append(out.Buckets.Bucket, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return xmlResponse(out), nil
}
