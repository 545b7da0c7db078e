package lab

import (
	"fmt"
	"regexp"
	"time"
)

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// validate checks what decoding cannot: required fields, every language present,
// unique step IDs, exactly one kind per check, sensible values.
func validate(l *Lab) *Error {
	if !idPattern.MatchString(l.ID) {
		return &Error{Line: 1, Field: "id", Message: "required: letters, digits, '.', '_' or '-'"}
	}
	if e := texts(l.Title, 1, "title"); e != nil {
		return e
	}
	if len(l.Parts) == 0 {
		return &Error{Line: 1, Field: "parts", Message: "a lab needs at least one part"}
	}
	seen := map[string]int{}
	for pi, p := range l.Parts {
		where := fmt.Sprintf("parts[%d]", pi)
		if !idPattern.MatchString(p.ID) {
			return &Error{Line: p.Line, Field: where + ".id", Message: "required: letters, digits, '.', '_' or '-'"}
		}
		if e := texts(p.Title, p.keys.at("title", p.Line), where+".title"); e != nil {
			return e
		}
		if len(p.Steps) == 0 {
			return &Error{Line: p.Line, Field: where + ".steps", Message: "a part needs at least one step"}
		}
		for si, s := range p.Steps {
			sw := fmt.Sprintf("%s.steps[%d]", where, si)
			if !idPattern.MatchString(s.ID) {
				return &Error{Line: s.keys.at("id", s.Line), Field: sw + ".id", Message: "required: letters, digits, '.', '_' or '-'"}
			}
			if first, dup := seen[s.ID]; dup {
				return &Error{Line: s.keys.at("id", s.Line), Field: sw + ".id", Message: fmt.Sprintf("step %q is already defined on line %d", s.ID, first)}
			}
			seen[s.ID] = s.Line
			sw = "step " + s.ID
			if e := texts(s.Title, s.keys.at("title", s.Line), sw+".title"); e != nil {
				return e
			}
			if e := texts(s.Body, s.keys.at("body", s.Line), sw+".body"); e != nil {
				return e
			}
			for hi, h := range s.Hints {
				if e := texts(h, s.keys.at("hints", s.Line), fmt.Sprintf("%s.hints[%d]", sw, hi)); e != nil {
					return e
				}
			}
			if s.Screen != "" {
				if msg := checkScreen(s.Screen); msg != "" {
					return &Error{Line: s.keys.at("screen", s.Line), Field: sw + ".screen", Message: msg}
				}
			}
			if s.Wait != "" {
				if d, err := time.ParseDuration(s.Wait); err != nil || d <= 0 {
					return &Error{Line: s.keys.at("wait", s.Line), Field: sw + ".wait", Message: fmt.Sprintf("%q is not a positive duration such as 5m or 6h", s.Wait)}
				}
			}
			if s.Check == nil {
				return &Error{Line: s.Line, Field: sw + ".check", Message: "every step needs a check"}
			}
			if e := validateCheck(s.Check, sw+".check"); e != nil {
				return e
			}
		}
	}
	return nil
}

func texts(t Text, line int, field string) *Error {
	for _, lang := range Languages {
		if t[lang] == "" {
			return &Error{Line: line, Field: field + "." + lang, Message: "missing text in this language"}
		}
	}
	return nil
}

func validateCheck(c *Check, field string) *Error {
	kinds := c.kinds()
	switch {
	case len(kinds) == 0:
		return &Error{Line: c.Line, Field: field, Message: "empty check: name one kind (alarm, group, user, trail, object, event…)"}
	case len(kinds) > 1:
		return &Error{Line: c.Line, Field: field, Message: fmt.Sprintf("one kind per check, found %v; combine kinds with all: or any:", kinds)}
	}
	for i, sub := range append(append([]*Check{}, c.All...), c.Any...) {
		if e := validateCheck(sub, fmt.Sprintf("%s.%s[%d]", field, kinds[0], i)); e != nil {
			return e
		}
	}
	required := func(v, name string) *Error {
		if v == "" {
			return &Error{Line: c.keys.at(kinds[0], c.Line), Field: field + "." + kinds[0] + "." + name, Message: "required"}
		}
		return nil
	}
	switch {
	case c.Alarm != nil:
		return required(c.Alarm.Name, "name")
	case c.Group != nil:
		return required(c.Group.Name, "name")
	case c.User != nil:
		return required(c.User.Name, "name")
	case c.SignedInAs != nil:
		return required(c.SignedInAs.User, "user")
	case c.Trail != nil:
		return required(c.Trail.Name, "name")
	case c.Object != nil:
		return required(c.Object.Bucket, "bucket")
	case c.Event != nil:
		return required(c.Event.Name, "name")
	case c.Subscription != nil:
		return required(c.Subscription.Protocol, "protocol")
	}
	return nil
}
