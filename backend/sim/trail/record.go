// Package trail is the simulator's CloudTrail recorder and event store: every call to
// every simulated service becomes a record with CloudTrail's schema, kept in the
// account's database for Event history (LookupEvents) and for trail delivery.
//
// Recording must not slow the simulated call it describes, so the router's hook only
// captures what the call already holds; encoding and the database write happen in
// batches on a writer goroutine, and everything that reads events (LookupEvents,
// delivery, Close) flushes first, so nobody can observe the lag.
package trail

import (
	"encoding/json"
	"time"
)

// EventVersion is the record schema version the simulator writes: the current one
// in the CloudTrail User Guide ("The current version is 1.11").
const EventVersion = "1.11"

// Event types (record field eventType).
const (
	TypeAPICall       = "AwsApiCall"
	TypeServiceEvent  = "AwsServiceEvent"
	TypeConsoleSignIn = "AwsConsoleSignIn"
)

// Event categories (record field eventCategory).
const (
	CategoryManagement = "Management"
	CategoryData       = "Data"
)

// GlobalRegion is where CloudTrail records the events of global services (IAM, STS):
// "IAM/STS global service events are recorded in us-east-1" since 2021-11-22, and
// Event history shows them in every region.
const GlobalRegion = "us-east-1"

// Record is one CloudTrail event record, with the members in the order real records
// have them. Optional members are omitted when empty; requestParameters and
// responseElements are always present (null when there is nothing to show).
type Record struct {
	EventVersion                 string          `json:"eventVersion"`
	UserIdentity                 UserIdentity    `json:"userIdentity"`
	EventTime                    string          `json:"eventTime"`
	EventSource                  string          `json:"eventSource"`
	EventName                    string          `json:"eventName"`
	AWSRegion                    string          `json:"awsRegion"`
	SourceIPAddress              string          `json:"sourceIPAddress"`
	UserAgent                    string          `json:"userAgent,omitempty"`
	ErrorCode                    string          `json:"errorCode,omitempty"`
	ErrorMessage                 string          `json:"errorMessage,omitempty"`
	RequestParameters            json.RawMessage `json:"requestParameters"`
	ResponseElements             json.RawMessage `json:"responseElements"`
	AdditionalEventData          json.RawMessage `json:"additionalEventData,omitempty"`
	RequestID                    string          `json:"requestID,omitempty"`
	EventID                      string          `json:"eventID"`
	ReadOnly                     *bool           `json:"readOnly,omitempty"`
	Resources                    []RecordRes     `json:"resources,omitempty"`
	EventType                    string          `json:"eventType"`
	ManagementEvent              *bool           `json:"managementEvent,omitempty"`
	RecipientAccountID           string          `json:"recipientAccountId,omitempty"`
	SharedEventID                string          `json:"sharedEventID,omitempty"`
	EventCategory                string          `json:"eventCategory"`
	TLSDetails                   *TLSDetails     `json:"tlsDetails,omitempty"`
	SessionCredentialFromConsole string          `json:"sessionCredentialFromConsole,omitempty"`
}

// UserIdentity is the record's userIdentity element.
type UserIdentity struct {
	Type           string          `json:"type"`
	PrincipalID    string          `json:"principalId,omitempty"`
	ARN            string          `json:"arn,omitempty"`
	AccountID      string          `json:"accountId,omitempty"`
	AccessKeyID    *string         `json:"accessKeyId,omitempty"`
	UserName       string          `json:"userName,omitempty"`
	SessionContext *SessionContext `json:"sessionContext,omitempty"`
	InvokedBy      string          `json:"invokedBy,omitempty"`
}

// SessionContext describes the session behind temporary credentials. For an IAM
// user's console session AWS writes empty sessionIssuer and webIdFederationData
// objects and the session's attributes.
type SessionContext struct {
	SessionIssuer       struct{}          `json:"sessionIssuer"`
	WebIDFederationData struct{}          `json:"webIdFederationData"`
	Attributes          SessionAttributes `json:"attributes"`
}

// SessionAttributes are sessionContext.attributes; both are strings in records.
type SessionAttributes struct {
	CreationDate     string `json:"creationDate"`
	MFAAuthenticated string `json:"mfaAuthenticated"`
}

// RecordRes is one element of the record's resources list (note the upper-case ARN).
type RecordRes struct {
	ARN       string `json:"ARN,omitempty"`
	AccountID string `json:"accountId,omitempty"`
	Type      string `json:"type"`
}

// TLSDetails is present when the call came over TLS.
type TLSDetails struct {
	TLSVersion               string `json:"tlsVersion"`
	CipherSuite              string `json:"cipherSuite"`
	ClientProvidedHostHeader string `json:"clientProvidedHostHeader"`
}

// Resource is a resource as Event history lists it (LookupEvents' Resource shape).
type Resource struct {
	ResourceType string
	ResourceName string
}

// Event is one stored event with the columns Event history and delivery filter on.
type Event struct {
	Seq         int64
	EventID     string
	EventTime   time.Time
	EventName   string
	EventSource string
	Region      string // awsRegion of the record
	Global      bool   // a global service's event, shown in every region
	ReadOnly    bool
	Management  bool
	Username    string
	AccessKeyID string
	Resources   []Resource
	// Record is the complete JSON record (LookupEvents' CloudTrailEvent).
	Record []byte
}

// FormatTime is the record's timestamp form: UTC, whole seconds.
func FormatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func boolPtr(b bool) *bool { return &b }
