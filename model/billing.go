package model

import "time"

// Billing metrics: AWS publishes them in us-east-1 only, in the AWS/Billing
// namespace, as EstimatedCharges by Currency (the total) and by ServiceName and
// Currency (per service), several times a day.
const (
	BillingRegion      = "us-east-1"
	BillingNamespace   = "AWS/Billing"
	EstimatedCharges   = "EstimatedCharges"
	BillingCurrency    = "USD"
	BillingPeriodHours = 6
)

// BillingPreferences are the account's Billing preferences > Alert preferences.
type BillingPreferences struct {
	// ReceiveBillingAlerts publishes EstimatedCharges to CloudWatch. Once on, AWS
	// does not let it be turned off again.
	ReceiveBillingAlerts bool
	// Known is false when the backend cannot tell (real AWS has no API for it; the
	// preference is inferred from whether billing metrics exist).
	Known bool
	// EnabledAt is when alerts were turned on (simulator only).
	EnabledAt *time.Time
}

// BillingMetricGroup is one row of the console's Billing metric browser: "Total
// Estimated Charge" (Currency) or "By Service" (ServiceName, Currency).
type BillingMetricGroup struct {
	Name    string // "Total Estimated Charge", "By Service"
	Metrics []Metric
}

// Names of the Billing groupings as the console shows them; the UI translates them.
const (
	BillingGroupTotal     = "Total Estimated Charge"
	BillingGroupByService = "By Service"
)

// TotalChargesMetric is the metric the lab's billing alarm watches.
func TotalChargesMetric() Metric {
	return Metric{Namespace: BillingNamespace, MetricName: EstimatedCharges, Dimensions: []Dimension{{Name: "Currency", Value: BillingCurrency}}}
}

// GroupBillingMetrics sorts AWS/Billing metrics into the console's groupings:
// Currency only → Total Estimated Charge; ServiceName+Currency → By Service.
// Others (LinkedAccount…) are left out, as the console shows them elsewhere.
func GroupBillingMetrics(ms []Metric) []BillingMetricGroup {
	total := BillingMetricGroup{Name: BillingGroupTotal}
	bySvc := BillingMetricGroup{Name: BillingGroupByService}
	for _, m := range ms {
		if m.Namespace != BillingNamespace {
			continue
		}
		names := map[string]bool{}
		for _, d := range m.Dimensions {
			names[d.Name] = true
		}
		switch {
		case len(names) == 1 && names["Currency"]:
			total.Metrics = append(total.Metrics, m)
		case len(names) == 2 && names["Currency"] && names["ServiceName"]:
			bySvc.Metrics = append(bySvc.Metrics, m)
		}
	}
	return []BillingMetricGroup{bySvc, total}
}

// DimensionValue returns the value of dimension name, "" when absent.
func (m Metric) DimensionValue(name string) string {
	for _, d := range m.Dimensions {
		if d.Name == name {
			return d.Value
		}
	}
	return ""
}
