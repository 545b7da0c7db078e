package billing

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"github.com/labconsole/labconsole/backend/sim/cloudwatch"
	"github.com/labconsole/labconsole/model"
)

// Tick publishes the EstimatedCharges datapoints due up to now: one at every
// six-hour mark since the last one (or since alerts were turned on). Each mark
// accrues the hours since the previous one at the current hourly rates, per month,
// so the bill resets on the 1st. Done marks are remembered, so ticks are idempotent.
func (b *Billing) Tick(ctx context.Context, now time.Time) error {
	var on bool
	var created int64
	var enabledAt, lastPoint sql.NullInt64
	err := b.db.SQL().QueryRowContext(ctx, `SELECT receive_alerts, created, enabled_at, last_point FROM billing_account WHERE id = 1`).
		Scan(&on, &created, &enabledAt, &lastPoint)
	if err != nil || !on || !enabledAt.Valid {
		return err
	}
	step := Interval.Milliseconds()
	next := (enabledAt.Int64/step + 1) * step
	prev := int64(0)
	if lastPoint.Valid {
		prev = lastPoint.Int64
		next = prev + step
	}
	nowMS := now.UnixMilli()
	if next > nowMS {
		return nil
	}
	rates, err := b.hourlyRates(ctx)
	if err != nil {
		return err
	}
	marks := []int64{}
	for t := next; t <= nowMS; t += step {
		marks = append(marks, t)
	}
	var data []cloudwatch.Datum
	err = b.db.Tx(ctx, func(tx *sql.Tx) error {
		for i, mark := range marks {
			at := time.UnixMilli(mark).UTC()
			from := prev
			if from == 0 || monthOf(time.UnixMilli(from)) != monthOf(at) {
				from = max(monthStart(at).UnixMilli(), created)
			}
			hours := float64(mark-from) / float64(time.Hour.Milliseconds())
			for _, svc := range Services {
				if cost := rates[svc] * max(hours, 0); cost > 0 {
					if _, err := tx.ExecContext(ctx, `INSERT INTO billing_accrued(month, service, usd) VALUES(?,?,?)
						ON CONFLICT(month, service) DO UPDATE SET usd = usd + excluded.usd`, monthOf(at), svc, cost); err != nil {
						return err
					}
				}
			}
			prev = mark
			if len(marks)-i > maxCatchUp {
				continue
			}
			points, err := charges(ctx, tx, at)
			if err != nil {
				return err
			}
			data = append(data, points...)
		}
		_, err := tx.ExecContext(ctx, `UPDATE billing_account SET last_point = ? WHERE id = 1`, prev)
		return err
	})
	if err != nil {
		return fmt.Errorf("billing: %w", err)
	}
	return b.metrics.PutMetricDataInternal(ctx, Region, Namespace, data)
}

// charges are the EstimatedCharges datapoints at mark: per service (accrued this
// month plus the lab's spend so far this month) and their total, in cents.
func charges(ctx context.Context, tx *sql.Tx, at time.Time) ([]cloudwatch.Datum, error) {
	month := monthOf(at)
	per := map[string]float64{}
	rows, err := tx.QueryContext(ctx, `SELECT service, usd FROM billing_accrued WHERE month = ?`, month)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var svc string
		var usd float64
		if err := rows.Scan(&svc, &usd); err != nil {
			rows.Close()
			return nil, err
		}
		per[svc] += usd
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, `SELECT service, sum(usd) FROM billing_spend WHERE ts >= ? AND ts <= ? GROUP BY service`,
		monthStart(at).UnixMilli(), at.UnixMilli())
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var svc string
		var usd float64
		if err := rows.Scan(&svc, &usd); err != nil {
			rows.Close()
			return nil, err
		}
		per[svc] += usd
	}
	rows.Close()
	total := 0.0
	out := make([]cloudwatch.Datum, 0, len(Services)+1)
	for _, svc := range Services {
		v := cents(per[svc])
		total += v
		out = append(out, cloudwatch.Datum{MetricName: Metric, Timestamp: at, Value: v, Unit: "None",
			Dimensions: []model.Dimension{{Name: "ServiceName", Value: svc}, {Name: "Currency", Value: Currency}}})
	}
	out = append(out, cloudwatch.Datum{MetricName: Metric, Timestamp: at, Value: cents(total), Unit: "None",
		Dimensions: []model.Dimension{{Name: "Currency", Value: Currency}}})
	return out, rows.Err()
}

// hourlyRates is the base model plus every cost source, by service.
func (b *Billing) hourlyRates(ctx context.Context) (map[string]float64, error) {
	rates := map[string]float64{}
	for svc, r := range baseHourly {
		rates[svc] = r
	}
	for _, src := range b.sources {
		r, err := src.HourlyUSD(ctx)
		if err != nil {
			return nil, fmt.Errorf("cost of %s: %w", src.ServiceName(), err)
		}
		rates[src.ServiceName()] += r
	}
	return rates, nil
}

func cents(v float64) float64 { return math.Round(v*100) / 100 }

func monthOf(t time.Time) string { return t.UTC().Format("2006-01") }

func monthStart(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
