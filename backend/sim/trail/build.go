package trail

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// maxParamBytes is CloudTrail's cut-off: "If the request parameters exceed 100 KB,
// they are omitted" (and so are the response elements).
const maxParamBytes = 100 << 10

var recordSpelling = protocol.RecordJSON{Name: LowerCamel, Omit: isSecret, Time: appendJavaTime}

// build encodes one captured call as an Event with its JSON record.
func (r *Recorder) build(p *pending) (Event, error) {
	if p.prebuilt != nil {
		return r.finish(p.prebuilt, p.at, p.prebuiltUser, p.prebuiltRes, p.prebuiltMgmt, false)
	}
	h := &p.hints
	readOnly := GuessReadOnly(p.op)
	if h.ReadOnly != nil {
		readOnly = *h.ReadOnly
	}
	global := IsGlobalService(p.signing)
	region := p.region
	if global {
		region = GlobalRegion
	}
	source := h.EventSource
	if source == "" {
		source = p.signing + ".amazonaws.com"
	}
	eventType := h.EventType
	if eventType == "" {
		eventType = TypeAPICall
	}
	rec := &Record{
		EventVersion:       EventVersion,
		EventTime:          FormatTime(p.at),
		EventSource:        source,
		EventName:          p.op,
		AWSRegion:          region,
		SourceIPAddress:    p.sourceIP,
		UserAgent:          truncate(p.userAgent, 1024),
		ErrorCode:          p.errCode,
		ErrorMessage:       p.errMsg,
		RequestID:          p.requestID,
		ReadOnly:           boolPtr(readOnly),
		EventType:          eventType,
		ManagementEvent:    boolPtr(!h.DataEvent),
		RecipientAccountID: r.account,
		EventCategory:      CategoryManagement,
		TLSDetails:         p.tls,
	}
	if h.DataEvent {
		rec.EventCategory = CategoryData
	}
	principal := p.principal
	if h.Identity != nil {
		principal = *h.Identity
	}
	rec.UserIdentity = r.identity(principal)
	if principal.ConsoleSession() {
		// Console sign-in credentials: the session's attributes, and (1.08+) the
		// top-level flag that the credentials came from the console.
		rec.UserIdentity.SessionContext = &SessionContext{Attributes: SessionAttributes{
			CreationDate:     FormatTime(principal.SessionIssuedAt),
			MFAAuthenticated: boolString(principal.MFAUsed),
		}}
		rec.SessionCredentialFromConsole = "true"
	}
	var err error
	reqSrc := p.input
	if h.RequestParameters != nil {
		reqSrc = h.RequestParameters
	}
	if rec.RequestParameters, err = recordJSON(reqSrc); err != nil {
		return Event{}, err
	}
	switch {
	case h.ResponseElements != nil:
		rec.ResponseElements, err = recordJSON(h.ResponseElements)
	case h.OmitResponse, readOnly, p.errCode != "":
		rec.ResponseElements = json.RawMessage("null")
	default:
		rec.ResponseElements, err = recordJSON(p.output)
	}
	if err != nil {
		return Event{}, err
	}
	if len(h.AdditionalEventData) > 0 {
		if rec.AdditionalEventData, err = json.Marshal(h.AdditionalEventData); err != nil {
			return Event{}, err
		}
	}
	resources := make([]Resource, 0, len(h.Resources))
	for _, res := range h.Resources {
		resources = append(resources, Resource{ResourceType: res.Type, ResourceName: res.Name})
		switch {
		case strings.HasPrefix(res.Name, "arn:"):
			rec.Resources = append(rec.Resources, RecordRes{ARN: res.Name, AccountID: r.account, Type: res.Type})
		case res.Type == "AWS::S3::Bucket":
			rec.Resources = append(rec.Resources, RecordRes{ARN: "arn:aws:s3:::" + res.Name, AccountID: r.account, Type: res.Type})
		}
	}
	if len(h.Resources) == 0 && !h.DataEvent {
		resources = derivedResources(p.signing, p.input)
	}
	if h.DataEvent && p.signing == "s3" && len(rec.Resources) == 0 {
		rec.Resources, resources = s3DataResources(p.input, r.account, resources)
	}
	return r.finish(rec, p.at, usernameOf(principal), resources, !h.DataEvent, global)
}

