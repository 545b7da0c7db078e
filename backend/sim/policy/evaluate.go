package policy

import "strings"

// NamedDocument is one policy of an identity. Arn is the managed policy's ARN
// (AWS names it in explicit-deny messages); it is "" for inline policies.
type NamedDocument struct {
	Arn string
	Doc *Document
}

// PolicySet is everything that applies to one identity: attached managed
// policies, inline policies and the policies of its groups. Build it when the
// identity's attachments change and reuse it for every request; it is
// immutable and safe for concurrent use. A nil *PolicySet holds no policies.
type PolicySet struct {
	docs []NamedDocument
}

// NewPolicySet collects docs, skipping entries without a document.
func NewPolicySet(docs ...NamedDocument) *PolicySet {
	ps := &PolicySet{docs: make([]NamedDocument, 0, len(docs))}
	for _, d := range docs {
		if d.Doc != nil {
			ps.docs = append(ps.docs, d)
		}
	}
	return ps
}

// Len is the number of documents in the set.
func (p *PolicySet) Len() int {
	if p == nil {
		return 0
	}
	return len(p.docs)
}

// Decision is the outcome of an evaluation. The zero value is ImplicitDeny,
// AWS's default for every request.
type Decision int

// The three outcomes of AWS policy evaluation.
const (
	ImplicitDeny Decision = iota
	Allow
	ExplicitDeny
)

// String names the decision as the IAM policy simulator does.
func (d Decision) String() string {
	switch d {
	case Allow:
		return "allowed"
	case ExplicitDeny:
		return "explicitDeny"
	}
	return "implicitDeny"
}

// Policy types named in AccessDenied messages ("because no <type> … allows",
// "with an explicit deny in a <type> …").
const (
	DeniedByIdentity = "identity-based"
	DeniedByResource = "resource-based"
	DeniedByBoundary = "permissions boundary"
)

// Result is a decision and, for a denial, the policy type to blame and the ARN
// of the denying managed policy when one is known.
type Result struct {
	Decision         Decision
	DenyingPolicyArn string
	DeniedBy         string // DeniedByIdentity, DeniedByResource or DeniedByBoundary; "" when allowed
}

// Allowed reports whether the request may proceed.
func (r Result) Allowed() bool { return r.Decision == Allow }

// prepared is the request split once for all statements.
type prepared struct {
	action, svc, name string
	res               arnValue
}

func prepare(req *Request) prepared {
	pr := prepared{action: req.Action}
	pr.svc, pr.name, _ = strings.Cut(req.Action, ":")
	res := req.Resource
	if res == "" {
		res = "*" // actions without resource-level permissions are evaluated against "*"
	}
	pr.res = splitARN(res)
	return pr
}

// applies reports whether the statement's Action, Resource and Condition all
// match the request (its Principal is checked by the caller).
func (s *Statement) applies(pr *prepared, ec *evalCtx) bool {
	if !s.actions.matches(pr.action, pr.svc, pr.name) {
		return false
	}
	if !s.resources.matches(&pr.res, ec) {
		return false
	}
	for i := range s.conds {
		if !s.conds[i].eval(ec) {
			return false
		}
	}
	return true
}

