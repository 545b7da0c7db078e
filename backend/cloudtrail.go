package backend

import (
	"context"

	"github.com/labconsole/labconsole/backend/trailvalidate"
	"github.com/labconsole/labconsole/model"
)

// CloudTrail is the CloudTrail part of the console: trails (list, details, the Create
// trail wizard, logging on and off, selectors), Event history and log file
// validation. Trails are named by name or ARN, as the API accepts both.
type CloudTrail interface {
	// ListTrails is the Trails page: the region's trails and the multi-region trails
	// of other regions, as DescribeTrails returns them.
	ListTrails(ctx context.Context) ([]model.Trail, error)
	// GetTrail is the trail details page, tags included.
	GetTrail(ctx context.Context, trail string) (model.Trail, error)
	GetTrailStatus(ctx context.Context, trail string) (model.TrailStatus, error)
	// CreateTrail runs the Create trail wizard: with NewTrail.CreateBucket it creates
	// the bucket and applies the bucket policy CloudTrail needs; it creates the new
	// KMS key and alias, SNS topic, log group and role asked for, each with the
	// policy the console applies; then creates the trail with its tags, applies the
	// step 2 event and Insights selectors and starts logging, as the console does.
	// Input is validated with CloudTrail's rules first; on a failure what was made
	// is removed again.
	CreateTrail(ctx context.Context, in model.NewTrail) (model.Trail, error)
	UpdateTrail(ctx context.Context, trail string, u model.TrailUpdate) (model.Trail, error)
	DeleteTrail(ctx context.Context, trail string) error
	StartLogging(ctx context.Context, trail string) error
	StopLogging(ctx context.Context, trail string) error
	GetEventSelectors(ctx context.Context, trail string) (model.EventSelectors, error)
	// PutEventSelectors applies sel.Basic or sel.Advanced (exactly one of them).
	PutEventSelectors(ctx context.Context, trail string, sel model.EventSelectors) (model.EventSelectors, error)
	// PutInsightSelectors sets the Insights types (model.InsightAPICallRate…) the
	// trail logs; none turns Insights off.
	PutInsightSelectors(ctx context.Context, trail string, kinds []string) error
	// GetInsightSelectors is the Insights types the trail logs.
	GetInsightSelectors(ctx context.Context, trail string) ([]string, error)
	// TrailChoices lists what the wizard's "Existing" KMS key, SNS topic, log group
	// and IAM role options offer; lists the caller cannot read are left empty.
	TrailChoices(ctx context.Context) (model.TrailChoices, error)
	// LookupEvents is one page of Event history, newest first.
	LookupEvents(ctx context.Context, q model.EventQuery) (model.Page[model.Event], error)
	// ValidateTrailLogs checks the trail's digests and log files as `aws cloudtrail
	// validate-logs` does; progress (optional) sees every file as it is checked.
	ValidateTrailLogs(ctx context.Context, o trailvalidate.Options, progress func(trailvalidate.FileResult)) (*trailvalidate.Result, error)
}
