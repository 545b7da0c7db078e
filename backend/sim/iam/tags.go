package iam

import (
	"database/sql"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

type tagUserInput struct {
	UserName string
	Tags     []Tag
}

type untagUserInput struct {
	UserName string
	TagKeys  []string
}

type listUserTagsInput struct {
	UserName string
	Marker   *string
	MaxItems *int
}

type listTagsOutput struct {
	Tags        []Tag
	IsTruncated bool
	Marker      *string
}

func toModelTags(tags []Tag) []model.Tag {
	out := make([]model.Tag, len(tags))
	for i, t := range tags {
		out[i] = model.Tag{Key: t.Key, Value: t.Value}
	}
	return out
}

func tagKeysOf(tags []Tag) []string {
	keys := make([]string, len(tags))
	for i, t := range tags {
		keys[i] = t.Key
	}
	return keys
}

// tagUser adds tags or overwrites the value of a key the user already has (keys are
// case-insensitive); the user may carry at most 50 tags in all.
func (s *Service) tagUser(c *service.Call, in *tagUserInput) (*struct{}, error) {
	var errs model.Errors
	errs.Add(model.ValidateUserName(in.UserName))
	errs.Add(model.ValidateTags(toModelTags(in.Tags)))
	if len(in.Tags) == 0 {
		errs.Add(&model.FieldError{Field: "Tags", ID: "ValidateRequired", AWS: "1 validation error detected: Value '[]' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1"})
	}
	if err := errs.Err(); err != nil {
		return nil, validationFrom(err)
	}
	cond := map[string][]string{"aws:TagKeys": tagKeysOf(in.Tags)}
	for _, t := range in.Tags {
		cond["aws:RequestTag/"+t.Key] = []string{t.Value}
	}
	u, err := s.authorizeUserWith(c, "iam:TagUser", in.UserName, cond)
	if err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::User", Name: u.UserName}}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, t := range in.Tags {
			if _, err := tx.Exec(`INSERT INTO iam_user_tags(user_id, ord, key, value)
				VALUES(?, (SELECT coalesce(max(ord), -1) + 1 FROM iam_user_tags WHERE user_id = ?), ?, ?)
				ON CONFLICT(user_id, key) DO UPDATE SET value = excluded.value`, u.UserId, u.UserId, t.Key, t.Value); err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM iam_user_tags WHERE user_id = ?`, u.UserId).Scan(&n); err != nil {
			return err
		}
		if n > model.MaxTags {
			return quotaExceeded("TagsPerUser", model.MaxTags) // UNVERIFIED wording
		}
		return nil
	})
}

// untagUser removes keys; keys the user does not have are ignored, as in IAM.
func (s *Service) untagUser(c *service.Call, in *untagUserInput) (*struct{}, error) {
	if err := model.ValidateUserName(in.UserName); err != nil {
		return nil, validationFrom(err)
	}
	if len(in.TagKeys) == 0 || len(in.TagKeys) > model.MaxTags {
		return nil, service.ValidationError("1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must have length between 1 and %d", model.MaxTags)
	}
	u, err := s.authorizeUserWith(c, "iam:UntagUser", in.UserName, map[string][]string{"aws:TagKeys": in.TagKeys})
	if err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::User", Name: u.UserName}}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, k := range in.TagKeys {
			if _, err := tx.Exec(`DELETE FROM iam_user_tags WHERE user_id = ? AND key = ?`, u.UserId, k); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Service) listUserTags(c *service.Call, in *listUserTagsInput) (*listTagsOutput, error) {
	if err := model.ValidateUserName(in.UserName); err != nil {
		return nil, validationFrom(err)
	}
	p, err := parsePage(in.Marker, in.MaxItems)
	if err != nil {
		return nil, err
	}
	u, err := s.authorizeUser(c, "iam:ListUserTags", in.UserName)
	if err != nil {
		return nil, err
	}
	tags, err := s.userTags(c, u.UserId)
	if err != nil {
		return nil, err
	}
	page, truncated, next := pageSlice(tags, func(t Tag) string { return sortKey(t.Key) }, pageArgs{limit: p.limit})
	if p.after != "" {
		// Tags keep the order they were added in; the marker is the last key returned.
		for i, t := range tags {
			if sortKey(t.Key) == p.after {
				page, truncated, next = pageSlice(tags[i+1:], func(t Tag) string { return sortKey(t.Key) }, pageArgs{limit: p.limit})
				break
			}
		}
	}
	return &listTagsOutput{Tags: append([]Tag{}, page...), IsTruncated: truncated, Marker: next}, nil
}

func (s *Service) userTags(c *service.Call, userID string) ([]Tag, error) {
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT key, value FROM iam_user_tags WHERE user_id = ? ORDER BY ord`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tags []Tag
	for rows.Next() {
		var t Tag
		if err := rows.Scan(&t.Key, &t.Value); err != nil {
			return nil, err
		}
		tags = append(tags, t)
	}
	return tags, rows.Err()
}
