package lab

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Error is a mistake in a lab file, named by file, line and field so an instructor can
// fix it without reading Go.
type Error struct {
	File    string
	Line    int
	Field   string
	Message string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Message)
	return b.String()
}

// Languages every text of a lab must have.
var Languages = []string{"en", "ko"}

// Parse reads and validates a lab file. file names it in errors.
func Parse(file string, data []byte) (*Lab, error) {
	var l Lab
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&l); err != nil {
		var le *Error
		if errors.As(err, &le) {
			le.File = file
			return nil, le
		}
		return nil, yamlError(file, err)
	}
	l.File = file
	if err := validate(&l); err != nil {
		err.File = file
		return nil, err
	}
	return &l, nil
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// yamlError turns yaml.v3's "yaml: line 12: …" into an *Error with the line.
func yamlError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		var line int
		fmt.Sscanf(m[1], "%d", &line)
		return &Error{File: file, Line: line, Message: m[2]}
	}
	return &Error{File: file, Message: msg}
}

// strictKeys refuses keys a mapping node may not have, naming the line of the bad key.
func strictKeys(n *yaml.Node, where string, allowed ...string) error {
	if n.Kind != yaml.MappingNode {
		return &Error{Line: n.Line, Field: where, Message: "must be a mapping (key: value lines)"}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		ok := false
		for _, a := range allowed {
			if k.Value == a {
				ok = true
				break
			}
		}
		if !ok {
			return &Error{Line: k.Line, Field: join(where, k.Value), Message: "unknown field (allowed: " + strings.Join(allowed, ", ") + ")"}
		}
	}
	return nil
}

// linesOf records the line of each key of a mapping node.
func linesOf(n *yaml.Node) keyLines {
	k := keyLines{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k[n.Content[i].Value] = n.Content[i].Line
	}
	return k
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// UnmarshalYAML implements yaml.Unmarshaler, refusing unknown fields.
func (l *Lab) UnmarshalYAML(n *yaml.Node) error {
	if err := strictKeys(n, "", "id", "title", "summary", "parts"); err != nil {
		return err
	}
	type plain Lab
	return n.Decode((*plain)(l))
}

// UnmarshalYAML implements yaml.Unmarshaler, recording the line and refusing unknown
// fields.
func (p *Part) UnmarshalYAML(n *yaml.Node) error {
	if err := strictKeys(n, "part", "id", "title", "steps"); err != nil {
		return err
	}
	type plain Part
	if err := n.Decode((*plain)(p)); err != nil {
		return err
	}
	p.Line, p.keys = n.Line, linesOf(n)
	return nil
}

// UnmarshalYAML implements yaml.Unmarshaler, recording the line and refusing unknown
// fields.
func (s *Step) UnmarshalYAML(n *yaml.Node) error {
	if err := strictKeys(n, "step", "id", "title", "body", "hints", "screen", "wait", "check"); err != nil {
		return err
	}
	type plain Step
	if err := n.Decode((*plain)(s)); err != nil {
		return err
	}
	s.Line, s.keys = n.Line, linesOf(n)
	return nil
}

// checkFields are the keys of each check kind, for strict decoding.
var checkFields = map[string][]string{
	"billing_alerts": {"enabled"},
	"alarm":          {"name", "namespace", "metric", "dimensions", "statistic", "period", "evaluation_periods", "comparison", "threshold", "state", "has_action"},
	"subscription":   {"protocol", "confirmed"},
	"group":          {"name", "policies"},
	"user":           {"name", "groups", "tags", "policies", "console_access"},
	"signed_in_as":   {"user"},
	"trail":          {"name", "multi_region", "logging", "bucket", "log_file_validation"},
	"object":         {"bucket", "prefix", "after_event"},
	"event":          {"name", "source", "user"},
}

// UnmarshalYAML implements yaml.Unmarshaler, recording the line and refusing unknown
// kinds and fields.
func (c *Check) UnmarshalYAML(n *yaml.Node) error {
	kinds := []string{"all", "any"}
	for k := range checkFields {
		kinds = append(kinds, k)
	}
	if err := strictKeys(n, "check", sorted(kinds)...); err != nil {
		return err
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if fields, ok := checkFields[n.Content[i].Value]; ok {
			if err := strictKeys(n.Content[i+1], "check."+n.Content[i].Value, fields...); err != nil {
				return err
			}
		}
	}
	type plain Check
	if err := n.Decode((*plain)(c)); err != nil {
		return err
	}
	c.Line, c.keys = n.Line, linesOf(n)
	return nil
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
