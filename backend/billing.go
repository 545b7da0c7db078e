package backend

import (
	"context"

	"github.com/labconsole/labconsole/model"
)

// Billing is the Billing preferences page (lab step A1) and the lab's spend knob.
type Billing interface {
	// BillingPreferences reads "Receive Billing Alerts". AWS has no API for it: real
	// AWS mode infers it from whether billing metrics exist (Known says whether it
	// could tell).
	BillingPreferences(ctx context.Context) (model.BillingPreferences, error)
	// SetReceiveBillingAlerts turns billing alerts on. Real AWS mode answers with an
	// error naming the Billing console page, since no API can do it.
	SetReceiveBillingAlerts(ctx context.Context, on bool) (model.BillingPreferences, error)
	// AddLabSpend books usd of simulated charges, so the bill can cross the lab's
	// alarm threshold (simulator only).
	AddLabSpend(ctx context.Context, usd float64) error
}
