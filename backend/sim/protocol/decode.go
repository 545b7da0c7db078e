package protocol

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"reflect"
)

// Decode fills in (a non-nil pointer to a struct) from the request, in the
// request's own protocol. Malformed input yields an *Error with the code AWS
// uses for that protocol:
//   - awsQuery: MalformedQueryString (404, from Detect), InvalidParameterValue (400)
//   - awsJson / rpcv2Cbor: SerializationException (400)
//   - restXml: MalformedXML (400)
//
// A target that is not a struct pointer (or holds unsupported types) is a
// programming error and returns a plain error, which WriteError turns into 500.
func (r *Request) Decode(in any) error {
	if r.Kind == RestXML {
		return decodeRestXML(r.Body, in)
	}
	v, ti, err := structTarget(in)
	if err != nil {
		return err
	}
	var derr *Error
	switch r.Kind {
	case Query:
		derr = decodeQuery(r.Form, v, ti)
	case EC2Query:
		derr = decodeEC2(r.Form, v, ti)
	case JSON10, JSON11:
		doc, perr := parseJSONBody(r.Body)
		if perr != nil {
			return perr
		}
		derr = fromTreeDoc(doc, v, ti)
	case CBOR:
		doc, perr := parseCBORBody(r.Body)
		if perr != nil {
			return perr
		}
		derr = fromTreeDoc(doc, v, ti)
	default:
		return NewError(http.StatusBadRequest, "UnknownProtocol", "The request protocol could not be determined.")
	}
	if derr != nil {
		return derr
	}
	return nil
}

// fromTreeDoc maps a decoded top-level document (nil = empty input).
func fromTreeDoc(doc map[string]any, v reflect.Value, ti *typeInfo) *Error {
	if doc == nil {
		return nil
	}
	return fromTree(doc, v, ti)
}

// decodeRestXML unmarshals an S3-style XML payload with encoding/xml; the S3
// shapes carry their own xml tags. An empty body leaves in untouched.
func decodeRestXML(body []byte, in any) error {
	if rv := reflect.ValueOf(in); rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("protocol: Decode needs a non-nil pointer, got %T", in)
	}
	if len(body) == 0 {
		return nil
	}
	if err := xml.Unmarshal(body, in); err != nil {
		if _, ok := err.(*xml.SyntaxError); ok || isXMLDataError(err) {
			return NewError(http.StatusBadRequest, "MalformedXML",
				"The XML you provided was not well-formed or did not validate against our published schema")
		}
		return err
	}
	return nil
}

// isXMLDataError reports whether err stems from the document's content (a
// value that does not fit its field) rather than from the target type.
func isXMLDataError(err error) bool {
	_, unsupported := err.(*xml.UnsupportedTypeError)
	return !unsupported
}
