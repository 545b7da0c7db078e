package model

import (
	"fmt"
	"time"
)

// Trail is a CloudTrail trail as the Trails list and trail details show it.
type Trail struct {
	Name                       string
	ARN                        string
	HomeRegion                 string
	S3BucketName               string
	S3KeyPrefix                string
	SnsTopicARN                string
	KMSKeyID                   string
	CloudWatchLogsLogGroupARN  string
	CloudWatchLogsRoleARN      string
	IncludeGlobalServiceEvents bool
	IsMultiRegionTrail         bool
	LogFileValidationEnabled   bool
	IsOrganizationTrail        bool
	HasCustomEventSelectors    bool
	HasInsightSelectors        bool
	Tags                       []Tag
}

// LogLocation is where the trail's log files land ("Trail log location" in the
// console): bucket/[prefix/]AWSLogs/<account>/.
func (t Trail) LogLocation(account string) string {
	loc := t.S3BucketName + "/"
	if t.S3KeyPrefix != "" {
		loc += t.S3KeyPrefix + "/"
	}
	return loc + "AWSLogs/" + account + "/"
}

// TrailStatus is GetTrailStatus: whether the trail logs and how delivery went.
type TrailStatus struct {
	IsLogging                 bool
	StartLoggingTime          *time.Time
	StopLoggingTime           *time.Time
	LatestDeliveryTime        *time.Time
	LatestDigestDeliveryTime  *time.Time
	LatestDeliveryError       string
	LatestDigestDeliveryError string
}

// Read/write types of a basic event selector.
const (
	ReadWriteAll       = "All"
	ReadWriteReadOnly  = "ReadOnly"
	ReadWriteWriteOnly = "WriteOnly"
)

// Management event sources the console's "Exclude AWS KMS events" and "Exclude
// Amazon RDS Data API events" boxes leave out.
const (
	ExcludeKMSEvents    = "kms.amazonaws.com"
	ExcludeRDSDataEvent = "rdsdata.amazonaws.com"
)

// EventSelectors is what a trail logs: basic selectors or advanced ones, never both.
type EventSelectors struct {
	TrailARN string
	Basic    []EventSelector
	Advanced []AdvancedEventSelector
}

// EventSelector is a basic event selector.
type EventSelector struct {
	ReadWriteType                 string
	IncludeManagementEvents       bool
	DataResources                 []DataResource
	ExcludeManagementEventSources []string
}

// DataResource selects data events of one resource type by ARN prefix.
type DataResource struct {
	Type   string // "AWS::S3::Object"
	Values []string
}

// AdvancedEventSelector selects events whose fields satisfy every field selector.
type AdvancedEventSelector struct {
	Name           string
	FieldSelectors []FieldSelector
}

// FieldSelector is one condition of an advanced event selector.
type FieldSelector struct {
	Field         string
	Equals        []string
	StartsWith    []string
	EndsWith      []string
	NotEquals     []string
	NotStartsWith []string
	NotEndsWith   []string
}

// NewTrail is the console's Create trail wizard: step 1 (attributes and storage) and
// step 2 (log events). ConsoleNewTrail fills the console's defaults.
type NewTrail struct {
	Name string
	// CreateBucket makes the wizard create S3BucketName and apply the bucket policy
	// CloudTrail needs, as "Create new S3 bucket" does.
	CreateBucket               bool
	S3BucketName               string
	S3KeyPrefix                string
	IsMultiRegionTrail         bool
	IncludeGlobalServiceEvents bool
	EnableLogFileValidation    bool
	Tags                       []Tag
	// Management events: API activity and the exclusions of step 2.
	ManagementEvents bool
	ReadWriteType    string
	ExcludeKMS       bool
	ExcludeRDSData   bool
	// StartLogging turns logging on after creation, as the console always does.
	StartLogging bool
}

// ConsoleNewTrail is a new trail with the console's defaults: multi-region, global
// service events, log file validation on, all management events, logging started.
func ConsoleNewTrail(name, bucket string) NewTrail {
	return NewTrail{
		Name: name, CreateBucket: true, S3BucketName: bucket,
		IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, EnableLogFileValidation: true,
		ManagementEvents: true, ReadWriteType: ReadWriteAll, StartLogging: true,
	}
}

// DefaultTrailBucketName is the console's suggested bucket for a new trail:
// aws-cloudtrail-logs-<account>-<8 hex characters>.
func DefaultTrailBucketName(account, suffix8 string) string {
	return fmt.Sprintf("aws-cloudtrail-logs-%s-%s", account, suffix8)
}

// Validate applies CloudTrail's rules to the wizard's fields before any call.
func (n NewTrail) Validate() error {
	var errs Errors
	errs.Add(ValidateTrailName(n.Name))
	if n.S3BucketName == "" {
		errs.Add(&FieldError{Field: "S3BucketName", ID: "ValidateRequired", AWS: "S3 bucket name cannot be empty."})
	}
	errs.Add(ValidateTrailKeyPrefix(n.S3KeyPrefix))
	errs.Add(ValidateTrailTags(n.Tags))
	switch n.ReadWriteType {
	case "", ReadWriteAll, ReadWriteReadOnly, ReadWriteWriteOnly:
	default:
		errs.Add(&FieldError{Field: "ReadWriteType", ID: "ValidateTrailReadWrite", AWS: "Invalid ReadWriteType: " + n.ReadWriteType})
	}
	return errs.Err()
}

// Selectors is the basic event selector the wizard's step 2 stands for; ok is false
// when it is CloudTrail's default (all management events), which needs no call.
func (n NewTrail) Selectors() (EventSelector, bool) {
	sel := EventSelector{ReadWriteType: n.ReadWriteType, IncludeManagementEvents: n.ManagementEvents}
	if sel.ReadWriteType == "" {
		sel.ReadWriteType = ReadWriteAll
	}
	if n.ExcludeKMS {
		sel.ExcludeManagementEventSources = append(sel.ExcludeManagementEventSources, ExcludeKMSEvents)
	}
	if n.ExcludeRDSData {
		sel.ExcludeManagementEventSources = append(sel.ExcludeManagementEventSources, ExcludeRDSDataEvent)
	}
	custom := !sel.IncludeManagementEvents || sel.ReadWriteType != ReadWriteAll || len(sel.ExcludeManagementEventSources) > 0
	return sel, custom
}

// TrailARN is arn:aws:cloudtrail:<home region>:<account>:trail/<name>.
func TrailARN(region, account, name string) string {
	return fmt.Sprintf("arn:aws:cloudtrail:%s:%s:trail/%s", region, account, name)
}

// TrailUpdate changes a trail's settings; nil fields are left as they are.
type TrailUpdate struct {
	S3BucketName               *string
	S3KeyPrefix                *string
	IsMultiRegionTrail         *bool
	IncludeGlobalServiceEvents *bool
	EnableLogFileValidation    *bool
}

// Validate applies CloudTrail's rules to the fields being changed.
func (u TrailUpdate) Validate() error {
	var errs Errors
	if u.S3BucketName != nil && *u.S3BucketName == "" {
		errs.Add(&FieldError{Field: "S3BucketName", ID: "ValidateRequired", AWS: "S3 bucket name cannot be empty."})
	}
	if u.S3KeyPrefix != nil {
		errs.Add(ValidateTrailKeyPrefix(*u.S3KeyPrefix))
	}
	return errs.Err()
}
