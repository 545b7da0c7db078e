package protocol

import (
	"fmt"
	"reflect"
	"sort"
	"time"
)

// The output tree is the protocol-neutral form of a response: every codec
// serializes the same tree, so field order, omission rules and scalar
// conversions are decided once, here.
//
// Node types: nil, string, bool, int64, uint64, float64, float32, time.Time,
// []byte, []any (list), *tStruct and *tMap.

// tStruct is an ordered structure.
type tStruct struct {
	members []tMember
}

// tMember is one present structure member.
type tMember struct {
	name string
	flat bool   // awsQuery flattened list/map
	ec2  string // ec2Query element name when the `ec2` tag sets one
	val  any
}

// tMap is a string-keyed map with sorted keys, so output is deterministic.
type tMap struct {
	keys []string
	vals []any
}

// toTree converts a struct pointer (or struct) into its output tree.
func toTree(out any) (*tStruct, error) {
	rv := reflect.ValueOf(out)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return &tStruct{}, nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil, fmt.Errorf("protocol: output must be a struct or pointer to struct, got %T", out)
	}
	ti, err := typeOf(rv.Type())
	if err != nil {
		return nil, err
	}
	return encodeStruct(rv, ti), nil
}

// encodeStruct builds the tree of struct value v, omitting nil members.
func encodeStruct(v reflect.Value, ti *typeInfo) *tStruct {
	s := &tStruct{members: make([]tMember, 0, len(ti.fields))}
	for i := range ti.fields {
		fi := &ti.fields[i]
		fv := fi.field(v)
		if isNilValue(fv, fi.ti) {
			continue
		}
		s.members = append(s.members, tMember{name: fi.name, flat: fi.flattened, ec2: fi.ec2, val: encodeValue(fv, fi.ti)})
	}
	return s
}

// isNilValue reports whether v is an absent optional member.
func isNilValue(v reflect.Value, ti *typeInfo) bool {
	switch ti.kind {
	case kPtr, kList, kMap, kBlob:
		return v.IsNil()
	}
	return false
}

// encodeValue converts one value to a tree node.
func encodeValue(v reflect.Value, ti *typeInfo) any {
	switch ti.kind {
	case kString:
		return v.String()
	case kBool:
		return v.Bool()
	case kInt:
		return v.Int()
	case kUint:
		return v.Uint()
	case kFloat:
		if ti.bits == 32 {
			return float32(v.Float())
		}
		return v.Float()
	case kTime:
		return v.Interface().(time.Time)
	case kBlob:
		if v.IsNil() {
			return nil
		}
		return v.Bytes()
	case kPtr:
		if v.IsNil() {
			return nil
		}
		return encodeValue(v.Elem(), ti.elem)
	case kStruct:
		return encodeStruct(v, ti)
	case kList:
		if v.IsNil() {
			return nil
		}
		n := v.Len()
		items := make([]any, n)
		for i := 0; i < n; i++ {
			items[i] = encodeValue(v.Index(i), ti.elem)
		}
		return items
	case kMap:
		if v.IsNil() {
			return nil
		}
		m := &tMap{keys: make([]string, 0, v.Len())}
		for _, k := range v.MapKeys() {
			m.keys = append(m.keys, k.String())
		}
		sort.Strings(m.keys)
		m.vals = make([]any, len(m.keys))
		kt := ti.rt.Key()
		for i, k := range m.keys {
			m.vals[i] = encodeValue(v.MapIndex(reflect.ValueOf(k).Convert(kt)), ti.elem)
		}
		return m
	}
	return nil
}
