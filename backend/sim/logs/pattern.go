package logs

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// matcher decides whether one log event matches a filter pattern.
type matcher func(msg string) bool

// compilePattern parses CloudWatch Logs filter pattern syntax:
//   - "" matches everything;
//   - terms: ERROR (all terms must appear), "quoted phrases", ?ERROR ?WARN (any of),
//     -DEBUG (must not appear); matching is case-sensitive, as in CloudWatch;
//   - JSON: { $.eventName = "CreateBucket" }, { $.errorCode = "*UnauthorizedOperation" }
//     (* is a wildcard), { $.latency > 100 }, combined with && and || and parentheses,
//     and { $.x IS NULL }, { $.x NOT EXISTS }.
//
// Space-delimited patterns ([ip, user, …]) and regular expressions are refused with
// a clear error.
func compilePattern(p string) (matcher, error) {
	p = strings.TrimSpace(p)
	switch {
	case p == "":
		return func(string) bool { return true }, nil
	case strings.HasPrefix(p, "{"):
		if !strings.HasSuffix(p, "}") {
			return nil, fmt.Errorf("a JSON filter pattern must be enclosed in { }")
		}
		toks, err := lex(p[1 : len(p)-1])
		if err != nil {
			return nil, err
		}
		ps := &parser{toks: toks}
		expr, err := ps.or()
		if err != nil {
			return nil, err
		}
		if ps.i != len(ps.toks) {
			return nil, fmt.Errorf("unexpected %q", ps.toks[ps.i])
		}
		return func(msg string) bool {
			var doc any
			if json.Unmarshal([]byte(msg), &doc) != nil {
				return false
			}
			return expr(doc)
		}, nil
	case strings.HasPrefix(p, "["):
		return nil, fmt.Errorf("the simulator does not support space-delimited filter patterns ([…]); use terms or a JSON pattern")
	}
	return termMatcher(p)
}

func termMatcher(p string) (matcher, error) {
	var all, any, none []string
	for p = strings.TrimSpace(p); p != ""; p = strings.TrimSpace(p) {
		prefix := byte(0)
		if p[0] == '?' || p[0] == '-' {
			prefix, p = p[0], p[1:]
		}
		var term string
		if strings.HasPrefix(p, `"`) {
			end := strings.IndexByte(p[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unterminated quoted term in filter pattern")
			}
			term, p = p[1:end+1], p[end+2:]
		} else {
			end := strings.IndexFunc(p, unicode.IsSpace)
			if end < 0 {
				end = len(p)
			}
			term, p = p[:end], p[end:]
		}
		if strings.HasPrefix(term, "%") {
			return nil, fmt.Errorf("the simulator does not support regular expressions in filter patterns")
		}
		switch prefix {
		case '?':
			any = append(any, term)
		case '-':
			none = append(none, term)
		default:
			all = append(all, term)
		}
	}
	return func(msg string) bool {
		for _, t := range none {
			if strings.Contains(msg, t) {
				return false
			}
		}
		for _, t := range all {
			if !strings.Contains(msg, t) {
				return false
			}
		}
		if len(any) == 0 {
			return true
		}
		for _, t := range any {
			if strings.Contains(msg, t) {
				return true
			}
		}
		return false
	}, nil
}

// lex splits the inside of a JSON pattern into selectors, operators, values and
// parentheses; quoted strings keep their quotes so values know they were strings.
func lex(s string) ([]string, error) {
	var out []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '(' || c == ')':
			out = append(out, string(c))
			i++
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unterminated string in filter pattern")
			}
			out = append(out, s[i:j+1])
			i = j + 1
		case strings.HasPrefix(s[i:], "&&"), strings.HasPrefix(s[i:], "||"), strings.HasPrefix(s[i:], "!="),
			strings.HasPrefix(s[i:], ">="), strings.HasPrefix(s[i:], "<="):
			out = append(out, s[i:i+2])
			i += 2
		case c == '=' || c == '<' || c == '>':
			out = append(out, string(c))
			i++
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\n()=!<>&|\"", rune(s[j])) {
				j++
			}
			if j == i {
				return nil, fmt.Errorf("invalid character %q in filter pattern", c)
			}
			out = append(out, s[i:j])
			i = j
		}
	}
	return out, nil
}

