package sim

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/protocol"
)

// maxInflated bounds a decompressed request body (CloudWatch accepts 1 MB of
// compressed PutMetricData; this leaves room without allowing a gzip bomb).
const maxInflated = 16 << 20

// inflate returns the request body with a gzip Content-Encoding removed. The SDKs
// compress CloudWatch PutMetricData (aws-sdk-go-v2 always with a hand-built config,
// botocore above 10 KB) in every protocol, awsQuery included, so this happens before
// the protocol is detected; the signature is still checked on the bytes as sent. S3
// is left alone: there, Content-Encoding describes the stored object, not the request.
func inflate(r *http.Request, raw []byte) ([]byte, error) {
	if !strings.Contains(strings.ToLower(r.Header.Get("Content-Encoding")), "gzip") || !compressedRPC(r) {
		return raw, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, protocol.NewError(400, "InvalidParameterValue", "The request body is not valid gzip.")
	}
	b, err := io.ReadAll(io.LimitReader(zr, maxInflated+1))
	if err != nil || len(b) > maxInflated {
		return nil, protocol.Errorf(400, "InvalidParameterValue", "The request body is not valid gzip or inflates beyond %d bytes.", maxInflated)
	}
	return b, nil
}

// compressedRPC tells an RPC-style request (awsQuery, JSON, CBOR) from an S3 object
// upload by what only the RPC protocols send.
func compressedRPC(r *http.Request) bool {
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	return r.Header.Get("X-Amz-Target") != "" ||
		r.Header.Get("Smithy-Protocol") != "" ||
		(r.URL.Path == "/" && strings.HasPrefix(ct, "application/x-www-form-urlencoded"))
}
