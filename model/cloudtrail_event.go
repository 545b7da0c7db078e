package model

import (
	"encoding/json"
	"time"
)

// Lookup attributes of Event history, one at a time (LookupAttributeKey).
const (
	LookupEventID      = "EventId"
	LookupEventName    = "EventName"
	LookupReadOnly     = "ReadOnly"
	LookupUsername     = "Username"
	LookupResourceType = "ResourceType"
	LookupResourceName = "ResourceName"
	LookupEventSource  = "EventSource"
	LookupAccessKeyID  = "AccessKeyId"
)

// LookupAttributes lists the attribute keys in the console's filter order.
var LookupAttributes = []string{LookupAccessKeyID, LookupEventID, LookupEventName, LookupEventSource, LookupReadOnly, LookupResourceName, LookupResourceType, LookupUsername}

// EventQuery is one Event history request: an optional attribute filter, an
// optional time range and a page.
type EventQuery struct {
	Attribute string // "" for none
	Value     string
	Start     time.Time // zero: no lower bound (the 90-day window applies)
	End       time.Time // zero: now
	Page      PageRequest
}

// Event is one Event history row with its full record.
type Event struct {
	EventID     string
	EventName   string
	EventTime   time.Time
	EventSource string
	Username    string
	AccessKeyID string
	ReadOnly    bool
	Resources   []EventResource
	// Raw is the record as CloudTrail gave it (CloudTrailEvent), for the JSON view.
	Raw    string
	Record EventRecord
}

// EventResource is a resource an event touched, as Event history lists it.
type EventResource struct {
	Type string
	Name string
}

// EventRecord is a CloudTrail record, parsed: what the event details page shows.
type EventRecord struct {
	EventVersion                 string          `json:"eventVersion"`
	UserIdentity                 EventIdentity   `json:"userIdentity"`
	EventTime                    time.Time       `json:"eventTime"`
	EventSource                  string          `json:"eventSource"`
	EventName                    string          `json:"eventName"`
	AWSRegion                    string          `json:"awsRegion"`
	SourceIPAddress              string          `json:"sourceIPAddress"`
	UserAgent                    string          `json:"userAgent"`
	ErrorCode                    string          `json:"errorCode"`
	ErrorMessage                 string          `json:"errorMessage"`
	RequestParameters            json.RawMessage `json:"requestParameters"`
	ResponseElements             json.RawMessage `json:"responseElements"`
	AdditionalEventData          json.RawMessage `json:"additionalEventData"`
	RequestID                    string          `json:"requestID"`
	EventID                      string          `json:"eventID"`
	ReadOnly                     *bool           `json:"readOnly"`
	Resources                    []RecordedRes   `json:"resources"`
	EventType                    string          `json:"eventType"`
	ManagementEvent              *bool           `json:"managementEvent"`
	RecipientAccountID           string          `json:"recipientAccountId"`
	EventCategory                string          `json:"eventCategory"`
	SessionCredentialFromConsole string          `json:"sessionCredentialFromConsole"`
}

// EventIdentity is a record's userIdentity.
type EventIdentity struct {
	Type           string `json:"type"`
	PrincipalID    string `json:"principalId"`
	ARN            string `json:"arn"`
	AccountID      string `json:"accountId"`
	AccessKeyID    string `json:"accessKeyId"`
	UserName       string `json:"userName"`
	InvokedBy      string `json:"invokedBy"`
	SessionContext *struct {
		Attributes struct {
			CreationDate     string `json:"creationDate"`
			MFAAuthenticated string `json:"mfaAuthenticated"`
		} `json:"attributes"`
	} `json:"sessionContext"`
}

// MFAUsed reports whether the caller's session was MFA-authenticated.
func (i EventIdentity) MFAUsed() bool {
	return i.SessionContext != nil && i.SessionContext.Attributes.MFAAuthenticated == "true"
}

// RecordedRes is one element of a record's resources.
type RecordedRes struct {
	ARN       string `json:"ARN"`
	AccountID string `json:"accountId"`
	Type      string `json:"type"`
}

// ParseEventRecord parses a CloudTrail record (a LookupEvents CloudTrailEvent or one
// element of a log file's Records).
func ParseEventRecord(raw string) (EventRecord, error) {
	var r EventRecord
	err := json.Unmarshal([]byte(raw), &r)
	return r, err
}
