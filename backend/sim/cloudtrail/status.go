package cloudtrail

import (
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// Delivery cadence: "CloudTrail publishes log files multiple times an hour, about
// every 5 minutes"; digests are hourly.
const (
	deliveryInterval = 5 * time.Minute
	digestInterval   = time.Hour
)

func (s *Service) startLogging(c *service.Call, in *nameInput) (*empty, error) {
	t, err := s.authorized(c, "cloudtrail:StartLogging", in.Name, true)
	if err != nil {
		return nil, err
	}
	_, err = s.update(c.Ctx, t.ARN, func(t *trailState) error {
		if t.Logging {
			return nil
		}
		if s.recorder != nil {
			seq, err := s.recorder.LastSeq(c.Ctx)
			if err != nil {
				return err
			}
			t.StartSeq = seq
		}
		now := c.Now
		t.Logging = true
		t.StartLogging = &now
		t.DeliveredUntil = now
		t.NextDelivery = now.Add(deliveryInterval)
		if t.Validation {
			t.startDigests(now)
		}
		if len(t.Insights) > 0 && t.InsightsFrom.IsZero() {
			t.startInsights(now)
		}
		// CloudTrail checks the bucket's ACL as logging starts; the call is the first
		// thing the trail's logs show of CloudTrail itself.
		s.recordACLCheck(t.Bucket, t.HomeRegion, now)
		t.LastACLCheck = now
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &empty{}, nil
}

// startDigests begins a new digest chain: the first digest of each region has no
// previous digest (its previous* fields are null).
func (t *trailState) startDigests(now time.Time) {
	t.DigestFrom = now
	t.NextDigest = now.Add(digestInterval)
	t.Chains = map[string]*digestLink{}
}

func (s *Service) stopLogging(c *service.Call, in *nameInput) (*empty, error) {
	t, err := s.authorized(c, "cloudtrail:StopLogging", in.Name, true)
	if err != nil {
		return nil, err
	}
	_, err = s.update(c.Ctx, t.ARN, func(t *trailState) error {
		if !t.Logging {
			return nil
		}
		if err := s.finalDelivery(c.Ctx, t, c.Now); err != nil {
			return err
		}
		now := c.Now
		t.Logging = false
		t.StopLogging = &now
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &empty{}, nil
}

func (s *Service) getTrailStatus(c *service.Call, in *nameInput) (*getTrailStatusOutput, error) {
	t, err := s.authorized(c, "cloudtrail:GetTrailStatus", in.Name, false)
	if err != nil {
		return nil, err
	}
	out := &getTrailStatusOutput{
		IsLogging:                          t.Logging,
		StartLoggingTime:                   t.StartLogging,
		StopLoggingTime:                    t.StopLogging,
		LatestDeliveryTime:                 t.LatestDelivery,
		LatestDigestDeliveryTime:           t.LatestDigest,
		TimeLoggingStarted:                 isoOrEmpty(t.StartLogging),
		TimeLoggingStopped:                 isoOrEmpty(t.StopLogging),
		LatestDeliveryAttemptTime:          isoOrEmpty(t.LatestAttempt),
		LatestDeliveryAttemptSucceeded:     isoOrEmpty(t.LatestDelivery),
		LatestNotificationAttemptTime:      str(""),
		LatestNotificationAttemptSucceeded: str(""),
	}
	if t.DeliveryError != "" {
		out.LatestDeliveryError = str(t.DeliveryError)
	}
	if t.DigestError != "" {
		out.LatestDigestDeliveryError = str(t.DigestError)
	}
	out.LatestCloudWatchLogsDeliveryTime = t.LatestCWDelivery
	if t.CWError != "" {
		out.LatestCloudWatchLogsDeliveryError = str(t.CWError)
	}
	out.LatestNotificationTime = t.LatestNotification
	if t.NotificationError != "" {
		out.LatestNotificationError = str(t.NotificationError)
	}
	return out, nil
}

// isoOrEmpty is GetTrailStatus's string form of a time: ISO 8601, or "" when it
// never happened (as in the User Guide's example output).
func isoOrEmpty(t *time.Time) *string {
	if t == nil {
		return str("")
	}
	return str(t.UTC().Format("2006-01-02T15:04:05Z"))
}
