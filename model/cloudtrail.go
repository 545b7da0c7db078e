package model

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
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
	// LatestNotificationError (SNS) and LatestCloudWatchLogsDeliveryError are the
	// codes of the last failed SNS notification and CloudWatch Logs delivery.
	LatestNotificationError           string
	LatestCloudWatchLogsDeliveryError string
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

	// Log file SSE-KMS encryption: off (SSE-S3) by default, as the lab expects. With
	// KMSNewAlias set the wizard creates a key and that alias ("New"); otherwise
	// KMSKeyID names an existing key by alias, alias ARN or key ARN ("Existing").
	KMSEnabled  bool
	KMSNewAlias string
	KMSKeyID    string
	// SNS notification delivery: SNSNewTopic creates that topic with the policy the
	// console applies; otherwise SNSTopic names an existing topic (name or ARN).
	SNSEnabled  bool
	SNSNewTopic string
	SNSTopic    string
	// CloudWatch Logs: a new (LogGroupNew) or existing log group and a new (RoleNew)
	// or existing role CloudTrail assumes to write to it.
	CloudWatchLogs bool
	LogGroupNew    bool
	LogGroupName   string
	RoleNew        bool
	RoleName       string // a new role's name, or an existing role's name or ARN

	// Data events of S3 objects: all current and future buckets (DataRead,
	// DataWrite) and individual buckets (DataBuckets with their own Read and Write;
	// what is chosen for all buckets applies to them too, as in the console).
	DataEventsS3     bool
	DataRead         bool
	DataWrite        bool
	DataBuckets      []string
	DataBucketsRead  bool
	DataBucketsWrite bool
	// Insights events; they require Write management events.
	InsightsCallRate  bool
	InsightsErrorRate bool
}

// Insight types of PutInsightSelectors.
const (
	InsightAPICallRate  = "ApiCallRateInsight"
	InsightAPIErrorRate = "ApiErrorRateInsight"
)

// AllS3Buckets is the basic selector value for "All current and future S3 buckets".
const AllS3Buckets = "arn:aws:s3"

// DefaultTrailLogGroupName is the console's suggested log group for a new trail:
// aws-cloudtrail-logs-<account>-<8 hex characters>.
func DefaultTrailLogGroupName(account, suffix8 string) string {
	return DefaultTrailBucketName(account, suffix8)
}

// DefaultTrailTopicName is the console's suggested topic for a new trail.
func DefaultTrailTopicName(account, suffix8 string) string {
	return DefaultTrailBucketName(account, suffix8)
}

// DefaultTrailRoleName is the console's suggested role for CloudWatch Logs delivery.
func DefaultTrailRoleName(trail string) string { return "CloudTrailRoleForCloudWatchLogs_" + trail }

// InsightTypes are the Insights the wizard's step 2 selects.
func (n NewTrail) InsightTypes() []string {
	var out []string
	if n.InsightsCallRate {
		out = append(out, InsightAPICallRate)
	}
	if n.InsightsErrorRate {
		out = append(out, InsightAPIErrorRate)
	}
	return out
}

