package protocol

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"
)

// shapeKind classifies a Go type by the wire shape it maps to.
type shapeKind uint8

const (
	kString shapeKind = iota + 1
	kBool
	kInt
	kUint
	kFloat
	kTime
	kBlob
	kPtr
	kStruct
	kList
	kMap
)

// typeInfo is everything the codecs need to know about one Go type. It is
// computed once per type (reflection is the expensive part) and cached.
type typeInfo struct {
	kind   shapeKind
	rt     reflect.Type
	bits   int         // int/uint/float bit size
	elem   *typeInfo   // kPtr target, kList element, kMap value
	fields []fieldInfo // kStruct members in declaration order
	byName map[string]int
}

// fieldInfo is one struct member as it appears on the wire.
type fieldInfo struct {
	name      string
	index     []int  // reflect index path (embedded structs are inlined)
	flattened bool   // awsQuery flattened list/map
	ec2       string // ec2Query wire name from the `ec2:"…"` tag; "" = derived (ec2query.go)
	ti        *typeInfo
}

var (
	typeCache sync.Map // reflect.Type -> *typeInfo
	buildMu   sync.Mutex
	timeType  = reflect.TypeOf(time.Time{})
)

// typeOf returns the cached typeInfo for t, building it on first use.
func typeOf(t reflect.Type) (*typeInfo, error) {
	if ti, ok := typeCache.Load(t); ok {
		return ti.(*typeInfo), nil
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	if ti, ok := typeCache.Load(t); ok {
		return ti.(*typeInfo), nil
	}
	pending := map[reflect.Type]*typeInfo{}
	ti, err := build(t, pending)
	if err != nil {
		return nil, err
	}
	for rt, p := range pending {
		typeCache.Store(rt, p)
	}
	return ti, nil
}

// build computes the typeInfo of t. pending holds the types under
// construction, so recursive shapes (a struct holding *itself) terminate.
func build(t reflect.Type, pending map[reflect.Type]*typeInfo) (*typeInfo, error) {
	if ti, ok := typeCache.Load(t); ok {
		return ti.(*typeInfo), nil
	}
	if ti, ok := pending[t]; ok {
		return ti, nil
	}
	ti := &typeInfo{rt: t}
	pending[t] = ti
	if t == timeType {
		ti.kind = kTime
		return ti, nil
	}
	var err error
	switch t.Kind() {
	case reflect.String:
		ti.kind = kString
	case reflect.Bool:
		ti.kind = kBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		ti.kind, ti.bits = kInt, t.Bits()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		ti.kind, ti.bits = kUint, t.Bits()
	case reflect.Float32, reflect.Float64:
		ti.kind, ti.bits = kFloat, t.Bits()
	case reflect.Pointer:
		ti.kind = kPtr
		ti.elem, err = build(t.Elem(), pending)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			ti.kind = kBlob
			break
		}
		ti.kind = kList
		ti.elem, err = build(t.Elem(), pending)
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			err = fmt.Errorf("protocol: map key of %v must be a string kind", t)
			break
		}
		ti.kind = kMap
		ti.elem, err = build(t.Elem(), pending)
	case reflect.Struct:
		ti.kind = kStruct
		err = buildFields(ti, t, nil, pending)
	default:
		err = fmt.Errorf("protocol: unsupported type %v", t)
	}
	if err != nil {
		delete(pending, t)
		return nil, err
	}
	return ti, nil
}

// buildFields appends the wire members of struct type t to ti; prefix is the
// index path of an embedded struct being inlined.
func buildFields(ti *typeInfo, t reflect.Type, prefix []int, pending map[reflect.Type]*typeInfo) error {
	if ti.byName == nil {
		ti.byName = map[string]int{}
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, hasTag := f.Tag.Lookup("aws")
		if tag == "-" {
			continue
		}
		index := append(append([]int(nil), prefix...), i)
		if f.Anonymous && !hasTag && f.Type.Kind() == reflect.Struct && f.Type != timeType {
			if err := buildFields(ti, f.Type, index, pending); err != nil {
				return err
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		fti, err := build(f.Type, pending)
		if err != nil {
			return fmt.Errorf("%v.%s: %w", t, f.Name, err)
		}
		fi := fieldInfo{name: name, index: index, ti: fti, ec2: f.Tag.Get("ec2")}
		for _, o := range strings.Split(opts, ",") {
			if o == "flattened" {
				fi.flattened = true
			}
		}
		if _, dup := ti.byName[name]; dup {
			return fmt.Errorf("protocol: %v has two members named %q", t, name)
		}
		ti.byName[name] = len(ti.fields)
		ti.fields = append(ti.fields, fi)
	}
	return nil
}

// field returns the value of member fi inside struct value v. Embedded
// structs are values (never pointers), so the walk cannot hit nil.
func (fi *fieldInfo) field(v reflect.Value) reflect.Value {
	if len(fi.index) == 1 {
		return v.Field(fi.index[0])
	}
	for _, i := range fi.index {
		v = v.Field(i)
	}
	return v
}

// structTarget validates that in is a non-nil pointer to a struct and returns
// the struct value with its typeInfo.
func structTarget(in any) (reflect.Value, *typeInfo, error) {
	rv := reflect.ValueOf(in)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return reflect.Value{}, nil, fmt.Errorf("protocol: Decode needs a non-nil pointer to a struct, got %T", in)
	}
	ti, err := typeOf(rv.Elem().Type())
	if err != nil {
		return reflect.Value{}, nil, err
	}
	return rv.Elem(), ti, nil
}
