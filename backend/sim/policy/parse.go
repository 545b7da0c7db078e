package policy

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Effect is a statement's Effect element.
type Effect uint8

// The two effects the policy grammar allows.
const (
	EffectAllow Effect = iota + 1
	EffectDeny
)

// String returns the element value as written in policies.
func (e Effect) String() string {
	switch e {
	case EffectAllow:
		return "Allow"
	case EffectDeny:
		return "Deny"
	}
	return "Effect(?)"
}

// Policy language versions. Only 2012-10-17 substitutes policy variables; in
// 2008-10-17 (and when Version is absent) "${aws:username}" is a literal string
// (IAM User Guide, "IAM JSON policy elements: Version").
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// Document is a parsed and compiled policy document, identity-based or
// resource-based. It is immutable after Parse and safe for concurrent use, so
// the simulator compiles each policy once and evaluates it on every request.
type Document struct {
	Version    string
	ID         string
	Statements []Statement
}

// Principals is a Principal or NotPrincipal element of a resource-based policy.
// "Principal": "*" and {"AWS": "*"} both set All (they are equivalent for AWS).
type Principals struct {
	All           bool
	AWS           []string // account IDs, account root ARNs, user/role/session ARNs
	Service       []string // e.g. cloudtrail.amazonaws.com
	Federated     []string
	CanonicalUser []string
}

// Conditions is a statement's Condition element as written: operator (with any
// ForAnyValue:/ForAllValues: qualifier and IfExists suffix) → condition key →
// values. JSON numbers and booleans are kept as their text.
type Conditions map[string]map[string][]string

// Statement is one statement of a Document. The exported fields are the
// statement as written; the unexported ones are its compiled form.
type Statement struct {
	Sid          string
	Effect       Effect
	Principal    *Principals
	NotPrincipal *Principals
	Action       []string
	NotAction    []string
	Resource     []string
	NotResource  []string
	Condition    Conditions

	actions    actionMatcher
	resources  resourceMatcher
	conds      []condition
	principals principalMatcher
}

// docKind selects the grammar and the error wording.
type docKind uint8

const (
	kindIdentity docKind = iota // IAM identity policy / permissions boundary
	kindResource                // resource-based policy (S3 bucket policy)
)

// Parse parses an identity-based policy (managed, inline or group policy, or a
// permissions boundary) and compiles it for Evaluate. Errors are *ParseError
// worded as IAM words MalformedPolicyDocument, e.g. "Syntax errors in policy."
// or "Policy document should not specify a principal.".
func Parse(doc string) (*Document, error) { return parse(doc, kindIdentity) }

// ParseResource parses a resource-based policy (an S3 bucket policy), which must
// name a Principal or NotPrincipal in every statement. Errors are *ParseError
// worded as S3 words MalformedPolicy, e.g. "Missing required field Principal".
func ParseResource(doc string) (*Document, error) { return parse(doc, kindResource) }

// MustParse is Parse for documents known to be valid (the shipped AWS managed
// policies); it panics on error so a broken asset fails loudly at startup.
func MustParse(doc string) *Document {
	d, err := Parse(doc)
	if err != nil {
		panic(fmt.Sprintf("policy: MustParse: %v", err))
	}
	return d
}

// RequireVersion2012 reports IAM's refusal of a managed policy that does not
// declare Version 2012-10-17 ("Policy document must be version 2012-10-17 or
// greater."), which CreatePolicy and CreatePolicyVersion enforce on top of the
// grammar Parse checks.
func (d *Document) RequireVersion2012() error {
	if d.Version != Version2012 {
		return kindIdentity.newError(ErrVersionTooOld, "")
	}
	return nil
}

// rawStatement is a statement after the grammar pass, before compilation.
type rawStatement struct {
	Statement
	effect       string
	hasAction    bool
	hasResource  bool
	hasPrincipal bool
}

func parse(doc string, kind docKind) (*Document, error) {
	root, perr := decodeJSON(doc, kind)
	if perr != nil {
		return nil, perr
	}
	d := &Document{}
	for k := range root {
		if k != "Version" && k != "Id" && k != "Statement" {
			return nil, kind.newError(ErrSyntax, "")
		}
	}
	if v, ok := root["Version"]; ok {
		s, isStr := v.(string)
		if !isStr || (s != Version2012 && s != Version2008) {
			return nil, kind.newError(ErrVersion, "")
		}
		d.Version = s
	}
	if v, ok := root["Id"]; ok {
		s, isStr := v.(string)
		if !isStr {
			return nil, kind.newError(ErrSyntax, "")
		}
		d.ID = s
	}
	items, perr := statementList(root, kind)
	if perr != nil {
		return nil, perr
	}
	raws := make([]rawStatement, len(items))
	for i, item := range items {
		if perr := grammarStatement(item, kind, &raws[i]); perr != nil {
			return nil, perr
		}
	}
	if perr := validate(raws, kind); perr != nil {
		return nil, perr
	}
	vars := d.Version == Version2012
	d.Statements = make([]Statement, len(raws))
	for i := range raws {
		st := raws[i].Statement
		st.compile(vars)
		d.Statements[i] = st
	}
	return d, nil
}

