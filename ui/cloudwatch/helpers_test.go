package cloudwatch

import "github.com/labconsole/labconsole/ui/cloudwatch/cwtest"

// Shorthands for the shared test driver.
var (
	labNow    = cwtest.LabNow
	newLab    = cwtest.NewLab
	billingOn = cwtest.BillingOn
	run       = cwtest.Run
	expand    = cwtest.Expand
	press     = cwtest.Press
	typeName  = cwtest.TypeName
	labMetric = cwtest.LabMetric
)
