package protocol

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// awsJson bodies: members in struct order, timestamps as epoch seconds,
// blobs base64, NaN/Infinity as strings (smithy awsJson rules).

// appendJSON appends node as JSON.
func appendJSON(b []byte, node any) []byte {
	switch n := node.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendJSONString(b, n)
	case bool:
		return strconv.AppendBool(b, n)
	case int64:
		return strconv.AppendInt(b, n, 10)
	case uint64:
		return strconv.AppendUint(b, n, 10)
	case float64:
		return appendJSONFloat(b, n, 64)
	case float32:
		return appendJSONFloat(b, float64(n), 32)
	case time.Time:
		return appendEpochSeconds(b, n)
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
			b = appendJSON(b, item)
		}
		return append(b, ']')
	case *tStruct:
		b = append(b, '{')
		for i, m := range n.members {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, m.name)
			b = append(b, ':')
			b = appendJSON(b, m.val)
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
			b = appendJSON(b, n.vals[i])
		}
		return append(b, '}')
	}
	return append(b, "null"...)
}

// appendJSONFloat writes a number, or AWS's string spellings of NaN/±Inf.
func appendJSONFloat(b []byte, f float64, bits int) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		b = append(b, '"')
		b = appendDouble(b, f, bits)
		return append(b, '"')
	}
	return appendDouble(b, f, bits)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes U+FFFD
// and U+2028/U+2029 are escaped, as encoding/json does.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// parseJSONBody reads an awsJson request body into a generic tree. An empty
// body (or null) is an empty input, as AWS treats it.
func parseJSONBody(body []byte) (map[string]any, *Error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, serializationError(jsonErrorMessage(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, serializationError("Unexpected content after the end of the JSON document")
	}
	switch d := doc.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		return d, nil
	}
	return nil, mismatch(doc, "Structure")
}

// jsonErrorMessage describes a JSON syntax error without Go type names.
func jsonErrorMessage(err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return "Invalid JSON at offset " + strconv.FormatInt(syn.Offset, 10) + ": " + syn.Error()
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "Unexpected end of JSON input"
	}
	return "Invalid JSON: " + err.Error()
}
