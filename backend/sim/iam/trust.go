package iam

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/policy"
	"github.com/labconsole/labconsole/backend/sim/protocol"
)

// Trust policies (a role's AssumeRolePolicyDocument) are resource-based policies
// with IAM's own rules on top: every statement names a Principal, no statement
// names a Resource (the role is the resource), actions are STS's AssumeRole family,
// and Allow may not be combined with NotPrincipal. IAM words these refusals
// "Has prohibited field Resource", "AssumeRole policy may only specify STS
// AssumeRole actions." and so on (MalformedPolicyDocument); the grammar errors the
// policy engine reports for resource policies ("Missing required field Principal",
// "This policy contains invalid Json") are the ones IAM gives for trust policies.

// ParseTrustPolicy checks a trust policy as CreateRole and UpdateAssumeRolePolicy
// do and compiles it for the policy engine (as a resource policy on the role).
// Errors are *protocol.Error: MalformedPolicyDocument, or LimitExceeded when the
// document is over the ACLSizePerRole quota.
func ParseTrustPolicy(doc string) (*policy.Document, error) {
	malformed := func(msg string) error { return protocol.NewError(400, policy.CodeMalformedPolicyDocument, msg) }
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil || root == nil {
		return nil, engineError(doc)
	}
	var statements []any
	switch st := root["Statement"].(type) {
	case map[string]any:
		statements = []any{st}
	case []any:
		statements = st
	default:
		return nil, engineError(doc)
	}
	for _, raw := range statements {
		st, ok := raw.(map[string]any)
		if !ok {
			return nil, engineError(doc)
		}
		if _, ok := st["Resource"]; ok {
			return nil, malformed("Has prohibited field Resource")
		}
		if _, ok := st["NotResource"]; ok {
			return nil, malformed("AssumeRole policy must not contain resources.")
		}
		if _, ok := st["NotPrincipal"]; ok {
			if e, _ := st["Effect"].(string); strings.EqualFold(e, "Allow") {
				return nil, malformed("Allow with NotPrincipal is not allowed.")
			}
		}
		for _, name := range []string{"Action", "NotAction"} {
			v, present := st[name]
			if !present {
				continue
			}
			actions, ok := v.([]any)
			if !ok {
				actions = []any{v}
			}
			for _, a := range actions {
				s, _ := a.(string)
				if !strings.HasPrefix(strings.ToLower(s), "sts:") {
					return nil, malformed("AssumeRole policy may only specify STS AssumeRole actions.")
				}
			}
		}
		// The role itself is the resource: the engine's resource-policy grammar
		// wants one, so the trust policy is compiled as if it named "*".
		st["Resource"] = "*"
	}
	if n := nonSpaceLen(doc); n > MaxTrustPolicySize {
		return nil, quotaExceeded("ACLSizePerRole", MaxTrustPolicySize)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(root); err != nil {
		return nil, engineError(doc)
	}
	d, err := policy.ParseResource(buf.String())
	if err != nil {
		var pe *policy.ParseError
		if errors.As(err, &pe) {
			return nil, malformed(pe.Message)
		}
		return nil, malformed("Syntax errors in policy.")
	}
	return d, nil
}

// engineError is the policy engine's resource-policy wording for a document that
// is not a policy at all ("This policy contains invalid Json").
func engineError(doc string) error {
	msg := "This policy contains invalid Json"
	var pe *policy.ParseError
	if _, err := policy.ParseResource(doc); errors.As(err, &pe) {
		msg = pe.Message
	}
	return protocol.NewError(400, policy.CodeMalformedPolicyDocument, msg)
}

// ErrNoSuchRole is returned (wrapped) by the in-process role API for an ARN that
// names no role of this account.
var ErrNoSuchRole = errors.New("no such IAM role")

// roleByARN resolves arn:aws:iam::<account>:role<path><name> to the stored role;
// the path must match too, as IAM's ARNs are exact.
func (s *Service) roleByARN(ctx context.Context, roleARN string) (storedRole, error) {
	notFound := fmt.Errorf("%w: %s", ErrNoSuchRole, roleARN)
	parts := strings.SplitN(roleARN, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3] != "" || parts[4] != s.account {
		return storedRole{}, notFound
	}
	rest, ok := strings.CutPrefix(parts[5], "role/")
	if !ok || rest == "" {
		return storedRole{}, notFound
	}
	i := strings.LastIndexByte(rest, '/')
	path, name := "/"+rest[:i+1], rest[i+1:]
	r, err := s.roleByName(ctx, s.db.SQL(), name)
	if isNoSuch(err) || (err == nil && (r.Path != path || r.RoleName != name)) {
		return storedRole{}, notFound
	}
	return r, err
}

// RoleByARN returns the role an ARN names, with its tags; AssumeRolePolicyDocument
// is URL-encoded as on the wire. The error wraps ErrNoSuchRole for an unknown ARN.
func (s *Service) RoleByARN(ctx context.Context, roleARN string) (Role, error) {
	r, err := s.roleByARN(ctx, roleARN)
	if err != nil {
		return Role{}, err
	}
	r.Tags, err = s.roleTags(ctx, r.RoleId)
	return r.Role, err
}

// RoleTrusts reports whether the role's trust policy lets the AWS service principal
// (e.g. "cloudtrail.amazonaws.com") assume it: sts:AssumeRole evaluated by the
// policy engine against the trust policy. The error wraps ErrNoSuchRole when the
// ARN names no role of this account.
func (s *Service) RoleTrusts(ctx context.Context, roleARN, servicePrincipal string) (bool, error) {
	return s.RoleTrustsWithContext(ctx, roleARN, servicePrincipal, nil)
}

// RoleTrustsWithContext is RoleTrusts with condition keys (aws:SourceArn,
// aws:SourceAccount) for trust policies that guard against the confused deputy.
func (s *Service) RoleTrustsWithContext(ctx context.Context, roleARN, servicePrincipal string, cond map[string][]string) (bool, error) {
	r, err := s.roleByARN(ctx, roleARN)
	if err != nil {
		return false, err
	}
	doc, err := ParseTrustPolicy(r.trust)
	if err != nil {
		return false, nil // a stored trust policy that no longer parses trusts nobody
	}
	req := &policy.Request{
		Principal: policy.Principal{Type: policy.PrincipalService, Service: servicePrincipal},
		Action:    "sts:AssumeRole",
		Resource:  r.Arn,
	}
	req.SetContext("aws:PrincipalServiceName", servicePrincipal)
	for k, v := range cond {
		req.SetContext(k, v...)
	}
	return policy.Evaluate(req, nil, doc, nil).Allowed(), nil
}

// RoleSessionName is the session name of the in-process role sessions RoleAllows
// evaluates for (arn:aws:sts::<account>:assumed-role/<role>/labconsole-sim).
const RoleSessionName = "labconsole-sim"

// RoleAllows reports whether the role's identity policies (attached managed and
// inline) allow action on resource for a session of the role, evaluated by the
// policy engine as a request from that session would be: CloudTrail checks with
// it that its CloudWatch Logs role may logs:CreateLogStream and logs:PutLogEvents
// on the log group. cond adds condition keys. The error wraps ErrNoSuchRole when
// the ARN names no role of this account.
func (s *Service) RoleAllows(ctx context.Context, roleARN, action, resource string, cond map[string][]string) (bool, error) {
	r, err := s.roleByARN(ctx, roleARN)
	if err != nil {
		return false, err
	}
	docs, err := rolePolicyDocuments(ctx, s.db.SQL(), r.RoleId)
	if err != nil {
		return false, err
	}
	named := make([]policy.NamedDocument, 0, len(docs))
	for _, d := range docs {
		doc, err := policy.Parse(d.Document)
		if err != nil {
			continue // a policy that does not parse grants nothing
		}
		named = append(named, policy.NamedDocument{Arn: d.Arn, Doc: doc})
	}
	req := &policy.Request{
		Principal: policy.Principal{
			Type:    policy.PrincipalAssumedRole,
			Account: s.account,
			Arn:     fmt.Sprintf("arn:aws:sts::%s:assumed-role/%s/%s", s.account, r.RoleName, RoleSessionName),
			UserID:  r.RoleId + ":" + RoleSessionName,
		},
		Action:   action,
		Resource: resource,
	}
	req.SetContext("aws:PrincipalArn", r.Arn)
	req.SetContext("aws:PrincipalAccount", s.account)
	req.SetContext("aws:PrincipalType", "AssumedRole")
	for k, v := range cond {
		req.SetContext(k, v...)
	}
	return policy.Evaluate(req, policy.NewPolicySet(named...), nil, nil).Allowed(), nil
}

// rolePolicies is every identity-based policy of a role: attached managed policies
// (a customer managed policy's document joined in) and inline policies.
const rolePolicies = `
SELECT a.policy_arn, '', coalesce(p.document, '')
	FROM iam_role_policy_attachments a LEFT JOIN iam_policies p ON p.arn = a.policy_arn
	WHERE a.role_id = ?1
UNION ALL
SELECT '', name, document FROM iam_role_policies WHERE role_id = ?1`

// RolePolicyDocuments returns every identity-based policy of the role the ARN
// names, for callers that evaluate them themselves.
func (s *Service) RolePolicyDocuments(ctx context.Context, roleARN string) ([]PolicyDocument, error) {
	r, err := s.roleByARN(ctx, roleARN)
	if err != nil {
		return nil, err
	}
	return rolePolicyDocuments(ctx, s.db.SQL(), r.RoleId)
}

func rolePolicyDocuments(ctx context.Context, q querier, roleID string) ([]PolicyDocument, error) {
	rows, err := q.QueryContext(ctx, rolePolicies, roleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PolicyDocument
	for rows.Next() {
		var d PolicyDocument
		var name sql.NullString
		if err := rows.Scan(&d.Arn, &name, &d.Document); err != nil {
			return nil, err
		}
		d.Name = name.String
		if d.Arn != "" {
			if ap, ok := awsPolicy(d.Arn); ok {
				d.Name, d.Document = ap.PolicyName, ap.Document
			} else {
				_, d.Name = splitPolicyArn(d.Arn)
			}
			if d.Document == "" {
				continue
			}
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
