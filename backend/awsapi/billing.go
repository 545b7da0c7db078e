package awsapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labconsole/labconsole/model"
)

const billingPreferencesPage = "https://console.aws.amazon.com/billing/home#/preferences"

// billingPreferences mirrors billing.Preferences of the simulator (awsapi does not
// import the simulator: it also talks to `labconsole sim` over HTTP).
type billingPreferences struct {
	ReceiveBillingAlerts bool       `json:"receiveBillingAlerts"`
	EnabledAt            *time.Time `json:"enabledAt,omitempty"`
}

func (p billingPreferences) model() model.BillingPreferences {
	return model.BillingPreferences{ReceiveBillingAlerts: p.ReceiveBillingAlerts, Known: true, EnabledAt: p.EnabledAt}
}

// BillingPreferences implements backend.Billing. On AWS, where no API reads the
// preference, billing metrics in us-east-1 prove alerts are on; their absence
// proves nothing (alerts may be on for under a day), so Known is false then.
func (b *Backend) BillingPreferences(ctx context.Context) (model.BillingPreferences, error) {
	if b.sim == nil {
		page, err := b.listMetrics(ctx, model.MetricFilter{Namespace: model.BillingNamespace, MetricName: model.EstimatedCharges}, "", model.BillingRegion)
		if err != nil {
			return model.BillingPreferences{}, err
		}
		if len(page.Items) > 0 {
			return model.BillingPreferences{ReceiveBillingAlerts: true, Known: true}, nil
		}
		return model.BillingPreferences{}, nil
	}
	var p billingPreferences
	if err := b.signedControl(ctx, "billing:GetPreferences", http.MethodGet, "/_sim/billing/preferences", nil, &p); err != nil {
		return model.BillingPreferences{}, err
	}
	return p.model(), nil
}

// SetReceiveBillingAlerts implements backend.Billing.
func (b *Backend) SetReceiveBillingAlerts(ctx context.Context, on bool) (model.BillingPreferences, error) {
	if b.sim == nil {
		return model.BillingPreferences{}, simOnly("billing:UpdatePreferences", "BillingPreferencesNotSettableByAPI",
			"AWS has no API to turn on billing alerts. Sign in to the AWS console as the root user (or an IAM user with billing access), "+
				"open Billing and Cost Management > Billing preferences > Alert preferences, tick \"Receive CloudWatch billing alerts\" and save: "+
				billingPreferencesPage)
	}
	var p billingPreferences
	err := b.signedControl(ctx, "billing:UpdatePreferences", http.MethodPut, "/_sim/billing/preferences", map[string]bool{"receiveBillingAlerts": on}, &p)
	if err != nil {
		return model.BillingPreferences{}, err
	}
	return p.model(), nil
}

// AddLabSpend implements backend.Billing.
func (b *Backend) AddLabSpend(ctx context.Context, usd float64) error {
	if b.sim == nil {
		return simOnly("billing:AddLabSpend", "SimulatorOnly", "Adding simulated charges is a simulator feature; a real account's bill grows with real usage.")
	}
	q := url.Values{"usd": {strconv.FormatFloat(usd, 'f', -1, 64)}}
	return b.signedControl(ctx, "billing:AddLabSpend", http.MethodPost, "/_sim/billing/spend?"+q.Encode(), nil, nil)
}
