package cloudwatch

import (
	"context"
	"errors"
	"strconv"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
	"github.com/labconsole/labconsole/ui/components/awscli"
)

// How step 2 sends the notification, as the console's three choices.
const (
	topicExisting = "existing"
	topicNew      = "new"
	topicARN      = "arn"
)

// defaultTopicName is the console's suggestion for a new topic.
const defaultTopicName = "Default_CloudWatch_Alarms_Topic"

// alarmPlan is what the four steps collected: everything the create calls need and
// the preview shows.
type alarmPlan struct {
	region      string // where the alarm (and a new topic) will live
	metric      model.Metric
	statistic   string
	period      int
	comparison  string
	threshold   float64
	trigger     model.AlarmState
	topicMode   string
	topicArn    string // the existing topic or the ARN typed
	newTopic    string
	emails      []string
	name        string
	description string
	account     string // for the new topic's ARN in the preview
}

// alarmRegion is where an alarm on metric must live. AWS publishes billing metrics
// in us-east-1 only, so on a real account a billing alarm (and its topic, which must
// be in the alarm's region) goes there whatever the console's region; the simulator
// serves them in every region, so there the console's region will do.
func alarmRegion(info backend.Info, m model.Metric) string {
	if m.Namespace == model.BillingNamespace && info.Mode == backend.ModeAWS {
		return model.BillingRegion
	}
	return info.Region
}

// plannedTopicArn is the topic the alarm will notify: the existing or typed one, or
// the new topic's ARN as SNS will make it.
func (p alarmPlan) plannedTopicArn() string {
	if p.topicMode == topicNew {
		account := p.account
		if account == "" {
			account = "<account-id>"
		}
		return "arn:aws:sns:" + p.region + ":" + account + ":" + p.newTopic
	}
	return p.topicArn
}

// input is the PutMetricAlarm input for notifying topicArn, with the console's
// defaults for what the wizard does not ask: 1 datapoint out of 1, missing data
// treated as missing.
func (p alarmPlan) input(topicArn string) model.AlarmInput {
	in := model.AlarmInput{
		Name: p.name, Description: p.description, Metric: p.metric, Statistic: p.statistic, Period: p.period,
		EvaluationPeriods: 1, DatapointsToAlarm: 1, Threshold: p.threshold, ComparisonOperator: p.comparison,
		TreatMissingData: "missing",
	}
	if topicArn != "" {
		switch p.trigger {
		case model.AlarmStateOK:
			in.OKActions = []string{topicArn}
		case model.AlarmStateInsufficientData:
			in.InsufficientDataActions = []string{topicArn}
		default:
			in.AlarmActions = []string{topicArn}
		}
	}
	return in
}

// commands are the AWS CLI equivalents of creating the plan, in order.
func (p alarmPlan) commands() []*awscli.Command {
	var cmds []*awscli.Command
	topic := p.plannedTopicArn()
	if p.topicMode == topicNew {
		cmds = append(cmds, awscli.New("sns", "create-topic").With("--name", p.newTopic))
		for _, e := range p.emails {
			cmds = append(cmds, awscli.New("sns", "subscribe").With("--topic-arn", topic).With("--protocol", "email").With("--notification-endpoint", e))
		}
	}
	in := p.input(topic)
	put := awscli.New("cloudwatch", "put-metric-alarm").With("--alarm-name", in.Name).With("--alarm-description", in.Description).
		With("--namespace", in.Metric.Namespace).With("--metric-name", in.Metric.MetricName)
	if len(in.Metric.Dimensions) > 0 {
		put.With("--dimensions", dimensionsArg(in.Metric))
	}
	put.With("--statistic", in.Statistic).With("--period", itoa(in.Period)).With("--evaluation-periods", itoa(in.EvaluationPeriods)).
		With("--datapoints-to-alarm", itoa(in.DatapointsToAlarm)).With("--threshold", thresholdText(in.Threshold)).
		With("--comparison-operator", in.ComparisonOperator).With("--treat-missing-data", in.TreatMissingData)
	for _, l := range []struct {
		flag string
		arns []string
	}{{"--alarm-actions", in.AlarmActions}, {"--ok-actions", in.OKActions}, {"--insufficient-data-actions", in.InsufficientDataActions}} {
		for _, a := range l.arns {
			put.With(l.flag, a)
		}
	}
	return append(cmds, put)
}

