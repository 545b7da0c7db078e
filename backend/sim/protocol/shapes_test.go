package protocol

import "time"

// Realistic service shapes, written the way service packages will write them.

// --- IAM (awsQuery) ---

type iamTag struct {
	Key   string
	Value string
}

type iamUser struct {
	Path             string
	UserName         string
	UserId           string
	Arn              string
	CreateDate       time.Time
	PasswordLastUsed *time.Time
	Tags             []iamTag
}

type listUsersInput struct {
	PathPrefix *string
	Marker     *string
	MaxItems   *int32
}

type listUsersOutput struct {
	Users       []iamUser
	IsTruncated bool
	Marker      *string
}

type createUserInput struct {
	Path     *string
	UserName string
	Tags     []iamTag
}

type createUserOutput struct {
	User *iamUser
}

type getUserInput struct {
	UserName *string
}

// --- SNS (awsQuery, map output) ---

type getTopicAttributesInput struct {
	TopicArn string
}

type getTopicAttributesOutput struct {
	Attributes map[string]string
}

type setTopicAttributesInput struct {
	TopicArn       string
	AttributeName  string
	AttributeValue *string
}

type createTopicInput struct {
	Name       string
	Attributes map[string]string
	Tags       []iamTag
}

type createTopicOutput struct {
	TopicArn *string
}

// --- CloudWatch (rpcv2Cbor, awsJson1_0, awsQuery) ---

type cwDimension struct {
	Name  string
	Value string
}

type metricAlarm struct {
	AlarmName                          *string
	AlarmArn                           *string
	AlarmDescription                   *string
	AlarmConfigurationUpdatedTimestamp *time.Time
	ActionsEnabled                     *bool
	OKActions                          []string
	AlarmActions                       []string
	InsufficientDataActions            []string
	StateValue                         string
	StateReason                        *string
	StateUpdatedTimestamp              *time.Time
	MetricName                         *string
	Namespace                          *string
	Statistic                          string
	Dimensions                         []cwDimension
	Period                             *int32
	EvaluationPeriods                  *int32
	DatapointsToAlarm                  *int32
	Threshold                          *float64
	ComparisonOperator                 string
	TreatMissingData                   *string
}

type describeAlarmsInput struct {
	AlarmNames      []string
	AlarmNamePrefix *string
	AlarmTypes      []string
	StateValue      *string
	MaxRecords      *int32
	NextToken       *string
}

type describeAlarmsOutput struct {
	MetricAlarms []metricAlarm
	NextToken    *string
}

type putMetricAlarmInput struct {
	AlarmName          string
	AlarmDescription   *string
	ActionsEnabled     *bool
	AlarmActions       []string
	MetricName         *string
	Namespace          *string
	Statistic          *string
	Dimensions         []cwDimension
	Period             *int32
	EvaluationPeriods  *int32
	Threshold          *float64
	ComparisonOperator string
	Tags               []iamTag
}

type deleteAlarmsInput struct {
	AlarmNames []string
}

// --- CloudTrail (awsJson1_1) ---

type trailInfo struct {
	TrailARN   *string
	Name       *string
	HomeRegion *string
}

type listTrailsInput struct {
	NextToken *string
}

type listTrailsOutput struct {
	Trails    []trailInfo
	NextToken *string
}

type lookupAttribute struct {
	AttributeKey   string
	AttributeValue string
}

type lookupEventsInput struct {
	LookupAttributes []lookupAttribute
	StartTime        *time.Time
	EndTime          *time.Time
	MaxResults       *int32
	NextToken        *string
}

type ctResource struct {
	ResourceType *string
	ResourceName *string
}

type ctEvent struct {
	EventId         *string
	EventName       *string
	ReadOnly        *string
	AccessKeyId     *string
	EventTime       *time.Time
	EventSource     *string
	Username        *string
	Resources       []ctResource
	CloudTrailEvent *string
}

type lookupEventsOutput struct {
	Events    []ctEvent
	NextToken *string
}

// --- A shape exercising every supported member kind ---

type kitchenSink struct {
	S       string
	B       bool
	I       int
	I8      int8
	I16     int16
	I32     int32
	I64     int64
	U       uint
	U8      uint8
	U16     uint16
	U32     uint32
	U64     uint64
	F32     float32
	F64     float64
	T       time.Time
	Blob    []byte
	PS      *string
	PB      *bool
	PI      *int64
	PF      *float64
	PT      *time.Time
	Nested  *cwDimension
	Value   cwDimension
	List    []string
	Flat    []string `aws:"Item,flattened"`
	Structs []cwDimension
	Lists   [][]int32
	Map     map[string]string
	MapS    map[string]cwDimension
	FlatMap map[string]string `aws:"Attr,flattened"`
	Renamed string            `aws:"OtherName"`
	Skipped string            `aws:"-"`
	hidden  string
	Self    *kitchenSink
}

func (k *kitchenSink) touchHidden() string { return k.hidden }

func ptr[T any](v T) *T { return &v }
