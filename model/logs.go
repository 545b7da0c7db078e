package model

import (
	"fmt"
	"regexp"
	"slices"
	"time"
)

// LogGroup is a CloudWatch Logs log group as the Log groups list shows it.
type LogGroup struct {
	Name            string
	Arn             string
	Created         time.Time
	RetentionInDays int // 0 = never expire
	StoredBytes     int64
}

// LogStream is one stream of a log group.
type LogStream struct {
	Name           string
	Arn            string
	Created        time.Time
	FirstEvent     *time.Time
	LastEvent      *time.Time
	LastIngestion  *time.Time
	LogGroupName   string
	StoredBytesEst int64
}

// LogEvent is one log event.
type LogEvent struct {
	Timestamp     time.Time
	Ingested      time.Time
	Message       string
	LogStreamName string
	EventID       string
}

// LogEventsRequest reads one stream, oldest first unless FromTail.
type LogEventsRequest struct {
	Group, Stream string
	Start, End    *time.Time
	FromTail      bool
}

// LogFilter is a FilterLogEvents query across a group's streams.
type LogFilter struct {
	Group        string
	Streams      []string
	StreamPrefix string
	Pattern      string
	Start, End   *time.Time
}

// Log group limits and the retention values PutRetentionPolicy accepts.
var (
	logGroupNamePattern  = regexp.MustCompile(`^[\.\-_/#A-Za-z0-9]+$`)
	logStreamNamePattern = regexp.MustCompile(`^[^:*]*$`)
	RetentionDays        = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}
)

// Log name limits from the CloudWatch Logs API model.
const (
	MaxLogGroupNameLen  = 512
	MaxLogStreamNameLen = 512
)

// ValidateLogGroupName: 1–512 characters of letters, digits and . - _ / #.
func ValidateLogGroupName(name string) error {
	switch {
	case name == "":
		return &FieldError{Field: "LogGroupName", ID: "ValidateRequired", AWS: awsLengthMsg(name, "logGroupName", 1, MaxLogGroupNameLen)}
	case len(name) > MaxLogGroupNameLen:
		return &FieldError{Field: "LogGroupName", ID: "ValidateLogGroupNameLength", Data: map[string]any{"Max": MaxLogGroupNameLen}, AWS: awsLengthMsg(name, "logGroupName", 1, MaxLogGroupNameLen)}
	case !logGroupNamePattern.MatchString(name):
		return &FieldError{Field: "LogGroupName", ID: "ValidateLogGroupNameChars", AWS: awsPatternMsg(name, "logGroupName", `[\.\-_/#A-Za-z0-9]+`)}
	}
	return nil
}

// ValidateLogStreamName: 1–512 characters without ':' or '*'.
func ValidateLogStreamName(name string) error {
	switch {
	case name == "":
		return &FieldError{Field: "LogStreamName", ID: "ValidateRequired", AWS: awsLengthMsg(name, "logStreamName", 1, MaxLogStreamNameLen)}
	case len(name) > MaxLogStreamNameLen:
		return &FieldError{Field: "LogStreamName", ID: "ValidateLogGroupNameLength", Data: map[string]any{"Max": MaxLogStreamNameLen}, AWS: awsLengthMsg(name, "logStreamName", 1, MaxLogStreamNameLen)}
	case !logStreamNamePattern.MatchString(name):
		return &FieldError{Field: "LogStreamName", ID: "ValidateLogStreamNameChars", AWS: awsPatternMsg(name, "logStreamName", `[^:*]*`)}
	}
	return nil
}

// ValidateRetentionDays accepts the retention periods CloudWatch Logs offers.
func ValidateRetentionDays(days int) error {
	if slices.Contains(RetentionDays, days) {
		return nil
	}
	set := fmt.Sprint(RetentionDays)
	set = "[" + set[1:len(set)-1] + "]"
	for i := 0; i < len(set); i++ {
		if set[i] == ' ' {
			set = set[:i] + "," + set[i:]
			i++
		}
	}
	return &FieldError{Field: "RetentionInDays", ID: "ValidateRetentionDays",
		AWS: fmt.Sprintf("1 validation error detected: Value '%d' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: %s", days, set)}
}
