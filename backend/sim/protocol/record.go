package protocol

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"time"
)

// RecordJSON says how AppendRecordJSON spells an operation's input or output for a
// CloudTrail record (requestParameters, responseElements). CloudTrail does not use
// the wire form: member names are lowerCamel ("userName", "s3BucketName"), and
// timestamps and secrets follow the recording service's conventions, so the caller
// decides those.
type RecordJSON struct {
	// Name renames a member ("UserName" → "userName"); nil keeps the wire name.
	Name func(string) string
	// Omit drops a member by its wire name, so secrets (SecretAccessKey, Password)
	// never reach a record even when a service forgets to hide them.
	Omit func(string) bool
	// Time appends a timestamp; nil writes it as an ISO 8601 string.
	Time func([]byte, time.Time) []byte
}

// AppendRecordJSON appends v as a JSON object in the record's spelling and reports
// whether anything was written: a struct without members present appends nothing and
// returns false, which CloudTrail records as null. v is an operation input or output
// (a struct or pointer to one); any other value (a map built by a service's recording
// hint) is encoded with encoding/json as given.
func AppendRecordJSON(b []byte, v any, o RecordJSON) ([]byte, bool, error) {
	if v == nil {
		return b, false, nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return b, false, nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct || rv.Type() == timeType {
		out, err := json.Marshal(v)
		if err != nil {
			return b, false, err
		}
		if string(out) == "null" {
			return b, false, nil
		}
		return append(b, out...), true, nil
	}
	tree, err := toTree(rv.Interface())
	if err != nil {
		return b, false, err
	}
	start := len(b)
	b = o.appendNode(b, tree)
	if string(b[start:]) == "{}" {
		return b[:start], false, nil
	}
	return b, true, nil
}

func (o *RecordJSON) appendNode(b []byte, node any) []byte {
	switch n := node.(type) {
	case time.Time:
		if o.Time != nil {
			return o.Time(b, n)
		}
		return appendJSONString(b, formatISO8601(n))
	case []byte:
		b = append(b, '"')
		b = base64.StdEncoding.AppendEncode(b, n)
		return append(b, '"')
	case []any:
		b = append(b, '[')
		for i, item := range n {
			if i > 0 {
				b = append(b, ',')
			}
			b = o.appendNode(b, item)
		}
		return append(b, ']')
	case *tStruct:
		b = append(b, '{')
		first := true
		for _, m := range n.members {
			if o.Omit != nil && o.Omit(m.name) {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			name := m.name
			if o.Name != nil {
				name = o.Name(name)
			}
			b = appendJSONString(b, name)
			b = append(b, ':')
			b = o.appendNode(b, m.val)
		}
		return append(b, '}')
	case *tMap:
		b = append(b, '{')
		for i, k := range n.keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			b = o.appendNode(b, n.vals[i])
		}
		return append(b, '}')
	}
	return appendJSON(b, node)
}