// finish assigns the event's ID and encodes the record.
func (r *Recorder) finish(rec *Record, at time.Time, username string, resources []Resource, management, global bool) (Event, error) {
	rec.EventID = newEventID()
	body, err := json.Marshal(rec)
	if err != nil {
		return Event{}, err
	}
	ev := Event{
		EventID:     rec.EventID,
		EventTime:   at,
		EventName:   rec.EventName,
		EventSource: rec.EventSource,
		Region:      rec.AWSRegion,
		Global:      global,
		ReadOnly:    rec.ReadOnly != nil && *rec.ReadOnly,
		Management:  management,
		Username:    username,
		Resources:   resources,
		Record:      body,
	}
	if rec.UserIdentity.AccessKeyID != nil {
		ev.AccessKeyID = *rec.UserIdentity.AccessKeyID
	}
	return ev, nil
}

// identity is userIdentity for the principal that made the call.
func (r *Recorder) identity(p service.Principal) UserIdentity {
	id := UserIdentity{Type: p.Type, ARN: p.Arn, AccountID: p.Account, PrincipalID: p.UserID}
	if id.Type == "" {
		id.Type = "IAMUser"
	}
	if id.AccountID == "" {
		id.AccountID = r.account
	}
	if p.AccessKeyID != "" {
		key := p.AccessKeyID
		id.AccessKeyID = &key
	}
	switch id.Type {
	case "IAMUser":
		id.UserName = p.UserName
	case "Root":
		if id.PrincipalID == "" {
			id.PrincipalID = id.AccountID
		}
		if id.ARN == "" {
			id.ARN = "arn:aws:iam::" + id.AccountID + ":root"
		}
	}
	return id
}

// usernameOf is Event history's "User name": the IAM user, "root", or a role
// session's name.
func usernameOf(p service.Principal) string {
	switch p.Type {
	case "Root":
		return "root"
	case "AssumedRole":
		return p.Arn[strings.LastIndexByte(p.Arn, '/')+1:]
	}
	return p.UserName
}

// recordJSON encodes requestParameters or responseElements: null when there is
// nothing to show or when it exceeds CloudTrail's 100 KB limit.
func recordJSON(v any) (json.RawMessage, error) {
	b, ok, err := protocol.AppendRecordJSON(nil, v, recordSpelling)
	if err != nil {
		return nil, err
	}
	if !ok || len(b) > maxParamBytes {
		return json.RawMessage("null"), nil
	}
	return b, nil
}

// s3DataResources names the object and bucket of an S3 object-level call when the
// S3 service did not list them: records carry both, and trails select data events
// by the object's ARN.
func s3DataResources(input any, account string, resources []Resource) ([]RecordRes, []Resource) {
	bucket, key := stringField(input, "Bucket"), stringField(input, "Key")
	if bucket == "" {
		return nil, resources
	}
	var rec []RecordRes
	if key != "" {
		arn := "arn:aws:s3:::" + bucket + "/" + key
		rec = append(rec, RecordRes{ARN: arn, Type: "AWS::S3::Object"})
		resources = append(resources, Resource{ResourceType: "AWS::S3::Object", ResourceName: arn})
	}
	rec = append(rec, RecordRes{ARN: "arn:aws:s3:::" + bucket, AccountID: account, Type: "AWS::S3::Bucket"})
	resources = append(resources, Resource{ResourceType: "AWS::S3::Bucket", ResourceName: bucket})
	return rec, resources
}

// stringField reads a string (or *string) member of a struct by name.
func stringField(v any, name string) string {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return ""
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return ""
	}
	f := rv.FieldByName(name)
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return ""
		}
		f = f.Elem()
	}
	if f.Kind() != reflect.String {
		return ""
	}
	return f.String()
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// newEventID is a random (version 4) UUID, as CloudTrail's eventID is.
func newEventID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
