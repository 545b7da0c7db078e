package protocol

import (
	"encoding/binary"
	"math"
	"reflect"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// Smithy RPC v2 CBOR bodies. Output is encoded here, in struct order, with
// definite lengths; timestamps are tag 1 over a float64 of epoch seconds
// (millisecond precision), which is what smithy-go's own serializer writes;
// smithy-go's ShapeDeserializer.ReadTime and botocore's RpcV2CBORParser
// accept it (and an integer, which we also accept on input). Input is decoded by fxamacker/cbor
// into a generic tree with hard limits, then mapped like JSON.

const (
	cborUint   = 0 << 5
	cborNegInt = 1 << 5
	cborBytes  = 2 << 5
	cborText   = 3 << 5
	cborArray  = 4 << 5
	cborMap    = 5 << 5
	cborTag    = 6 << 5
	cborSimple = 7 << 5
)

// appendCBORHead appends a major type with its argument in shortest form.
func appendCBORHead(b []byte, major byte, n uint64) []byte {
	switch {
	case n < 24:
		return append(b, major|byte(n))
	case n <= math.MaxUint8:
		return append(b, major|24, byte(n))
	case n <= math.MaxUint16:
		return binary.BigEndian.AppendUint16(append(b, major|25), uint16(n))
	case n <= math.MaxUint32:
		return binary.BigEndian.AppendUint32(append(b, major|26), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(b, major|27), n)
}

// appendCBORInt appends a signed integer.
func appendCBORInt(b []byte, n int64) []byte {
	if n >= 0 {
		return appendCBORHead(b, cborUint, uint64(n))
	}
	return appendCBORHead(b, cborNegInt, uint64(-(n + 1)))
}

// appendCBORText appends a text string.
func appendCBORText(b []byte, s string) []byte {
	b = appendCBORHead(b, cborText, uint64(len(s)))
	return append(b, s...)
}

// appendCBORFloat64 appends a double-precision float.
func appendCBORFloat64(b []byte, f float64) []byte {
	return binary.BigEndian.AppendUint64(append(b, cborSimple|27), math.Float64bits(f))
}

// appendCBOR appends node as CBOR.
func appendCBOR(b []byte, node any) []byte {
	switch n := node.(type) {
	case nil:
		return append(b, cborSimple|22)
	case string:
		return appendCBORText(b, n)
	case bool:
		if n {
			return append(b, cborSimple|21)
		}
		return append(b, cborSimple|20)
	case int64:
		return appendCBORInt(b, n)
	case uint64:
		return appendCBORHead(b, cborUint, n)
	case float64:
		return appendCBORFloat64(b, n)
	case float32:
		return binary.BigEndian.AppendUint32(append(b, cborSimple|26), math.Float32bits(n))
	case time.Time:
		b = append(b, cborTag|1)
		return appendCBORFloat64(b, epochSecondsFloat(n.UnixMilli()))
	case []byte:
		b = appendCBORHead(b, cborBytes, uint64(len(n)))
		return append(b, n...)
	case []any:
		b = appendCBORHead(b, cborArray, uint64(len(n)))
		for _, item := range n {
			b = appendCBOR(b, item)
		}
		return b
	case *tStruct:
		b = appendCBORHead(b, cborMap, uint64(len(n.members)))
		for _, m := range n.members {
			b = appendCBORText(b, m.name)
			b = appendCBOR(b, m.val)
		}
		return b
	case *tMap:
		b = appendCBORHead(b, cborMap, uint64(len(n.keys)))
		for i, k := range n.keys {
			b = appendCBORText(b, k)
			b = appendCBOR(b, n.vals[i])
		}
		return b
	}
	return append(b, cborSimple|22)
}

// cborDecMode decodes request bodies into generic trees: maps keyed by
// strings, tag 1 to time.Time, with nesting and size limits so hostile input
// cannot exhaust memory.
var cborDecMode = func() cbor.DecMode {
	dm, err := cbor.DecOptions{
		DefaultMapType:   reflect.TypeOf(map[string]any(nil)),
		MaxNestedLevels:  64,
		MaxArrayElements: 100000,
		MaxMapPairs:      100000,
		IndefLength:      cbor.IndefLengthAllowed,
		TimeTag:          cbor.DecTagOptional,
		TimeTagToAny:     cbor.TimeTagToTime,
		DupMapKey:        cbor.DupMapKeyQuiet,
		UTF8:             cbor.UTF8RejectInvalid,
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return dm
}()

// parseCBORBody reads an rpcv2Cbor request body into a generic tree. An
// empty body is an empty input (smithy-go omits the body then).
func parseCBORBody(body []byte) (map[string]any, *Error) {
	if len(body) == 0 {
		return nil, nil
	}
	var doc any
	if err := cborDecMode.Unmarshal(body, &doc); err != nil {
		return nil, serializationError("Invalid CBOR input: " + err.Error())
	}
	switch d := doc.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		return d, nil
	}
	return nil, mismatch(doc, "Structure")
}