// WritesManagementEvents reports whether the trail logs Write management events,
// which Insights require.
func (n NewTrail) WritesManagementEvents() bool {
	return n.ManagementEvents && (n.ReadWriteType == "" || n.ReadWriteType == ReadWriteAll || n.ReadWriteType == ReadWriteWriteOnly)
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
	if n.KMSEnabled {
		if n.KMSNewAlias != "" {
			errs.Add(ValidateTrailKMSAlias(n.KMSNewAlias))
		} else {
			errs.Add(ValidateTrailKMSKey(n.KMSKeyID))
		}
	}
	if n.SNSEnabled {
		if n.SNSNewTopic != "" {
			if err := ValidateTopicName(n.SNSNewTopic); err != nil {
				errs.Add(&FieldError{Field: "SnsTopicName", ID: err.(*FieldError).ID, Data: err.(*FieldError).Data, AWS: err.(*FieldError).AWS})
			}
		} else if n.SNSTopic == "" {
			errs.Add(&FieldError{Field: "SnsTopicName", ID: "ValidateRequired", AWS: "SNS topic name cannot be empty."})
		}
	}
	if n.CloudWatchLogs {
		if n.LogGroupNew {
			errs.Add(ValidateLogGroupName(n.LogGroupName))
		} else if n.LogGroupName == "" {
			errs.Add(&FieldError{Field: "LogGroupName", ID: "ValidateRequired", AWS: "CloudWatch Logs log group cannot be empty."})
		}
		if n.RoleNew {
			errs.Add(ValidateTrailRoleName(n.RoleName))
		} else if n.RoleName == "" {
			errs.Add(&FieldError{Field: "RoleName", ID: "ValidateRequired", AWS: "CloudWatch Logs role cannot be empty."})
		}
	}
	if n.DataEventsS3 {
		bucketsRW := len(n.DataBuckets) > 0 && (n.DataBucketsRead || n.DataBucketsWrite)
		if !n.DataRead && !n.DataWrite && !bucketsRW {
			errs.Add(&FieldError{Field: "DataEvents", ID: "ValidateTrailReadWrite", AWS: "Select Read, Write or both for data events."})
		}
		for _, b := range n.DataBuckets {
			if err := ValidateBucketName(b); err != nil {
				errs.Add(err)
				break
			}
		}
		if len(n.DataBuckets) > MaxTrailDataResources {
			errs.Add(&FieldError{Field: "DataResources", ID: "CTXDataTooMany", Data: map[string]any{"Max": MaxTrailDataResources},
				AWS: fmt.Sprintf("Data resources exceed the limit of %d across all event selectors.", MaxTrailDataResources)})
		}
	}
	if len(n.InsightTypes()) > 0 && !n.WritesManagementEvents() {
		errs.Add(&FieldError{Field: "InsightSelectors", ID: "CTXInsightsNeedWrite", AWS: "You must log Write management events to log Insights events."})
	}
	return errs.Err()
}

// MaxKMSAliasLen is the longest alias name CreateAlias accepts, "alias/" included.
const MaxKMSAliasLen = 256

var kmsAliasPattern = regexp.MustCompile(`^[a-zA-Z0-9:/_-]+$`)

// ValidateTrailKMSAlias applies CreateAlias's rules to a new key's alias:
// "alias/" then letters, digits, / _ -, at most 256 characters, not alias/aws/.
func ValidateTrailKMSAlias(alias string) error {
	fe := func(id, aws string) error {
		return &FieldError{Field: "KmsAlias", ID: id, Data: map[string]any{"Max": MaxKMSAliasLen}, AWS: aws}
	}
	switch {
	case alias == "":
		return fe("ValidateRequired", "1 validation error detected: Value '' at 'aliasName' failed to satisfy constraint: Member must have length greater than or equal to 1")
	case len(alias) > MaxKMSAliasLen:
		return fe("CTXKMSAliasLength", fmt.Sprintf("1 validation error detected: Value '%s' at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to %d", alias, MaxKMSAliasLen))
	case !strings.HasPrefix(alias, "alias/") || alias == "alias/":
		return fe("CTXKMSAliasPrefix", `Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html`)
	case !kmsAliasPattern.MatchString(alias):
		return fe("CTXKMSAliasChars", fmt.Sprintf("1 validation error detected: Value '%s' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$", alias))
	case strings.HasPrefix(alias, "alias/aws/"):
		return fe("CTXKMSAliasReserved", "Alias names that begin with alias/aws/ are reserved for AWS managed keys.")
	}
	return nil
}

// ValidateTrailKMSKey checks an existing key as CreateTrail's KmsKeyId accepts it: an
// alias name, an alias ARN, a key ARN or a key ID.
func ValidateTrailKMSKey(id string) error {
	switch {
	case id == "":
		return &FieldError{Field: "KmsKeyId", ID: "ValidateRequired", AWS: "KMS key cannot be empty."}
	case strings.HasPrefix(id, "alias/"):
		return nil
	case strings.HasPrefix(id, "arn:"):
		if p := strings.SplitN(id, ":", 6); len(p) == 6 && p[2] == "kms" && (strings.HasPrefix(p[5], "key/") || strings.HasPrefix(p[5], "alias/")) {
			return nil
		}
	case kmsKeyIDPattern.MatchString(id):
		return nil
	}
	return &FieldError{Field: "KmsKeyId", ID: "CTXKMSKeyInvalid", AWS: "Invalid KmsKeyId: " + id}
}

