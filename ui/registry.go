package ui

import (
	"github.com/labconsole/labconsole/ui/billing"
	"github.com/labconsole/labconsole/ui/cloudtrail"
	"github.com/labconsole/labconsole/ui/cloudwatch"
	"github.com/labconsole/labconsole/ui/iam"
	"github.com/labconsole/labconsole/ui/nav"
	"github.com/labconsole/labconsole/ui/placeholder"
	"github.com/labconsole/labconsole/ui/s3"
)

// open builds the first screen of a service. Services not built yet get a placeholder
// that says so.
func (m *Model) open(s nav.Service) nav.Screen {
	switch s {
	case nav.IAM:
		return iam.NewHome(m.c)
	case nav.Billing:
		return billing.NewPreferences(m.c)
	case nav.CloudWatch:
		return cloudwatch.NewHome(m.c)
	case nav.CloudTrail:
		return cloudtrail.NewDashboard(m.c)
	case nav.S3:
		return s3.NewBuckets(m.c)
	default:
		return placeholder.New(m.c, "MenuLab")
	}
}
