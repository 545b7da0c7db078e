package protocol

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"time"
)

// fromTree stores a generic decoded document (JSON or CBOR: map[string]any,
// []any and scalars) into v, typed by ti. Type mismatches become
// SerializationException with Coral's wording ("STRING_VALUE can not be
// converted to an Integer"), which is what real JSON services answer.
func fromTree(node any, v reflect.Value, ti *typeInfo) *Error {
	if node == nil {
		return nil // null is "absent" for every member
	}
	switch ti.kind {
	case kPtr:
		p := reflect.New(ti.elem.rt)
		if err := fromTree(node, p.Elem(), ti.elem); err != nil {
			return err
		}
		v.Set(p)
		return nil
	case kStruct:
		m, ok := node.(map[string]any)
		if !ok {
			return mismatch(node, "Structure")
		}
		// Walk the members in declaration order (not map order) so the
		// first reported error is deterministic; unknown keys are ignored.
		for i := range ti.fields {
			fi := &ti.fields[i]
			val, ok := m[fi.name]
			if !ok {
				continue
			}
			if err := fromTree(val, fi.field(v), fi.ti); err != nil {
				return err
			}
		}
		return nil
	case kList:
		items, ok := node.([]any)
		if !ok {
			return mismatch(node, "List")
		}
		s := reflect.MakeSlice(ti.rt, len(items), len(items))
		for i, item := range items {
			if err := fromTree(item, s.Index(i), ti.elem); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case kMap:
		m, ok := node.(map[string]any)
		if !ok {
			return mismatch(node, "Map")
		}
		out := reflect.MakeMapWithSize(ti.rt, len(m))
		kt := ti.rt.Key()
		for k, val := range m {
			ev := reflect.New(ti.elem.rt).Elem()
			if err := fromTree(val, ev, ti.elem); err != nil {
				return err
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(kt), ev)
		}
		v.Set(out)
		return nil
	}
	return scalarFromTree(node, v, ti)
}

// scalarFromTree stores a scalar node into a scalar member.
func scalarFromTree(node any, v reflect.Value, ti *typeInfo) *Error {
	switch ti.kind {
	case kString:
		s, ok := node.(string)
		if !ok {
			return mismatch(node, "String")
		}
		v.SetString(s)
	case kBool:
		b, ok := node.(bool)
		if !ok {
			return mismatch(node, "Boolean")
		}
		v.SetBool(b)
	case kInt:
		n, ok := treeInt(node, ti.bits)
		if !ok {
			return mismatch(node, intName(ti.bits))
		}
		v.SetInt(n)
	case kUint:
		n, ok := treeUint(node, ti.bits)
		if !ok {
			return mismatch(node, intName(ti.bits))
		}
		v.SetUint(n)
	case kFloat:
		f, ok := treeFloat(node, ti.bits)
		if !ok {
			return mismatch(node, floatName(ti.bits))
		}
		v.SetFloat(f)
	case kTime:
		t, ok := treeTime(node)
		if !ok {
			return mismatch(node, "Timestamp")
		}
		v.Set(reflect.ValueOf(t))
	case kBlob:
		b, ok := treeBlob(node)
		if !ok {
			return mismatch(node, "Blob")
		}
		v.SetBytes(b)
	default:
		return mismatch(node, "value")
	}
	return nil
}

// treeInt reads an integer from a number node of any codec.
func treeInt(node any, bits int) (int64, bool) {
	switch n := node.(type) {
	case json.Number:
		return parseInt(string(n), bits)
	case int64:
		return n, intFits(n, bits)
	case uint64:
		return int64(n), n <= math.MaxInt64 && intFits(int64(n), bits)
	case float64:
		return floatToInt(n, bits)
	case float32:
		return floatToInt(float64(n), bits)
	}
	return 0, false
}

// treeUint reads a non-negative integer from a number node.
func treeUint(node any, bits int) (uint64, bool) {
	switch n := node.(type) {
	case json.Number:
		return parseUint(string(n), bits)
	case int64:
		return uint64(n), n >= 0 && uintFits(uint64(n), bits)
	case uint64:
		return n, uintFits(n, bits)
	case float64:
		return floatToUint(n, bits)
	case float32:
		return floatToUint(float64(n), bits)
	}
	return 0, false
}

// treeFloat reads a float from a number node or AWS's "NaN"/"Infinity" strings.
func treeFloat(node any, bits int) (float64, bool) {
	switch n := node.(type) {
	case json.Number:
		return parseDouble(string(n), bits)
	case string:
		switch n {
		case "NaN", "Infinity", "-Infinity":
			return parseDouble(n, bits)
		}
	case int64:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float64:
		if bits == 32 && !math.IsInf(n, 0) && math.Abs(n) > math.MaxFloat32 {
			return 0, false
		}
		return n, true
	case float32:
		return float64(n), true
	}
	return 0, false
}

// treeTime reads a timestamp: epoch seconds (JSON number, CBOR tag 1 decoded
// to time.Time or a bare number) or an ISO 8601 string.
func treeTime(node any) (time.Time, bool) {
	switch n := node.(type) {
	case time.Time:
		if sec := n.Unix(); sec > 1e14 || sec < -1e14 {
			return time.Time{}, false
		}
		// fxamacker splits a float into seconds and nanoseconds, so
		// 1795322100.123 arrives as …100.122999906: round, don't truncate.
		return n.Round(time.Millisecond).UTC(), true
	case json.Number:
		return parseTimeString(string(n))
	case string:
		return parseTimeString(n)
	case int64:
		return epochTime(float64(n))
	case uint64:
		return epochTime(float64(n))
	case float64:
		return epochTime(n)
	case float32:
		return epochTime(float64(n))
	}
	return time.Time{}, false
}

// treeBlob reads a blob: CBOR byte string or base64 text (JSON).
func treeBlob(node any) ([]byte, bool) {
	switch n := node.(type) {
	case []byte:
		return append([]byte{}, n...), true
	case string:
		b, err := base64.StdEncoding.DecodeString(n)
		if err != nil {
			b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(n, "="))
		}
		return b, err == nil
	}
	return nil, false
}

// mismatch builds Coral's SerializationException for a value of the wrong type.
func mismatch(node any, want string) *Error {
	switch node.(type) {
	case map[string]any:
		return serializationError("Start of structure or map found where not expected.")
	case []any:
		return serializationError("Start of list found where not expected")
	}
	article := "a"
	if strings.ContainsRune("AEIOU", rune(want[0])) {
		article = "an"
	}
	return serializationError(valueKind(node) + " can not be converted to " + article + " " + want)
}

// valueKind names a scalar node the way Coral's JSON reader does.
func valueKind(node any) string {
	switch node.(type) {
	case string:
		return "STRING_VALUE"
	case bool:
		return "BOOLEAN_VALUE"
	case []byte:
		return "BLOB_VALUE"
	case time.Time:
		return "TIMESTAMP_VALUE"
	case json.Number, int64, uint64, float64, float32:
		return "NUMBER_VALUE"
	}
	return "UNKNOWN_VALUE"
}

func intName(bits int) string {
	if bits > 32 {
		return "Long"
	}
	return "Integer"
}

func floatName(bits int) string {
	if bits == 32 {
		return "Float"
	}
	return "Double"
}
