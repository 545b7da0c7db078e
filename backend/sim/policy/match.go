package policy

import (
	"strings"
	"unicode/utf8"
)

// tokKind is one element of a compiled pattern.
type tokKind uint8

const (
	tokLit  tokKind = iota // literal text
	tokStar                // '*': any run of characters, including '/' and ':'
	tokOne                 // '?': exactly one character
	tokVar                 // ${key} or ${key, 'default'}: a request value matched literally
)

type token struct {
	kind   tokKind
	lit    string // tokLit text, or the tokVar default
	key    string // tokVar context key, lower-cased
	hasDef bool
}

// pattern is a string pattern compiled once at Parse time: actions, ARN
// segments and String/Arn condition values. A pattern without wildcards or
// variables is kept as a plain string so the common case is one comparison.
type pattern struct {
	toks     []token
	literal  bool   // no wildcard and no variable: compare lit directly
	lit      string // the literal text when literal
	lastStar bool   // ends with '*' (an ARN segment that may run past ':')
	hasVars  bool   // contains a policy variable
}

// compilePattern compiles s. wild enables '*' and '?'; vars enables policy
// variables, including the escapes ${*}, ${?} and ${$} for literal characters.
// A "${" without a closing brace, or a malformed default, is literal text.
func compilePattern(s string, wild, vars bool) pattern {
	var p pattern
	var buf strings.Builder
	flush := func() {
		if buf.Len() > 0 {
			p.toks = append(p.toks, token{kind: tokLit, lit: buf.String()})
			buf.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if vars && c == '$' && i+1 < len(s) && s[i+1] == '{' {
			if end := strings.IndexByte(s[i+2:], '}'); end >= 0 {
				inner := s[i+2 : i+2+end]
				switch inner {
				case "*", "?", "$":
					buf.WriteString(inner)
					i += end + 3
					continue
				}
				if tok, ok := parseVariable(inner); ok {
					flush()
					p.toks = append(p.toks, tok)
					p.hasVars = true
					i += end + 3
					continue
				}
			}
		}
		if wild && (c == '*' || c == '?') {
			flush()
			if c == '*' {
				if n := len(p.toks); n == 0 || p.toks[n-1].kind != tokStar {
					p.toks = append(p.toks, token{kind: tokStar})
				}
			} else {
				p.toks = append(p.toks, token{kind: tokOne})
			}
			i++
			continue
		}
		buf.WriteByte(c)
		i++
	}
	flush()
	switch {
	case len(p.toks) == 0:
		p.literal = true
	case len(p.toks) == 1 && p.toks[0].kind == tokLit:
		p.literal, p.lit = true, p.toks[0].lit
	}
	if n := len(p.toks); n > 0 && p.toks[n-1].kind == tokStar {
		p.lastStar = true
	}
	return p
}

// parseVariable reads "key" or "key, 'default'" (IAM User Guide, "Specifying
// default values"); a single quote inside the default is doubled.
func parseVariable(inner string) (token, bool) {
	key, def, hasDef := strings.Cut(inner, ",")
	key = strings.TrimSpace(key)
	if key == "" || strings.ContainsAny(key, " '") {
		return token{}, false
	}
	tok := token{kind: tokVar, key: strings.ToLower(key)}
	if hasDef {
		def = strings.TrimSpace(def)
		if len(def) < 2 || def[0] != '\'' || def[len(def)-1] != '\'' {
			return token{}, false
		}
		body := def[1 : len(def)-1]
		if strings.Count(strings.ReplaceAll(body, "''", ""), "'") != 0 {
			return token{}, false
		}
		tok.lit, tok.hasDef = strings.ReplaceAll(body, "''", "'"), true
	}
	return tok, true
}

// hasPrefix reports whether s starts with p, folding ASCII case when fold is set.
func hasPrefix(s, p string, fold bool) bool {
	if len(s) < len(p) {
		return false
	}
	if fold {
		return strings.EqualFold(s[:len(p)], p)
	}
	return s[:len(p)] == p
}

// match reports whether s matches p. resolved is false when p uses a policy
// variable the request cannot supply (no value, several values, no default):
// AWS then treats the statement as not applying. The greedy scan backtracks
// only to the last '*', which is enough because everything between two stars
// has a fixed length once variables are resolved.
func (p *pattern) match(s string, fold bool, ec *evalCtx) (matched, resolved bool) {
	if p.literal {
		if fold {
			return strings.EqualFold(s, p.lit), true
		}
		return s == p.lit, true
	}
	toks := p.toks
	if p.hasVars && !p.resolvable(ec) {
		return false, false
	}
	ti, si := 0, 0
	starT, starS := -1, 0
	for {
		if ti < len(toks) {
			t := &toks[ti]
			switch t.kind {
			case tokStar:
				if ti == len(toks)-1 {
					return true, true
				}
				starT, starS = ti, si
				ti++
				continue
			case tokOne:
				if si < len(s) {
					_, size := utf8.DecodeRuneInString(s[si:])
					si += size
					ti++
					continue
				}
			case tokLit:
				if hasPrefix(s[si:], t.lit, fold) {
					si += len(t.lit)
					ti++
					continue
				}
			case tokVar:
				v, ok := ec.variable(t.key)
				if !ok {
					if !t.hasDef {
						return false, false
					}
					v = t.lit
				}
				if hasPrefix(s[si:], v, fold) {
					si += len(v)
					ti++
					continue
				}
			}
		} else if si == len(s) {
			return true, true
		}
		if starT < 0 || starS >= len(s) {
			return false, true
		}
		_, size := utf8.DecodeRuneInString(s[starS:])
		starS += size
		ti, si = starT+1, starS
	}
}

// resolvable reports whether every variable of p has a value or a default: a
// variable that cannot be resolved invalidates the statement even where the
// rest of the pattern would not match anyway.
func (p *pattern) resolvable(ec *evalCtx) bool {
	for i := range p.toks {
		t := &p.toks[i]
		if t.kind != tokVar || t.hasDef {
			continue
		}
		if _, ok := ec.variable(t.key); !ok {
			return false
		}
	}
	return true
}

// actionMatcher is a compiled Action or NotAction list. Actions are matched
// case-insensitively ("iam:ListAccessKeys" equals "IAM:listaccesskeys"); the
// patterns are grouped by service prefix so a request only looks at the
// patterns of its own service.
type actionMatcher struct {
	negate bool // NotAction
	all    bool // "*"
	groups []actionGroup
	wild   []pattern // a wildcard in the service prefix: matched against the whole action
}

type actionGroup struct {
	svc   string // lower-cased service prefix
	all   bool   // "svc:*"
	exact []string
	globs []pattern
}

func compileActions(list []string, negate bool) actionMatcher {
	m := actionMatcher{negate: negate}
	for _, a := range list {
		lower := strings.ToLower(a)
		if lower == "*" {
			m.all = true
			continue
		}
		svc, name, ok := strings.Cut(lower, ":")
		if !ok {
			continue // refused by validate; nothing can match it
		}
		if strings.ContainsAny(svc, "*?") {
			m.wild = append(m.wild, compilePattern(lower, true, false))
			continue
		}
		g := m.group(svc)
		switch {
		case name == "*":
			g.all = true
		case strings.ContainsAny(name, "*?"):
			g.globs = append(g.globs, compilePattern(name, true, false))
		default:
			g.exact = append(g.exact, name)
		}
	}
	return m
}

func (m *actionMatcher) group(svc string) *actionGroup {
	for i := range m.groups {
		if m.groups[i].svc == svc {
			return &m.groups[i]
		}
	}
	m.groups = append(m.groups, actionGroup{svc: svc})
	return &m.groups[len(m.groups)-1]
}

// listed reports whether the action (split into service and name) is in the
// list, before NotAction negation.
func (m *actionMatcher) listed(action, svc, name string) bool {
	if m.all {
		return true
	}
	for i := range m.groups {
		g := &m.groups[i]
		if len(g.svc) != len(svc) || !strings.EqualFold(g.svc, svc) {
			continue
		}
		if g.all {
			return true
		}
		for _, e := range g.exact {
			if len(e) == len(name) && strings.EqualFold(e, name) {
				return true
			}
		}
		for j := range g.globs {
			if ok, _ := g.globs[j].match(name, true, nil); ok {
				return true
			}
		}
	}
	for j := range m.wild {
		if ok, _ := m.wild[j].match(action, true, nil); ok {
			return true
		}
	}
	return false
}

func (m *actionMatcher) matches(action, svc, name string) bool {
	return m.listed(action, svc, name) != m.negate
}

// arnValue is a request ARN split into at most six colon-separated parts
// (arn, partition, service, region, account, resource); the resource part keeps
// any further colons. Offsets index into s, so splitting does not allocate.
type arnValue struct {
	s          string
	n          int
	start, end [6]int
}

func splitARN(s string) arnValue {
	v := arnValue{s: s}
	pos := 0
	for v.n < 5 {
		i := strings.IndexByte(s[pos:], ':')
		if i < 0 {
			break
		}
		v.start[v.n], v.end[v.n] = pos, pos+i
		v.n++
		pos += i + 1
	}
	v.start[v.n], v.end[v.n] = pos, len(s)
	v.n++
	return v
}

// arnPattern is a Resource entry or an ArnLike/ArnEquals value, compiled per
// ARN segment. Wildcards match within a segment; a segment ending in '*' may run
// past ':' boundaries, and the resource part (after the fifth colon) is one
// segment in which '*' spans '/' and ':' (IAM User Guide, "IAM JSON policy
// elements: Resource", "Using wildcards in resource ARNs").
type arnPattern struct {
	segs    []pattern
	hasVars bool
}

func compileARN(s string, vars bool) arnPattern {
	parts := splitPatternSegments(s, vars)
	a := arnPattern{segs: make([]pattern, len(parts))}
	for i, p := range parts {
		a.segs[i] = compilePattern(p, true, vars)
		a.hasVars = a.hasVars || a.segs[i].hasVars
	}
	return a
}

// splitPatternSegments splits on the first five colons that are not inside a
// ${...} variable (whose key, like aws:username, contains a colon).
func splitPatternSegments(s string, vars bool) []string {
	var out []string
	start, depth := 0, 0
	for i := 0; i < len(s) && len(out) < 5; i++ {
		switch {
		case vars && s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
		case s[i] == '}' && depth > 0:
			depth--
		case s[i] == ':' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func (a *arnPattern) match(v *arnValue, ec *evalCtx) (matched, resolved bool) {
	if a.hasVars {
		for i := range a.segs {
			if !a.segs[i].resolvable(ec) {
				return false, false
			}
		}
	}
	return a.matchFrom(0, 0, v, ec)
}

// matchFrom matches pattern segments i.. against value parts j...
func (a *arnPattern) matchFrom(i, j int, v *arnValue, ec *evalCtx) (bool, bool) {
	k := len(a.segs)
	if i == k {
		return j == v.n, true
	}
	if j >= v.n {
		return false, true
	}
	seg := &a.segs[i]
	if i == k-1 { // the last pattern segment takes the rest of the value
		return seg.match(v.s[v.start[j]:], false, ec)
	}
	if seg.lastStar { // may expand beyond the colon boundary
		for j2 := j; j2 < v.n; j2++ {
			ok, res := seg.match(v.s[v.start[j]:v.end[j2]], false, ec)
			if !res {
				return false, false
			}
			if ok {
				if m, r := a.matchFrom(i+1, j2+1, v, ec); m || !r {
					return m, r
				}
			}
		}
		return false, true
	}
	ok, res := seg.match(v.s[v.start[j]:v.end[j]], false, ec)
	if !ok || !res {
		return ok, res
	}
	return a.matchFrom(i+1, j+1, v, ec)
}

// resourceMatcher is a compiled Resource or NotResource list. Resource ARNs are
// matched case-sensitively (IAM user names and S3 keys are case-sensitive).
type resourceMatcher struct {
	negate bool // NotResource
	all    bool // "*"
	arns   []arnPattern
}

func compileResources(list []string, negate, vars bool) resourceMatcher {
	m := resourceMatcher{negate: negate}
	for _, r := range list {
		if r == "*" {
			m.all = true
			continue
		}
		m.arns = append(m.arns, compileARN(r, vars))
	}
	return m
}

// matches reports whether the statement covers the request resource. A pattern
// whose variable cannot be resolved never matches, and makes a NotResource
// statement inapplicable, as an unresolvable variable invalidates the statement.
func (m *resourceMatcher) matches(v *arnValue, ec *evalCtx) bool {
	listed := m.all
	for i := 0; !listed && i < len(m.arns); i++ {
		ok, res := m.arns[i].match(v, ec)
		if !res && m.negate {
			return false
		}
		listed = ok
	}
	return listed != m.negate
}
