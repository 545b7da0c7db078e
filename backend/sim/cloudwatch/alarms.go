package cloudwatch

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// Alarm states and the reason AWS gives a new alarm.
const (
	stateOK           = "OK"
	stateAlarm        = "ALARM"
	stateInsufficient = "INSUFFICIENT_DATA"
	initialReason     = "Unchecked: Initial alarm creation"
	// maxAlarms is the simulator's alarms-per-region quota.
	maxAlarms = 5000
)

type alarmKey struct{ region, name string }

// alarmConfig is what PutMetricAlarm sets (and overwrites as a whole).
type alarmConfig struct {
	AlarmName                        string
	AlarmArn                         string
	AlarmDescription                 *string `json:",omitempty"`
	ActionsEnabled                   bool
	OKActions                        []string
	AlarmActions                     []string
	InsufficientDataActions          []string
	MetricName                       string `json:",omitempty"`
	Namespace                        string `json:",omitempty"`
	Statistic                        string `json:",omitempty"`
	Dimensions                       []Dimension
	Period                           int32  `json:",omitempty"`
	Unit                             string `json:",omitempty"`
	EvaluationPeriods                int32
	DatapointsToAlarm                *int32   `json:",omitempty"`
	Threshold                        *float64 `json:",omitempty"`
	ComparisonOperator               string
	TreatMissingData                 string
	EvaluateLowSampleCountPercentile string            `json:",omitempty"`
	Metrics                          []MetricDataQuery `json:",omitempty"`
	ThresholdMetricId                string            `json:",omitempty"`
}

// alarm is a metric alarm with its state.
type alarm struct {
	region            string
	cfg               alarmConfig
	state             string
	reason            string
	reasonData        string
	stateUpdated      time.Time
	stateTransitioned time.Time
	configUpdated     time.Time
	lastEvalMinute    int64 // in memory only: a restart re-evaluates, which is harmless
	key               *seriesKey
}

// cachedSeries is the series the alarm watches: its key is computed once, the
// series looked up on every evaluation (its data may arrive after the alarm).
func (a *alarm) cachedSeries(s *Service, ns, name string, dims []Dimension) *series {
	if a.key == nil {
		r, ok := s.storageRegion(a.region, ns)
		if !ok {
			return nil
		}
		k, _ := keyOf(r, ns, name, dims)
		a.key = &k
	}
	return s.metrics.byKey[*a.key]
}

// m is M of "M out of N": DatapointsToAlarm, defaulting to EvaluationPeriods.
func (a *alarm) m() int {
	if a.cfg.DatapointsToAlarm != nil {
		return int(*a.cfg.DatapointsToAlarm)
	}
	return int(a.cfg.EvaluationPeriods)
}

