package cloudwatch

import (
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// defaultMaxRecords is DescribeAlarms' page size when MaxRecords is not given.
const defaultMaxRecords = 50

type describeAlarmsInput struct {
	AlarmNames          []string
	AlarmNamePrefix     *string
	AlarmTypes          []string
	ChildrenOfAlarmName *string
	ParentsOfAlarmName  *string
	StateValue          *string
	ActionPrefix        *string
	MaxRecords          *int32
	NextToken           *string
}

type describeAlarmsOutput struct {
	CompositeAlarms []struct{} `aws:"CompositeAlarms"`
	MetricAlarms    []MetricAlarm
	NextToken       *string
}

var stateValues = []string{stateOK, stateAlarm, stateInsufficient}

func validateState(member string, v *string) error {
	if v != nil && !slices.Contains(stateValues, *v) {
		return validationError("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]", *v, member)
	}
	return nil
}

func validateMaxRecords(v *int32) (int, error) {
	if v == nil {
		return defaultMaxRecords, nil
	}
	if *v < 1 || *v > 100 {
		return 0, validationError("1 validation error detected: Value '%d' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and 100", *v)
	}
	return int(*v), nil
}

// nameToken pages alarms by name: the token is the last name returned.
func nameToken(name string) *string {
	return ptr(base64.RawURLEncoding.EncodeToString([]byte(name)))
}

func parseNameToken(tok *string) (string, error) {
	if tok == nil {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(*tok)
	if err != nil || len(b) == 0 {
		return "", invalidNextToken()
	}
	return string(b), nil
}

func (s *Service) describeAlarms(c *service.Call, in *describeAlarmsInput) (*describeAlarmsOutput, error) {
	if len(in.AlarmNames) > 100 {
		return nil, validationError("1 validation error detected: Value at 'alarmNames' failed to satisfy constraint: Member must have length less than or equal to 100")
	}
	if in.AlarmNames != nil && in.AlarmNamePrefix != nil {
		return nil, invalidParameterCombination("AlarmNamePrefix and AlarmNames cannot be specified together.")
	}
	if err := validateState("stateValue", in.StateValue); err != nil {
		return nil, err
	}
	for _, t := range in.AlarmTypes {
		if t != "MetricAlarm" && t != "CompositeAlarm" && t != "LogAlarm" {
			return nil, validationError("1 validation error detected: Value '[%s]' at 'alarmTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [CompositeAlarm, MetricAlarm, LogAlarm]]", strings.Join(in.AlarmTypes, ", "))
		}
	}
	limit, err := validateMaxRecords(in.MaxRecords)
	if err != nil {
		return nil, err
	}
	after, err := parseNameToken(in.NextToken)
	if err != nil {
		return nil, err
	}
	if err := c.Authorize("cloudwatch:DescribeAlarms", s.alarmArn(c.Region, "*")); err != nil {
		return nil, err
	}
	out := &describeAlarmsOutput{MetricAlarms: []MetricAlarm{}}
	if len(in.AlarmTypes) > 0 && !slices.Contains(in.AlarmTypes, "MetricAlarm") {
		out.CompositeAlarms = []struct{}{}
		return out, nil
	}
	if slices.Contains(in.AlarmTypes, "CompositeAlarm") {
		out.CompositeAlarms = []struct{}{}
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var picked []*alarm
	for k, a := range s.alarms {
		if k.region != c.Region || k.name <= after && after != "" {
			continue
		}
		if in.AlarmNames != nil && !slices.Contains(in.AlarmNames, k.name) {
			continue
		}
		if in.AlarmNamePrefix != nil && !strings.HasPrefix(k.name, *in.AlarmNamePrefix) {
			continue
		}
		if in.StateValue != nil && a.state != *in.StateValue {
			continue
		}
		if in.ActionPrefix != nil && !hasActionPrefix(a, *in.ActionPrefix) {
			continue
		}
		picked = append(picked, a)
	}
	slices.SortFunc(picked, func(a, b *alarm) int { return strings.Compare(a.cfg.AlarmName, b.cfg.AlarmName) })
	if len(picked) > limit {
		picked = picked[:limit]
		out.NextToken = nameToken(picked[limit-1].cfg.AlarmName)
	}
	for _, a := range picked {
		out.MetricAlarms = append(out.MetricAlarms, a.wire())
	}
	return out, nil
}

func hasActionPrefix(a *alarm, prefix string) bool {
	for _, l := range [][]string{a.cfg.OKActions, a.cfg.AlarmActions, a.cfg.InsufficientDataActions} {
		for _, arn := range l {
			if strings.HasPrefix(arn, prefix) {
				return true
			}
		}
	}
	return false
}

type describeAlarmsForMetricInput struct {
	MetricName        *string
	Namespace         *string
	Statistic         *string
	ExtendedStatistic *string
	Dimensions        []Dimension
	Period            *int32
	Unit              *string
}

type describeAlarmsForMetricOutput struct {
	MetricAlarms []MetricAlarm
}

func (s *Service) describeAlarmsForMetric(c *service.Call, in *describeAlarmsForMetricInput) (*describeAlarmsForMetricOutput, error) {
	if in.MetricName == nil {
		return nil, missingParameter("MetricName")
	}
	if in.Namespace == nil {
		return nil, missingParameter("Namespace")
	}
	if err := c.Authorize("cloudwatch:DescribeAlarmsForMetric", ""); err != nil {
		return nil, err
	}
	want, _ := keyOf("", *in.Namespace, *in.MetricName, in.Dimensions)
	out := &describeAlarmsForMetricOutput{MetricAlarms: []MetricAlarm{}}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var picked []*alarm
	for k, a := range s.alarms {
		if k.region != c.Region || a.cfg.MetricName != *in.MetricName || a.cfg.Namespace != *in.Namespace {
			continue
		}
		if got, _ := keyOf("", a.cfg.Namespace, a.cfg.MetricName, a.cfg.Dimensions); got != want {
			continue
		}
		if (in.Statistic != nil && a.cfg.Statistic != *in.Statistic) || (in.Period != nil && a.cfg.Period != *in.Period) || (in.Unit != nil && a.cfg.Unit != *in.Unit) {
			continue
		}
		picked = append(picked, a)
	}
	slices.SortFunc(picked, func(a, b *alarm) int { return strings.Compare(a.cfg.AlarmName, b.cfg.AlarmName) })
	for _, a := range picked {
		out.MetricAlarms = append(out.MetricAlarms, a.wire())
	}
	return out, nil
}

type alarmNamesInput struct {
	AlarmNames []string
}

type emptyOutput struct{}

// deleteAlarms deletes all the named alarms or, when one does not exist, none.
func (s *Service) deleteAlarms(c *service.Call, in *alarmNamesInput) (*emptyOutput, error) {
	if in.AlarmNames == nil {
		return nil, missingParameter("AlarmNames")
	}
	if len(in.AlarmNames) > 100 {
		return nil, validationError("1 validation error detected: Value at 'alarmNames' failed to satisfy constraint: Member must have length less than or equal to 100")
	}
	for _, n := range in.AlarmNames {
		if err := c.Authorize("cloudwatch:DeleteAlarms", s.alarmArn(c.Region, n)); err != nil {
			return nil, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var missing []string
	for _, n := range in.AlarmNames {
		if s.alarms[alarmKey{c.Region, n}] == nil {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return nil, resourceNotFound("%d alarms do not exist: [%s]", len(missing), strings.Join(missing, ", "))
	}
	err := s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, n := range in.AlarmNames {
			if _, err := tx.ExecContext(c.Ctx, `DELETE FROM cloudwatch_alarms WHERE region = ? AND name = ?`, c.Region, n); err != nil {
				return err
			}
			if _, err := tx.ExecContext(c.Ctx, `DELETE FROM cloudwatch_tags WHERE arn = ?`, s.alarmArn(c.Region, n)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, n := range in.AlarmNames {
		delete(s.alarms, alarmKey{c.Region, n})
	}
	return &emptyOutput{}, nil
}

func (s *Service) enableAlarmActions(c *service.Call, in *alarmNamesInput) (*emptyOutput, error) {
	return s.setActionsEnabled(c, in, "cloudwatch:EnableAlarmActions", true)
}

func (s *Service) disableAlarmActions(c *service.Call, in *alarmNamesInput) (*emptyOutput, error) {
	return s.setActionsEnabled(c, in, "cloudwatch:DisableAlarmActions", false)
}

// setActionsEnabled flips ActionsEnabled of the named alarms; names that do not
// exist are ignored, as AWS does.
func (s *Service) setActionsEnabled(c *service.Call, in *alarmNamesInput, action string, on bool) (*emptyOutput, error) {
	if in.AlarmNames == nil {
		return nil, missingParameter("AlarmNames")
	}
	for _, n := range in.AlarmNames {
		if err := c.Authorize(action, s.alarmArn(c.Region, n)); err != nil {
			return nil, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var changed []*alarm
	err := s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, n := range in.AlarmNames {
			a := s.alarms[alarmKey{c.Region, n}]
			if a == nil || a.cfg.ActionsEnabled == on {
				continue
			}
			cp := *a
			cp.cfg.ActionsEnabled = on
			cp.configUpdated = c.Now
			if err := saveAlarm(c.Ctx, tx, &cp); err != nil {
				return err
			}
			if err := addHistory(c.Ctx, tx, c.Region, n, c.Now, "ConfigurationUpdate", configSummary(n, "Update"), configData(&cp, a, "Update")); err != nil {
				return err
			}
			changed = append(changed, &cp)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, a := range changed {
		s.alarms[alarmKey{a.region, a.cfg.AlarmName}] = a
	}
	return &emptyOutput{}, nil
}

type setAlarmStateInput struct {
	AlarmName       *string
	StateValue      *string
	StateReason     *string
	StateReasonData *string
}

// setAlarmState sets the state until the next evaluation, firing the state's
// actions as a real transition would (the usual way to test a notification).
func (s *Service) setAlarmState(c *service.Call, in *setAlarmStateInput) (*emptyOutput, error) {
	switch {
	case in.AlarmName == nil:
		return nil, missingParameter("AlarmName")
	case in.StateValue == nil:
		return nil, missingParameter("StateValue")
	case in.StateReason == nil:
		return nil, missingParameter("StateReason")
	}
	if err := validateState("stateValue", in.StateValue); err != nil {
		return nil, err
	}
	if len(*in.StateReason) > 1023 {
		return nil, validationError("1 validation error detected: Value '%s' at 'stateReason' failed to satisfy constraint: Member must have length less than or equal to 1023", *in.StateReason)
	}
	data := deref(in.StateReasonData)
	if data != "" && (len(data) > 4000 || !json.Valid([]byte(data))) {
		return nil, invalidFormat("Invalid JSON for StateReasonData: %s", truncate(data, 100))
	}
	if err := c.Authorize("cloudwatch:SetAlarmState", s.alarmArn(c.Region, *in.AlarmName)); err != nil {
		return nil, err
	}
	s.mu.Lock()
	a := s.alarms[alarmKey{c.Region, *in.AlarmName}]
	if a == nil {
		s.mu.Unlock()
		return nil, resourceNotFound("Alarm %s not found", *in.AlarmName)
	}
	t, err := s.transition(c.Ctx, a, *in.StateValue, *in.StateReason, data, c.Now)
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if t != nil {
		s.fireActions(c.Ctx, []*change{t})
	}
	return &emptyOutput{}, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
