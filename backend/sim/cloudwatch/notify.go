package cloudwatch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// regionNames are the long region names CloudWatch puts in notifications
// ("Region": "US East (N. Virginia)") and in the subject line.
var regionNames = map[string]string{
	"us-east-1": "US East (N. Virginia)", "us-east-2": "US East (Ohio)", "us-west-1": "US West (N. California)",
	"us-west-2": "US West (Oregon)", "af-south-1": "Africa (Cape Town)", "ap-east-1": "Asia Pacific (Hong Kong)",
	"ap-south-1": "Asia Pacific (Mumbai)", "ap-northeast-1": "Asia Pacific (Tokyo)", "ap-northeast-2": "Asia Pacific (Seoul)",
	"ap-northeast-3": "Asia Pacific (Osaka)", "ap-southeast-1": "Asia Pacific (Singapore)", "ap-southeast-2": "Asia Pacific (Sydney)",
	"ca-central-1": "Canada (Central)", "eu-central-1": "EU (Frankfurt)", "eu-west-1": "EU (Ireland)", "eu-west-2": "EU (London)",
	"eu-west-3": "EU (Paris)", "eu-north-1": "EU (Stockholm)", "eu-south-1": "EU (Milan)", "me-south-1": "Middle East (Bahrain)",
	"sa-east-1": "South America (Sao Paulo)",
}

func regionName(r string) string {
	if n, ok := regionNames[r]; ok {
		return n
	}
	return r
}

// javaFloat marshals as Java's Double.toString ("Threshold": 200.0).
type javaFloat float64

func (f javaFloat) MarshalJSON() ([]byte, error) { return []byte(javaDouble(float64(f))), nil }

type lowerDimension struct {
	Value string `json:"value"`
	Name  string `json:"name"`
}

type trigger struct {
	MetricName                       string           `json:"MetricName"`
	Namespace                        string           `json:"Namespace"`
	StatisticType                    string           `json:"StatisticType"`
	Statistic                        string           `json:"Statistic"`
	Unit                             *string          `json:"Unit"`
	Dimensions                       []lowerDimension `json:"Dimensions"`
	Period                           int32            `json:"Period"`
	EvaluationPeriods                int32            `json:"EvaluationPeriods"`
	DatapointsToAlarm                int              `json:"DatapointsToAlarm"`
	ComparisonOperator               string           `json:"ComparisonOperator"`
	Threshold                        javaFloat        `json:"Threshold"`
	TreatMissingData                 string           `json:"TreatMissingData"`
	EvaluateLowSampleCountPercentile string           `json:"EvaluateLowSampleCountPercentile"`
}

// alarmMessage is the JSON CloudWatch publishes to an alarm's SNS topics, with
// the members in the order AWS writes them.
type alarmMessage struct {
	AlarmName                          string   `json:"AlarmName"`
	AlarmDescription                   *string  `json:"AlarmDescription"`
	AWSAccountId                       string   `json:"AWSAccountId"`
	AlarmConfigurationUpdatedTimestamp string   `json:"AlarmConfigurationUpdatedTimestamp"`
	NewStateValue                      string   `json:"NewStateValue"`
	NewStateReason                     string   `json:"NewStateReason"`
	StateChangeTime                    string   `json:"StateChangeTime"`
	Region                             string   `json:"Region"`
	AlarmArn                           string   `json:"AlarmArn"`
	OldStateValue                      string   `json:"OldStateValue"`
	OKActions                          []string `json:"OKActions"`
	AlarmActions                       []string `json:"AlarmActions"`
	InsufficientDataActions            []string `json:"InsufficientDataActions"`
	Trigger                            trigger  `json:"Trigger"`
}

