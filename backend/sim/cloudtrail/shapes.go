package cloudtrail

import "time"

// Wire shapes of the CloudTrail API (2013-11-01), named as the model names them.

// Tag is CloudTrail's Tag.
type Tag struct {
	Key   string
	Value *string
}

// TrailShape is the model's Trail.
type TrailShape struct {
	Name                       *string
	S3BucketName               *string
	S3KeyPrefix                *string
	SnsTopicName               *string
	SnsTopicARN                *string
	IncludeGlobalServiceEvents *bool
	IsMultiRegionTrail         *bool
	HomeRegion                 *string
	TrailARN                   *string
	LogFileValidationEnabled   *bool
	CloudWatchLogsLogGroupArn  *string
	CloudWatchLogsRoleArn      *string
	KmsKeyId                   *string
	HasCustomEventSelectors    *bool
	HasInsightSelectors        *bool
	IsOrganizationTrail        *bool
}

type createTrailInput struct {
	Name                       string
	S3BucketName               string
	S3KeyPrefix                *string
	SnsTopicName               *string
	IncludeGlobalServiceEvents *bool
	IsMultiRegionTrail         *bool
	EnableLogFileValidation    *bool
	CloudWatchLogsLogGroupArn  *string
	CloudWatchLogsRoleArn      *string
	KmsKeyId                   *string
	IsOrganizationTrail        *bool
	TagsList                   []Tag
}

// trailResponse is CreateTrailResponse and UpdateTrailResponse.
type trailResponse struct {
	Name                       *string
	S3BucketName               *string
	S3KeyPrefix                *string
	SnsTopicName               *string
	SnsTopicARN                *string
	IncludeGlobalServiceEvents *bool
	IsMultiRegionTrail         *bool
	TrailARN                   *string
	LogFileValidationEnabled   *bool
	CloudWatchLogsLogGroupArn  *string
	CloudWatchLogsRoleArn      *string
	KmsKeyId                   *string
	IsOrganizationTrail        *bool
}

type updateTrailInput struct {
	Name                       string
	S3BucketName               *string
	S3KeyPrefix                *string
	SnsTopicName               *string
	IncludeGlobalServiceEvents *bool
	IsMultiRegionTrail         *bool
	EnableLogFileValidation    *bool
	CloudWatchLogsLogGroupArn  *string
	CloudWatchLogsRoleArn      *string
	KmsKeyId                   *string
	IsOrganizationTrail        *bool
}

type nameInput struct{ Name string }

type empty struct{}

type describeTrailsInput struct {
	TrailNameList       []string `aws:"trailNameList"`
	IncludeShadowTrails *bool    `aws:"includeShadowTrails"`
}

type describeTrailsOutput struct {
	TrailList []TrailShape `aws:"trailList"`
}

type getTrailOutput struct{ Trail *TrailShape }

type listTrailsInput struct{ NextToken *string }

type trailInfo struct {
	TrailARN   string
	Name       string
	HomeRegion string
}

type listTrailsOutput struct {
	Trails    []trailInfo
	NextToken *string
}

type getTrailStatusOutput struct {
	IsLogging                          bool
	LatestDeliveryError                *string
	LatestNotificationError            *string
	LatestDeliveryTime                 *time.Time
	LatestNotificationTime             *time.Time
	StartLoggingTime                   *time.Time
	StopLoggingTime                    *time.Time
	LatestCloudWatchLogsDeliveryError  *string
	LatestCloudWatchLogsDeliveryTime   *time.Time
	LatestDigestDeliveryTime           *time.Time
	LatestDigestDeliveryError          *string
	LatestDeliveryAttemptTime          *string
	LatestNotificationAttemptTime      *string
	LatestNotificationAttemptSucceeded *string
	LatestDeliveryAttemptSucceeded     *string
	TimeLoggingStarted                 *string
	TimeLoggingStopped                 *string
}

// EventSelector is the model's (basic) EventSelector.
type EventSelector struct {
	ReadWriteType                 *string
	IncludeManagementEvents       *bool
	DataResources                 []DataResource
	ExcludeManagementEventSources []string
}

// DataResource is the model's DataResource.
type DataResource struct {
	Type   *string
	Values []string
}

// AdvancedEventSelector is the model's AdvancedEventSelector.
type AdvancedEventSelector struct {
	Name           *string
	FieldSelectors []AdvancedFieldSelector
}

// AdvancedFieldSelector is the model's AdvancedFieldSelector.
type AdvancedFieldSelector struct {
	Field         string
	Equals        []string
	StartsWith    []string
	EndsWith      []string
	NotEquals     []string
	NotStartsWith []string
	NotEndsWith   []string
}

type putEventSelectorsInput struct {
	TrailName              string
	EventSelectors         []EventSelector
	AdvancedEventSelectors []AdvancedEventSelector
}

type eventSelectorsOutput struct {
	TrailARN               *string
	EventSelectors         []EventSelector
	AdvancedEventSelectors []AdvancedEventSelector
}

type getEventSelectorsInput struct{ TrailName string }

// InsightSelector is the model's InsightSelector.
type InsightSelector struct {
	InsightType     *string
	EventCategories []string
}

type putInsightSelectorsInput struct {
	TrailName           *string
	InsightSelectors    []InsightSelector
	EventDataStore      *string
	InsightsDestination *string
}

type insightSelectorsOutput struct {
	TrailARN         *string
	InsightSelectors []InsightSelector
}

type getInsightSelectorsInput struct {
	TrailName      *string
	EventDataStore *string
}

type addTagsInput struct {
	ResourceId string
	TagsList   []Tag
}

type listTagsInput struct {
	ResourceIdList []string
	NextToken      *string
}

type resourceTag struct {
	ResourceId string
	TagsList   []Tag
}

type listTagsOutput struct {
	ResourceTagList []resourceTag
	NextToken       *string
}

type listPublicKeysInput struct {
	StartTime *time.Time
	EndTime   *time.Time
	NextToken *string
}

type publicKey struct {
	Value             []byte
	ValidityStartTime time.Time
	ValidityEndTime   time.Time
	Fingerprint       string
}

type listPublicKeysOutput struct {
	PublicKeyList []publicKey
	NextToken     *string
}

type lookupAttribute struct {
	AttributeKey   string
	AttributeValue string
}

type lookupEventsInput struct {
	LookupAttributes []lookupAttribute
	StartTime        *time.Time
	EndTime          *time.Time
	EventCategory    *string
	MaxResults       *int
	NextToken        *string
}

type eventResource struct {
	ResourceType *string
	ResourceName *string
}

type eventShape struct {
	EventId         string
	EventName       string
	ReadOnly        string
	AccessKeyId     *string
	EventTime       time.Time
	EventSource     string
	Username        *string
	Resources       []eventResource
	CloudTrailEvent string
}

type lookupEventsOutput struct {
	Events    []eventShape
	NextToken *string
}