var kmsKeyIDPattern = regexp.MustCompile(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`)

// MaxRoleNameLen is the longest IAM role name.
const MaxRoleNameLen = 64

var roleNamePattern = regexp.MustCompile(`^[\w+=,.@-]+$`)

// ValidateTrailRoleName applies roleNameType (1–64 characters of [\w+=,.@-]) to the
// CloudWatch Logs role the wizard creates.
func ValidateTrailRoleName(name string) error {
	n := utf8.RuneCountInString(name)
	switch {
	case n == 0:
		return &FieldError{Field: "RoleName", ID: "ValidateRequired", AWS: awsLengthMsg(name, "roleName", 1, MaxRoleNameLen)}
	case n > MaxRoleNameLen:
		return &FieldError{Field: "RoleName", ID: "ValidateIAMNameLength", Data: map[string]any{"Max": MaxRoleNameLen}, AWS: awsLengthMsg(name, "roleName", 1, MaxRoleNameLen)}
	case !roleNamePattern.MatchString(name):
		return &FieldError{Field: "RoleName", ID: "ValidateIAMNameChars", AWS: awsPatternMsg(name, "roleName", `[\w+=,.@-]+`)}
	}
	return nil
}

// MaxTrailDataResources is CloudTrail's limit of data resources over all basic
// event selectors of a trail.
const MaxTrailDataResources = 250

// DataBucketValue is a basic selector's value for one bucket's objects.
func DataBucketValue(bucket string) string { return "arn:aws:s3:::" + bucket + "/" }

// EventSelectors are the basic event selectors of step 2, as the console writes
// them: the management selector carries the S3 data resources logged with the same
// read/write type; other data resources go in a data-only selector per read/write
// type. ok is false when it is CloudTrail's default (all management events), which
// needs no call.
func (n NewTrail) EventSelectors() ([]EventSelector, bool) {
	sel, custom := n.Selectors()
	if !n.DataEventsS3 {
		return []EventSelector{sel}, custom
	}
	type data struct {
		rw  string
		res DataResource
	}
	var resources []data
	if n.DataRead || n.DataWrite {
		resources = append(resources, data{readWrite(n.DataRead, n.DataWrite), DataResource{Type: "AWS::S3::Object", Values: []string{AllS3Buckets}}})
	}
	// Individual buckets add to what all buckets log; what all buckets already log
	// for them needs no resource of its own.
	if r, w := n.DataRead || n.DataBucketsRead, n.DataWrite || n.DataBucketsWrite; len(n.DataBuckets) > 0 && (r || w) && (r != n.DataRead || w != n.DataWrite) {
		res := DataResource{Type: "AWS::S3::Object"}
		for _, b := range n.DataBuckets {
			res.Values = append(res.Values, DataBucketValue(b))
		}
		resources = append(resources, data{readWrite(r, w), res})
	}
	if len(resources) == 0 {
		return []EventSelector{sel}, custom
	}
	var out []EventSelector
	if sel.IncludeManagementEvents {
		out = append(out, sel)
	}
	for _, d := range resources {
		i := slices.IndexFunc(out, func(s EventSelector) bool { return s.ReadWriteType == d.rw })
		if i < 0 {
			out = append(out, EventSelector{ReadWriteType: d.rw})
			i = len(out) - 1
		}
		out[i].DataResources = append(out[i].DataResources, d.res)
	}
	return out, true
}

// readWrite is the read/write type of a Read and a Write box.
func readWrite(read, write bool) string {
	switch {
	case read && !write:
		return ReadWriteReadOnly
	case write && !read:
		return ReadWriteWriteOnly
	}
	return ReadWriteAll
}

// Selectors is the management event selector the wizard's step 2 stands for; ok is false
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

// TrailKMSKeyPolicy is the key policy the console applies to a key it creates for a
// trail ("Default KMS key policy created in CloudTrail console"): the account's IAM
// policies may use the key, CloudTrail may generate data keys for this trail and
// describe the key, and principals of the account may decrypt the account's logs.
func TrailKMSKeyPolicy(region, account, trailARN string) string {
	ctx := "arn:aws:cloudtrail:*:" + account + ":trail/*"
	return `{
    "Version": "2012-10-17",
    "Id": "Key policy created by CloudTrail",
    "Statement": [
        {
            "Sid": "Enable IAM User Permissions",
            "Effect": "Allow",
            "Principal": {"AWS": ["arn:aws:iam::` + account + `:root"]},
            "Action": "kms:*",
            "Resource": "*"
        },
        {
            "Sid": "Allow CloudTrail to encrypt logs",
            "Effect": "Allow",
            "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": "kms:GenerateDataKey*",
            "Resource": "*",
            "Condition": {
                "StringEquals": {"AWS:SourceArn": ` + quote(trailARN) + `},
                "StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn": ` + quote(ctx) + `}
            }
        },
        {
            "Sid": "Allow CloudTrail to describe key",
            "Effect": "Allow",
            "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": "kms:DescribeKey",
            "Resource": "*"
        },
        {
            "Sid": "Allow principals in the account to decrypt log files",
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": ["kms:Decrypt", "kms:ReEncryptFrom"],
            "Resource": "*",
            "Condition": {
                "StringEquals": {"kms:CallerAccount": "` + account + `"},
                "StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn": ` + quote(ctx) + `}
            }
        },
        {
            "Sid": "Allow alias creation during setup",
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": "kms:CreateAlias",
            "Resource": "*",
            "Condition": {
                "StringEquals": {"kms:ViaService": "ec2.` + region + `.amazonaws.com", "kms:CallerAccount": "` + account + `"}
            }
        },
        {
            "Sid": "Enable cross account log decryption",
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": ["kms:Decrypt", "kms:ReEncryptFrom"],
            "Resource": "*",
            "Condition": {
                "StringEquals": {"kms:CallerAccount": "` + account + `"},
                "StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn": ` + quote(ctx) + `}
            }
        }
    ]
}`
}

// TrailTopicPolicy is the topic policy the console applies to a topic it creates for
// a trail: CloudTrail may publish to it for this trail only.
func TrailTopicPolicy(topicARN, trailARN string) string {
	return `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AWSCloudTrailSNSPolicy20131101",
            "Effect": "Allow",
            "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": "SNS:Publish",
            "Resource": ` + quote(topicARN) + `,
            "Condition": {"StringEquals": {"AWS:SourceArn": ` + quote(trailARN) + `}}
        }
    ]
}`
}

// TopicARN is arn:aws:sns:<region>:<account>:<name>.
func TopicARN(region, account, name string) string {
	return fmt.Sprintf("arn:aws:sns:%s:%s:%s", region, account, name)
}

// TrailLogGroupARN is the log group ARN CreateTrail takes: arn:aws:logs:<region>:<account>:log-group:<name>:*.
func TrailLogGroupARN(region, account, group string) string {
	return fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s:*", region, account, group)
}

// TrailRoleARN is arn:aws:iam::<account>:role/<name>; an ARN is returned as it is.
func TrailRoleARN(account, role string) string {
	if strings.HasPrefix(role, "arn:") {
		return role
	}
	return fmt.Sprintf("arn:aws:iam::%s:role/%s", account, role)
}

// TrailLogsTrustPolicy lets CloudTrail assume the CloudWatch Logs role.
const TrailLogsTrustPolicy = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": "sts:AssumeRole"
        }
    ]
}`

