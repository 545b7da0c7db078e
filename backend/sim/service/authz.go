package service

import "github.com/labconsole/labconsole/backend/sim/protocol"

// Authorizer decides whether the call's principal may perform action on resource. The
// router installs the account's policy evaluator; services never evaluate policies
// themselves.
type Authorizer func(c *Call, req AuthzRequest) error

// AuthzRequest is one authorization question.
type AuthzRequest struct {
	Action   string // "s3:ListBucket"
	Resource string // ARN; "" for actions without resource-level permissions
	// Context adds condition keys (s3:prefix, iam:PolicyARN…); the router adds the
	// global ones (aws:username, aws:SourceIp, aws:CurrentTime…).
	Context map[string][]string
	// ResourcePolicy is the resource's own policy document (a bucket policy), if any.
	ResourcePolicy string
	// KeyPolicy: ResourcePolicy is a KMS key policy, which must allow the request
	// (policy.Request.KeyPolicy).
	KeyPolicy bool
	// QuoteResource quotes the ARN in the denial message, as S3 does.
	QuoteResource bool
	// CapitalizePrefix words the action as SNS does ("SNS:Publish").
	CapitalizePrefix bool
}

// Authorize asks whether the caller may perform action on resource; a denial is the
// service's AccessDenied error worded exactly as AWS words it. Every operation calls
// it (the router refuses to answer for an operation that did not), after validating
// its input and before touching state.
func (c *Call) Authorize(action, resource string) error {
	return c.AuthorizeRequest(AuthzRequest{Action: action, Resource: resource})
}

// AuthorizeRequest is Authorize with condition keys or a resource policy.
func (c *Call) AuthorizeRequest(req AuthzRequest) error {
	c.authorized = true
	if c.Authorizer == nil {
		return protocol.NewError(500, "InternalFailure", "no authorizer installed")
	}
	return c.Authorizer(c, req)
}

// Authorized reports whether the operation asked for authorization.
func (c *Call) Authorized() bool { return c.authorized }

// SkipAuthorization marks an operation that AWS does not authorize (STS
// GetCallerIdentity needs no permission).
func (c *Call) SkipAuthorization() { c.authorized = true }
