package kms

import (
	"errors"
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/labconsole/labconsole/backend/sim/policy"
	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// Limits of key policies (PolicyType, PolicyNameType in the KMS API model).
const (
	MaxPolicyLen      = 131072
	DefaultPolicyName = "default"
)

var (
	policyChars     = regexp.MustCompile(`^[\x{09}\x{0A}\x{0D}\x{20}-\x{FF}]+$`)
	policyNameChars = regexp.MustCompile(`^[\w]+$`)
)

// DefaultKeyPolicy is the policy KMS gives a key created without one: the account
// root may do everything, which delegates the key to the account's IAM policies.
func DefaultKeyPolicy(account string) string {
	return fmt.Sprintf(`{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::%s:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`, account)
}

// checkPolicyText applies PolicyType (1–131072 characters of tab, line breaks and
// U+0020–U+00FF) and then the policy grammar, as a resource-based policy.
func checkPolicyText(doc *string) error {
	if doc == nil {
		return notNull("policy")
	}
	n := utf8.RuneCountInString(*doc)
	switch {
	case n == 0:
		return validation("1 validation error detected: Value '' at 'policy' failed to satisfy constraint: Member must have length greater than or equal to 1")
	case n > MaxPolicyLen:
		return tooLong("policy", MaxPolicyLen)
	case !policyChars.MatchString(*doc):
		return validation(`1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+`)
	}
	if _, err := policy.ParseResource(*doc); err != nil {
		var pe *policy.ParseError
		if errors.As(err, &pe) {
			if pe.Kind == policy.ErrInvalidPrincipal {
				return malformedPolicy("Policy contains a statement with one or more invalid principals.")
			}
			return malformedPolicy(pe.Message) // the engine's resource-policy wording; UNVERIFIED for KMS
		}
		return malformedPolicy("The policy contains invalid JSON.")
	}
	return nil
}

// lockoutCheck is KMS's policy lockout safety check: unless the caller bypasses it,
// the new policy must still let the caller change the key policy later.
func lockoutCheck(c *service.Call, keyArn, doc string, bypass *bool) error {
	if bypass != nil && *bypass {
		return nil
	}
	err := c.AuthorizeRequest(service.AuthzRequest{Action: "kms:PutKeyPolicy", Resource: keyArn, ResourcePolicy: doc, KeyPolicy: true, Context: withCaller(c, nil)})
	if pe := asProtocol(err); pe != nil && (pe.Code == "AccessDeniedException" || pe.Code == "AccessDenied") {
		return lockout()
	}
	return err
}

// authorizeKey asks for action on the key with its key policy as the resource
// policy; the default key policy delegates to the caller's IAM policies.
func authorizeKey(c *service.Call, action string, k key) error {
	return authorizeKeyWith(c, action, k, nil)
}

// authorizeKeyWith is authorizeKey with condition keys. KMS sets kms:CallerAccount
// on every request, which key policies use to open a key to a whole account.
func authorizeKeyWith(c *service.Call, action string, k key, cond map[string][]string) error {
	c.Record.Resources = []service.EventResource{{Type: "AWS::KMS::Key", Name: k.arn}}
	return c.AuthorizeRequest(service.AuthzRequest{Action: action, Resource: k.arn, ResourcePolicy: k.policy, KeyPolicy: true, Context: withCaller(c, cond)})
}

// withCaller adds kms:CallerAccount to a request's condition keys.
func withCaller(c *service.Call, cond map[string][]string) map[string][]string {
	out := make(map[string][]string, len(cond)+1)
	for k, v := range cond {
		out[k] = v
	}
	out["kms:CallerAccount"] = []string{c.Principal.Account}
	return out
}

func checkPolicyName(name *string) error {
	if name == nil {
		return nil
	}
	if n := utf8.RuneCountInString(*name); n == 0 || n > 128 || !policyNameChars.MatchString(*name) {
		return validation(`1 validation error detected: Value '%s' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w]+`, *name)
	}
	return nil
}

type getKeyPolicyInput struct {
	KeyId      string
	PolicyName *string
}

type getKeyPolicyOutput struct {
	Policy     string
	PolicyName string
}

type putKeyPolicyInput struct {
	KeyId                          string
	PolicyName                     *string
	Policy                         *string
	BypassPolicyLockoutSafetyCheck *bool
}

type listKeyPoliciesInput struct {
	KeyId  string
	Limit  *int
	Marker *string
}

type listKeyPoliciesOutput struct {
	PolicyNames []string
	Truncated   bool
}

func noSuchPolicy(name string) *protocol.Error {
	return kmsError("NotFoundException", "No such policy exists: %s", name) // UNVERIFIED wording
}

func (s *Service) getKeyPolicy(c *service.Call, in *getKeyPolicyInput) (*getKeyPolicyOutput, error) {
	if err := checkPolicyName(in.PolicyName); err != nil {
		return nil, err
	}
	k, err := s.find(c.Ctx, c.Now, c.Region, in.KeyId, false)
	if err != nil {
		return nil, err
	}
	if err := authorizeKey(c, "kms:GetKeyPolicy", k); err != nil {
		return nil, err
	}
	if in.PolicyName != nil && *in.PolicyName != DefaultPolicyName {
		return nil, noSuchPolicy(*in.PolicyName)
	}
	return &getKeyPolicyOutput{Policy: k.policy, PolicyName: DefaultPolicyName}, nil
}

func (s *Service) putKeyPolicy(c *service.Call, in *putKeyPolicyInput) (*struct{}, error) {
	if err := checkPolicyName(in.PolicyName); err != nil {
		return nil, err
	}
	if err := checkPolicyText(in.Policy); err != nil {
		return nil, err
	}
	k, err := s.find(c.Ctx, c.Now, c.Region, in.KeyId, false)
	if err != nil {
		return nil, err
	}
	if err := authorizeKey(c, "kms:PutKeyPolicy", k); err != nil {
		return nil, err
	}
	if in.PolicyName != nil && *in.PolicyName != DefaultPolicyName {
		return nil, noSuchPolicy(*in.PolicyName)
	}
	if k.state == StatePendingDeletion {
		return nil, pendingDeletion(k.arn)
	}
	if err := lockoutCheck(c, k.arn, *in.Policy, in.BypassPolicyLockoutSafetyCheck); err != nil {
		return nil, err
	}
	_, err = s.db.SQL().ExecContext(c.Ctx, `UPDATE kms_keys SET policy = ? WHERE key_id = ?`, *in.Policy, k.id)
	return nil, err
}

func (s *Service) listKeyPolicies(c *service.Call, in *listKeyPoliciesInput) (*listKeyPoliciesOutput, error) {
	if err := checkLimit(in.Limit, 1000); err != nil {
		return nil, err
	}
	k, err := s.find(c.Ctx, c.Now, c.Region, in.KeyId, false)
	if err != nil {
		return nil, err
	}
	if err := authorizeKey(c, "kms:ListKeyPolicies", k); err != nil {
		return nil, err
	}
	if in.Marker != nil {
		return nil, invalidMarker() // one policy: there is never a second page
	}
	return &listKeyPoliciesOutput{PolicyNames: []string{DefaultPolicyName}}, nil
}

// checkLimit applies a Limit member's range (1–max).
func checkLimit(limit *int, max int) error {
	if limit == nil {
		return nil
	}
	if *limit < 1 {
		return validation("1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1", *limit)
	}
	if *limit > max {
		return validation("1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value less than or equal to %d", *limit, max)
	}
	return nil
}