// TrailLogsRolePolicy is the role policy document AWS documents for CloudTrail to
// deliver to CloudWatch Logs: CreateLogStream and PutLogEvents on the group's
// <account>_CloudTrail_<region>* streams.
func TrailLogsRolePolicy(region, account, group string) string {
	res := quote(fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s:log-stream:%s_CloudTrail_%s*", region, account, group, account, region))
	return `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AWSCloudTrailCreateLogStream2014110",
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream"],
            "Resource": [` + res + `]
        },
        {
            "Sid": "AWSCloudTrailPutLogEvents20141101",
            "Effect": "Allow",
            "Action": ["logs:PutLogEvents"],
            "Resource": [` + res + `]
        }
    ]
}`
}

// TrailLogsRolePolicyName names the inline policy of the role the wizard creates.
func TrailLogsRolePolicyName(trail string) string {
	return "CloudTrailPolicyForCloudWatchLogs_" + trail
}

// TrailChoices are what the wizard's "Existing" options choose from: the account's
// KMS aliases, SNS topics, log groups and IAM roles. A list the account cannot read
// is left empty; the user may still type a name or ARN.
type TrailChoices struct {
	KMSAliases []string // alias/… names, aws/ ones left out
	Topics     []string // topic ARNs
	LogGroups  []string // names
	Roles      []string // names
}
