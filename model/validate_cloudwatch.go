package model

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CloudWatch limits from the API model (AlarmName, AlarmDescription, ResourceList…).
const (
	MaxAlarmNameLen        = 255
	MaxAlarmDescriptionLen = 1024
	MaxAlarmActions        = 5
	MaxActionArnLen        = 1024
	MaxMetricNameLen       = 255
	MaxDimensions          = 30
	MaxDimensionValueLen   = 1024
	// MaxAlarmWindow is the longest Period×EvaluationPeriods; MaxShortPeriodWindow
	// applies when Period is under an hour.
	MaxAlarmWindow       = 7 * 24 * 3600
	MaxShortPeriodWindow = 24 * 3600
)

// AlarmInput is a metric alarm as PutMetricAlarm takes it (create or overwrite).
type AlarmInput struct {
	Name        string
	Description string
	// ActionsDisabled is the inverse of ActionsEnabled, so the zero value matches
	// AWS's default (actions enabled).
	ActionsDisabled         bool
	OKActions               []string
	AlarmActions            []string
	InsufficientDataActions []string
	Metric                  Metric
	Statistic               string
	Period                  int
	EvaluationPeriods       int
	DatapointsToAlarm       int // 0 = same as EvaluationPeriods
	Threshold               float64
	ComparisonOperator      string
	TreatMissingData        string // "" = missing
	Unit                    string
	Tags                    []Tag
}

// Validate applies CloudWatch's PutMetricAlarm rules to what the wizard collected;
// region is where the alarm will live (alarm actions must be in it), "" to skip that.
func (a AlarmInput) Validate(region string) error {
	var errs Errors
	errs.Add(ValidateAlarmName(a.Name))
	errs.Add(ValidateAlarmDescription(a.Description))
	errs.Add(ValidateMetric(a.Metric))
	errs.Add(ValidateStatistic(a.Statistic))
	errs.Add(ValidateAlarmPeriods(a.Period, a.EvaluationPeriods, a.DatapointsToAlarm))
	errs.Add(ValidateComparisonOperator(a.ComparisonOperator))
	if a.TreatMissingData != "" {
		errs.Add(ValidateTreatMissingData(a.TreatMissingData))
	}
	errs.Add(ValidateAlarmActions("OKActions", "oKActions", a.OKActions, region))
	errs.Add(ValidateAlarmActions("AlarmActions", "alarmActions", a.AlarmActions, region))
	errs.Add(ValidateAlarmActions("InsufficientDataActions", "insufficientDataActions", a.InsufficientDataActions, region))
	return errs.Err()
}

func awsMinValueMsg(value int, member string, min int) string {
	return fmt.Sprintf("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %d", value, member, min)
}

func awsEnumMsg(value, member string, set []string) string {
	return fmt.Sprintf("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [%s]", value, member, strings.Join(set, ", "))
}

// ValidateAlarmName: 1–255 characters, unique per Region, UTF-8 without ASCII
// control characters.
func ValidateAlarmName(name string) error {
	n := utf8.RuneCountInString(name)
	switch {
	case n == 0:
		return &FieldError{Field: "AlarmName", ID: "ValidateRequired", AWS: awsLengthMsg(name, "alarmName", 1, MaxAlarmNameLen)}
	case n > MaxAlarmNameLen:
		return &FieldError{Field: "AlarmName", ID: "ValidateAlarmNameLength", Data: map[string]any{"Max": MaxAlarmNameLen}, AWS: awsLengthMsg(name, "alarmName", 1, MaxAlarmNameLen)}
	case !utf8.ValidString(name) || strings.IndexFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0:
		// AWS's exact wording for this case is not published; this names the rule.
		return &FieldError{Field: "AlarmName", ID: "ValidateAlarmNameChars", AWS: "The alarm name must contain only UTF-8 characters, and can't contain ASCII control characters"}
	}
	return nil
}

// ValidateAlarmDescription: at most 1024 characters (the console counts "0/1024").
func ValidateAlarmDescription(d string) error {
	if utf8.RuneCountInString(d) > MaxAlarmDescriptionLen {
		return &FieldError{Field: "AlarmDescription", ID: "ValidateAlarmDescriptionLength", Data: map[string]any{"Max": MaxAlarmDescriptionLen}, AWS: awsLengthMsg(d, "alarmDescription", 0, MaxAlarmDescriptionLen)}
	}
	return nil
}

