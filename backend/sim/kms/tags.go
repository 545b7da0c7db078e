package kms

import (
	"database/sql"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// Tag rules (TagKeyType 1–128, TagValueType 0–256 characters); a key carries at
// most 50 tags, and keys beginning with "aws:" are reserved.
const (
	MaxTags        = 50
	MaxTagKeyLen   = 128
	MaxTagValueLen = 256
)

var tagChars = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// Tag is KMS's Tag shape.
type Tag struct {
	TagKey   string
	TagValue string
}

type tagResourceInput struct {
	KeyId string
	Tags  []Tag
}

type untagResourceInput struct {
	KeyId   string
	TagKeys []string
}

type listResourceTagsInput struct {
	KeyId  string
	Limit  *int
	Marker *string
}

type listResourceTagsOutput struct {
	Tags       []Tag
	NextMarker *string
	Truncated  bool
}

func tagException(format string, args ...any) error { return kmsError("TagException", format, args...) }

func checkTags(tags []Tag) error {
	if len(tags) > MaxTags {
		return tagException("Too many tags. A KMS key can have at most %d tags.", MaxTags) // UNVERIFIED wording
	}
	for _, t := range tags {
		switch {
		case t.TagKey == "" || utf8.RuneCountInString(t.TagKey) > MaxTagKeyLen:
			return validation("1 validation error detected: Value '%s' at 'tags.member.tagKey' failed to satisfy constraint: Member must have length between 1 and %d", t.TagKey, MaxTagKeyLen)
		case utf8.RuneCountInString(t.TagValue) > MaxTagValueLen:
			return validation("1 validation error detected: Value '%s' at 'tags.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to %d", t.TagValue, MaxTagValueLen)
		case !tagChars.MatchString(t.TagKey) || !tagChars.MatchString(t.TagValue):
			return tagException("Tag keys and values may contain only letters, numbers, spaces and _ . : / = + - @") // UNVERIFIED wording
		case strings.HasPrefix(strings.ToLower(t.TagKey), "aws:"):
			return tagException("Tags beginning with aws: are reserved.") // UNVERIFIED wording
		}
	}
	return nil
}

func (s *Service) tagResource(c *service.Call, in *tagResourceInput) (*struct{}, error) {
	if in.Tags == nil {
		return nil, notNull("tags")
	}
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	k, err := s.find(c.Ctx, c.Now, c.Region, in.KeyId, false)
	if err != nil {
		return nil, err
	}
	cond := map[string][]string{}
	keys := make([]string, len(in.Tags))
	for i, t := range in.Tags {
		keys[i] = t.TagKey
		cond["aws:RequestTag/"+t.TagKey] = []string{t.TagValue}
	}
	cond["aws:TagKeys"] = keys
	if err := authorizeKeyWith(c, "kms:TagResource", k, cond); err != nil {
		return nil, err
	}
	if k.state == StatePendingDeletion {
		return nil, pendingDeletion(k.arn)
	}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, t := range in.Tags {
			if _, err := tx.Exec(`INSERT INTO kms_key_tags(key_id, key, value) VALUES(?,?,?)
				ON CONFLICT(key_id, key) DO UPDATE SET value = excluded.value`, k.id, t.TagKey, t.TagValue); err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM kms_key_tags WHERE key_id = ?`, k.id).Scan(&n); err != nil {
			return err
		}
		if n > MaxTags {
			return tagException("Too many tags. A KMS key can have at most %d tags.", MaxTags)
		}
		return nil
	})
}

func (s *Service) untagResource(c *service.Call, in *untagResourceInput) (*struct{}, error) {
	if in.TagKeys == nil {
		return nil, notNull("tagKeys")
	}
	k, err := s.find(c.Ctx, c.Now, c.Region, in.KeyId, false)
	if err != nil {
		return nil, err
	}
	if err := authorizeKeyWith(c, "kms:UntagResource", k, map[string][]string{"aws:TagKeys": in.TagKeys}); err != nil {
		return nil, err
	}
	if k.state == StatePendingDeletion {
		return nil, pendingDeletion(k.arn)
	}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, key := range in.TagKeys {
			if _, err := tx.Exec(`DELETE FROM kms_key_tags WHERE key_id = ? AND key = ?`, k.id, key); err != nil {
				return err
			}
		}
		return nil
	})
}

// listResourceTags pages a key's tags by key.
func (s *Service) listResourceTags(c *service.Call, in *listResourceTagsInput) (*listResourceTagsOutput, error) {
	if err := checkLimit(in.Limit, 50); err != nil {
		return nil, err
	}
	limit := 50
	if in.Limit != nil {
		limit = *in.Limit
	}
	after, err := parseMarker(in.Marker)
	if err != nil {
		return nil, err
	}
	k, err := s.find(c.Ctx, c.Now, c.Region, in.KeyId, false)
	if err != nil {
		return nil, err
	}
	if err := authorizeKey(c, "kms:ListResourceTags", k); err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT key, value FROM kms_key_tags WHERE key_id = ? AND key > ? ORDER BY key LIMIT ?`, k.id, after, limit+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &listResourceTagsOutput{Tags: []Tag{}}
	for rows.Next() {
		var t Tag
		if err := rows.Scan(&t.TagKey, &t.TagValue); err != nil {
			return nil, err
		}
		if len(out.Tags) == limit {
			out.Truncated = true
			m := newMarker(out.Tags[limit-1].TagKey)
			out.NextMarker = &m
			break
		}
		out.Tags = append(out.Tags, t)
	}
	return out, rows.Err()
}