type expr func(doc any) bool

type parser struct {
	toks []string
	i    int
}

func (p *parser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *parser) next() string { t := p.peek(); p.i++; return t }

func (p *parser) or() (expr, error) {
	left, err := p.and()
	for err == nil && p.peek() == "||" {
		p.next()
		var right expr
		if right, err = p.and(); err == nil {
			l := left
			left = func(d any) bool { return l(d) || right(d) }
		}
	}
	return left, err
}

func (p *parser) and() (expr, error) {
	left, err := p.unary()
	for err == nil && p.peek() == "&&" {
		p.next()
		var right expr
		if right, err = p.unary(); err == nil {
			l := left
			left = func(d any) bool { return l(d) && right(d) }
		}
	}
	return left, err
}

func (p *parser) unary() (expr, error) {
	if p.peek() == "(" {
		p.next()
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.next() != ")" {
			return nil, fmt.Errorf("missing ) in filter pattern")
		}
		return e, nil
	}
	return p.comparison()
}

func (p *parser) comparison() (expr, error) {
	sel := p.next()
	if !strings.HasPrefix(sel, "$") {
		return nil, fmt.Errorf("expected a selector such as $.eventName, got %q", sel)
	}
	op := p.next()
	switch strings.ToUpper(op) {
	case "IS":
		what := strings.ToUpper(p.next())
		return func(d any) bool {
			v, ok := selectPath(d, sel)
			switch what {
			case "NULL":
				return ok && v == nil
			case "TRUE":
				return ok && v == true
			case "FALSE":
				return ok && v == false
			}
			return false
		}, nil
	case "NOT":
		if strings.ToUpper(p.next()) != "EXISTS" {
			return nil, fmt.Errorf("expected NOT EXISTS")
		}
		return func(d any) bool { _, ok := selectPath(d, sel); return !ok }, nil
	case "=", "!=", "<", ">", "<=", ">=":
	default:
		return nil, fmt.Errorf("expected a comparison operator after %s, got %q", sel, op)
	}
	val := p.next()
	if val == "" {
		return nil, fmt.Errorf("missing value after %s %s", sel, op)
	}
	quoted := strings.HasPrefix(val, `"`)
	if quoted {
		val, _ = strconv.Unquote(val)
	}
	num, numErr := strconv.ParseFloat(val, 64)
	isNum := numErr == nil && !quoted
	return func(d any) bool {
		v, ok := selectPath(d, sel)
		if !ok {
			return false
		}
		if f, isF := v.(float64); isF && isNum {
			return compareNum(f, num, op)
		}
		if op != "=" && op != "!=" {
			return false
		}
		str, isStr := v.(string)
		if !isStr {
			if v == nil {
				return false
			}
			str = fmt.Sprint(v)
		}
		return glob(val, str) == (op == "=")
	}, nil
}

func compareNum(a, b float64, op string) bool {
	switch op {
	case "=":
		return a == b
	case "!=":
		return a != b
	case "<":
		return a < b
	case ">":
		return a > b
	case "<=":
		return a <= b
	}
	return a >= b
}

// selectPath follows $.a.b[0].c through a decoded JSON document.
func selectPath(doc any, sel string) (any, bool) {
	rest := strings.TrimPrefix(sel, "$")
	cur := doc
	for rest != "" {
		switch rest[0] {
		case '.':
			rest = rest[1:]
			end := strings.IndexAny(rest, ".[")
			if end < 0 {
				end = len(rest)
			}
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, false
			}
			if cur, ok = m[rest[:end]]; !ok {
				return nil, false
			}
			rest = rest[end:]
		case '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, false
			}
			n, err := strconv.Atoi(rest[1:end])
			arr, ok := cur.([]any)
			if err != nil || !ok || n < 0 || n >= len(arr) {
				return nil, false
			}
			cur, rest = arr[n], rest[end+1:]
		default:
			return nil, false
		}
	}
	return cur, true
}

// glob matches s against pattern, where * stands for any run of characters (the
// only wildcard of filter pattern values).
func glob(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return s == pattern
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}
