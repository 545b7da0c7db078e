package policy

import (
	"bytes"
	"encoding/base64"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"
)

// family groups condition operators that compare the same way.
type family uint8

const (
	famString     family = iota + 1 // StringEquals / StringNotEquals
	famStringFold                   // StringEqualsIgnoreCase / StringNotEqualsIgnoreCase
	famStringLike                   // StringLike / StringNotLike
	famNumeric
	famDate
	famBool
	famBinary
	famIP
	famArn // ArnEquals, ArnLike and their Not forms (both take wildcards)
	famNull
)

// cmpOp is the comparison of Numeric and Date operators.
type cmpOp uint8

const (
	cmpEq cmpOp = iota
	cmpLt
	cmpLe
	cmpGt
	cmpGe
)

// setQual is a ForAnyValue:/ForAllValues: qualifier.
type setQual uint8

const (
	setNone setQual = iota
	setAny
	setAll
)

// opSpec is a parsed condition operator.
type opSpec struct {
	family   family
	cmp      cmpOp
	negated  bool // the Not forms: values are combined with NOR
	ifExists bool
	set      setQual
}

// baseOperators are the operators of the IAM User Guide, "IAM JSON policy
// elements: Condition operators".
var baseOperators = map[string]opSpec{
	"stringequals":              {family: famString},
	"stringnotequals":           {family: famString, negated: true},
	"stringequalsignorecase":    {family: famStringFold},
	"stringnotequalsignorecase": {family: famStringFold, negated: true},
	"stringlike":                {family: famStringLike},
	"stringnotlike":             {family: famStringLike, negated: true},
	"numericequals":             {family: famNumeric, cmp: cmpEq},
	"numericnotequals":          {family: famNumeric, cmp: cmpEq, negated: true},
	"numericlessthan":           {family: famNumeric, cmp: cmpLt},
	"numericlessthanequals":     {family: famNumeric, cmp: cmpLe},
	"numericgreaterthan":        {family: famNumeric, cmp: cmpGt},
	"numericgreaterthanequals":  {family: famNumeric, cmp: cmpGe},
	"dateequals":                {family: famDate, cmp: cmpEq},
	"datenotequals":             {family: famDate, cmp: cmpEq, negated: true},
	"datelessthan":              {family: famDate, cmp: cmpLt},
	"datelessthanequals":        {family: famDate, cmp: cmpLe},
	"dategreaterthan":           {family: famDate, cmp: cmpGt},
	"dategreaterthanequals":     {family: famDate, cmp: cmpGe},
	"bool":                      {family: famBool},
	"binaryequals":              {family: famBinary},
	"ipaddress":                 {family: famIP},
	"notipaddress":              {family: famIP, negated: true},
	"arnequals":                 {family: famArn},
	"arnlike":                   {family: famArn},
	"arnnotequals":              {family: famArn, negated: true},
	"arnnotlike":                {family: famArn, negated: true},
	"null":                      {family: famNull},
}

// parseOperator splits "ForAnyValue:StringLikeIfExists" into its parts. Operator
// names are matched without regard to case.
func parseOperator(name string) (opSpec, bool) {
	lower := strings.ToLower(name)
	var set setQual
	switch {
	case strings.HasPrefix(lower, "foranyvalue:"):
		set, lower = setAny, lower[len("foranyvalue:"):]
	case strings.HasPrefix(lower, "forallvalues:"):
		set, lower = setAll, lower[len("forallvalues:"):]
	}
	ifExists := false
	if base, ok := strings.CutSuffix(lower, "ifexists"); ok {
		ifExists, lower = true, base
	}
	spec, ok := baseOperators[lower]
	if !ok {
		return opSpec{}, false
	}
	spec.set, spec.ifExists = set, ifExists
	return spec, true
}

// condValue is one policy value, pre-parsed for its operator's family.
type condValue struct {
	raw    string
	pat    pattern      // String families
	arn    arnPattern   // famArn
	num    float64      // famNumeric
	t      time.Time    // famDate
	prefix netip.Prefix // famIP
	bin    []byte       // famBinary (nil when not base64)
	ok     bool         // pre-parsing succeeded (numeric, date, IP)
}

