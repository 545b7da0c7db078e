package cloudtrail

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/logs"
	"github.com/labconsole/labconsole/backend/sim/trail"
)

// Errors GetTrailStatus reports for the CloudWatch Logs delivery and the SNS
// notification: the code of the error the other service answered CloudTrail with.
const (
	errLogGroupGone   = deliveryError("ResourceNotFoundException")
	errLogsDenied     = deliveryError("AccessDeniedException")
	errTopicGone      = deliveryError("NotFound")
	errTopicDenied    = deliveryError("AuthorizationError")
	errKeyUnavailable = deliveryError("KMS.NotFoundException")
	errKeyDisabled    = deliveryError("KMS.DisabledException")
)

// deliverCloudWatch sends the events of a delivery to the trail's log group, one log
// event per record (the record's JSON, stamped with its eventTime), in the stream
// "<account>_CloudTrail_<region>". It runs with the S3 delivery of the same window;
// a failure is reported by GetTrailStatus (those events are not sent again) and
// does not hold the S3 delivery back, so it never returns an error.
func (s *Service) deliverCloudWatch(ctx context.Context, t *trailState, events []*trail.Event, at time.Time) error {
	if t.CWLogGroup == "" || len(events) == 0 {
		return nil
	}
	if err := s.putCloudWatch(ctx, t, events); err != nil {
		t.CWError = deliveryErrorCode(err)
		return nil
	}
	t.CWError = ""
	t.LatestCWDelivery = &at
	return nil
}

func (s *Service) putCloudWatch(ctx context.Context, t *trailState, events []*trail.Event) error {
	in := s.services()
	if in.Logs == nil {
		return errLogGroupGone
	}
	ok, err := in.Logs.LogGroupExists(ctx, t.CWLogGroup)
	if err != nil {
		return err
	}
	if !ok {
		return errLogGroupGone
	}
	// CloudTrail writes through the trail's role, so the role must still trust it
	// and allow the writes.
	stream := cloudWatchStream(s.account, t.HomeRegion)
	if in.Roles == nil {
		return errLogsDenied
	}
	if !s.roleUsable(ctx, in.Roles, t) {
		return errLogsDenied
	}
	for _, action := range []string{"logs:CreateLogStream", "logs:PutLogEvents"} {
		if !s.roleAllows(ctx, in.Roles, t, action, strings.TrimSuffix(t.CWLogGroup, "*")+"log-stream:"+stream) {
			return errLogsDenied
		}
	}
	if err := in.Logs.EnsureLogStream(ctx, t.CWLogGroup, stream); err != nil {
		return err
	}
	batch := make([]logs.InputEvent, len(events))
	for i, e := range events {
		batch[i] = logs.InputEvent{Timestamp: e.EventTime, Message: string(e.Record)}
	}
	return in.Logs.PutLogEventsInternal(ctx, t.CWLogGroup, stream, batch)
}

// notification is CloudTrail's SNS message for a delivered log file.
type notification struct {
	S3Bucket    string   `json:"s3Bucket"`
	S3ObjectKey []string `json:"s3ObjectKey"`
}

// notify publishes the delivery of log files to the trail's topic, with AWS's
// message {"s3Bucket":"…","s3ObjectKey":["…"]}. The topic must still exist and let
// CloudTrail publish; otherwise GetTrailStatus reports the SNS error.
func (s *Service) notify(ctx context.Context, t *trailState, keys []string, at time.Time) error {
	if t.SnsTopic == "" || len(keys) == 0 {
		return nil
	}
	if err := s.publish(ctx, t, keys, at); err != nil {
		t.NotificationError = deliveryErrorCode(err)
		return nil
	}
	t.NotificationError = ""
	t.LatestNotification = &at
	return nil
}

func (s *Service) publish(ctx context.Context, t *trailState, keys []string, at time.Time) error {
	arn := s.topicARN(t)
	topics := s.services().Topics
	if arn == "" || topics == nil {
		return errTopicGone
	}
	doc, exists, err := topics.TopicPolicy(ctx, arn)
	if err != nil {
		return err
	}
	if !exists {
		return errTopicGone
	}
	if !s.serviceMayPublish(doc, arn, t.ARN, at) {
		return errTopicDenied
	}
	sort.Strings(keys)
	msg, err := json.Marshal(notification{S3Bucket: t.Bucket, S3ObjectKey: keys})
	if err != nil {
		return err
	}
	_, err = topics.PublishInternal(ctx, arn, "", map[string]string{"default": string(msg)})
	if serviceError(err) {
		return errTopicGone
	}
	return err
}

// encryption is the server-side encryption of the trail's objects: SSE-KMS with the
// trail's key when it has one (the key must still exist and be enabled), else the
// bucket's default.
func (s *Service) encryption(ctx context.Context, t *trailState) (sse, key string, err error) {
	if t.KMSKey == "" {
		return "", "", nil
	}
	keys := s.services().Keys
	if keys == nil {
		return "", "", errKeyUnavailable
	}
	arn, enabled, err := keys.ResolveKey(ctx, t.HomeRegion, t.KMSKey)
	if err != nil {
		if serviceError(err) {
			return "", "", errKeyUnavailable
		}
		return "", "", err
	}
	if !enabled {
		return "", "", errKeyDisabled
	}
	return "aws:kms", arn, nil
}
