package cloudtrail

import (
	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/common"
)

// deliveryExplanations are the message IDs explaining GetTrailStatus's delivery error
// codes: those CloudTrail reports for S3 (log files and digests), KMS, CloudWatch
// Logs and SNS, and the simulator produces (backend/sim/cloudtrail: delivery.go,
// forward.go). Any other code is shown as it is.
var deliveryExplanations = map[string]string{
	"NoSuchBucket":              "CTDENoSuchBucket",
	"AccessDenied":              "CTDEAccessDenied",
	"AccountProblem":            "CTDEAccountProblem", // a sandbox's S3 storage limit
	"KMS.DisabledException":     "CTDEKMSDisabled",
	"KMS.NotFoundException":     "CTDEKMSNotFound",
	"ResourceNotFoundException": "CTDELogGroupNotFound",
	"AccessDeniedException":     "CTDELogsDenied",
	"NotFound":                  "CTDETopicNotFound",
	"AuthorizationError":        "CTDETopicDenied",
	"InternalFailure":           "CTDEInternalFailure",
}

// deliveryExplanation translates what code means for the trail, "" for a code it
// does not know.
func deliveryExplanation(c *common.Common, code string) string {
	if code == "AccountProblem" && c.Backend != nil && c.Backend.Info().Mode == backend.ModeAWS {
		return c.T("CTDEAccountProblemAWS") // a real account's problem, not a sandbox's limit
	}
	if id, ok := deliveryExplanations[code]; ok {
		return c.T(id)
	}
	return ""
}

// deliveryError is one failed delivery GetTrailStatus reports.
type deliveryError struct {
	label string // message ID of the row
	code  string
}

// deliveryErrors are the status's failed deliveries, in the console's order: log
// files, digests, SNS notifications, CloudWatch Logs.
func deliveryErrors(s model.TrailStatus) []deliveryError {
	var out []deliveryError
	for _, e := range []deliveryError{
		{"CTDeliveryError", s.LatestDeliveryError},
		{"CTDEDigestError", s.LatestDigestDeliveryError},
		{"CTDENotificationError", s.LatestNotificationError},
		{"CTDECloudWatchLogsError", s.LatestCloudWatchLogsDeliveryError},
	} {
		if e.code != "" {
			out = append(out, e)
		}
	}
	return out
}
