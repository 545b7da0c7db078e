package s3

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/auth"
	"github.com/labconsole/labconsole/backend/sim/policy"
	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// maxPolicyBytes is S3's bucket policy size limit.
const maxPolicyBytes = 20 * 1024

// validateBucketPolicy applies what S3 checks on PutBucketPolicy: the resource-policy
// grammar (every statement names a principal), actions that are S3's, and resources
// that are the bucket itself or objects in it. Errors are MalformedPolicy worded as S3
// words them.
func validateBucketPolicy(bucket, doc string) (*policy.Document, error) {
	if len(doc) > maxPolicyBytes {
		return nil, errMalformedPolicy("Policy exceeds the maximum allowed document size.")
	}
	d, err := policy.ParseResource(doc)
	if err != nil {
		var pe *policy.ParseError
		if errors.As(err, &pe) {
			return nil, errMalformedPolicy(pe.Message)
		}
		return nil, err
	}
	for _, st := range d.Statements {
		for _, a := range append(append([]string(nil), st.Action...), st.NotAction...) {
			if a != "*" && !strings.HasPrefix(strings.ToLower(a), "s3:") {
				return nil, errMalformedPolicy("Policy has invalid action")
			}
		}
		for _, r := range append(append([]string(nil), st.Resource...), st.NotResource...) {
			if !resourceInBucket(bucket, r) {
				return nil, errMalformedPolicy("Policy has invalid resource")
			}
		}
	}
	return d, nil
}

// resourceInBucket reports whether a policy resource refers to bucket or to objects
// in it: arn:aws:s3:::bucket, arn:aws:s3:::bucket/…, with the bucket part possibly
// a wildcard pattern that matches bucket.
func resourceInBucket(bucket, resource string) bool {
	rest, ok := strings.CutPrefix(resource, "arn:aws:s3:::")
	if !ok {
		return false
	}
	name, _, _ := strings.Cut(rest, "/")
	return wildcardMatch(name, bucket)
}

// wildcardMatch matches s against a pattern of literal characters, * (any run) and
// ? (any one character), as policy ARNs are matched.
func wildcardMatch(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// isPublic reports whether a bucket policy grants access to everyone: an Allow to
// Principal "*" without conditions. Block Public Access refuses such a policy.
func isPublic(d *policy.Document) bool {
	for _, st := range d.Statements {
		if st.Effect == policy.EffectAllow && st.Principal != nil && st.Principal.All && len(st.Condition) == 0 {
			return true
		}
	}
	return false
}

func (s *Service) getBucketPolicy(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"policy": ""})
	b, err := s.authorizeBucket(c, t.bucket, "s3:GetBucketPolicy", nil)
	if err != nil {
		return nil, err
	}
	if b.policy == "" {
		return nil, errNoSuchBucketPolicy(t.bucket)
	}
	r := newResponse()
	r.body = []byte(b.policy)
	return r, nil
}

func (s *Service) putBucketPolicy(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	doc := string(c.Req.Body)
	params := map[string]any{"policy": ""}
	if json.Valid(c.Req.Body) {
		params["bucketPolicy"] = json.RawMessage(c.Req.Body)
	}
	record(c, t.bucket, "", false, params)
	if err := auth.VerifyChecksumHeaders(c.Req.HTTP.Header, c.Req.Body); err != nil {
		return nil, err
	}
	if err := checkContentMD5(c.Req.HTTP.Header, c.Req.Body); err != nil {
		return nil, err
	}
	b, err := s.authorizeBucket(c, t.bucket, "s3:PutBucketPolicy", nil)
	if err != nil {
		return nil, err
	}
	d, err := validateBucketPolicy(t.bucket, doc)
	if err != nil {
		return nil, err
	}
	if isPublic(d) {
		pab, err := s.publicAccessBlock(c.Ctx, t.bucket)
		if err != nil {
			return nil, err
		}
		if pab != nil && pab.BlockPublicPolicy {
			return nil, protocol.Errorf(403, "AccessDenied",
				"User: %s is not authorized to perform: s3:PutBucketPolicy on resource: \"%s\" because public policies are blocked by the BlockPublicPolicy block public access setting.",
				c.Principal.Arn, bucketARN(b.name))
		}
	}
	if err := s.setPolicy(c.Ctx, t.bucket, doc); err != nil {
		return nil, err
	}
	return noContent(), nil
}

func (s *Service) deleteBucketPolicy(c *service.Call) (any, error) {
	t := targetOf(c.Req.HTTP)
	record(c, t.bucket, "", false, map[string]any{"policy": ""})
	if _, err := s.authorizeBucket(c, t.bucket, "s3:DeleteBucketPolicy", nil); err != nil {
		return nil, err
	}
	if _, err := s.db.SQL().ExecContext(c.Ctx, `UPDATE s3_buckets SET policy = NULL WHERE name = ?`, t.bucket); err != nil {
		return nil, err
	}
	return noContent(), nil
}

func (s *Service) setPolicy(ctx context.Context, bucket, doc string) error {
	res, err := s.db.SQL().ExecContext(ctx, `UPDATE s3_buckets SET policy = ? WHERE name = ?`, doc, bucket)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errNoSuchBucket(bucket)
	}
	return nil
}
