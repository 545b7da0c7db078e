// Package billing is the simulated account's bill: the "Receive Billing Alerts"
// preference (which AWS sets only in the Billing console, so the simulator serves
// it on its control API), a small cost model driven by what the account holds, and
// the AWS/Billing EstimatedCharges metric it publishes to CloudWatch every six
// simulated hours while alerts are on.
package billing

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/labconsole/labconsole/backend/sim/cloudwatch"
	"github.com/labconsole/labconsole/backend/sim/store"
)

// CostSource is a simulated service that adds to the bill. Services implement it
// (or are adapted with PerGBMonth / PerUnitMonth) and register in sim.Sim.open.
type CostSource interface {
	// ServiceName is the ServiceName dimension the charges appear under ("AmazonS3").
	ServiceName() string
	// HourlyUSD is what the service's resources cost per hour right now.
	HourlyUSD(ctx context.Context) (float64, error)
}

// Metrics is where estimated charges are published (CloudWatch, in process).
type Metrics interface {
	PutMetricDataInternal(ctx context.Context, region, namespace string, data []cloudwatch.Datum) error
}

// Billing model constants.
const (
	// Region and namespace of billing metrics: us-east-1 only, as on AWS.
	Region    = "us-east-1"
	Namespace = "AWS/Billing"
	Metric    = "EstimatedCharges"
	Currency  = "USD"
	// Interval between EstimatedCharges datapoints.
	Interval = 6 * time.Hour
	// HoursPerMonth converts monthly prices to hourly ones, as AWS pricing does.
	HoursPerMonth = 730
	// maxCatchUp bounds the datapoints written after a long fast-forward (a month
	// of intervals is plenty to draw the chart; the charges still accrue).
	maxCatchUp = 4 * 31
)

// Services are the ServiceName dimensions the bill is broken into: with the total,
// the 8 metrics the console's Billing browser shows (7 "By Service", 1 "Total
// Estimated Charge").
var Services = []string{"AWSCloudTrail", "AWSDataTransfer", "AmazonCloudWatch", "AmazonEC2", "AmazonS3", "AmazonSNS", "AmazonVPC"}

// baseHourly is what a lab account costs with nothing in it: a public IPv4 address
// and a trickle of data transfer. Instances are not here: the simulated EC2 service
// reports what its running instances cost (a CostSource), so Part D's t2.micro is
// billed once, while it runs.
var baseHourly = map[string]float64{
	"AmazonVPC":       0.005,
	"AWSDataTransfer": 0.0002,
}

// DefaultSpendService is where the lab's spend knob books its charges.
const DefaultSpendService = "AmazonEC2"

// Billing is one account's bill.
type Billing struct {
	db      *store.DB
	now     func() time.Time
	metrics Metrics
	sources []CostSource
}

// New opens the bill's state in db. now is the simulated clock.
func New(ctx context.Context, db *store.DB, now func() time.Time, metrics Metrics, sources ...CostSource) (*Billing, error) {
	if err := db.Migrate(ctx, "billing", migrations); err != nil {
		return nil, err
	}
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO billing_account(id, created) VALUES(1, ?) ON CONFLICT(id) DO NOTHING`, now().UnixMilli()); err != nil {
		return nil, err
	}
	return &Billing{db: db, now: now, metrics: metrics, sources: sources}, nil
}

// AddSources adds cost sources (services registered after the bill was opened).
func (b *Billing) AddSources(srcs ...CostSource) { b.sources = append(b.sources, srcs...) }

var migrations = []string{`
CREATE TABLE billing_account (
	id             INTEGER PRIMARY KEY CHECK (id = 1),
	created        INTEGER NOT NULL,
	receive_alerts INTEGER NOT NULL DEFAULT 0,
	enabled_at     INTEGER,
	last_point     INTEGER
);
CREATE TABLE billing_accrued (
	month   TEXT NOT NULL,
	service TEXT NOT NULL,
	usd     REAL NOT NULL,
	PRIMARY KEY (month, service)
);
CREATE TABLE billing_spend (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	ts      INTEGER NOT NULL,
	service TEXT NOT NULL,
	usd     REAL NOT NULL
)`,
}

// Preferences are the account's billing alert preferences.
type Preferences struct {
	ReceiveBillingAlerts bool       `json:"receiveBillingAlerts"`
	EnabledAt            *time.Time `json:"enabledAt,omitempty"`
}

// Preferences reads the account's billing preferences.
func (b *Billing) Preferences(ctx context.Context) (Preferences, error) {
	var on bool
	var at sql.NullInt64
	if err := b.db.SQL().QueryRowContext(ctx, `SELECT receive_alerts, enabled_at FROM billing_account WHERE id = 1`).Scan(&on, &at); err != nil {
		return Preferences{}, err
	}
	p := Preferences{ReceiveBillingAlerts: on}
	if at.Valid {
		t := time.UnixMilli(at.Int64).UTC()
		p.EnabledAt = &t
	}
	return p, nil
}

// ErrCannotDisable is the answer to turning billing alerts off: once on, AWS keeps
// them on.
var ErrCannotDisable = errors.New("billing alerts cannot be turned off once they are on")

// SetReceiveBillingAlerts turns billing alerts on; the first datapoint follows at
// the next six-hour mark (00:00, 06:00, 12:00 or 18:00 UTC).
func (b *Billing) SetReceiveBillingAlerts(ctx context.Context, on bool) (Preferences, error) {
	p, err := b.Preferences(ctx)
	if err != nil {
		return p, err
	}
	switch {
	case p.ReceiveBillingAlerts && !on:
		return p, ErrCannotDisable
	case p.ReceiveBillingAlerts || !on:
		return p, nil
	}
	if _, err := b.db.SQL().ExecContext(ctx, `UPDATE billing_account SET receive_alerts = 1, enabled_at = ? WHERE id = 1`, b.now().UnixMilli()); err != nil {
		return p, err
	}
	return b.Preferences(ctx)
}

// Spend books usd of charges now against service (DefaultSpendService when ""): the
// lab's knob to push the bill past the alarm's threshold.
func (b *Billing) Spend(ctx context.Context, usd float64, service string) error {
	if service == "" {
		service = DefaultSpendService
	}
	known := false
	for _, s := range Services {
		known = known || s == service
	}
	if !known {
		return fmt.Errorf("unknown service %q: use one of %v", service, Services)
	}
	_, err := b.db.SQL().ExecContext(ctx, `INSERT INTO billing_spend(ts, service, usd) VALUES(?,?,?)`, b.now().UnixMilli(), service, usd)
	return err
}