// dimensionsArg is the CLI's shorthand: Name=Currency,Value=USD (space-separated
// for several, each its own shell word).
func dimensionsArg(m model.Metric) string {
	out := ""
	for i, d := range m.Dimensions {
		if i > 0 {
			out += " "
		}
		out += "Name=" + d.Name + ",Value=" + d.Value
	}
	return out
}

// createResult is what the create calls made.
type createResult struct {
	topicArn     string
	createdTopic bool
}

// Which step a failure belongs to, so the wizard shows it there.
const (
	stepMetric = iota
	stepActions
	stepName
	stepPreview
)

// errNameTaken is the answer when an alarm of the name exists: PutMetricAlarm would
// silently overwrite it, as the console never does.
func errNameTaken(name string) error {
	return &model.FieldError{Field: "AlarmName", ID: "CWAlarmNameTaken", Data: map[string]any{"Name": name}}
}

// rollbackError is a failed create whose new topic was deleted again: err is AWS's
// answer to the call that failed (errors.As finds it); undo is what deleting the
// topic answered, nil when it is gone.
type rollbackError struct {
	err  error
	undo error
}

func (e *rollbackError) Error() string {
	if e.undo == nil {
		return e.err.Error()
	}
	return e.err.Error() + " (rollback: " + e.undo.Error() + ")"
}

func (e *rollbackError) Unwrap() error { return e.err }

// createAlarm makes the plan's calls: check the name is free (PutMetricAlarm would
// overwrite), create the new topic and subscribe its emails, then put the alarm. It
// leaves nothing half-made: when a later call fails, a topic made here is deleted
// again (with its subscriptions). step is where the failure belongs.
func createAlarm(ctx context.Context, b backend.Backend, p alarmPlan) (res createResult, step int, err error) {
	cw := b.CloudWatchIn(p.region)
	if _, err := cw.GetAlarm(ctx, p.name); err == nil {
		return res, stepName, errNameTaken(p.name)
	} else if backend.KindOf(err) != backend.KindNotFound {
		return res, stepPreview, err
	}
	res.topicArn = p.topicArn
	if p.topicMode == topicNew {
		sn := b.SNSIn(p.region)
		exists, err := topicExists(ctx, sn, p.newTopic)
		if err != nil {
			return res, stepActions, err
		}
		if exists { // CreateTopic would hand back the existing topic, which a rollback must not delete
			return res, stepActions, &model.FieldError{Field: "TopicName", ID: "CWTopicExists", Data: map[string]any{"Name": p.newTopic}}
		}
		t, err := sn.CreateTopic(ctx, model.NewTopic{Name: p.newTopic})
		if err != nil {
			return res, stepActions, err
		}
		res.topicArn, res.createdTopic = t.Arn, true
		for _, e := range p.emails {
			if _, err := sn.Subscribe(ctx, t.Arn, "email", e); err != nil {
				return res, stepActions, rollback(ctx, sn, t.Arn, err)
			}
		}
	}
	if err := cw.PutAlarm(ctx, p.input(res.topicArn)); err != nil {
		if res.createdTopic {
			return res, stepPreview, rollback(ctx, b.SNSIn(p.region), res.topicArn, err)
		}
		return res, stepPreview, err
	}
	return res, 0, nil
}

// rollback deletes the topic made for a create that failed with err.
func rollback(ctx context.Context, sn backend.SNS, topicArn string, err error) error {
	// The caller's context may be the one that was canceled; the cleanup must still run.
	undo := sn.DeleteTopic(context.WithoutCancel(ctx), topicArn)
	return &rollbackError{err: err, undo: undo}
}

// topicExists reports whether the region has a topic named name.
func topicExists(ctx context.Context, sn backend.SNS, name string) (bool, error) {
	token := ""
	for range 50 {
		page, err := sn.ListTopics(ctx, model.PageRequest{Token: token})
		if err != nil {
			return false, err
		}
		for _, t := range page.Items {
			if t.Name == name {
				return true, nil
			}
		}
		if token = page.NextToken; token == "" {
			return false, nil
		}
	}
	return false, errors.New("too many topics to check")
}

func itoa(n int) string { return strconv.Itoa(n) }