// decodeJSON decodes the whole document as one JSON object, keeping numbers as
// text so condition values survive unchanged.
func decodeJSON(doc string, kind docKind) (map[string]any, *ParseError) {
	trimmed := strings.TrimLeft(doc, " \t\r\n")
	if !strings.HasPrefix(trimmed, "{") {
		return nil, kind.newError(ErrSyntax, "notobject")
	}
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil || root == nil {
		return nil, kind.newError(ErrSyntax, "")
	}
	var extra any
	if err := dec.Decode(&extra); err != io.EOF {
		return nil, kind.newError(ErrSyntax, "")
	}
	return root, nil
}

// statementList accepts Statement as one object or a non-empty array of objects.
func statementList(root map[string]any, kind docKind) ([]map[string]any, *ParseError) {
	v, ok := root["Statement"]
	if !ok {
		return nil, kind.newError(ErrMissingStatement, "")
	}
	switch t := v.(type) {
	case map[string]any:
		return []map[string]any{t}, nil
	case []any:
		if len(t) == 0 {
			return nil, kind.newError(ErrEmptyStatement, "")
		}
		out := make([]map[string]any, len(t))
		for i, e := range t {
			m, isObj := e.(map[string]any)
			if !isObj {
				return nil, kind.newError(ErrSyntax, "")
			}
			out[i] = m
		}
		return out, nil
	}
	return nil, kind.newError(ErrSyntax, "")
}

// grammarStatement checks one statement against the policy grammar (element
// names, JSON types, known condition operators) and fills raw.
func grammarStatement(m map[string]any, kind docKind, raw *rawStatement) *ParseError {
	syntax := func() *ParseError { return kind.newError(ErrSyntax, "") }
	if kind == kindIdentity {
		if _, ok := m["Principal"]; ok {
			return kind.newError(ErrPrincipalForbidden, "")
		}
		if _, ok := m["NotPrincipal"]; ok {
			return kind.newError(ErrPrincipalForbidden, "")
		}
	}
	for k := range m {
		switch k {
		case "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
			"Resource", "NotResource", "Condition":
		default:
			return syntax()
		}
	}
	if pairs(m, "Action", "NotAction") || pairs(m, "Resource", "NotResource") || pairs(m, "Principal", "NotPrincipal") {
		return syntax()
	}
	if v, ok := m["Sid"]; ok {
		s, isStr := v.(string)
		if !isStr {
			return syntax()
		}
		raw.Sid = s
	}
	ev, ok := m["Effect"]
	if !ok {
		return kind.newError(ErrMissingEffect, "")
	}
	effect, isStr := ev.(string)
	if !isStr {
		return syntax()
	}
	if !strings.EqualFold(effect, "Allow") && !strings.EqualFold(effect, "Deny") {
		return kind.newError(ErrInvalidEffect, effect)
	}
	raw.effect = effect
	var perr *ParseError
	for _, f := range []struct {
		name string
		dst  *[]string
	}{{"Action", &raw.Action}, {"NotAction", &raw.NotAction}, {"Resource", &raw.Resource}, {"NotResource", &raw.NotResource}} {
		v, present := m[f.name]
		if !present {
			continue
		}
		list, good := stringOrList(v)
		if !good {
			return syntax()
		}
		*f.dst = list
	}
	_, a := m["Action"]
	_, na := m["NotAction"]
	raw.hasAction = a || na
	_, r := m["Resource"]
	_, nr := m["NotResource"]
	raw.hasResource = r || nr
	if v, present := m["Principal"]; present {
		if raw.Principal, perr = parsePrincipals(v, kind); perr != nil {
			return perr
		}
		raw.hasPrincipal = true
	}
	if v, present := m["NotPrincipal"]; present {
		if raw.NotPrincipal, perr = parsePrincipals(v, kind); perr != nil {
			return perr
		}
		raw.hasPrincipal = true
	}
	if v, present := m["Condition"]; present {
		if raw.Condition, perr = parseConditions(v, kind); perr != nil {
			return perr
		}
	}
	return nil
}

