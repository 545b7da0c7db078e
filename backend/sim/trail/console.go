package trail

import (
	"encoding/json"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// HiddenUserName is what CloudTrail records instead of a user name that does not
// exist, so a failed sign-in never leaks what someone typed.
const HiddenUserName = "HIDDEN_DUE_TO_SECURITY_REASONS"

// ConsoleLogin is one console sign-in attempt, as IAM's sign-in reports it.
type ConsoleLogin struct {
	// Principal is the user signing in (Type "IAMUser" or "Root"). For a user name
	// that does not exist, leave UserID and Arn empty and set UserName to
	// HiddenUserName, as AWS does.
	Principal service.Principal
	Time      time.Time
	// Region is the sign-in endpoint's region: the console's region for the
	// regional endpoint, "" for the global one (recorded in us-east-1).
	Region    string
	SourceIP  string
	UserAgent string
	Success   bool
	MFAUsed   bool
	// LoginTo is the console URL signed in to; "" records the console home.
	LoginTo string
	// ErrorMessage of a failure; "" records "Failed authentication".
	ErrorMessage string
}

// RecordConsoleLogin records a ConsoleLogin event (eventSource signin.amazonaws.com,
// eventType AwsConsoleSignIn) with the shape of the CloudTrail User Guide's sign-in
// examples: requestParameters null, responseElements {"ConsoleLogin": "Success"} or
// "Failure", additionalEventData with LoginTo, MobileVersion and MFAUsed. The IAM
// service's console sign-in calls it for every attempt, successful or not.
func (r *Recorder) RecordConsoleLogin(l ConsoleLogin) {
	region := l.Region
	if region == "" {
		region = GlobalRegion
	}
	loginTo := l.LoginTo
	if loginTo == "" {
		loginTo = "https://console.aws.amazon.com/console/home"
	}
	result := "Success"
	rec := &Record{
		EventVersion:       EventVersion,
		EventTime:          FormatTime(l.Time),
		EventSource:        "signin.amazonaws.com",
		EventName:          "ConsoleLogin",
		AWSRegion:          region,
		SourceIPAddress:    l.SourceIP,
		UserAgent:          truncate(l.UserAgent, 1024),
		RequestParameters:  json.RawMessage("null"),
		ReadOnly:           boolPtr(false),
		EventType:          TypeConsoleSignIn,
		ManagementEvent:    boolPtr(true),
		RecipientAccountID: r.account,
		EventCategory:      CategoryManagement,
	}
	p := l.Principal
	rec.UserIdentity = UserIdentity{Type: p.Type, PrincipalID: p.UserID, ARN: p.Arn, AccountID: p.Account}
	if rec.UserIdentity.Type == "" {
		rec.UserIdentity.Type = "IAMUser"
	}
	if rec.UserIdentity.AccountID == "" {
		rec.UserIdentity.AccountID = r.account
	}
	if rec.UserIdentity.Type == "IAMUser" {
		rec.UserIdentity.UserName = p.UserName
	}
	if !l.Success {
		result = "Failure"
		rec.ErrorMessage = l.ErrorMessage
		if rec.ErrorMessage == "" {
			rec.ErrorMessage = "Failed authentication"
		}
		empty := ""
		rec.UserIdentity.AccessKeyID = &empty
		rec.UserIdentity.ARN = "" // failed sign-ins carry no ARN in AWS's examples
	}
	rec.ResponseElements, _ = json.Marshal(map[string]string{"ConsoleLogin": result})
	rec.AdditionalEventData, _ = json.Marshal(struct {
		LoginTo       string
		MobileVersion string
		MFAUsed       string
	}{loginTo, "No", yesNo(l.MFAUsed)})
	r.enqueue(&pending{prebuilt: rec, at: l.Time, prebuiltUser: usernameOf(p), prebuiltMgmt: true})
}

// ServiceCall is a call an AWS service makes on its own behalf, recorded with
// userIdentity {type AWSService, invokedBy} and the service as source IP and user
// agent: CloudTrail's GetBucketAcl and PutObject on a trail's bucket.
type ServiceCall struct {
	Service           string // "cloudtrail.amazonaws.com"
	EventSource       string // "s3.amazonaws.com"
	EventName         string
	Region            string
	Time              time.Time
	ReadOnly          bool
	DataEvent         bool
	RequestParameters any
	ResponseElements  any
	Resources         []RecordRes
	AdditionalData    map[string]any
}

// RecordServiceCall records c.
func (r *Recorder) RecordServiceCall(c ServiceCall) {
	rec := &Record{
		EventVersion:       EventVersion,
		UserIdentity:       UserIdentity{Type: "AWSService", InvokedBy: c.Service},
		EventTime:          FormatTime(c.Time),
		EventSource:        c.EventSource,
		EventName:          c.EventName,
		AWSRegion:          c.Region,
		SourceIPAddress:    c.Service,
		UserAgent:          c.Service,
		RequestID:          newRequestID(),
		ReadOnly:           boolPtr(c.ReadOnly),
		Resources:          c.Resources,
		EventType:          TypeAPICall,
		ManagementEvent:    boolPtr(!c.DataEvent),
		RecipientAccountID: r.account,
		SharedEventID:      newEventID(),
		EventCategory:      CategoryManagement,
	}
	if c.DataEvent {
		rec.EventCategory = CategoryData
	}
	rec.RequestParameters = rawOrNull(c.RequestParameters)
	rec.ResponseElements = rawOrNull(c.ResponseElements)
	if len(c.AdditionalData) > 0 {
		rec.AdditionalEventData, _ = json.Marshal(c.AdditionalData)
	}
	var resources []Resource
	for _, rr := range c.Resources {
		name := rr.ARN
		if rr.Type == "AWS::S3::Bucket" && len(name) > len("arn:aws:s3:::") {
			name = name[len("arn:aws:s3:::"):]
		}
		resources = append(resources, Resource{ResourceType: rr.Type, ResourceName: name})
	}
	r.enqueue(&pending{prebuilt: rec, at: c.Time, prebuiltUser: c.Service, prebuiltRes: resources, prebuiltMgmt: !c.DataEvent})
}

func rawOrNull(v any) json.RawMessage {
	if v == nil {
		return json.RawMessage("null")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage("null")
	}
	return b
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// newRequestID is a request ID in S3's style (16 upper-case alphanumerics), for the
// calls services make themselves.
func newRequestID() string {
	id := newEventID()
	out := make([]byte, 0, 16)
	for i := 0; i < len(id) && len(out) < 16; i++ {
		c := id[i]
		if c == '-' {
			continue
		}
		if c >= 'a' && c <= 'f' {
			c -= 'a' - 'A'
		}
		out = append(out, c)
	}
	return string(out)
}
