package logs

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

type streamInput struct {
	LogGroupName  *string `aws:"logGroupName"`
	LogStreamName *string `aws:"logStreamName"`
}

func (s *Service) createLogStream(c *service.Call, in *streamInput) (*emptyOutput, error) {
	gname, sname := deref(in.LogGroupName), deref(in.LogStreamName)
	if err := fromModel(model.ValidateLogGroupName(gname)); err != nil {
		return nil, err
	}
	if err := fromModel(model.ValidateLogStreamName(sname)); err != nil {
		return nil, err
	}
	if err := c.Authorize("logs:CreateLogStream", s.streamArn(c.Region, gname, sname)); err != nil {
		return nil, err
	}
	g, err := s.findGroup(c.Ctx, c.Region, gname)
	if err != nil {
		return nil, err
	}
	return &emptyOutput{}, s.insertStream(c.Ctx, g.id, sname, c.Now.UnixMilli())
}

func (s *Service) insertStream(ctx context.Context, groupID int64, name string, now int64) error {
	res, err := s.db.SQL().ExecContext(ctx, `INSERT INTO logs_streams(group_id, name, created) VALUES(?,?,?) ON CONFLICT(group_id, name) DO NOTHING`, groupID, name, now)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return protocol.NewError(400, "ResourceAlreadyExistsException", "The specified log stream already exists")
	}
	return nil
}

type stream struct {
	id                                   int64
	name                                 string
	created                              int64
	firstEvent, lastEvent, lastIngestion sql.NullInt64
	stored                               int64
}

func (s *Service) findStream(ctx context.Context, groupID int64, name string) (*stream, error) {
	st := &stream{name: name}
	err := s.db.SQL().QueryRowContext(ctx, `SELECT id, created, first_event, last_event, last_ingestion, stored_bytes FROM logs_streams WHERE group_id = ? AND name = ?`,
		groupID, name).Scan(&st.id, &st.created, &st.firstEvent, &st.lastEvent, &st.lastIngestion, &st.stored)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, streamNotFound()
	}
	return st, err
}

// LogStream is DescribeLogStreams' shape.
type LogStream struct {
	LogStreamName       string `aws:"logStreamName"`
	CreationTime        int64  `aws:"creationTime"`
	FirstEventTimestamp *int64 `aws:"firstEventTimestamp"`
	LastEventTimestamp  *int64 `aws:"lastEventTimestamp"`
	LastIngestionTime   *int64 `aws:"lastIngestionTime"`
	UploadSequenceToken string `aws:"uploadSequenceToken"`
	Arn                 string `aws:"arn"`
	StoredBytes         int64  `aws:"storedBytes"`
}

type describeLogStreamsInput struct {
	LogGroupName        *string `aws:"logGroupName"`
	LogGroupIdentifier  *string `aws:"logGroupIdentifier"`
	LogStreamNamePrefix *string `aws:"logStreamNamePrefix"`
	OrderBy             *string `aws:"orderBy"`
	Descending          *bool   `aws:"descending"`
	NextToken           *string `aws:"nextToken"`
	Limit               *int32  `aws:"limit"`
}

type describeLogStreamsOutput struct {
	LogStreams []LogStream `aws:"logStreams"`
	NextToken  *string     `aws:"nextToken"`
}

func nullable(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	return ptr(v.Int64)
}

func (s *Service) describeLogStreams(c *service.Call, in *describeLogStreamsInput) (*describeLogStreamsOutput, error) {
	region, gname := c.Region, deref(in.LogGroupName)
	if in.LogGroupIdentifier != nil {
		region, gname = s.resolveGroup(c.Region, *in.LogGroupIdentifier)
	}
	if err := fromModel(model.ValidateLogGroupName(gname)); err != nil {
		return nil, err
	}
	orderBy := "LogStreamName"
	if in.OrderBy != nil {
		orderBy = *in.OrderBy
		if orderBy != "LogStreamName" && orderBy != "LastEventTime" {
			return nil, invalidParameter("1 validation error detected: Value '%s' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]", orderBy)
		}
	}
	if orderBy == "LastEventTime" && in.LogStreamNamePrefix != nil {
		return nil, invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.")
	}
	limit, err := pageLimit(in.Limit, 50)
	if err != nil {
		return nil, err
	}
	offset := 0
	if in.NextToken != nil {
		b, err := base64.RawURLEncoding.DecodeString(*in.NextToken)
		if offset, _ = strconv.Atoi(string(b)); err != nil || offset <= 0 {
			return nil, invalidParameter("The specified nextToken is invalid.")
		}
	}
	if err := c.Authorize("logs:DescribeLogStreams", s.groupResource(region, gname)); err != nil {
		return nil, err
	}
	g, err := s.findGroup(c.Ctx, region, gname)
	if err != nil {
		return nil, err
	}
	order := "name"
	if orderBy == "LastEventTime" {
		order = "coalesce(last_event, 0)"
	}
	if in.Descending != nil && *in.Descending {
		order += " DESC"
	}
	q := `SELECT id, name, created, first_event, last_event, last_ingestion, stored_bytes FROM logs_streams WHERE group_id = ?`
	args := []any{g.id}
	if in.LogStreamNamePrefix != nil {
		q += ` AND substr(name, 1, ?) = ?`
		args = append(args, len(*in.LogStreamNamePrefix), *in.LogStreamNamePrefix)
	}
	q += ` ORDER BY ` + order + `, name LIMIT ? OFFSET ?`
	args = append(args, limit+1, offset)
	rows, err := s.db.SQL().QueryContext(c.Ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &describeLogStreamsOutput{LogStreams: []LogStream{}}
	for rows.Next() {
		var st stream
		if err := rows.Scan(&st.id, &st.name, &st.created, &st.firstEvent, &st.lastEvent, &st.lastIngestion, &st.stored); err != nil {
			return nil, err
		}
		if len(out.LogStreams) == limit {
			out.NextToken = ptr(base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(offset + limit))))
			break
		}
		out.LogStreams = append(out.LogStreams, LogStream{LogStreamName: st.name, CreationTime: st.created, FirstEventTimestamp: nullable(st.firstEvent),
			LastEventTimestamp: nullable(st.lastEvent), LastIngestionTime: nullable(st.lastIngestion), UploadSequenceToken: sequenceToken(st.id),
			Arn: s.streamArn(region, gname, st.name), StoredBytes: st.stored})
	}
	return out, rows.Err()
}

// sequenceToken is the (now ignored) upload sequence token AWS still returns.
func sequenceToken(n int64) string {
	return "4963" + strings.Repeat("0", 40) + strconv.FormatInt(n, 10)
}

func (s *Service) deleteLogStream(c *service.Call, in *streamInput) (*emptyOutput, error) {
	gname, sname := deref(in.LogGroupName), deref(in.LogStreamName)
	if err := fromModel(model.ValidateLogGroupName(gname)); err != nil {
		return nil, err
	}
	if err := fromModel(model.ValidateLogStreamName(sname)); err != nil {
		return nil, err
	}
	if err := c.Authorize("logs:DeleteLogStream", s.streamArn(c.Region, gname, sname)); err != nil {
		return nil, err
	}
	g, err := s.findGroup(c.Ctx, c.Region, gname)
	if err != nil {
		return nil, err
	}
	res, err := s.db.SQL().ExecContext(c.Ctx, `DELETE FROM logs_streams WHERE group_id = ? AND name = ?`, g.id, sname)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, streamNotFound()
	}
	return &emptyOutput{}, nil
}
