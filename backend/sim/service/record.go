package service

// RecordHints tell the CloudTrail recorder what it cannot derive from the call itself.
// The defaults (eventType AwsApiCall, management event, readOnly from the operation
// name, requestParameters and responseElements from Input and Output with lowerCamel
// keys) fit most operations; services set only what differs.
type RecordHints struct {
	Skip      bool  // never record (nothing in AWS is unrecorded, so this is rare)
	DataEvent bool  // data-plane (S3 object-level): recorded only where a trail selects it
	ReadOnly  *bool // overrides the name-based guess
	// RequestParameters / ResponseElements replace the derived ones, e.g. to hide a
	// password ("HIDDEN_DUE_TO_SECURITY_REASONS") or a secret access key.
	RequestParameters   any
	ResponseElements    any
	OmitResponse        bool // record responseElements as null
	Resources           []EventResource
	AdditionalEventData map[string]any
	EventType           string // "" = AwsApiCall; "AwsConsoleSignIn" for console sign-in
	EventSource         string // "" = <signing name>.amazonaws.com
	// Identity overrides the principal recorded (console sign-in records the user
	// signing in, even when the request itself was made by the console).
	Identity *Principal
}

// EventResource is one resource in a LookupEvents Event ("AWS::IAM::User", "lab-user").
type EventResource struct {
	Type string
	Name string
}
