package protocol

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// awsQuery input, as botocore's QuerySerializer and smithy-go's query
// serializer write it:
//   - structures: Parent.Child
//   - lists: Name.member.N (1-based), flattened Name.N; an empty list is "Name="
//   - maps: Name.entry.N.key / Name.entry.N.value (flattened: Name.N.key)
//   - booleans true/false, timestamps ISO 8601, blobs base64
//
// Only indices that occur in the form are materialised, so a hostile
// "Name.member.999999999" costs one element, not a billion.

// queryForm is a form with its keys sorted, for prefix look-ups.
type queryForm struct {
	vals url.Values
	keys []string
}

func newQueryForm(vals url.Values) *queryForm {
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return &queryForm{vals: vals, keys: keys}
}

// get returns the first value of key.
func (q *queryForm) get(key string) (string, bool) {
	v, ok := q.vals[key]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// hasChildren reports whether some key starts with prefix + ".".
func (q *queryForm) hasChildren(prefix string) bool {
	p := prefix + "."
	i := sort.SearchStrings(q.keys, p)
	return i < len(q.keys) && strings.HasPrefix(q.keys[i], p)
}

// indices returns the distinct positive integers N, ascending, for which a
// key prefix.N or prefix.N.… exists.
func (q *queryForm) indices(prefix string) []int {
	p := prefix + "."
	var out []int
	for i := sort.SearchStrings(q.keys, p); i < len(q.keys) && strings.HasPrefix(q.keys[i], p); i++ {
		rest := q.keys[i][len(p):]
		seg, _, _ := strings.Cut(rest, ".")
		if seg == "" || len(seg) > 9 || strings.TrimLeft(seg, "0123456789") != "" {
			continue
		}
		n, _ := strconv.Atoi(seg)
		if n < 1 {
			continue
		}
		out = append(out, n)
	}
	sort.Ints(out)
	uniq := out[:0]
	for i, n := range out {
		if i == 0 || n != out[i-1] {
			uniq = append(uniq, n)
		}
	}
	return uniq
}

// decodeQuery fills struct v from the form.
func decodeQuery(form url.Values, v reflect.Value, ti *typeInfo) *Error {
	q := newQueryForm(form)
	return q.decodeStruct("", v, ti)
}

func (q *queryForm) decodeStruct(prefix string, v reflect.Value, ti *typeInfo) *Error {
	for i := range ti.fields {
		fi := &ti.fields[i]
		key := fi.name
		if prefix != "" {
			key = prefix + "." + fi.name
		}
		if err := q.decodeValue(key, fi.field(v), fi.ti, fi.flattened); err != nil {
			return err
		}
	}
	return nil
}

// present reports whether anything is addressed at key.
func (q *queryForm) present(key string) bool {
	if _, ok := q.vals[key]; ok {
		return true
	}
	return q.hasChildren(key)
}

func (q *queryForm) decodeValue(key string, v reflect.Value, ti *typeInfo, flat bool) *Error {
	switch ti.kind {
	case kPtr:
		if isScalar(ti.elem) {
			if _, ok := q.vals[key]; !ok {
				return nil
			}
		} else if !q.present(key) {
			return nil
		}
		p := reflect.New(ti.elem.rt)
		if err := q.decodeValue(key, p.Elem(), ti.elem, flat); err != nil {
			return err
		}
		v.Set(p)
		return nil
	case kStruct:
		return q.decodeStruct(key, v, ti)
	case kList:
		return q.decodeList(key, v, ti, flat)
	case kMap:
		return q.decodeMap(key, v, ti, flat)
	}
	s, ok := q.get(key)
	if !ok {
		return nil
	}
	return queryScalar(key, s, v, ti)
}

func (q *queryForm) decodeList(key string, v reflect.Value, ti *typeInfo, flat bool) *Error {
	itemPrefix := key + ".member"
	if flat {
		itemPrefix = key
	}
	idx := q.indices(itemPrefix)
	if len(idx) == 0 && !flat {
		// Be lenient with clients that flatten a list the model does not.
		itemPrefix = key
		idx = q.indices(itemPrefix)
	}
	if len(idx) == 0 {
		if s, ok := q.get(key); ok && s == "" {
			v.Set(reflect.MakeSlice(ti.rt, 0, 0)) // "Name=" is botocore's empty list
		}
		return nil
	}
	s := reflect.MakeSlice(ti.rt, len(idx), len(idx))
	for i, n := range idx {
		if err := q.decodeValue(itemPrefix+"."+strconv.Itoa(n), s.Index(i), ti.elem, false); err != nil {
			return err
		}
	}
	v.Set(s)
	return nil
}

func (q *queryForm) decodeMap(key string, v reflect.Value, ti *typeInfo, flat bool) *Error {
	entryPrefix := key + ".entry"
	if flat {
		entryPrefix = key
	}
	idx := q.indices(entryPrefix)
	if len(idx) == 0 {
		if s, ok := q.get(key); ok && s == "" {
			v.Set(reflect.MakeMap(ti.rt))
		}
		return nil
	}
	m := reflect.MakeMapWithSize(ti.rt, len(idx))
	kt := ti.rt.Key()
	for _, n := range idx {
		p := entryPrefix + "." + strconv.Itoa(n)
		k, ok := q.get(p + ".key")
		if !ok {
			return Errorf(http.StatusBadRequest, "MissingParameter", "The request must contain the parameter %s.key", p)
		}
		ev := reflect.New(ti.elem.rt).Elem()
		if err := q.decodeValue(p+".value", ev, ti.elem, false); err != nil {
			return err
		}
		m.SetMapIndex(reflect.ValueOf(k).Convert(kt), ev)
	}
	v.Set(m)
	return nil
}

// queryScalar parses one form value into a scalar member; bad values are the
// AWS common error InvalidParameterValue (HTTP 400).
func queryScalar(key, s string, v reflect.Value, ti *typeInfo) *Error {
	bad := func(want string) *Error {
		return Errorf(http.StatusBadRequest, "InvalidParameterValue",
			"Value (%s) for parameter %s is invalid. Expected %s.", s, key, want)
	}
	switch ti.kind {
	case kString:
		v.SetString(s)
	case kBool:
		switch strings.ToLower(s) {
		case "true":
			v.SetBool(true)
		case "false":
			v.SetBool(false)
		default:
			return bad("a boolean (true or false)")
		}
	case kInt:
		n, ok := parseInt(s, ti.bits)
		if !ok {
			return bad("an integer")
		}
		v.SetInt(n)
	case kUint:
		n, ok := parseUint(s, ti.bits)
		if !ok {
			return bad("a non-negative integer")
		}
		v.SetUint(n)
	case kFloat:
		f, ok := parseDouble(s, ti.bits)
		if !ok {
			return bad("a number")
		}
		v.SetFloat(f)
	case kTime:
		t, ok := parseTimeString(s)
		if !ok {
			return bad("an ISO 8601 timestamp")
		}
		v.Set(reflect.ValueOf(t))
	case kBlob:
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return bad("base64-encoded data")
		}
		v.SetBytes(b)
	}
	return nil
}

// isScalar reports whether ti is a leaf shape (one form value).
func isScalar(ti *typeInfo) bool {
	switch ti.kind {
	case kPtr, kStruct, kList, kMap:
		return false
	}
	return true
}