func pairs(m map[string]any, a, b string) bool {
	_, x := m[a]
	_, y := m[b]
	return x && y
}

// stringOrList accepts "x" or ["x", "y"], the two shapes the grammar allows for
// Action, Resource and their Not forms.
func stringOrList(v any) ([]string, bool) {
	switch t := v.(type) {
	case string:
		return []string{t}, true
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}

// parsePrincipals reads "*" or {"AWS"|"Service"|"Federated"|"CanonicalUser": "x" | [...]}.
func parsePrincipals(v any, kind docKind) (*Principals, *ParseError) {
	invalid := kind.newError(ErrInvalidPrincipal, "")
	if s, ok := v.(string); ok {
		if s == "*" {
			return &Principals{All: true}, nil
		}
		return nil, invalid
	}
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return nil, invalid
	}
	p := &Principals{}
	for k, raw := range m {
		list, good := stringOrList(raw)
		if !good || len(list) == 0 {
			return nil, invalid
		}
		for _, e := range list {
			if e == "" {
				return nil, invalid
			}
		}
		switch k {
		case "AWS":
			for _, e := range list {
				if e == "*" {
					p.All = true
				} else if !validAWSPrincipal(e) {
					return nil, invalid
				}
			}
			p.AWS = list
		case "Service":
			for _, e := range list {
				if e != "*" && strings.ContainsAny(e, "*?") {
					return nil, invalid
				}
			}
			p.Service = list
		case "Federated":
			p.Federated = list
		case "CanonicalUser":
			p.CanonicalUser = list
		default:
			return nil, invalid
		}
	}
	return p, nil
}

// validAWSPrincipal accepts what the Principal element documents for "AWS": an
// account ID, an IAM or STS ARN, or a unique ID left behind by a deleted user or
// role (AIDA…/AROA…). Wildcards other than a lone "*" are refused.
func validAWSPrincipal(s string) bool {
	if strings.ContainsAny(s, "*?") {
		return false
	}
	if isAccountID(s) {
		return true
	}
	if strings.HasPrefix(s, "arn:") {
		parts := strings.SplitN(s, ":", 6)
		return len(parts) == 6 && (parts[2] == "iam" || parts[2] == "sts") && parts[4] != "" && parts[5] != ""
	}
	if len(s) >= 16 && (strings.HasPrefix(s, "AIDA") || strings.HasPrefix(s, "AROA")) {
		for _, c := range s {
			if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
				return false
			}
		}
		return true
	}
	return false
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseConditions reads {operator: {key: value | [values]}}. Values may be JSON
// strings, numbers or booleans (the grammar's <condition_value>).
func parseConditions(v any, kind docKind) (Conditions, *ParseError) {
	syntax := kind.newError(ErrSyntax, "")
	m, ok := v.(map[string]any)
	if !ok {
		return nil, syntax
	}
	out := make(Conditions, len(m))
	for op, block := range m {
		keys, isObj := block.(map[string]any)
		if !isObj {
			return nil, syntax
		}
		if _, known := parseOperator(op); !known {
			if len(keys) == 0 {
				continue // IAM ignores an unknown operator with an empty block
			}
			return nil, syntax
		}
		entry := make(map[string][]string, len(keys))
		for key, raw := range keys {
			vals, good := conditionValues(raw)
			if !good {
				return nil, syntax
			}
			entry[key] = vals
		}
		out[op] = entry
	}
	return out, nil
}

func conditionValues(v any) ([]string, bool) {
	scalar := func(e any) (string, bool) {
		switch t := e.(type) {
		case string:
			return t, true
		case json.Number:
			return t.String(), true
		case bool:
			if t {
				return "true", true
			}
			return "false", true
		}
		return "", false
	}
	if list, ok := v.([]any); ok {
		out := make([]string, 0, len(list))
		for _, e := range list {
			s, good := scalar(e)
			if !good {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	s, ok := scalar(v)
	if !ok {
		return nil, false
	}
	return []string{s}, true
}

// compile builds the matchers used by Evaluate; vars enables policy variables.
func (s *Statement) compile(vars bool) {
	if len(s.NotAction) > 0 {
		s.actions = compileActions(s.NotAction, true)
	} else {
		s.actions = compileActions(s.Action, false)
	}
	if len(s.NotResource) > 0 {
		s.resources = compileResources(s.NotResource, true, vars)
	} else {
		s.resources = compileResources(s.Resource, false, vars)
	}
	s.conds = compileConditions(s.Condition, vars)
	if s.NotPrincipal != nil {
		s.principals = compilePrincipals(s.NotPrincipal, true)
	} else if s.Principal != nil {
		s.principals = compilePrincipals(s.Principal, false)
	}
}
