package labcheck

import (
	"context"
	"fmt"
	"strconv"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/model/lab"
)

func (c *Checker) billingAlerts(ctx context.Context, b *lab.BillingAlertsCheck) Result {
	p, err := c.State.BillingPreferences(ctx)
	if err != nil {
		return callFailed(err)
	}
	if p.ReceiveBillingAlerts != b.Enabled {
		return fail("LabReasonBillingAlerts", "Want", b.Enabled)
	}
	return pass()
}

// cloudWatches are the regions an alarm or topic may live in: the home region, and
// us-east-1, where real AWS keeps billing metrics and so billing alarms and topics.
func (c *Checker) cloudWatches() []backend.CloudWatch {
	out := []backend.CloudWatch{c.State}
	if c.State.Info().Region != model.BillingRegion {
		out = append(out, c.State.CloudWatchIn(model.BillingRegion))
	}
	return out
}

func (c *Checker) alarm(ctx context.Context, a *lab.AlarmCheck, v Vars) Result {
	name := v.Expand(a.Name)
	var got *model.Alarm
	for _, cw := range c.cloudWatches() {
		al, err := cw.GetAlarm(ctx, name)
		if err == nil {
			got = &al
			break
		}
		if !notFound(err) {
			return callFailed(err)
		}
	}
	if got == nil {
		return fail("LabReasonAlarmMissing", "Name", name)
	}
	field := func(f, want, have string) Result {
		return fail("LabReasonAlarmField", "Name", name, "Field", f, "Want", want, "Got", have)
	}
	switch {
	case a.Namespace != "" && got.Metric.Namespace != v.Expand(a.Namespace):
		return field("namespace", v.Expand(a.Namespace), got.Metric.Namespace)
	case a.Metric != "" && got.Metric.MetricName != v.Expand(a.Metric):
		return field("metric", v.Expand(a.Metric), got.Metric.MetricName)
	case a.Statistic != "" && got.Statistic != a.Statistic:
		return field("statistic", a.Statistic, got.Statistic)
	case a.Period != 0 && got.Period != a.Period:
		return field("period", strconv.Itoa(a.Period), strconv.Itoa(got.Period))
	case a.EvaluationPeriods != 0 && got.EvaluationPeriods != a.EvaluationPeriods:
		return field("evaluation_periods", strconv.Itoa(a.EvaluationPeriods), strconv.Itoa(got.EvaluationPeriods))
	case a.Comparison != "" && got.ComparisonOperator != a.Comparison:
		return field("comparison", a.Comparison, got.ComparisonOperator)
	case a.Threshold != nil && got.Threshold != *a.Threshold:
		return field("threshold", fmt.Sprint(*a.Threshold), got.ThresholdText())
	case a.State != "" && string(got.State) != a.State:
		return field("state", a.State, string(got.State))
	case a.HasAction && len(got.AlarmActions) == 0:
		return fail("LabReasonAlarmNoAction", "Name", name)
	}
	for _, k := range sortedKeys(a.Dimensions) {
		if want := v.Expand(a.Dimensions[k]); got.Metric.DimensionValue(k) != want {
			return field(k, want, got.Metric.DimensionValue(k))
		}
	}
	return pass()
}

func (c *Checker) subscription(ctx context.Context, s *lab.SubscriptionCheck, v Vars) Result {
	sawPending := false
	snss := []backend.SNS{c.State}
	if c.State.Info().Region != model.BillingRegion {
		snss = append(snss, c.State.SNSIn(model.BillingRegion))
	}
	for _, sn := range snss {
		topics, err := allTopics(ctx, sn)
		if err != nil {
			return callFailed(err)
		}
		for _, t := range topics {
			subs, err := sn.ListSubscriptions(ctx, t.Arn, model.PageRequest{})
			if err != nil {
				return callFailed(err)
			}
			for _, sub := range subs.Items {
				if s.Protocol != "" && sub.Protocol != s.Protocol {
					continue
				}
				if !s.Confirmed || !sub.Pending() {
					return pass()
				}
				sawPending = true
			}
		}
	}
	if sawPending {
		return fail("LabReasonSubscriptionPending", "Protocol", s.Protocol)
	}
	return fail("LabReasonNoSubscription", "Protocol", s.Protocol)
}

func allTopics(ctx context.Context, sn backend.SNS) ([]model.Topic, error) {
	var out []model.Topic
	req := model.PageRequest{}
	for range 20 {
		p, err := sn.ListTopics(ctx, req)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if p.NextToken == "" {
			break
		}
		req.Token = p.NextToken
	}
	return out, nil
}
