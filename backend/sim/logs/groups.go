package logs

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// fromModel turns a shared rule's failure into InvalidParameterException.
func fromModel(err error) error {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return invalidParameter("%s", fe.AWS)
	}
	return err
}

type createLogGroupInput struct {
	LogGroupName  *string           `aws:"logGroupName"`
	KmsKeyId      *string           `aws:"kmsKeyId"`
	Tags          map[string]string `aws:"tags"`
	LogGroupClass *string           `aws:"logGroupClass"`
}

type emptyOutput struct{}

var groupClasses = []string{"STANDARD", "INFREQUENT_ACCESS", "DELIVERY"}

func (s *Service) createLogGroup(c *service.Call, in *createLogGroupInput) (*emptyOutput, error) {
	name := deref(in.LogGroupName)
	if err := fromModel(model.ValidateLogGroupName(name)); err != nil {
		return nil, err
	}
	class := "STANDARD"
	if in.LogGroupClass != nil {
		class = *in.LogGroupClass
		if !contains(groupClasses, class) {
			return nil, invalidParameter("1 validation error detected: Value '%s' at 'logGroupClass' failed to satisfy constraint: Member must satisfy enum value set: [%s]", class, strings.Join(groupClasses, ", "))
		}
	}
	if in.Tags != nil {
		if err := checkTags(in.Tags); err != nil {
			return nil, err
		}
	}
	if err := c.Authorize("logs:CreateLogGroup", s.groupResource(c.Region, name)); err != nil {
		return nil, err
	}
	if len(in.Tags) > 0 {
		// Tags at creation need logs:TagResource too, as in AWS.
		if err := c.Authorize("logs:TagResource", s.groupArn(c.Region, name)); err != nil {
			return nil, err
		}
	}
	if err := s.insertGroup(c.Ctx, c.Region, name, class, deref(in.KmsKeyId), c.Now.UnixMilli()); err != nil {
		return nil, err
	}
	if len(in.Tags) > 0 {
		g, err := s.findGroup(c.Ctx, c.Region, name)
		if err != nil {
			return nil, err
		}
		if err := s.setTags(c.Ctx, g.id, in.Tags); err != nil {
			return nil, err
		}
	}
	return &emptyOutput{}, nil
}

func (s *Service) insertGroup(ctx context.Context, region, name, class, kms string, now int64) error {
	res, err := s.db.SQL().ExecContext(ctx, `INSERT INTO logs_groups(region, name, created, class, kms_key) VALUES(?,?,?,?,?) ON CONFLICT(region, name) DO NOTHING`,
		region, name, now, class, kms)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return protocol.NewError(400, "ResourceAlreadyExistsException", "The specified log group already exists")
	}
	return nil
}

// group is a stored log group.
type group struct {
	id        int64
	name      string
	created   int64
	retention sql.NullInt64
	class     string
	kms       string
	stored    int64
}

func (s *Service) findGroup(ctx context.Context, region, name string) (*group, error) {
	g := &group{name: name}
	err := s.db.SQL().QueryRowContext(ctx, `SELECT g.id, g.created, g.retention, g.class, g.kms_key,
		coalesce((SELECT sum(stored_bytes) FROM logs_streams WHERE group_id = g.id), 0) FROM logs_groups g WHERE g.region = ? AND g.name = ?`, region, name).
		Scan(&g.id, &g.created, &g.retention, &g.class, &g.kms, &g.stored)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, groupNotFound()
	}
	return g, err
}

// LogGroup is DescribeLogGroups' shape.
type LogGroup struct {
	LogGroupName      string  `aws:"logGroupName"`
	CreationTime      int64   `aws:"creationTime"`
	RetentionInDays   *int32  `aws:"retentionInDays"`
	MetricFilterCount int32   `aws:"metricFilterCount"`
	Arn               string  `aws:"arn"`
	StoredBytes       int64   `aws:"storedBytes"`
	KmsKeyId          *string `aws:"kmsKeyId"`
	LogGroupClass     string  `aws:"logGroupClass"`
	LogGroupArn       string  `aws:"logGroupArn"`
}

type describeLogGroupsInput struct {
	LogGroupNamePrefix  *string  `aws:"logGroupNamePrefix"`
	LogGroupNamePattern *string  `aws:"logGroupNamePattern"`
	NextToken           *string  `aws:"nextToken"`
	Limit               *int32   `aws:"limit"`
	LogGroupClass       *string  `aws:"logGroupClass"`
	LogGroupIdentifiers []string `aws:"logGroupIdentifiers"`
}

type describeLogGroupsOutput struct {
	LogGroups []LogGroup `aws:"logGroups"`
	NextToken *string    `aws:"nextToken"`
}

func pageLimit(v *int32, max int) (int, error) {
	if v == nil {
		return max, nil
	}
	if *v < 1 || int(*v) > max {
		return 0, invalidParameter("1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value between 1 and %d", *v, max)
	}
	return int(*v), nil
}

