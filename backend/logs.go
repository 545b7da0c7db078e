package backend

import (
	"context"

	"github.com/labconsole/labconsole/model"
)

// Logs is the CloudWatch Logs part of the console: log groups (where a trail can
// deliver its events), streams and events.
type Logs interface {
	ListLogGroups(ctx context.Context, prefix string, req model.PageRequest) (model.Page[model.LogGroup], error)
	CreateLogGroup(ctx context.Context, name string) error
	DeleteLogGroup(ctx context.Context, name string) error
	// SetLogRetention sets how long events are kept; 0 means never expire.
	SetLogRetention(ctx context.Context, group string, days int) error
	ListLogStreams(ctx context.Context, group string, req model.PageRequest) (model.Page[model.LogStream], error)
	// LogEvents reads one stream; pages follow the stream's forward token.
	LogEvents(ctx context.Context, in model.LogEventsRequest, req model.PageRequest) (model.Page[model.LogEvent], error)
	// FilterLogEvents searches a group with a CloudWatch Logs filter pattern.
	FilterLogEvents(ctx context.Context, in model.LogFilter, req model.PageRequest) (model.Page[model.LogEvent], error)
}
