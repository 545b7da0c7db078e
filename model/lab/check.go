package lab

// Check is a declarative condition on the account's state. Exactly one of its kinds is
// set, or All/Any combine others. Values may use ${account} and ${region}, filled in
// from the account the check runs against.
type Check struct {
	All []*Check `yaml:"all"`
	Any []*Check `yaml:"any"`

	BillingAlerts *BillingAlertsCheck `yaml:"billing_alerts"`
	Alarm         *AlarmCheck         `yaml:"alarm"`
	Subscription  *SubscriptionCheck  `yaml:"subscription"`
	Group         *GroupCheck         `yaml:"group"`
	User          *UserCheck          `yaml:"user"`
	SignedInAs    *SignedInAsCheck    `yaml:"signed_in_as"`
	Trail         *TrailCheck         `yaml:"trail"`
	Object        *ObjectCheck        `yaml:"object"`
	Event         *EventCheck         `yaml:"event"`

	Line int `yaml:"-"`
	keys keyLines
}

// BillingAlertsCheck: "Receive Billing Alerts" is on.
type BillingAlertsCheck struct {
	Enabled bool `yaml:"enabled"`
}

// AlarmCheck: an alarm exists with these settings (unset fields are not checked).
type AlarmCheck struct {
	Name              string            `yaml:"name"`
	Namespace         string            `yaml:"namespace"`
	Metric            string            `yaml:"metric"`
	Dimensions        map[string]string `yaml:"dimensions"`
	Statistic         string            `yaml:"statistic"`
	Period            int               `yaml:"period"`
	EvaluationPeriods int               `yaml:"evaluation_periods"`
	Comparison        string            `yaml:"comparison"`
	Threshold         *float64          `yaml:"threshold"`
	State             string            `yaml:"state"`
	HasAction         bool              `yaml:"has_action"`
}

// SubscriptionCheck: a topic has a subscription of this protocol (confirmed if asked).
type SubscriptionCheck struct {
	Protocol  string `yaml:"protocol"`
	Confirmed bool   `yaml:"confirmed"`
}

// GroupCheck: an IAM group exists with these attached managed policies.
type GroupCheck struct {
	Name     string   `yaml:"name"`
	Policies []string `yaml:"policies"`
}

// UserCheck: an IAM user exists, in these groups, with these tags and policies.
type UserCheck struct {
	Name          string            `yaml:"name"`
	Groups        []string          `yaml:"groups"`
	Tags          map[string]string `yaml:"tags"`
	Policies      []string          `yaml:"policies"`
	ConsoleAccess bool              `yaml:"console_access"`
}

// SignedInAsCheck: the console currently acts as this IAM user.
type SignedInAsCheck struct {
	User string `yaml:"user"`
}

// TrailCheck: a trail exists with these settings.
type TrailCheck struct {
	Name              string `yaml:"name"`
	MultiRegion       *bool  `yaml:"multi_region"`
	Logging           *bool  `yaml:"logging"`
	Bucket            string `yaml:"bucket"`
	LogFileValidation *bool  `yaml:"log_file_validation"`
}

// ObjectCheck: at least one object exists under prefix in bucket; with AfterEvent, one
// written after the newest event of that name in the event history (a log file
// delivered after the student's activity, not one from before it).
type ObjectCheck struct {
	Bucket     string `yaml:"bucket"`
	Prefix     string `yaml:"prefix"`
	AfterEvent string `yaml:"after_event"`
}

// EventCheck: an event with this name is in the event history (optionally by a user
// or from a source).
type EventCheck struct {
	Name   string `yaml:"name"`
	Source string `yaml:"source"`
	User   string `yaml:"user"`
}

// kinds lists the set kinds of c by their YAML names, for validation.
func (c *Check) kinds() []string {
	var k []string
	add := func(set bool, name string) {
		if set {
			k = append(k, name)
		}
	}
	add(len(c.All) > 0, "all")
	add(len(c.Any) > 0, "any")
	add(c.BillingAlerts != nil, "billing_alerts")
	add(c.Alarm != nil, "alarm")
	add(c.Subscription != nil, "subscription")
	add(c.Group != nil, "group")
	add(c.User != nil, "user")
	add(c.SignedInAs != nil, "signed_in_as")
	add(c.Trail != nil, "trail")
	add(c.Object != nil, "object")
	add(c.Event != nil, "event")
	return k
}