// notification builds the subject and the per-protocol messages of a transition:
// the JSON document for every protocol, and for email the text AWS mails.
func (s *Service) notification(c *change) (subject string, messages map[string]string) {
	a := c.after
	ns, name, dims, period, stat, unit, _ := metricOf(a)
	msg := alarmMessage{
		AlarmName: a.cfg.AlarmName, AlarmDescription: a.cfg.AlarmDescription, AWSAccountId: s.account,
		AlarmConfigurationUpdatedTimestamp: isoMillis(a.configUpdated), NewStateValue: a.state, NewStateReason: a.reason,
		StateChangeTime: isoMillis(a.stateUpdated), Region: regionName(a.region), AlarmArn: a.cfg.AlarmArn,
		OldStateValue: c.before.state, OKActions: nonNil(a.cfg.OKActions), AlarmActions: nonNil(a.cfg.AlarmActions),
		InsufficientDataActions: nonNil(a.cfg.InsufficientDataActions),
		Trigger: trigger{MetricName: name, Namespace: ns, StatisticType: "Statistic", Statistic: strings.ToUpper(stat),
			Dimensions: []lowerDimension{}, Period: period, EvaluationPeriods: a.cfg.EvaluationPeriods, DatapointsToAlarm: a.m(),
			ComparisonOperator: a.cfg.ComparisonOperator, Threshold: javaFloat(deref(a.cfg.Threshold)),
			TreatMissingData: a.cfg.TreatMissingData, EvaluateLowSampleCountPercentile: a.cfg.EvaluateLowSampleCountPercentile},
	}
	if unit != "" {
		msg.Trigger.Unit = ptr(unit)
	}
	for _, d := range dims {
		msg.Trigger.Dimensions = append(msg.Trigger.Dimensions, lowerDimension{Value: d.Value, Name: d.Name})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(msg)
	subject = fmt.Sprintf("%s: %q in %s", a.state, a.cfg.AlarmName, regionName(a.region))
	return subject, map[string]string{"default": strings.TrimSuffix(buf.String(), "\n"), "email": s.emailText(c)}
}

// emailTime is how alarm emails print times: "Sunday 01 March, 2026 18:01:12 UTC".
func emailTime(t time.Time) string { return t.UTC().Format("Monday 02 January, 2006 15:04:05 UTC") }

// emailText is the plain-text alarm email that email subscribers receive.
func (s *Service) emailText(c *change) string {
	a := c.after
	ns, name, dims, period, stat, unit, _ := metricOf(a)
	var b strings.Builder
	fmt.Fprintf(&b, "You are receiving this email because your Amazon CloudWatch Alarm %q in the %s region has entered the %s state, because %q at %q.\n\n",
		a.cfg.AlarmName, regionName(a.region), a.state, a.reason, emailTime(a.stateUpdated))
	fmt.Fprintf(&b, "View this alarm in the AWS Management Console:\nhttps://%s.console.aws.amazon.com/cloudwatch/deeplink.js?region=%s#alarmsV2:alarm/%s\n\n",
		a.region, a.region, a.cfg.AlarmName)
	line := func(label, value string) { fmt.Fprintf(&b, "- %-28s%s\n", label+":", value) }
	b.WriteString("Alarm Details:\n")
	line("Name", a.cfg.AlarmName)
	line("Description", deref(a.cfg.AlarmDescription))
	line("State Change", c.before.state+" -> "+a.state)
	line("Reason for State Change", a.reason)
	line("Timestamp", emailTime(a.stateUpdated))
	line("AWS Account", s.account)
	line("Alarm Arn", a.cfg.AlarmArn)
	fmt.Fprintf(&b, "\nThreshold:\n- The alarm is in the ALARM state when the metric is %s %s for at least %d of the last %d period(s) of %d seconds.\n\n",
		a.cfg.ComparisonOperator, javaDouble(deref(a.cfg.Threshold)), a.m(), a.cfg.EvaluationPeriods, period)
	metric := func(label, value string) { fmt.Fprintf(&b, "- %-37s%s\n", label+":", value) }
	b.WriteString("Monitored Metric:\n")
	metric("MetricNamespace", ns)
	metric("MetricName", name)
	ds := make([]string, len(dims))
	for i, d := range dims {
		ds[i] = d.Name + " = " + d.Value
	}
	metric("Dimensions", "["+strings.Join(ds, "] [")+"]")
	metric("Period", fmt.Sprintf("%d seconds", period))
	metric("Statistic", stat)
	if unit == "" {
		unit = "not specified"
	}
	metric("Unit", unit)
	metric("TreatMissingData", a.cfg.TreatMissingData)
	b.WriteString("\n\nState Change Actions:\n")
	fmt.Fprintf(&b, "- OK: %s\n- ALARM: %s\n- INSUFFICIENT_DATA: %s\n", actionList(a.cfg.OKActions), actionList(a.cfg.AlarmActions), actionList(a.cfg.InsufficientDataActions))
	return b.String()
}

func actionList(arns []string) string {
	if len(arns) == 0 {
		return ""
	}
	return "[" + strings.Join(arns, "] [") + "]"
}