// ParseThreshold reads the threshold field of the wizard: it must be a number
// ("Must be a number" under the field in the console).
func ParseThreshold(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, &FieldError{Field: "Threshold", ID: "ValidateThresholdNumber", AWS: fmt.Sprintf("The value %s for parameter Threshold is invalid.", s)}
	}
	return f, nil
}

// ValidateMetric applies the Metric shape's limits: names 1–255, a namespace that
// does not start with ':', at most 30 dimensions of 1–255/1–1024 characters.
func ValidateMetric(m Metric) error {
	switch n := utf8.RuneCountInString(m.Namespace); {
	case n == 0:
		return &FieldError{Field: "Namespace", ID: "ValidateRequired", AWS: awsLengthMsg(m.Namespace, "namespace", 1, MaxMetricNameLen)}
	case n > MaxMetricNameLen:
		return &FieldError{Field: "Namespace", ID: "ValidateMetricNameLength", Data: map[string]any{"Max": MaxMetricNameLen}, AWS: awsLengthMsg(m.Namespace, "namespace", 1, MaxMetricNameLen)}
	case m.Namespace[0] == ':':
		return &FieldError{Field: "Namespace", ID: "ValidateNamespaceChars", AWS: awsPatternMsg(m.Namespace, "namespace", "[^:].*")}
	}
	switch n := utf8.RuneCountInString(m.MetricName); {
	case n == 0:
		return &FieldError{Field: "MetricName", ID: "ValidateRequired", AWS: awsLengthMsg(m.MetricName, "metricName", 1, MaxMetricNameLen)}
	case n > MaxMetricNameLen:
		return &FieldError{Field: "MetricName", ID: "ValidateMetricNameLength", Data: map[string]any{"Max": MaxMetricNameLen}, AWS: awsLengthMsg(m.MetricName, "metricName", 1, MaxMetricNameLen)}
	}
	return ValidateDimensions(m.Dimensions)
}

// ValidateDimensions applies the Dimensions list limits.
func ValidateDimensions(ds []Dimension) error {
	if len(ds) > MaxDimensions {
		return &FieldError{Field: "Dimensions", ID: "ValidateDimensionsTooMany", Data: map[string]any{"Max": MaxDimensions},
			AWS: fmt.Sprintf("1 validation error detected: Value at 'dimensions' failed to satisfy constraint: Member must have length less than or equal to %d", MaxDimensions)}
	}
	for _, d := range ds {
		if n := utf8.RuneCountInString(d.Name); n == 0 || n > MaxMetricNameLen {
			return &FieldError{Field: "Dimensions", ID: "ValidateDimension", AWS: awsLengthMsg(d.Name, "dimensions.member.name", 1, MaxMetricNameLen)}
		}
		if n := utf8.RuneCountInString(d.Value); n == 0 || n > MaxDimensionValueLen {
			return &FieldError{Field: "Dimensions", ID: "ValidateDimension", AWS: awsLengthMsg(d.Value, "dimensions.member.value", 1, MaxDimensionValueLen)}
		}
	}
	return nil
}

// ValidateStatistic accepts the five standard statistics.
func ValidateStatistic(s string) error {
	if !slices.Contains(Statistics, s) {
		return &FieldError{Field: "Statistic", ID: "ValidateStatistic", AWS: awsEnumMsg(s, "statistic", Statistics)}
	}
	return nil
}

// comparisonOperators is the model's ComparisonOperator enum, anomaly-band ones
// included (the simulator accepts them on the wire but evaluates only static ones).
var comparisonOperators = []string{GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold,
	"LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold"}

// ValidateComparisonOperator accepts the model's ComparisonOperator values.
func ValidateComparisonOperator(op string) error {
	if !slices.Contains(comparisonOperators, op) {
		return &FieldError{Field: "ComparisonOperator", ID: "ValidateComparisonOperator", AWS: awsEnumMsg(op, "comparisonOperator", comparisonOperators)}
	}
	return nil
}