func (s *Service) describeLogGroups(c *service.Call, in *describeLogGroupsInput) (*describeLogGroupsOutput, error) {
	if in.LogGroupNamePrefix != nil && in.LogGroupNamePattern != nil {
		return nil, invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.")
	}
	limit, err := pageLimit(in.Limit, 50)
	if err != nil {
		return nil, err
	}
	after := ""
	if in.NextToken != nil {
		b, err := base64.RawURLEncoding.DecodeString(*in.NextToken)
		if err != nil {
			return nil, invalidParameter("The specified nextToken is invalid.")
		}
		after = string(b)
	}
	if err := c.Authorize("logs:DescribeLogGroups", s.groupResource(c.Region, "")); err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT g.name, g.created, g.retention, g.class, g.kms_key,
		coalesce((SELECT sum(stored_bytes) FROM logs_streams WHERE group_id = g.id), 0)
		FROM logs_groups g WHERE g.region = ? AND g.name > ? ORDER BY g.name`, c.Region, after)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &describeLogGroupsOutput{LogGroups: []LogGroup{}}
	for rows.Next() {
		var g group
		if err := rows.Scan(&g.name, &g.created, &g.retention, &g.class, &g.kms, &g.stored); err != nil {
			return nil, err
		}
		if !matchGroup(g, in) {
			continue
		}
		if len(out.LogGroups) == limit {
			out.NextToken = ptr(base64.RawURLEncoding.EncodeToString([]byte(out.LogGroups[limit-1].LogGroupName)))
			break
		}
		out.LogGroups = append(out.LogGroups, s.wireGroup(c.Region, g))
	}
	return out, rows.Err()
}

func matchGroup(g group, in *describeLogGroupsInput) bool {
	switch {
	case in.LogGroupNamePrefix != nil && !strings.HasPrefix(g.name, *in.LogGroupNamePrefix):
		return false
	case in.LogGroupNamePattern != nil && !strings.Contains(strings.ToLower(g.name), strings.ToLower(*in.LogGroupNamePattern)):
		return false
	case in.LogGroupClass != nil && g.class != *in.LogGroupClass:
		return false
	case len(in.LogGroupIdentifiers) > 0 && !contains(in.LogGroupIdentifiers, g.name):
		return false
	}
	return true
}

func (s *Service) wireGroup(region string, g group) LogGroup {
	lg := LogGroup{LogGroupName: g.name, CreationTime: g.created, Arn: s.groupArn(region, g.name) + ":*", StoredBytes: g.stored,
		LogGroupClass: g.class, LogGroupArn: s.groupArn(region, g.name)}
	if g.retention.Valid {
		lg.RetentionInDays = ptr(int32(g.retention.Int64))
	}
	if g.kms != "" {
		lg.KmsKeyId = ptr(g.kms)
	}
	return lg
}

type logGroupNameInput struct {
	LogGroupName *string `aws:"logGroupName"`
}

func (s *Service) deleteLogGroup(c *service.Call, in *logGroupNameInput) (*emptyOutput, error) {
	name := deref(in.LogGroupName)
	if err := fromModel(model.ValidateLogGroupName(name)); err != nil {
		return nil, err
	}
	if err := c.Authorize("logs:DeleteLogGroup", s.groupResource(c.Region, name)); err != nil {
		return nil, err
	}
	res, err := s.db.SQL().ExecContext(c.Ctx, `DELETE FROM logs_groups WHERE region = ? AND name = ?`, c.Region, name)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, groupNotFound()
	}
	return &emptyOutput{}, nil
}

type putRetentionPolicyInput struct {
	LogGroupName    *string `aws:"logGroupName"`
	RetentionInDays *int32  `aws:"retentionInDays"`
}

func (s *Service) putRetentionPolicy(c *service.Call, in *putRetentionPolicyInput) (*emptyOutput, error) {
	name := deref(in.LogGroupName)
	if err := fromModel(model.ValidateLogGroupName(name)); err != nil {
		return nil, err
	}
	if in.RetentionInDays == nil {
		return nil, invalidParameter("1 validation error detected: Value null at 'retentionInDays' failed to satisfy constraint: Member must not be null")
	}
	if err := fromModel(model.ValidateRetentionDays(int(*in.RetentionInDays))); err != nil {
		return nil, err
	}
	return s.setRetention(c, "logs:PutRetentionPolicy", name, *in.RetentionInDays)
}

func (s *Service) deleteRetentionPolicy(c *service.Call, in *logGroupNameInput) (*emptyOutput, error) {
	name := deref(in.LogGroupName)
	if err := fromModel(model.ValidateLogGroupName(name)); err != nil {
		return nil, err
	}
	return s.setRetention(c, "logs:DeleteRetentionPolicy", name, nil)
}

func (s *Service) setRetention(c *service.Call, action, name string, days any) (*emptyOutput, error) {
	if err := c.Authorize(action, s.groupResource(c.Region, name)); err != nil {
		return nil, err
	}
	res, err := s.db.SQL().ExecContext(c.Ctx, `UPDATE logs_groups SET retention = ? WHERE region = ? AND name = ?`, days, c.Region, name)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, groupNotFound()
	}
	return &emptyOutput{}, nil
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
