package protocol

import (
	"encoding/base64"
	"strconv"
	"time"
	"unicode/utf8"
)

// awsQuery response XML. Lists are <Name><member>…</member></Name> (flattened:
// repeated <Name>), maps <Name><entry><key/><value/></entry></Name>
// (flattened: repeated <Name><key/><value/></Name>), as botocore's
// QueryParser and aws-sdk-go-v2's query deserializers expect.

// appendQueryResponse appends the success envelope of operation op; result is
// nil for operations without output (no <OpResult> element then).
func appendQueryResponse(b []byte, op, ns string, result *tStruct, requestID string) []byte {
	b = append(b, '<')
	b = append(b, op...)
	b = append(b, "Response"...)
	b = appendXMLNS(b, ns)
	b = append(b, '>')
	if result != nil {
		b = appendXMLStruct(b, op+"Result", result)
	}
	b = append(b, "<ResponseMetadata><RequestId>"...)
	b = appendXMLText(b, requestID)
	b = append(b, "</RequestId></ResponseMetadata></"...)
	b = append(b, op...)
	return append(b, "Response>"...)
}

// appendQueryError appends the awsQuery <ErrorResponse> envelope.
func appendQueryError(b []byte, ns string, e *Error, requestID string) []byte {
	b = append(b, "<ErrorResponse"...)
	b = appendXMLNS(b, ns)
	b = append(b, "><Error><Type>"...)
	b = append(b, e.faultType()...)
	b = append(b, "</Type>"...)
	b = appendXMLLeaf(b, "Code", e.queryCode())
	b = appendXMLLeaf(b, "Message", e.Message)
	for _, kv := range e.Extra {
		b = appendXMLLeaf(b, kv.Key, kv.Value)
	}
	b = append(b, "</Error>"...)
	b = appendXMLLeaf(b, "RequestId", requestID)
	return append(b, "</ErrorResponse>"...)
}

func appendXMLNS(b []byte, ns string) []byte {
	if ns == "" {
		return b
	}
	b = append(b, ` xmlns="`...)
	b = appendXMLText(b, ns)
	return append(b, '"')
}

// appendXMLStruct appends <name>members</name>.
func appendXMLStruct(b []byte, name string, s *tStruct) []byte {
	b = appendOpen(b, name)
	for _, m := range s.members {
		b = appendXMLMember(b, m.name, m.flat, m.val)
	}
	return appendClose(b, name)
}

// appendXMLMember appends one member, handling list and map wrapping.
func appendXMLMember(b []byte, name string, flat bool, node any) []byte {
	switch n := node.(type) {
	case []any:
		if flat {
			for _, item := range n {
				b = appendXMLValue(b, name, item)
			}
			return b
		}
		b = appendOpen(b, name)
		for _, item := range n {
			b = appendXMLValue(b, "member", item)
		}
		return appendClose(b, name)
	case *tMap:
		if !flat {
			b = appendOpen(b, name)
		}
		for i, k := range n.keys {
			entry := "entry"
			if flat {
				entry = name
			}
			b = appendOpen(b, entry)
			b = appendXMLLeaf(b, "key", k)
			b = appendXMLValue(b, "value", n.vals[i])
			b = appendClose(b, entry)
		}
		if !flat {
			b = appendClose(b, name)
		}
		return b
	}
	return appendXMLValue(b, name, node)
}

// appendXMLValue appends <name>value</name> for any node.
func appendXMLValue(b []byte, name string, node any) []byte {
	switch n := node.(type) {
	case *tStruct:
		return appendXMLStruct(b, name, n)
	case []any, *tMap:
		return appendXMLMember(b, name, false, n)
	}
	b = appendOpen(b, name)
	b = appendXMLScalar(b, node)
	return appendClose(b, name)
}

// appendXMLScalar appends the text form of a scalar node.
func appendXMLScalar(b []byte, node any) []byte {
	switch n := node.(type) {
	case string:
		return appendXMLText(b, n)
	case bool:
		return strconv.AppendBool(b, n)
	case int64:
		return strconv.AppendInt(b, n, 10)
	case uint64:
		return strconv.AppendUint(b, n, 10)
	case float64:
		return appendDouble(b, n, 64)
	case float32:
		return appendDouble(b, float64(n), 32)
	case time.Time:
		return append(b, formatISO8601(n)...)
	case []byte:
		return base64.StdEncoding.AppendEncode(b, n)
	}
	return b
}

func appendXMLLeaf(b []byte, name, text string) []byte {
	b = appendOpen(b, name)
	b = appendXMLText(b, text)
	return appendClose(b, name)
}

func appendOpen(b []byte, name string) []byte {
	b = append(b, '<')
	b = append(b, name...)
	return append(b, '>')
}

func appendClose(b []byte, name string) []byte {
	b = append(b, '<', '/')
	b = append(b, name...)
	return append(b, '>')
}

// appendXMLText escapes s as XML character data; characters XML cannot
// carry become U+FFFD (as encoding/xml does) so the document stays parseable.
func appendXMLText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '"':
			esc = "&quot;"
		case r == '\r':
			esc = "&#xD;"
		case r == utf8.RuneError && size == 1, !isXMLChar(r):
			esc = "\uFFFD"
		default:
			i += size
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		i += size
		start = i
	}
	return append(b, s[start:]...)
}

// isXMLChar is the XML 1.0 Char production.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