// ValidateTreatMissingData accepts breaching, notBreaching, ignore and missing.
func ValidateTreatMissingData(v string) error {
	if !slices.Contains(TreatMissingDataValues, v) {
		return &FieldError{Field: "TreatMissingData", ID: "ValidateTreatMissingData",
			AWS: fmt.Sprintf("Option %s is not supported. Supported options for parameter TreatMissingData are: missing, ignore, breaching and notBreaching.", v)}
	}
	return nil
}

// ValidatePeriod: 10, 20, 30 or a multiple of 60 seconds.
func ValidatePeriod(p int) error {
	switch {
	case p < 1:
		return &FieldError{Field: "Period", ID: "ValidatePeriod", AWS: awsMinValueMsg(p, "period", 1)}
	case p != 10 && p != 20 && p != 30 && p%60 != 0:
		return &FieldError{Field: "Period", ID: "ValidatePeriod", AWS: "Period must be 10, 30 or a multiple of 60"}
	}
	return nil
}

// ValidateAlarmPeriods checks Period, EvaluationPeriods (N) and DatapointsToAlarm
// (M, 0 = N) together: M ≤ N, and the evaluation range Period×N is at most 7 days
// (one day when Period is under an hour).
func ValidateAlarmPeriods(period, evaluationPeriods, datapointsToAlarm int) error {
	if err := ValidatePeriod(period); err != nil {
		return err
	}
	if evaluationPeriods < 1 {
		return &FieldError{Field: "EvaluationPeriods", ID: "ValidateEvaluationPeriods", AWS: awsMinValueMsg(evaluationPeriods, "evaluationPeriods", 1)}
	}
	if datapointsToAlarm < 0 {
		return &FieldError{Field: "DatapointsToAlarm", ID: "ValidateDatapointsToAlarm", AWS: awsMinValueMsg(datapointsToAlarm, "datapointsToAlarm", 1)}
	}
	if datapointsToAlarm > evaluationPeriods {
		return &FieldError{Field: "DatapointsToAlarm", ID: "ValidateDatapointsToAlarm", AWS: "DatapointsToAlarm must be less than or equal to EvaluationPeriods"}
	}
	window := int64(period) * int64(evaluationPeriods)
	if period < 3600 && window > MaxShortPeriodWindow {
		return &FieldError{Field: "EvaluationPeriods", ID: "ValidateAlarmWindow", Data: map[string]any{"Max": "1 day"},
			AWS: fmt.Sprintf("Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= %d)", MaxShortPeriodWindow)}
	}
	if window > MaxAlarmWindow {
		return &FieldError{Field: "EvaluationPeriods", ID: "ValidateAlarmWindow", Data: map[string]any{"Max": "7 days"},
			AWS: fmt.Sprintf("Metrics cannot be checked across more than 7 days (EvaluationPeriods * Period must be <= %d)", MaxAlarmWindow)}
	}
	return nil
}

// ValidateAlarmActions checks one action list: at most 5 ARNs of 1–1024 characters,
// each an ARN, and in the alarm's own region (CloudWatch cannot notify a topic in
// another region). member is the list's lowerCamel wire name.
func ValidateAlarmActions(field, member string, arns []string, region string) error {
	if len(arns) > MaxAlarmActions {
		return &FieldError{Field: field, ID: "ValidateAlarmActionsTooMany", Data: map[string]any{"Max": MaxAlarmActions},
			AWS: fmt.Sprintf("1 validation error detected: Value '[%s]' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", strings.Join(arns, ", "), member, MaxAlarmActions)}
	}
	for _, a := range arns {
		if n := len(a); n == 0 || n > MaxActionArnLen {
			return &FieldError{Field: field, ID: "ValidateAlarmActionArn", AWS: awsLengthMsg(a, member+".member", 1, MaxActionArnLen)}
		}
		parts := strings.SplitN(a, ":", 6)
		if len(parts) < 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" {
			return &FieldError{Field: field, ID: "ValidateAlarmActionArn", AWS: "Invalid arn syntax: " + a}
		}
		if region != "" && parts[3] != "" && parts[3] != region {
			return &FieldError{Field: field, ID: "ValidateAlarmActionRegion", Data: map[string]any{"Region": region},
				AWS: fmt.Sprintf("Invalid region %s specified. Only %s is supported.", parts[3], region)}
		}
	}
	return nil
}
