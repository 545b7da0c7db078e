package policy

import (
	"strconv"
	"strings"
	"time"
)

// Principal types, as the simulator's authenticator reports them.
const (
	PrincipalIAMUser     = "IAMUser"     // an IAM user signing with its access key
	PrincipalRoot        = "Root"        // the account root user
	PrincipalAssumedRole = "AssumedRole" // an STS role session (arn:aws:sts::…:assumed-role/…)
	PrincipalService     = "AWSService"  // an AWS service acting on its own (cloudtrail.amazonaws.com)
	PrincipalAnonymous   = "Anonymous"   // an unsigned request (S3 only)
)

// Principal is who makes the request. The fields also supply the global
// condition keys aws:username, aws:userid, aws:PrincipalArn,
// aws:PrincipalAccount, aws:PrincipalType and aws:PrincipalServiceName when the
// request context does not set them.
type Principal struct {
	Arn      string // arn:aws:iam::123456789012:user/lab-user, …:root, arn:aws:sts::…:assumed-role/R/S
	Account  string // 123456789012
	UserName string // friendly name, IAM users only
	UserID   string // AIDA… for users, AROA…:session for role sessions
	Type     string // one of the Principal* constants; "" is treated as PrincipalIAMUser
	Service  string // service principal name when Type is PrincipalService
}

// Request is one authorization question: may Principal perform Action on
// Resource, given the request context?
type Request struct {
	Principal Principal
	// Action is "service:Action", e.g. "s3:ListBucket"; matched case-insensitively.
	Action string
	// Resource is the ARN acted on, or "" / "*" for actions without
	// resource-level permissions (cloudtrail:LookupEvents, s3:ListAllMyBuckets).
	Resource string
	// Context holds the condition keys of the request: aws:SourceArn,
	// aws:SourceAccount, aws:SourceIp, aws:SecureTransport, s3:prefix,
	// s3:x-amz-acl, iam:PassedToService, aws:RequestTag/…, aws:TagKeys, …
	// Keys are case-insensitive (AWS: "Key names are case-insensitive"); store
	// them lower-cased (see SetContext) to skip the case-folding scan. A key with
	// several values is multivalued and is only matched by ForAnyValue/ForAllValues.
	Context map[string][]string
	// ResourceAccount is the account owning Resource when the caller knows it.
	// When set and different from Principal.Account the request is cross-account
	// and needs an Allow from both the identity and the resource policy.
	ResourceAccount string
	// KeyPolicy says the resource policy is a KMS key policy, which unlike other
	// resource policies must allow the request itself: "No AWS principal, including
	// the account root user or key creator, has any permissions to a KMS key unless
	// they are explicitly allowed" in its key policy (KMS Developer Guide, "Key
	// policies"). A grant to the account delegates to its IAM policies, which then
	// must allow too; with no key policy, nothing is allowed.
	KeyPolicy bool
	// Time supplies aws:CurrentTime and aws:EpochTime when Context lacks them;
	// the simulator passes its clock here, keeping this package clock-free.
	Time time.Time
}

// SetContext stores a condition key lower-cased, creating the map if needed.
func (r *Request) SetContext(key string, values ...string) {
	if r.Context == nil {
		r.Context = make(map[string][]string)
	}
	r.Context[strings.ToLower(key)] = values
}

// evalCtx resolves condition keys and policy variables for one Evaluate call.
// It lives on Evaluate's stack; scratch backs the one-element slice returned
// for keys derived from the principal, so lookups never allocate.
type evalCtx struct {
	req     *Request
	scratch [1]string
}

// fromContext finds key (lower-cased) in the request context, folding case if
// the caller stored it in another case.
func (e *evalCtx) fromContext(key string) ([]string, bool) {
	ctx := e.req.Context
	if v, ok := ctx[key]; ok {
		return v, true
	}
	for k, v := range ctx {
		if len(k) == len(key) && strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

// lookup returns the values of a condition key; none when the key is absent.
func (e *evalCtx) lookup(key string) []string {
	if v, ok := e.fromContext(key); ok {
		return v
	}
	if s, ok := e.derived(key); ok {
		e.scratch[0] = s
		return e.scratch[:]
	}
	return nil
}

// variable resolves ${key}. Only single-valued keys can be policy variables
// ("You can use any single-valued context key as a policy variable").
func (e *evalCtx) variable(key string) (string, bool) {
	if e == nil {
		return "", false
	}
	if v, ok := e.fromContext(key); ok {
		if len(v) == 1 {
			return v[0], true
		}
		return "", false
	}
	return e.derived(key)
}

// derived computes the global keys AWS adds from the principal and the clock.
// Values follow the IAM User Guide table "Principal key values": aws:username is
// present only for IAM users, aws:userid is the account ID for the root user.
func (e *evalCtx) derived(key string) (string, bool) {
	p := &e.req.Principal
	user := p.Type == PrincipalIAMUser || p.Type == ""
	switch key {
	case "aws:username":
		if user && p.UserName != "" {
			return p.UserName, true
		}
	case "aws:userid":
		switch {
		case p.Type == PrincipalRoot && p.Account != "":
			return p.Account, true
		case (user || p.Type == PrincipalAssumedRole) && p.UserID != "":
			return p.UserID, true
		}
	case "aws:principalarn":
		if p.Type != PrincipalService && p.Type != PrincipalAnonymous && p.Arn != "" {
			return p.Arn, true
		}
	case "aws:principalaccount":
		if p.Type != PrincipalService && p.Type != PrincipalAnonymous && p.Account != "" {
			return p.Account, true
		}
	case "aws:principaltype":
		switch p.Type {
		case PrincipalIAMUser, "":
			return "User", true
		case PrincipalRoot:
			return "Account", true
		case PrincipalAssumedRole:
			return "AssumedRole", true
		case PrincipalAnonymous:
			return "Anonymous", true
		}
	case "aws:principalservicename":
		if p.Type == PrincipalService && p.Service != "" {
			return p.Service, true
		}
	case "aws:currenttime":
		if !e.req.Time.IsZero() {
			return e.req.Time.UTC().Format(time.RFC3339), true
		}
	case "aws:epochtime":
		if !e.req.Time.IsZero() {
			return strconv.FormatInt(e.req.Time.Unix(), 10), true
		}
	}
	return "", false
}
