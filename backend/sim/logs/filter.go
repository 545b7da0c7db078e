package logs

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// maxScan bounds the events one FilterLogEvents call reads; a sparse match over a
// big group returns a nextToken with few or no events, as AWS does.
const maxScan = 100000

type filterLogEventsInput struct {
	LogGroupName        *string  `aws:"logGroupName"`
	LogGroupIdentifier  *string  `aws:"logGroupIdentifier"`
	LogStreamNames      []string `aws:"logStreamNames"`
	LogStreamNamePrefix *string  `aws:"logStreamNamePrefix"`
	StartTime           *int64   `aws:"startTime"`
	EndTime             *int64   `aws:"endTime"`
	FilterPattern       *string  `aws:"filterPattern"`
	NextToken           *string  `aws:"nextToken"`
	Limit               *int32   `aws:"limit"`
	Interleaved         *bool    `aws:"interleaved"`
}

type filteredLogEvent struct {
	LogStreamName string `aws:"logStreamName"`
	Timestamp     int64  `aws:"timestamp"`
	Message       string `aws:"message"`
	IngestionTime int64  `aws:"ingestionTime"`
	EventId       string `aws:"eventId"`
}

type searchedLogStream struct {
	LogStreamName      string `aws:"logStreamName"`
	SearchedCompletely bool   `aws:"searchedCompletely"`
}

type filterLogEventsOutput struct {
	Events             []filteredLogEvent  `aws:"events"`
	SearchedLogStreams []searchedLogStream `aws:"searchedLogStreams"`
	NextToken          *string             `aws:"nextToken"`
}

func filterToken(ts, id int64) *string {
	return ptr(base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(ts, 10) + ":" + strconv.FormatInt(id, 10))))
}

func parseFilterToken(tok string) (ts, id int64, ok bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, 0, false
	}
	a, c, found := strings.Cut(string(b), ":")
	ts, err1 := strconv.ParseInt(a, 10, 64)
	id, err2 := strconv.ParseInt(c, 10, 64)
	return ts, id, found && err1 == nil && err2 == nil
}

func (s *Service) filterLogEvents(c *service.Call, in *filterLogEventsInput) (*filterLogEventsOutput, error) {
	region, gname := c.Region, deref(in.LogGroupName)
	if in.LogGroupIdentifier != nil {
		region, gname = s.resolveGroup(c.Region, *in.LogGroupIdentifier)
	}
	if err := fromModel(model.ValidateLogGroupName(gname)); err != nil {
		return nil, err
	}
	if len(in.LogStreamNames) > 0 && in.LogStreamNamePrefix != nil {
		return nil, invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.")
	}
	match, err := compilePattern(deref(in.FilterPattern))
	if err != nil {
		return nil, invalidParameter("Invalid filter pattern: %v", err)
	}
	limit, err := pageLimit(in.Limit, defaultGetEvents)
	if err != nil {
		return nil, err
	}
	var afterTS, afterID int64 = -1 << 62, 0
	if in.NextToken != nil {
		var ok bool
		if afterTS, afterID, ok = parseFilterToken(*in.NextToken); !ok {
			return nil, invalidParameter("The specified nextToken is invalid.")
		}
	}
	if err := c.Authorize("logs:FilterLogEvents", s.groupResource(region, gname)); err != nil {
		return nil, err
	}
	c.Record.DataEvent = true
	g, err := s.findGroup(c.Ctx, region, gname)
	if err != nil {
		return nil, err
	}
	q := `SELECT e.id, e.ts, e.message, e.ingested, st.name FROM logs_events e JOIN logs_streams st ON st.id = e.stream_id
		WHERE e.group_id = ? AND e.ts >= ? AND e.ts < ? AND (e.ts > ? OR (e.ts = ? AND e.id > ?))`
	args := []any{g.id, deref(in.StartTime), int64(1) << 62, afterTS, afterTS, afterID}
	if in.EndTime != nil {
		args[2] = *in.EndTime
	}
	if len(in.LogStreamNames) > 0 {
		q += ` AND st.name IN (?` + strings.Repeat(",?", len(in.LogStreamNames)-1) + `)`
		for _, n := range in.LogStreamNames {
			args = append(args, n)
		}
	}
	if in.LogStreamNamePrefix != nil {
		q += ` AND substr(st.name, 1, ?) = ?`
		args = append(args, len(*in.LogStreamNamePrefix), *in.LogStreamNamePrefix)
	}
	q += ` ORDER BY e.ts, e.id LIMIT ?`
	args = append(args, maxScan)
	rows, err := s.db.SQL().QueryContext(c.Ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &filterLogEventsOutput{Events: []filteredLogEvent{}, SearchedLogStreams: []searchedLogStream{}}
	scanned := 0
	var lastTS, lastID int64
	for rows.Next() {
		var id int64
		var e filteredLogEvent
		if err := rows.Scan(&id, &e.Timestamp, &e.Message, &e.IngestionTime, &e.LogStreamName); err != nil {
			return nil, err
		}
		scanned++
		lastTS, lastID = e.Timestamp, id
		if !match(e.Message) {
			continue
		}
		e.EventId = fmt.Sprintf("%056d", id)
		out.Events = append(out.Events, e)
		if len(out.Events) == limit {
			out.NextToken = filterToken(e.Timestamp, id)
			break
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if out.NextToken == nil && scanned == maxScan {
		out.NextToken = filterToken(lastTS, lastID)
	}
	return out, nil
}