func (a *alarm) wire() MetricAlarm {
	c := a.cfg
	out := MetricAlarm{
		AlarmName: ptr(c.AlarmName), AlarmArn: ptr(c.AlarmArn), AlarmDescription: c.AlarmDescription,
		AlarmConfigurationUpdatedTimestamp: ptr(a.configUpdated), ActionsEnabled: ptr(c.ActionsEnabled),
		OKActions: nonNil(c.OKActions), AlarmActions: nonNil(c.AlarmActions), InsufficientDataActions: nonNil(c.InsufficientDataActions),
		StateValue: ptr(a.state), StateReason: ptr(a.reason), StateUpdatedTimestamp: ptr(a.stateUpdated),
		Dimensions: nonNil(c.Dimensions), EvaluationPeriods: ptr(c.EvaluationPeriods), Threshold: c.Threshold,
		ComparisonOperator: ptr(c.ComparisonOperator), TreatMissingData: ptr(c.TreatMissingData),
		DatapointsToAlarm: c.DatapointsToAlarm, Metrics: c.Metrics, StateTransitionedTimestamp: ptr(a.stateTransitioned),
	}
	if a.reasonData != "" {
		out.StateReasonData = ptr(a.reasonData)
	}
	if c.MetricName != "" {
		out.MetricName, out.Namespace, out.Period = ptr(c.MetricName), ptr(c.Namespace), ptr(c.Period)
	}
	if c.Statistic != "" {
		out.Statistic = ptr(c.Statistic)
	}
	if c.Unit != "" {
		out.Unit = ptr(c.Unit)
	}
	if c.EvaluateLowSampleCountPercentile != "" {
		out.EvaluateLowSampleCountPercentile = ptr(c.EvaluateLowSampleCountPercentile)
	}
	if c.ThresholdMetricId != "" {
		out.ThresholdMetricId = ptr(c.ThresholdMetricId)
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Service) alarmArn(region, name string) string {
	return fmt.Sprintf("arn:aws:cloudwatch:%s:%s:alarm:%s", region, s.account, name)
}

type putMetricAlarmInput struct {
	AlarmName                        *string
	AlarmDescription                 *string
	ActionsEnabled                   *bool
	OKActions                        []string
	AlarmActions                     []string
	InsufficientDataActions          []string
	MetricName                       *string
	Namespace                        *string
	Statistic                        *string
	ExtendedStatistic                *string
	Dimensions                       []Dimension
	Period                           *int32
	Unit                             *string
	EvaluationPeriods                *int32
	DatapointsToAlarm                *int32
	Threshold                        *float64
	ComparisonOperator               *string
	TreatMissingData                 *string
	EvaluateLowSampleCountPercentile *string
	Metrics                          []MetricDataQuery
	Tags                             []Tag
	ThresholdMetricId                *string
}

type putMetricAlarmOutput struct{}

// validateAlarm applies PutMetricAlarm's rules in the order AWS reports them and
// returns the configuration to store.
func (s *Service) validateAlarm(region string, in *putMetricAlarmInput) (alarmConfig, error) {
	if in.AlarmName == nil {
		return alarmConfig{}, missingParameter("AlarmName")
	}
	cfg := alarmConfig{AlarmName: *in.AlarmName, AlarmArn: s.alarmArn(region, *in.AlarmName), AlarmDescription: in.AlarmDescription,
		ActionsEnabled: in.ActionsEnabled == nil || *in.ActionsEnabled, OKActions: in.OKActions, AlarmActions: in.AlarmActions,
		InsufficientDataActions: in.InsufficientDataActions, Dimensions: in.Dimensions, DatapointsToAlarm: in.DatapointsToAlarm,
		Threshold: in.Threshold, TreatMissingData: "missing", Metrics: in.Metrics,
		MetricName: deref(in.MetricName), Namespace: deref(in.Namespace), Statistic: deref(in.Statistic), Unit: deref(in.Unit),
		EvaluateLowSampleCountPercentile: deref(in.EvaluateLowSampleCountPercentile), ThresholdMetricId: deref(in.ThresholdMetricId)}
	if err := fromModel(model.ValidateAlarmName(cfg.AlarmName)); err != nil {
		return cfg, err
	}
	if err := fromModel(model.ValidateAlarmDescription(deref(in.AlarmDescription))); err != nil {
		return cfg, err
	}
	if in.EvaluationPeriods == nil {
		return cfg, validationError("1 validation error detected: Value null at 'evaluationPeriods' failed to satisfy constraint: Member must not be null")
	}
	cfg.EvaluationPeriods = *in.EvaluationPeriods
	if in.ComparisonOperator == nil {
		return cfg, validationError("1 validation error detected: Value null at 'comparisonOperator' failed to satisfy constraint: Member must not be null")
	}
	cfg.ComparisonOperator = *in.ComparisonOperator
	if err := fromModel(model.ValidateComparisonOperator(cfg.ComparisonOperator)); err != nil {
		return cfg, err
	}
	if in.TreatMissingData != nil {
		cfg.TreatMissingData = *in.TreatMissingData
		if err := fromModel(model.ValidateTreatMissingData(cfg.TreatMissingData)); err != nil {
			return cfg, err
		}
	}
	for _, l := range []struct {
		field, member string
		arns          []string
	}{{"OKActions", "oKActions", in.OKActions}, {"AlarmActions", "alarmActions", in.AlarmActions}, {"InsufficientDataActions", "insufficientDataActions", in.InsufficientDataActions}} {
		if err := fromModel(model.ValidateAlarmActions(l.field, l.member, l.arns, region)); err != nil {
			return cfg, err
		}
	}
	if err := validateUnit("unit", in.Unit); err != nil {
		return cfg, err
	}
	if err := s.validateAlarmMetric(&cfg, in); err != nil {
		return cfg, err
	}
	dta := 0
	if in.DatapointsToAlarm != nil {
		if dta = int(*in.DatapointsToAlarm); dta < 1 {
			return cfg, validationError("1 validation error detected: Value '%d' at 'datapointsToAlarm' failed to satisfy constraint: Member must have value greater than or equal to 1", dta)
		}
	}
	period := int(cfg.Period)
	if period == 0 && len(cfg.Metrics) > 0 {
		period = int(deref(cfg.Metrics[0].MetricStat.Period))
	}
	if err := fromModel(model.ValidateAlarmPeriods(period, int(cfg.EvaluationPeriods), dta)); err != nil {
		return cfg, err
	}
	if in.Threshold == nil && in.ThresholdMetricId == nil {
		return cfg, validationError("Comparison operator %s requires a Threshold.", cfg.ComparisonOperator)
	}
	return cfg, nil
}

// validateAlarmMetric checks the watched metric: either MetricName/Namespace/
// Statistic/Period, or Metrics holding one MetricStat query.
func (s *Service) validateAlarmMetric(cfg *alarmConfig, in *putMetricAlarmInput) error {
	if len(in.Metrics) > 0 {
		if in.MetricName != nil || in.Namespace != nil || in.Statistic != nil || in.Period != nil || len(in.Dimensions) > 0 {
			return validationError("Metrics list cannot be combined with MetricName, Namespace, Statistic, Period or Dimensions.")
		}
		if err := validateQueries("Metrics", in.Metrics); err != nil {
			return err
		}
		return nil
	}
	if in.ExtendedStatistic != nil {
		return validationError("The simulator does not evaluate percentile alarms (ExtendedStatistic %s); use Statistic.", *in.ExtendedStatistic)
	}
	switch {
	case in.MetricName == nil:
		return validationError("MetricName must be specified when Metrics is not.")
	case in.Namespace == nil:
		return validationError("Namespace must be specified when Metrics is not.")
	case in.Statistic == nil:
		return validationError("Statistic or ExtendedStatistic must be specified.")
	case in.Period == nil:
		return validationError("Period must be specified when Metrics is not.")
	}
	cfg.Period = *in.Period
	m := model.Metric{Namespace: *in.Namespace, MetricName: *in.MetricName, Dimensions: modelDims(in.Dimensions)}
	if err := fromModel(model.ValidateMetric(m)); err != nil {
		return err
	}
	return fromModel(model.ValidateStatistic(*in.Statistic))
}

func (s *Service) putMetricAlarm(c *service.Call, in *putMetricAlarmInput) (*putMetricAlarmOutput, error) {
	cfg, err := s.validateAlarm(c.Region, in)
	if err != nil {
		return nil, err
	}
	if err := fromModel(model.ValidateTags(modelTags(in.Tags))); err != nil {
		return nil, err
	}
	if err := c.Authorize("cloudwatch:PutMetricAlarm", cfg.AlarmArn); err != nil {
		return nil, err
	}
	if len(in.Tags) > 0 {
		if err := c.Authorize("cloudwatch:TagResource", cfg.AlarmArn); err != nil {
			return nil, err
		}
	}
	now := c.Now
	s.mu.Lock()
	defer s.mu.Unlock()
	k := alarmKey{c.Region, cfg.AlarmName}
	old := s.alarms[k]
	a := &alarm{region: c.Region, cfg: cfg, state: stateInsufficient, reason: initialReason, stateUpdated: now, stateTransitioned: now, configUpdated: now}
	kind := "Create"
	if old != nil {
		// An update keeps the alarm's state; only the configuration changes.
		kind = "Update"
		a.state, a.reason, a.reasonData, a.stateUpdated, a.stateTransitioned = old.state, old.reason, old.reasonData, old.stateUpdated, old.stateTransitioned
	} else if s.countAlarms(c.Region) >= maxAlarms {
		return nil, limitExceeded("The maximum number of alarms for this account has been reached.")
	}
	err = s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		if err := saveAlarm(c.Ctx, tx, a); err != nil {
			return err
		}
		if err := addHistory(c.Ctx, tx, a.region, cfg.AlarmName, now, "ConfigurationUpdate", configSummary(cfg.AlarmName, kind), configData(a, old, kind)); err != nil {
			return err
		}
		return setTags(c.Ctx, tx, cfg.AlarmArn, in.Tags)
	})
	if err != nil {
		return nil, err
	}
	s.alarms[k] = a
	return &putMetricAlarmOutput{}, nil
}