// condition is one (operator, key, values) triple of a Condition block.
type condition struct {
	spec opSpec
	key  string // lower-cased: condition keys are case-insensitive
	vals []condValue
}

// compileConditions flattens the Condition block in a stable order (the order
// does not change the result: everything is ANDed).
func compileConditions(c Conditions, vars bool) []condition {
	ops := make([]string, 0, len(c))
	for op := range c {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	var out []condition
	for _, op := range ops {
		spec, ok := parseOperator(op)
		if !ok {
			continue
		}
		keys := make([]string, 0, len(c[op]))
		for k := range c[op] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			cond := condition{spec: spec, key: strings.ToLower(k)}
			for _, raw := range c[op][k] {
				cond.vals = append(cond.vals, compileValue(spec.family, raw, vars))
			}
			out = append(out, cond)
		}
	}
	return out
}

// compileValue pre-parses a value. Policy variables are honoured only by the
// string and ARN operators ("You can't use a policy variable with … Numeric,
// Date, Boolean, Binary, IP Address, or Null operators").
func compileValue(f family, raw string, vars bool) condValue {
	v := condValue{raw: raw}
	switch f {
	case famString, famStringFold:
		v.pat = compilePattern(raw, false, vars)
	case famStringLike:
		v.pat = compilePattern(raw, true, vars)
	case famArn:
		v.arn = compileARN(raw, vars)
	case famNumeric:
		n, err := strconv.ParseFloat(raw, 64)
		v.num, v.ok = n, err == nil
	case famDate:
		v.t, v.ok = parseDate(raw)
	case famIP:
		v.prefix, v.ok = parsePrefix(raw)
	case famBinary:
		if b, err := base64.StdEncoding.DecodeString(raw); err == nil {
			v.bin = b
		}
	}
	return v
}

// parsePrefix reads a CIDR block or a single address (IPv4 or IPv6).
func parsePrefix(s string) (netip.Prefix, bool) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		if p.Addr().Is4In6() {
			p = netip.PrefixFrom(p.Addr().Unmap(), max(p.Bits()-96, 0))
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), true
}

// dateLayouts are the ISO 8601 forms accepted for Date operators, besides
// epoch seconds ("DateEquals … 2020-04-01T00:00:00Z" or "1585699200").
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	"2006-01",
	"2006",
	"20060102T150405Z",
}

