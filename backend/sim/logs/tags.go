package logs

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// maxTags is how many tags a log group may carry.
const maxTags = 50

func tooManyTags() *protocol.Error {
	return protocol.NewError(400, "TooManyTagsException", "A resource can have no more than 50 tags.")
}

// checkTags applies CloudWatch Logs' tag rules to a request's tag map: 1–50 tags,
// keys 1–128 and values 0–256 characters of letters, spaces, numbers and
// _.:/=+-@, keys not starting with "aws:".
func checkTags(tags map[string]string) error {
	if len(tags) == 0 {
		return invalidParameter("1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	return fromModel(model.ValidateTags(sortedTags(tags)))
}

func sortedTags(tags map[string]string) []model.Tag {
	out := make([]model.Tag, 0, len(tags))
	for k, v := range tags {
		out = append(out, model.Tag{Key: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// groupTags is the tag map of the group with that id.
func (s *Service) groupTags(ctx context.Context, id int64) (map[string]string, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT key, value FROM logs_tags WHERE group_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// setTags adds tags to the group, replacing values of keys it has; a group would
// carry more than 50 is TooManyTagsException and nothing changes.
func (s *Service) setTags(ctx context.Context, id int64, tags map[string]string) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		for _, t := range sortedTags(tags) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO logs_tags(group_id, key, value) VALUES(?,?,?)
				ON CONFLICT(group_id, key) DO UPDATE SET value = excluded.value`, id, t.Key, t.Value); err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM logs_tags WHERE group_id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n > maxTags {
			return tooManyTags()
		}
		return nil
	})
}

func (s *Service) removeTags(ctx context.Context, id int64, keys []string) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `DELETE FROM logs_tags WHERE group_id = ? AND key = ?`, id, k); err != nil {
				return err
			}
		}
		return nil
	})
}

// groupByArn resolves a resourceArn member to a log group of the caller's Region
// and account, authorizing action on it first.
func (s *Service) groupByArn(c *service.Call, arn *string, action string) (*group, string, error) {
	if arn == nil || *arn == "" {
		c.SkipAuthorization()
		return nil, "", invalidParameter("1 validation error detected: Value null at 'resourceArn' failed to satisfy constraint: Member must not be null")
	}
	p := strings.SplitN(*arn, ":", 7)
	if len(p) < 7 || p[0] != "arn" || p[2] != "logs" || p[5] != "log-group" || p[6] == "" {
		c.SkipAuthorization()
		return nil, "", invalidParameter("The specified resource ARN is not valid: %s", *arn)
	}
	region, name := s.resolveGroup(c.Region, *arn)
	if err := c.Authorize(action, s.groupArn(region, name)); err != nil {
		return nil, "", err
	}
	if region != c.Region || p[4] != s.account {
		return nil, "", groupNotFound()
	}
	g, err := s.findGroup(c.Ctx, region, name)
	if err != nil {
		return nil, "", err
	}
	return g, s.groupArn(region, name), nil
}

// groupByName resolves a logGroupName member (the older TagLogGroup family).
func (s *Service) groupByName(c *service.Call, name *string, action string) (*group, string, error) {
	n := deref(name)
	if err := fromModel(model.ValidateLogGroupName(n)); err != nil {
		c.SkipAuthorization()
		return nil, "", err
	}
	if err := c.Authorize(action, s.groupResource(c.Region, n)); err != nil {
		return nil, "", err
	}
	g, err := s.findGroup(c.Ctx, c.Region, n)
	if err != nil {
		return nil, "", err
	}
	return g, s.groupArn(c.Region, n), nil
}

type tagResourceInput struct {
	ResourceArn *string           `aws:"resourceArn"`
	Tags        map[string]string `aws:"tags"`
}

func (s *Service) tagResource(c *service.Call, in *tagResourceInput) (*emptyOutput, error) {
	if err := checkTags(in.Tags); err != nil {
		c.SkipAuthorization()
		return nil, err
	}
	g, _, err := s.groupByArn(c, in.ResourceArn, "logs:TagResource")
	if err != nil {
		return nil, err
	}
	return &emptyOutput{}, s.setTags(c.Ctx, g.id, in.Tags)
}

type untagResourceInput struct {
	ResourceArn *string  `aws:"resourceArn"`
	TagKeys     []string `aws:"tagKeys"`
}

func (s *Service) untagResource(c *service.Call, in *untagResourceInput) (*emptyOutput, error) {
	if len(in.TagKeys) == 0 {
		c.SkipAuthorization()
		return nil, invalidParameter("1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	g, _, err := s.groupByArn(c, in.ResourceArn, "logs:UntagResource")
	if err != nil {
		return nil, err
	}
	return &emptyOutput{}, s.removeTags(c.Ctx, g.id, in.TagKeys)
}

type listTagsForResourceInput struct {
	ResourceArn *string `aws:"resourceArn"`
}

type tagsOutput struct {
	Tags map[string]string `aws:"tags"`
}

func (s *Service) listTagsForResource(c *service.Call, in *listTagsForResourceInput) (*tagsOutput, error) {
	g, _, err := s.groupByArn(c, in.ResourceArn, "logs:ListTagsForResource")
	if err != nil {
		return nil, err
	}
	tags, err := s.groupTags(c.Ctx, g.id)
	return &tagsOutput{Tags: tags}, err
}

type tagLogGroupInput struct {
	LogGroupName *string           `aws:"logGroupName"`
	Tags         map[string]string `aws:"tags"`
}

// tagLogGroup is the older, name-based TagResource (deprecated by AWS, still served).
func (s *Service) tagLogGroup(c *service.Call, in *tagLogGroupInput) (*emptyOutput, error) {
	if err := checkTags(in.Tags); err != nil {
		c.SkipAuthorization()
		return nil, err
	}
	g, _, err := s.groupByName(c, in.LogGroupName, "logs:TagLogGroup")
	if err != nil {
		return nil, err
	}
	return &emptyOutput{}, s.setTags(c.Ctx, g.id, in.Tags)
}

type untagLogGroupInput struct {
	LogGroupName *string  `aws:"logGroupName"`
	Tags         []string `aws:"tags"`
}

func (s *Service) untagLogGroup(c *service.Call, in *untagLogGroupInput) (*emptyOutput, error) {
	if len(in.Tags) == 0 {
		c.SkipAuthorization()
		return nil, invalidParameter("1 validation error detected: Value '[]' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	g, _, err := s.groupByName(c, in.LogGroupName, "logs:UntagLogGroup")
	if err != nil {
		return nil, err
	}
	return &emptyOutput{}, s.removeTags(c.Ctx, g.id, in.Tags)
}

type listTagsLogGroupInput struct {
	LogGroupName *string `aws:"logGroupName"`
}

func (s *Service) listTagsLogGroup(c *service.Call, in *listTagsLogGroupInput) (*tagsOutput, error) {
	g, _, err := s.groupByName(c, in.LogGroupName, "logs:ListTagsLogGroup")
	if err != nil {
		return nil, err
	}
	tags, err := s.groupTags(c.Ctx, g.id)
	return &tagsOutput{Tags: tags}, err
}
