package cloudwatch

import (
	"context"
	"database/sql"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

func modelTags(ts []Tag) []model.Tag {
	out := make([]model.Tag, len(ts))
	for i, t := range ts {
		out[i] = model.Tag(t)
	}
	return out
}

// setTags adds tags to arn, replacing the values of keys it already has.
func setTags(ctx context.Context, tx *sql.Tx, arn string, tags []Tag) error {
	for i, t := range tags {
		if _, err := tx.ExecContext(ctx, `INSERT INTO cloudwatch_tags(arn, ord, key, value) VALUES(?,?,?,?)
			ON CONFLICT(arn, key) DO UPDATE SET value = excluded.value`, arn, i, t.Key, t.Value); err != nil {
			return err
		}
	}
	return nil
}

// alarmByArn resolves a resource ARN to an alarm of the caller's region.
func (s *Service) alarmByArn(region, arn string) *alarm {
	prefix := s.alarmArn(region, "")
	name, ok := strings.CutPrefix(arn, prefix)
	if !ok {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.alarms[alarmKey{region, name}]
}

func (s *Service) requireAlarmArn(c *service.Call, arn *string, action string) error {
	if arn == nil {
		return missingParameter("ResourceARN")
	}
	if err := c.Authorize(action, *arn); err != nil {
		return err
	}
	if s.alarmByArn(c.Region, *arn) == nil {
		return resourceNotFoundException("The specified resource does not exist: %s", *arn)
	}
	return nil
}

type tagResourceInput struct {
	ResourceARN *string
	Tags        []Tag
}

func (s *Service) tagResource(c *service.Call, in *tagResourceInput) (*emptyOutput, error) {
	if in.Tags == nil {
		return nil, missingParameter("Tags")
	}
	if err := fromModel(model.ValidateTags(modelTags(in.Tags))); err != nil {
		return nil, err
	}
	if err := s.requireAlarmArn(c, in.ResourceARN, "cloudwatch:TagResource"); err != nil {
		return nil, err
	}
	return &emptyOutput{}, s.db.Tx(c.Ctx, func(tx *sql.Tx) error { return setTags(c.Ctx, tx, *in.ResourceARN, in.Tags) })
}

type untagResourceInput struct {
	ResourceARN *string
	TagKeys     []string
}

func (s *Service) untagResource(c *service.Call, in *untagResourceInput) (*emptyOutput, error) {
	if in.TagKeys == nil {
		return nil, missingParameter("TagKeys")
	}
	if err := s.requireAlarmArn(c, in.ResourceARN, "cloudwatch:UntagResource"); err != nil {
		return nil, err
	}
	return &emptyOutput{}, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, k := range in.TagKeys {
			if _, err := tx.ExecContext(c.Ctx, `DELETE FROM cloudwatch_tags WHERE arn = ? AND key = ?`, *in.ResourceARN, k); err != nil {
				return err
			}
		}
		return nil
	})
}

type listTagsForResourceInput struct {
	ResourceARN *string
}

type listTagsForResourceOutput struct {
	Tags []Tag
}

func (s *Service) listTagsForResource(c *service.Call, in *listTagsForResourceInput) (*listTagsForResourceOutput, error) {
	if err := s.requireAlarmArn(c, in.ResourceARN, "cloudwatch:ListTagsForResource"); err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT key, value FROM cloudwatch_tags WHERE arn = ? ORDER BY ord, key`, *in.ResourceARN)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &listTagsForResourceOutput{Tags: []Tag{}}
	for rows.Next() {
		var t Tag
		if err := rows.Scan(&t.Key, &t.Value); err != nil {
			return nil, err
		}
		out.Tags = append(out.Tags, t)
	}
	return out, rows.Err()
}