// parseDate reads an ISO 8601 date/time or epoch seconds.
func parseDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	digits := true
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			digits = false
			break
		}
	}
	if digits && len(s) != 4 {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		return time.Unix(n, 0).UTC(), true
	}
	if strings.ContainsAny(s, "tz") {
		s = strings.ToUpper(s)
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// eval applies the condition to the request. The rules for an absent key come
// from the IAM User Guide:
//   - "If the key that you specify in a policy condition is not present in the
//     request context, the values do not match and the condition is false. If
//     the policy condition requires that the key is not matched, such as
//     StringNotLike or ArnNotLike, and the right key is not present, the
//     condition is true. This logic applies to all condition operators except
//     ...IfExists and Null check." (Condition operators)
//   - …IfExists: "If the key is not present, evaluate the condition element as
//     true."
//   - ForAllValues "also returns true if there are no context keys in the
//     request"; ForAnyValue returns false (Single-valued vs. multivalued keys).
//
// A key with several values is multivalued; an unqualified operator does not
// match it, a set qualifier is required (as cloud-copilot/iam-simulate
// implements, citing AWS's re:Inforce 2025 IAM431 session).
func (c *condition) eval(ec *evalCtx) bool {
	if c.spec.family == famDate && c.spec.set == setNone && isClockKey(c.key) && !ec.req.Time.IsZero() {
		if _, inContext := ec.fromContext(c.key); !inContext {
			return c.clock(ec.req.Time)
		}
	}
	vals := ec.lookup(c.key)
	present := len(vals) > 0
	if c.spec.family == famNull {
		for i := range c.vals {
			if strings.EqualFold(c.vals[i].raw, "true") == !present {
				return true
			}
		}
		return false
	}
	if !present {
		switch {
		case c.spec.ifExists, c.spec.set == setAll:
			return true
		case c.spec.set == setAny:
			return false
		}
		return c.spec.negated
	}
	switch c.spec.set {
	case setAny:
		for _, v := range vals {
			m, ok := c.single(v, ec)
			if !ok {
				return false
			}
			if m {
				return true
			}
		}
		return false
	case setAll:
		for _, v := range vals {
			if m, ok := c.single(v, ec); !ok || !m {
				return false
			}
		}
		return true
	}
	if len(vals) != 1 {
		return false
	}
	m, ok := c.single(vals[0], ec)
	return ok && m
}

// isClockKey reports the keys Request.Time supplies.
func isClockKey(key string) bool { return key == "aws:currenttime" || key == "aws:epochtime" }

// clock compares the request time directly, sparing the format-and-reparse
// round trip (and its allocation) of the derived aws:CurrentTime string.
func (c *condition) clock(t time.Time) bool {
	t = t.Truncate(time.Second) // both keys carry whole seconds
	for i := range c.vals {
		pv := &c.vals[i]
		if pv.ok && compareOrdered(t.UnixNano(), pv.t.UnixNano(), c.spec.cmp) {
			return !c.spec.negated
		}
	}
	return c.spec.negated
}

// single tests one request value: a match of any policy value (OR), negated for
// the Not operators, which therefore combine their values with NOR ("If a single
// negated matching condition operator includes multiple values for a context
// key, those values are evaluated using a logical NOR"). ok is false when a
// policy variable cannot be resolved, which invalidates the statement.
func (c *condition) single(v string, ec *evalCtx) (matched, ok bool) {
	unresolved := false
	for i := range c.vals {
		m, res := c.compare(v, &c.vals[i], ec)
		if m {
			return !c.spec.negated, true
		}
		if !res {
			unresolved = true
		}
	}
	if unresolved {
		return false, false
	}
	return c.spec.negated, true
}

// compare is the positive comparison of one request value with one policy value.
func (c *condition) compare(v string, pv *condValue, ec *evalCtx) (matched, resolved bool) {
	switch c.spec.family {
	case famString, famStringLike:
		return pv.pat.match(v, false, ec)
	case famStringFold:
		return pv.pat.match(v, true, ec)
	case famArn:
		av := splitARN(v)
		if av.n < 6 { // not an ARN: no match, unless a variable invalidates the statement
			_, res := pv.arn.match(&arnValue{}, ec)
			return false, res
		}
		return pv.arn.match(&av, ec)
	case famNumeric:
		if !pv.ok {
			return false, true
		}
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return false, true
		}
		return compareOrdered(n, pv.num, c.spec.cmp), true
	case famDate:
		if !pv.ok {
			return false, true
		}
		t, ok := parseDate(v)
		if !ok {
			return false, true
		}
		return compareOrdered(t.UnixNano(), pv.t.UnixNano(), c.spec.cmp), true
	case famBool:
		return strings.EqualFold(v, pv.raw), true
	case famBinary:
		if pv.bin != nil {
			if b, err := base64.StdEncoding.DecodeString(v); err == nil {
				return bytes.Equal(b, pv.bin), true
			}
		}
		return v == pv.raw, true
	case famIP:
		if !pv.ok {
			return false, true
		}
		a, err := netip.ParseAddr(v)
		if err != nil {
			return false, true
		}
		return pv.prefix.Contains(a.Unmap()), true
	}
	return false, true
}

func compareOrdered[T int64 | float64](a, b T, op cmpOp) bool {
	switch op {
	case cmpLt:
		return a < b
	case cmpLe:
		return a <= b
	case cmpGt:
		return a > b
	case cmpGe:
		return a >= b
	}
	return a == b
}
