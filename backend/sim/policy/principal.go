package policy

import "strings"

// principalMatch says how a resource-based statement names the requester,
// because that decides what its Allow is worth (IAM User Guide, "Policy
// evaluation logic", resource-based policies within one account).
type principalMatch uint8

const (
	pmNone    principalMatch = iota
	pmAccount                // the requester's account (12-digit ID or …:root): delegates to IAM
	pmRole                   // the role of a requesting role session: limited by a boundary
	pmDirect                 // the requester itself, or "*": grants on its own
)

// principalMatcher is a compiled Principal or NotPrincipal element.
type principalMatcher struct {
	present  bool
	negate   bool // NotPrincipal
	all      bool
	accounts []string
	arns     []string
	services []string
}

func compilePrincipals(p *Principals, negate bool) principalMatcher {
	m := principalMatcher{present: true, negate: negate, all: p.All}
	for _, e := range p.AWS {
		switch {
		case e == "*":
		case isAccountID(e):
			m.accounts = append(m.accounts, e)
		case strings.HasPrefix(e, "arn:") && strings.HasSuffix(e, ":root"):
			if parts := strings.SplitN(e, ":", 6); len(parts) == 6 && parts[5] == "root" {
				m.accounts = append(m.accounts, parts[4])
			}
		default:
			m.arns = append(m.arns, e)
		}
	}
	for _, s := range p.Service {
		if s == "*" {
			m.all = true
			continue
		}
		m.services = append(m.services, s)
	}
	return m
}

// match reports how the element names p. NotPrincipal applies to every
// principal it does not exclude, and then counts as naming it directly.
func (m *principalMatcher) match(p *Principal) principalMatch {
	if !m.negate {
		return m.named(p)
	}
	if m.excluded(p) {
		return pmNone
	}
	return pmDirect
}

// excluded reports whether NotPrincipal spares p. AWS checks every level of the
// requester in turn — the account, then the role, then the user or session — so
// each level must be listed: "When you use NotPrincipal, you must also specify
// the account ARN of the not-denied principal. Otherwise, the policy might deny
// access to the entire account containing the principal." (IAM User Guide,
// "AWS JSON policy elements: NotPrincipal").
func (m *principalMatcher) excluded(p *Principal) bool {
	if m.all {
		return true
	}
	switch p.Type {
	case PrincipalAnonymous:
		return false
	case PrincipalService:
		return m.named(p) == pmDirect
	}
	account := false
	for _, acct := range m.accounts {
		account = account || acct == p.Account
	}
	if !account {
		return false
	}
	if p.Type == PrincipalRoot {
		return true
	}
	self := false
	for _, a := range m.arns {
		self = self || a == p.Arn
	}
	if p.Type != PrincipalAssumedRole {
		return self
	}
	role := false
	for _, a := range m.arns {
		role = role || roleOfSession(a, p.Arn)
	}
	return self && role
}

func (m *principalMatcher) named(p *Principal) principalMatch {
	if m.all {
		return pmDirect
	}
	switch p.Type {
	case PrincipalAnonymous:
		return pmNone
	case PrincipalService:
		for _, s := range m.services {
			if strings.EqualFold(s, p.Service) {
				return pmDirect
			}
		}
		return pmNone
	}
	for _, a := range m.arns {
		if a == p.Arn {
			return pmDirect
		}
	}
	if p.Type == PrincipalAssumedRole {
		for _, a := range m.arns {
			if roleOfSession(a, p.Arn) {
				return pmRole
			}
		}
	}
	for _, acct := range m.accounts {
		if acct == p.Account {
			if p.Type == PrincipalRoot {
				return pmDirect
			}
			return pmAccount
		}
	}
	return pmNone
}

// roleOfSession reports whether roleArn (arn:aws:iam::A:role/path/Name) is the
// role of session (arn:aws:sts::A:assumed-role/Name/session). The session ARN
// has no path, so the account and the role name are compared.
func roleOfSession(roleArn, session string) bool {
	rp := strings.SplitN(roleArn, ":", 6)
	sp := strings.SplitN(session, ":", 6)
	if len(rp) != 6 || len(sp) != 6 || rp[2] != "iam" || sp[2] != "sts" || rp[4] != sp[4] {
		return false
	}
	roleRes, ok := strings.CutPrefix(rp[5], "role/")
	if !ok {
		return false
	}
	sessRes, ok := strings.CutPrefix(sp[5], "assumed-role/")
	if !ok {
		return false
	}
	name, _, _ := strings.Cut(sessRes, "/")
	return roleRes[strings.LastIndexByte(roleRes, '/')+1:] == name
}