func (s *Service) countAlarms(region string) int {
	n := 0
	for k := range s.alarms {
		if k.region == region {
			n++
		}
	}
	return n
}

func configSummary(name, kind string) string {
	if kind == "Create" {
		return fmt.Sprintf("Alarm %q created", name)
	}
	return fmt.Sprintf("Alarm %q updated", name)
}

// configData is the HistoryData of a ConfigurationUpdate: the alarm as created, or
// the original and updated configurations.
func configData(a, old *alarm, kind string) string {
	doc := map[string]any{"version": "1.0", "type": kind}
	if kind == "Create" {
		doc["createdAlarm"] = a.wire()
	} else {
		doc["originalAlarm"] = old.wire()
		doc["updatedAlarm"] = a.wire()
	}
	b, _ := json.Marshal(doc)
	return string(b)
}

func saveAlarm(ctx context.Context, tx *sql.Tx, a *alarm) error {
	cfg, err := json.Marshal(a.cfg)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO cloudwatch_alarms(region, name, config, state, state_reason, state_reason_data, state_updated, state_transitioned, config_updated)
		VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(region, name) DO UPDATE SET config = excluded.config, state = excluded.state,
		state_reason = excluded.state_reason, state_reason_data = excluded.state_reason_data, state_updated = excluded.state_updated,
		state_transitioned = excluded.state_transitioned, config_updated = excluded.config_updated`,
		a.region, a.cfg.AlarmName, string(cfg), a.state, a.reason, a.reasonData, ms(a.stateUpdated), ms(a.stateTransitioned), ms(a.configUpdated))
	return err
}

func (s *Service) loadAlarms(ctx context.Context) error {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT region, config, state, state_reason, state_reason_data, state_updated, state_transitioned, config_updated FROM cloudwatch_alarms`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		a := &alarm{}
		var cfg string
		var su, st, cu int64
		if err := rows.Scan(&a.region, &cfg, &a.state, &a.reason, &a.reasonData, &su, &st, &cu); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(cfg), &a.cfg); err != nil {
			return fmt.Errorf("cloudwatch: alarm config: %w", err)
		}
		a.stateUpdated, a.stateTransitioned, a.configUpdated = fromMS(su), fromMS(st), fromMS(cu)
		s.alarms[alarmKey{a.region, a.cfg.AlarmName}] = a
	}
	return rows.Err()
}

// AlarmCount is how many alarms the account has in every region, for the billing
// model (alarms cost per alarm-month).
func (s *Service) AlarmCount() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.alarms)
}
