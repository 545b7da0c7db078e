package protocol

import (
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"sync"
)

// bufPool recycles response buffers; every response is built in memory and
// sent with an exact Content-Length.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

func getBuf() *[]byte { return bufPool.Get().(*[]byte) }

func putBuf(b *[]byte) {
	if cap(*b) > 1<<20 {
		return // don't pin huge buffers
	}
	*b = (*b)[:0]
	bufPool.Put(b)
}

// WriteResult writes out (a pointer to struct, or nil for operations without
// output) in r's protocol, with status 200:
//   - awsQuery: <OpResponse xmlns=ns><OpResult>…</OpResult><ResponseMetadata>…
//     (no OpResult when out is nil), Content-Type text/xml
//   - awsJson 1.0/1.1: JSON body ("{}" when nil), Content-Type application/x-amz-json-1.x
//   - rpcv2Cbor: CBOR map (empty map when nil), smithy-protocol: rpc-v2-cbor,
//     Content-Type application/cbor
//   - restXml: encoding/xml of out behind the XML declaration (nil out = empty
//     body), Content-Type application/xml, headers x-amz-request-id and
//     x-amz-id-2; an out implementing HTTPStatuser picks the status (S3's 204)
//
// Every protocol also gets the request-id header its SDKs read. Headers
// already set on w (e.g. S3's ETag) are kept.
func WriteResult(w http.ResponseWriter, spec *Spec, r *Request, out any, requestID string) {
	if r == nil {
		WriteError(w, spec, nil, errors.New("protocol: WriteResult without a request"), requestID)
		return
	}
	if r.Kind == RestXML {
		writeRestXMLResult(w, r, out, requestID)
		return
	}
	var tree *tStruct
	if !isNilOutput(out) {
		var err error
		if tree, err = toTree(out); err != nil {
			WriteError(w, spec, r, err, requestID)
			return
		}
	}
	buf := getBuf()
	defer putBuf(buf)
	b := *buf
	h := w.Header()
	switch r.Kind {
	case Query:
		b = appendQueryResponse(b, r.Operation, specNS(spec), tree, requestID)
		h.Set("Content-Type", "text/xml")
	case EC2Query:
		b = appendEC2Response(b, r.Operation, specNS(spec), tree, requestID)
		h.Set("Content-Type", "text/xml;charset=UTF-8")
	case JSON10, JSON11:
		if tree == nil {
			tree = &tStruct{}
		}
		b = appendJSON(b, tree)
		h.Set("Content-Type", jsonContentType(r.Kind))
	case CBOR:
		if tree == nil {
			tree = &tStruct{}
		}
		b = appendCBOR(b, tree)
		h.Set("Smithy-Protocol", "rpc-v2-cbor")
		h.Set("Content-Type", "application/cbor")
	default:
		WriteError(w, spec, r, errors.New("protocol: unknown request kind"), requestID)
		return
	}
	h.Set("X-Amzn-Requestid", requestID)
	*buf = b
	send(w, r, http.StatusOK, b)
}

// WriteError writes err in r's protocol. An err without an *Error in its
// chain becomes 500 InternalFailure (S3: InternalError). r may be nil
// (detection failed): then the answer is an awsQuery-style XML ErrorResponse.
func WriteError(w http.ResponseWriter, spec *Spec, r *Request, err error, requestID string) {
	e := asError(err)
	if r != nil && r.Kind == RestXML {
		writeRestXMLError(w, r, e, requestID)
		return
	}
	buf := getBuf()
	defer putBuf(buf)
	b := *buf
	h := w.Header()
	kind := Query
	if r != nil {
		kind = r.Kind
	}
	switch kind {
	case JSON10, JSON11:
		b = appendJSON(b, errorTree(spec, e))
		h.Set("Content-Type", jsonContentType(kind))
		setJSONErrorHeaders(h, spec, e)
	case CBOR:
		b = appendCBOR(b, errorTree(spec, e))
		h.Set("Smithy-Protocol", "rpc-v2-cbor")
		h.Set("Content-Type", "application/cbor")
		setJSONErrorHeaders(h, spec, e)
	case EC2Query:
		b = appendEC2Error(b, e, requestID)
		h.Set("Content-Type", "text/xml;charset=UTF-8")
	default:
		b = appendQueryError(b, specNS(spec), e, requestID)
		h.Set("Content-Type", "text/xml")
	}
	h.Set("X-Amzn-Requestid", requestID)
	*buf = b
	send(w, r, e.HTTPStatus(), b)
}

// errorTree is the JSON/CBOR error document: __type (namespaced when the
// spec says so; SDKs strip "ns#"), lower-case "message" (the only key
// smithy-go's CBOR reader looks at; botocore and the JSON SDKs accept it
// too), then any extra members.
func errorTree(spec *Spec, e *Error) *tStruct {
	typ := e.Type
	if typ == "" {
		typ = e.Code
		if spec != nil && spec.ErrorNamespace != "" {
			typ = spec.ErrorNamespace + "#" + e.Code
		}
	}
	t := &tStruct{members: make([]tMember, 0, 2+len(e.Extra))}
	t.members = append(t.members, tMember{name: "__type", val: typ}, tMember{name: "message", val: e.Message})
	for _, kv := range e.Extra {
		if kv.Key == "__type" || kv.Key == "message" {
			continue
		}
		t.members = append(t.members, tMember{name: kv.Key, val: kv.Value})
	}
	return t
}

// setJSONErrorHeaders adds x-amzn-ErrorType (read first by the JSON SDKs)
// and, for awsQueryCompatible services, x-amzn-query-error "<Code>;<Fault>"
// from which botocore and smithy-go take the legacy awsQuery code.
func setJSONErrorHeaders(h http.Header, spec *Spec, e *Error) {
	h.Set("X-Amzn-Errortype", e.Code)
	if spec != nil && spec.QueryCompatible {
		h.Set("X-Amzn-Query-Error", e.queryCode()+";"+e.faultType())
	}
}

func jsonContentType(k Kind) string {
	if k == JSON10 {
		return "application/x-amz-json-1.0"
	}
	return "application/x-amz-json-1.1"
}

func specNS(spec *Spec) string {
	if spec == nil {
		return ""
	}
	return spec.XMLNamespace
}

// isNilOutput reports whether out means "no output".
func isNilOutput(out any) bool {
	if out == nil {
		return true
	}
	rv := reflect.ValueOf(out)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// send writes status and body; HEAD responses carry no body.
func send(w http.ResponseWriter, r *Request, status int, body []byte) {
	if r.isHead() {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
