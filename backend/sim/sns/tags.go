package sns

import (
	"context"
	"database/sql"
	"errors"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// maxTags is how many tags a topic may carry (SNS quotas: 50 per resource).
const maxTags = 50

// Tag is SNS's Tag shape.
type Tag struct {
	Key, Value string
}

func tagLimitExceeded() *protocol.Error {
	return protocol.NewError(400, "TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded")
}

func resourceNotFound() *protocol.Error {
	return protocol.NewError(404, "ResourceNotFound", "Resource does not exist")
}

// checkTags applies SNS's tag rules to a request's tags: at most 50, keys 1–128 and
// values 0–256 characters of letters, spaces, numbers and _.:/=+-@, keys unique and
// not starting with "aws:".
func checkTags(tags []Tag) error {
	if len(tags) > maxTags {
		return tagLimitExceeded()
	}
	mt := make([]model.Tag, len(tags))
	for i, t := range tags {
		mt[i] = model.Tag(t)
	}
	var fe *model.FieldError
	if err := model.ValidateTags(mt); errors.As(err, &fe) {
		return invalidParameter("Tags Reason: %s", fe.AWS)
	} else if err != nil {
		return err
	}
	return nil
}

// topicTags is the topic's tag set in the order the tags were first set.
func (s *Service) topicTags(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, arn string) ([]Tag, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM sns_tags WHERE arn = ? ORDER BY ord, key`, arn)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Tag{}
	for rows.Next() {
		var t Tag
		if err := rows.Scan(&t.Key, &t.Value); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// setTags adds tags to the topic, replacing the values of keys it has, and refuses
// with TagLimitExceeded when the topic would carry more than 50.
func setTags(ctx context.Context, tx *sql.Tx, arn string, tags []Tag) error {
	var next int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(ord), -1) + 1 FROM sns_tags WHERE arn = ?`, arn).Scan(&next); err != nil {
		return err
	}
	for _, t := range tags {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sns_tags(arn, ord, key, value) VALUES(?,?,?,?)
			ON CONFLICT(arn, key) DO UPDATE SET value = excluded.value`, arn, next, t.Key, t.Value); err != nil {
			return err
		}
		next++
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sns_tags WHERE arn = ?`, arn).Scan(&n); err != nil {
		return err
	}
	if n > maxTags {
		return tagLimitExceeded()
	}
	return nil
}

// sameTags reports whether a and b hold the same keys and values, in any order.
func sameTags(a, b []Tag) bool {
	if len(a) != len(b) {
		return false
	}
	m := make(map[string]string, len(a))
	for _, t := range a {
		m[t.Key] = t.Value
	}
	for _, t := range b {
		if v, ok := m[t.Key]; !ok || v != t.Value {
			return false
		}
	}
	return true
}

// requireTagged validates a ResourceArn member, authorizes action on it and loads
// the topic; a topic that does not exist is ResourceNotFound, as SNS's tagging API
// words it.
func (s *Service) requireTagged(c *service.Call, arn *string, action string) (*topic, error) {
	if arn == nil || *arn == "" {
		c.SkipAuthorization()
		return nil, invalidParameter("ResourceArn Reason: no value for required parameter")
	}
	if ref, ok := parseTopicArn(*arn); !ok || ref.region != c.Region {
		c.SkipAuthorization()
		return nil, invalidParameter("ResourceArn")
	}
	t, err := s.requireTopic(c, arn, action)
	var pe *protocol.Error
	if errors.As(err, &pe) && pe.Code == "NotFound" {
		return nil, resourceNotFound()
	}
	return t, err
}

type tagResourceInput struct {
	ResourceArn *string
	Tags        []Tag
}

func (s *Service) tagResource(c *service.Call, in *tagResourceInput) (*emptyOutput, error) {
	if in.Tags == nil {
		c.SkipAuthorization()
		return nil, invalidParameter("Tags Reason: no value for required parameter")
	}
	if err := checkTags(in.Tags); err != nil {
		c.SkipAuthorization()
		return nil, err
	}
	t, err := s.requireTagged(c, in.ResourceArn, "sns:TagResource")
	if err != nil {
		return nil, err
	}
	return &emptyOutput{}, s.db.Tx(c.Ctx, func(tx *sql.Tx) error { return setTags(c.Ctx, tx, t.ref.arn, in.Tags) })
}

type untagResourceInput struct {
	ResourceArn *string
	TagKeys     []string
}

func (s *Service) untagResource(c *service.Call, in *untagResourceInput) (*emptyOutput, error) {
	if in.TagKeys == nil {
		c.SkipAuthorization()
		return nil, invalidParameter("TagKeys Reason: no value for required parameter")
	}
	t, err := s.requireTagged(c, in.ResourceArn, "sns:UntagResource")
	if err != nil {
		return nil, err
	}
	return &emptyOutput{}, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, k := range in.TagKeys {
			if _, err := tx.ExecContext(c.Ctx, `DELETE FROM sns_tags WHERE arn = ? AND key = ?`, t.ref.arn, k); err != nil {
				return err
			}
		}
		return nil
	})
}

type listTagsForResourceOutput struct {
	Tags []Tag
}

func (s *Service) listTagsForResource(c *service.Call, in *tagResourceInput) (*listTagsForResourceOutput, error) {
	t, err := s.requireTagged(c, in.ResourceArn, "sns:ListTagsForResource")
	if err != nil {
		return nil, err
	}
	tags, err := s.topicTags(c.Ctx, s.db.SQL(), t.ref.arn)
	if err != nil {
		return nil, err
	}
	return &listTagsForResourceOutput{Tags: tags}, nil
}
