package cloudwatch

import (
	"context"
	"database/sql"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

var historyItemTypes = []string{"ConfigurationUpdate", "StateUpdate", "Action", "AlarmContributorStateUpdate", "AlarmContributorAction"}

func addHistory(ctx context.Context, tx *sql.Tx, region, name string, ts time.Time, typ, summary, data string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO cloudwatch_alarm_history(region, alarm_name, ts, type, summary, data) VALUES(?,?,?,?,?,?)`,
		region, name, ms(ts), typ, summary, data)
	return err
}

type describeAlarmHistoryInput struct {
	AlarmName          *string
	AlarmContributorId *string
	AlarmTypes         []string
	HistoryItemType    *string
	StartDate          *time.Time
	EndDate            *time.Time
	MaxRecords         *int32
	NextToken          *string
	ScanBy             *string
}

type describeAlarmHistoryOutput struct {
	AlarmHistoryItems []AlarmHistoryItem
	NextToken         *string
}

// describeAlarmHistory pages history newest first (or oldest first with ScanBy
// TimestampAscending); the token is the last item's id.
func (s *Service) describeAlarmHistory(c *service.Call, in *describeAlarmHistoryInput) (*describeAlarmHistoryOutput, error) {
	if in.HistoryItemType != nil && !contains(historyItemTypes, *in.HistoryItemType) {
		return nil, validationError("1 validation error detected: Value '%s' at 'historyItemType' failed to satisfy constraint: Member must satisfy enum value set: [%s]", *in.HistoryItemType, strings.Join(historyItemTypes, ", "))
	}
	if in.ScanBy != nil && *in.ScanBy != scanTimestampAscending && *in.ScanBy != "TimestampDescending" {
		return nil, validationError("1 validation error detected: Value '%s' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]", *in.ScanBy)
	}
	limit, err := validateMaxRecords(in.MaxRecords)
	if err != nil {
		return nil, err
	}
	var afterID int64
	ascending := in.ScanBy != nil && *in.ScanBy == scanTimestampAscending
	if in.NextToken != nil {
		b, err := base64.RawURLEncoding.DecodeString(*in.NextToken)
		if err != nil {
			return nil, invalidNextToken()
		}
		if afterID, err = strconv.ParseInt(string(b), 10, 64); err != nil {
			return nil, invalidNextToken()
		}
	}
	resource := s.alarmArn(c.Region, "*")
	if in.AlarmName != nil {
		resource = s.alarmArn(c.Region, *in.AlarmName)
	}
	if err := c.Authorize("cloudwatch:DescribeAlarmHistory", resource); err != nil {
		return nil, err
	}
	q := `SELECT id, alarm_name, ts, type, summary, data FROM cloudwatch_alarm_history WHERE region = ?`
	args := []any{c.Region}
	if in.AlarmName != nil {
		q += ` AND alarm_name = ?`
		args = append(args, *in.AlarmName)
	}
	if in.HistoryItemType != nil {
		q += ` AND type = ?`
		args = append(args, *in.HistoryItemType)
	}
	if in.StartDate != nil {
		q += ` AND ts >= ?`
		args = append(args, ms(*in.StartDate))
	}
	if in.EndDate != nil {
		q += ` AND ts <= ?`
		args = append(args, ms(*in.EndDate))
	}
	if ascending {
		if afterID > 0 {
			q += ` AND id > ?`
			args = append(args, afterID)
		}
		q += ` ORDER BY id ASC LIMIT ?`
	} else {
		if afterID > 0 {
			q += ` AND id < ?`
			args = append(args, afterID)
		}
		q += ` ORDER BY id DESC LIMIT ?`
	}
	args = append(args, limit+1)
	rows, err := s.db.SQL().QueryContext(c.Ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &describeAlarmHistoryOutput{AlarmHistoryItems: []AlarmHistoryItem{}}
	var lastID int64
	for rows.Next() {
		var id, ts int64
		var name, typ, summary, data string
		if err := rows.Scan(&id, &name, &ts, &typ, &summary, &data); err != nil {
			return nil, err
		}
		if len(out.AlarmHistoryItems) == limit {
			out.NextToken = ptr(base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(lastID, 10))))
			break
		}
		lastID = id
		out.AlarmHistoryItems = append(out.AlarmHistoryItems, AlarmHistoryItem{AlarmName: ptr(name), AlarmType: ptr("MetricAlarm"),
			Timestamp: ptr(fromMS(ts)), HistoryItemType: ptr(typ), HistorySummary: ptr(summary), HistoryData: ptr(data)})
	}
	return out, rows.Err()
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}