// Evaluate decides one request the way AWS does within a single account (IAM
// User Guide, "Policy evaluation logic" and "Policy evaluation for requests
// within a single account"):
//
//  1. An explicit Deny in any applicable policy wins. When several policy types
//     deny, the identity-based one is reported, then resource-based, then the
//     boundary (AWS names only one type).
//  2. The root user is allowed unless a resource-based policy denies it; it has
//     no identity policies and no boundary ("all requests are implicitly denied
//     with the exception of the AWS account root user, which has full access").
//  3. Service principals (cloudtrail.amazonaws.com writing a trail bucket) and
//     anonymous requests hold no identity policies: only a resource-based Allow
//     that names them (or "*") lets them in.
//  4. IAM users and role sessions are allowed by an identity-based Allow that
//     the permissions boundary (if any) also allows, or by a resource-based
//     Allow that names them directly: "If a resource-based policy grants
//     permission directly to the IAM user or the session principal that is
//     making the request, then an implicit deny in an identity-based policy, a
//     permissions boundary, or a session policy does not impact the final
//     decision." A grant to the session's role ARN still needs the boundary;
//     a grant to the account ("AWS": "123456789012" or …:root) only delegates
//     to the account's IAM policies.
//  5. When Request.ResourceAccount names another account, both the identity
//     policies and the resource policy must allow.
//  6. With Request.KeyPolicy (a KMS key), the key policy must allow: by naming the
//     requester (or its role), or by naming the account, which delegates to the
//     IAM policies — the root user included.
//
// identity, resourcePolicy and boundary may be nil.
func Evaluate(req *Request, identity *PolicySet, resourcePolicy *Document, boundary *Document) Result {
	ec := evalCtx{req: req}
	pr := prepare(req)
	p := &req.Principal
	iamPrincipal := p.Type != PrincipalRoot && p.Type != PrincipalService && p.Type != PrincipalAnonymous

	resDeny, resAllow := false, pmNone
	if resourcePolicy != nil {
		for i := range resourcePolicy.Statements {
			st := &resourcePolicy.Statements[i]
			if !st.principals.present {
				continue // a resource policy statement names nobody without Principal
			}
			pm := st.principals.match(p)
			if pm == pmNone && st.principals.negate && st.Effect == EffectDeny && boundary != nil && iamPrincipal {
				// "The NotPrincipal element with a Deny effect will always deny any
				// IAM principal that has a permissions boundary policy attached."
				pm = pmDirect
			}
			if pm == pmNone || !st.applies(&pr, &ec) {
				continue
			}
			if st.Effect == EffectDeny {
				resDeny = true
				break
			}
			resAllow = max(resAllow, pm)
		}
	}

	if !iamPrincipal {
		switch {
		case resDeny:
			return Result{Decision: ExplicitDeny, DeniedBy: DeniedByResource}
		case req.KeyPolicy && p.Type == PrincipalRoot && resAllow == pmNone:
			return Result{Decision: ImplicitDeny, DeniedBy: DeniedByResource}
		case p.Type == PrincipalRoot, resAllow == pmDirect:
			return Result{Decision: Allow}
		}
		return Result{Decision: ImplicitDeny, DeniedBy: DeniedByResource}
	}

	idAllow := false
	if identity != nil {
		for _, nd := range identity.docs {
			for i := range nd.Doc.Statements {
				st := &nd.Doc.Statements[i]
				if !st.applies(&pr, &ec) {
					continue
				}
				if st.Effect == EffectDeny {
					return Result{Decision: ExplicitDeny, DenyingPolicyArn: nd.Arn, DeniedBy: DeniedByIdentity}
				}
				idAllow = true
			}
		}
	}
	if resDeny {
		return Result{Decision: ExplicitDeny, DeniedBy: DeniedByResource}
	}
	boundaryAllow := true
	if boundary != nil {
		boundaryAllow = false
		for i := range boundary.Statements {
			st := &boundary.Statements[i]
			if !st.applies(&pr, &ec) {
				continue
			}
			if st.Effect == EffectDeny {
				return Result{Decision: ExplicitDeny, DeniedBy: DeniedByBoundary}
			}
			boundaryAllow = true
		}
	}

	if req.ResourceAccount != "" && req.ResourceAccount != p.Account {
		switch {
		case !idAllow:
			return Result{Decision: ImplicitDeny, DeniedBy: DeniedByIdentity}
		case resAllow == pmNone:
			return Result{Decision: ImplicitDeny, DeniedBy: DeniedByResource}
		case !boundaryAllow:
			return Result{Decision: ImplicitDeny, DeniedBy: DeniedByBoundary}
		}
		return Result{Decision: Allow}
	}
	if req.KeyPolicy {
		switch {
		case resAllow == pmDirect:
			return Result{Decision: Allow}
		case resAllow == pmNone:
			return Result{Decision: ImplicitDeny, DeniedBy: DeniedByResource}
		case (resAllow == pmRole || idAllow) && boundaryAllow:
			return Result{Decision: Allow}
		case resAllow == pmRole || idAllow:
			return Result{Decision: ImplicitDeny, DeniedBy: DeniedByBoundary}
		}
		return Result{Decision: ImplicitDeny, DeniedBy: DeniedByIdentity}
	}
	switch {
	case resAllow == pmDirect:
		return Result{Decision: Allow}
	case (idAllow || resAllow == pmRole) && boundaryAllow:
		return Result{Decision: Allow}
	case idAllow || resAllow == pmRole:
		return Result{Decision: ImplicitDeny, DeniedBy: DeniedByBoundary}
	}
	return Result{Decision: ImplicitDeny, DeniedBy: DeniedByIdentity}
}
