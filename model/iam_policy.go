package model

import (
	"strings"
	"time"
)

// PolicyScope selects which managed policies ListPolicies returns, as IAM's Scope
// parameter does: AWS managed, customer managed ("Local") or both.
type PolicyScope string

// The values IAM accepts for Scope.
const (
	PolicyScopeAll   PolicyScope = "All"
	PolicyScopeAWS   PolicyScope = "AWS"
	PolicyScopeLocal PolicyScope = "Local"
)

// PolicyFilter narrows ListPolicies the way the console's "Permissions policies" list
// and the "Attach permissions policies" step do.
type PolicyFilter struct {
	Scope        PolicyScope // "" means All
	OnlyAttached bool
	PathPrefix   string // "" means "/"
}

// Policy is a managed policy (AWS managed or customer managed) with its metadata.
// Description is only filled by GetPolicy: IAM's listings leave it out.
type Policy struct {
	PolicyName       string
	PolicyID         string
	Arn              string
	Path             string
	DefaultVersionID string
	AttachmentCount  int
	IsAttachable     bool
	Description      string
	CreateDate       time.Time
	UpdateDate       time.Time
}

// AWSManagedPolicyPrefix starts the ARN of every AWS managed policy.
const AWSManagedPolicyPrefix = "arn:aws:iam::aws:policy/"

// AWSManaged reports whether AWS owns the policy (the console's "AWS managed" type);
// customer managed policies carry the account ID in their ARN.
func (p Policy) AWSManaged() bool { return strings.HasPrefix(p.Arn, AWSManagedPolicyPrefix) }

// AttachedPolicy is one managed policy attached to a user or a group.
type AttachedPolicy struct {
	PolicyName string
	PolicyArn  string
}

// PolicyVersion is one version of a managed policy. Document is the JSON text, already
// URL-decoded (IAM sends it URL-encoded on the wire).
type PolicyVersion struct {
	VersionID        string
	IsDefaultVersion bool
	CreateDate       time.Time
	Document         string
}

// InlinePolicy is a policy embedded in one user or group (PutUserPolicy,
// PutGroupPolicy). Document is the JSON text.
type InlinePolicy struct {
	PolicyName string
	Document   string
}

// Validate applies IAM's rules for the name and the document's size and characters.
// The grammar itself (Effect, Action, Resource…) is IAM's to judge: the simulator
// answers MalformedPolicyDocument exactly as IAM does.
func (p InlinePolicy) Validate() error {
	var errs Errors
	errs.Add(ValidatePolicyName(p.PolicyName))
	errs.Add(ValidatePolicyDocument(p.Document))
	return errs.Err()
}
