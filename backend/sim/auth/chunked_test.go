package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"hash/crc64"
	"strings"
	"testing"
	"time"
)

// chunkEncoder writes aws-chunked bodies the way the AWS documentation
// describes them, independently of the decoder under test.
type chunkEncoder struct {
	signed      bool
	key         []byte
	date, scope string
	prev        string
}

func newChunkEncoder(signed bool, seed string, at time.Time) *chunkEncoder {
	k := []byte("AWS4" + testSecret)
	for _, s := range []string{at.Format("20060102"), testRegion, "s3", "aws4_request"} {
		m := hmac.New(sha256.New, k)
		m.Write([]byte(s))
		k = m.Sum(nil)
	}
	return &chunkEncoder{signed: signed, key: k, date: at.Format(isoBasic),
		scope: at.Format("20060102") + "/" + testRegion + "/s3/aws4_request", prev: seed}
}

func (e *chunkEncoder) mac(lines ...string) string {
	m := hmac.New(sha256.New, e.key)
	m.Write([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(m.Sum(nil))
}

func (e *chunkEncoder) chunk(data string) string {
	if !e.signed {
		return fmt.Sprintf("%x\r\n%s", len(data), data) + crlfIf(data)
	}
	h := sha256.Sum256([]byte(data))
	e.prev = e.mac("AWS4-HMAC-SHA256-PAYLOAD", e.date, e.scope, e.prev, emptySHA256, hex.EncodeToString(h[:]))
	return fmt.Sprintf("%x;chunk-signature=%s\r\n%s", len(data), e.prev, data) + crlfIf(data)
}

func crlfIf(data string) string {
	if data == "" {
		return ""
	}
	return "\r\n"
}

// encode frames payload in chunks of size n, then the final chunk and trailers.
func (e *chunkEncoder) encode(payload string, n int, trailers [][2]string, signTrailers bool) string {
	var b strings.Builder
	for len(payload) > 0 {
		k := min(n, len(payload))
		b.WriteString(e.chunk(payload[:k]))
		payload = payload[k:]
	}
	b.WriteString(e.chunk(""))
	var canon strings.Builder
	for _, t := range trailers {
		b.WriteString(t[0] + ":" + t[1] + "\r\n")
		canon.WriteString(t[0] + ":" + t[1] + "\n")
	}
	if signTrailers {
		h := sha256.Sum256([]byte(canon.String()))
		b.WriteString("x-amz-trailer-signature:" + e.mac("AWS4-HMAC-SHA256-TRAILER", e.date, e.scope, e.prev, hex.EncodeToString(h[:])) + "\r\n")
	}
	b.WriteString("\r\n")
	return b.String()
}

// flipFirstSignature changes one hex digit of the first chunk signature.
func flipFirstSignature(body string) string {
	i := strings.Index(body, "chunk-signature=") + len("chunk-signature=")
	c := byte('0')
	if body[i] == '0' {
		c = '1'
	}
	return body[:i] + string(c) + body[i+1:]
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func crc32Of(s string) string {
	return b64(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE([]byte(s))))
}

func TestCRC64NVMECheckValue(t *testing.T) {
	// Catalogue check value of CRC-64/NVME over "123456789".
	if got := crc64.Checksum([]byte("123456789"), nvme); got != 0xae8b14860a799888 {
		t.Fatalf("crc64nvme = %#x", got)
	}
}

func TestDecodeChunked(t *testing.T) {
	at := fixedNow
	const seed = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	payload := strings.Repeat("0123456789abcdef", 1500) + "tail"
	sig := func(mode string, trailers ...string) *Signature {
		return &Signature{AccessKeyID: testAKID, Date: at, Region: testRegion, Service: "s3",
			PayloadHash: mode, DecodedContentLength: int64(len(payload)), Trailers: trailers, amzDate: at.Format(isoBasic)}
	}
	sum := func(alg string, s string) string {
		return b64(checksumAlgorithms[alg].sum([]byte(s)))
	}
	type tc struct {
		name     string
		sig      *Signature
		body     string
		wantCode string
		wantMsg  string
	}
	signed := func() *chunkEncoder { return newChunkEncoder(true, seed, at) }
	unsigned := func() *chunkEncoder { return newChunkEncoder(false, "", at) }
	good := signed().encode(payload, 8192, nil, false)
	cases := []tc{
		{name: "signed", sig: sig(streamingSigned), body: good},
		{name: "signed one chunk", sig: sig(streamingSigned), body: signed().encode(payload, 1<<20, nil, false)},
		{name: "signed trailer crc32c", sig: sig(streamingSignedTrailer, "x-amz-checksum-crc32c"),
			body: signed().encode(payload, 8192, [][2]string{{"x-amz-checksum-crc32c", sum("crc32c", payload)}}, true)},
		{name: "unsigned trailer crc32", sig: sig(streamingUnsignedTrailer, "x-amz-checksum-crc32"),
			body: unsigned().encode(payload, 65536, [][2]string{{"x-amz-checksum-crc32", crc32Of(payload)}}, false)},
		{name: "unsigned trailer crc64nvme", sig: sig(streamingUnsignedTrailer), body: unsigned().encode(payload, 1000, [][2]string{{"x-amz-checksum-crc64nvme", sum("crc64nvme", payload)}}, false)},
		{name: "unsigned trailer sha1", sig: sig(streamingUnsignedTrailer), body: unsigned().encode(payload, 1000, [][2]string{{"x-amz-checksum-sha1", sum("sha1", payload)}}, false)},
		{name: "unsigned trailer sha256", sig: sig(streamingUnsignedTrailer), body: unsigned().encode(payload, 1000, [][2]string{{"x-amz-checksum-sha256", sum("sha256", payload)}}, false)},
		{name: "unsigned no trailer", sig: sig(streamingUnsignedTrailer), body: unsigned().encode(payload, 1000, nil, false)},

		{name: "chunk signature too long", sig: sig(streamingSigned), body: strings.Replace(good, ";chunk-signature=", ";chunk-signature=f", 1),
			wantCode: "IncompleteBody"},
		{name: "chunk signature wrong", sig: sig(streamingSigned), body: flipFirstSignature(good),
			wantCode: "SignatureDoesNotMatch", wantMsg: msgS3Mismatch},
		{name: "chunk data tampered", sig: sig(streamingSigned), body: strings.Replace(good, "0123", "0124", 1),
			wantCode: "SignatureDoesNotMatch", wantMsg: msgS3Mismatch},
		{name: "seed mismatch", sig: sig(streamingSigned), body: newChunkEncoder(true, strings.Repeat("f", 64), at).encode(payload, 8192, nil, false),
			wantCode: "SignatureDoesNotMatch"},
		{name: "trailer signature wrong", sig: sig(streamingSignedTrailer),
			body:     strings.Replace(signed().encode(payload, 8192, [][2]string{{"x-amz-checksum-crc32", crc32Of(payload)}}, true), crc32Of(payload), crc32Of("x"), 1),
			wantCode: "SignatureDoesNotMatch"},
		{name: "signed trailer without signature", sig: sig(streamingSignedTrailer),
			body: signed().encode(payload, 8192, [][2]string{{"x-amz-checksum-crc32", crc32Of(payload)}}, false), wantCode: "MalformedTrailerError"},
		{name: "checksum mismatch", sig: sig(streamingUnsignedTrailer, "x-amz-checksum-crc32"),
			body:     unsigned().encode(payload, 8192, [][2]string{{"x-amz-checksum-crc32", crc32Of("other")}}, false),
			wantCode: "BadDigest", wantMsg: "The CRC32 you specified did not match the calculated checksum."},
		{name: "checksum not base64", sig: sig(streamingUnsignedTrailer),
			body:     unsigned().encode(payload, 8192, [][2]string{{"x-amz-checksum-crc32", "!!"}}, false),
			wantCode: "InvalidRequest", wantMsg: "Value for x-amz-checksum-crc32 trailing header is invalid."},
		{name: "checksum wrong length", sig: sig(streamingUnsignedTrailer),
			body: unsigned().encode(payload, 8192, [][2]string{{"x-amz-checksum-sha256", crc32Of(payload)}}, false), wantCode: "InvalidRequest"},
		{name: "declared trailer missing", sig: sig(streamingUnsignedTrailer, "x-amz-checksum-crc32"),
			body: unsigned().encode(payload, 8192, nil, false), wantCode: "MalformedTrailerError",
			wantMsg: "The request contained trailing data that was not well-formed or did not conform to our published schema."},
		{name: "trailer without colon", sig: sig(streamingUnsignedTrailer),
			body: strings.TrimSuffix(unsigned().encode(payload, 8192, nil, false), "\r\n") + "garbage\r\n\r\n", wantCode: "MalformedTrailerError"},
		{name: "truncated", sig: sig(streamingSigned), body: good[:len(good)/2], wantCode: "IncompleteBody", wantMsg: "The request body terminated unexpectedly"},
		{name: "missing final chunk", sig: sig(streamingSigned), body: good[:strings.LastIndex(good, "0;chunk")], wantCode: "IncompleteBody"},
		{name: "bad size", sig: sig(streamingUnsignedTrailer), body: "zz\r\nab\r\n0\r\n\r\n", wantCode: "IncompleteBody"},
		{name: "size larger than data", sig: sig(streamingUnsignedTrailer), body: "10\r\nab\r\n0\r\n\r\n", wantCode: "IncompleteBody"},
		{name: "trailing garbage", sig: sig(streamingSigned), body: good + "x", wantCode: "IncompleteBody"},
		{name: "decoded length mismatch", sig: func() *Signature { s := sig(streamingSigned); s.DecodedContentLength++; return s }(), body: good, wantCode: "IncompleteBody"},
		{name: "missing chunk signature", sig: sig(streamingSigned), body: unsigned().encode(payload, 8192, nil, false), wantCode: "IncompleteBody"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, _, err := DecodeChunked([]byte(c.body), c.sig, testSecret, seed)
			if c.wantCode == "" {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				if string(got) != payload {
					t.Fatalf("payload mismatch: %d bytes", len(got))
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted, want %s", c.wantCode)
			}
			e := err.(*Error)
			if e.Code != c.wantCode || e.Family != FamilyS3 {
				t.Fatalf("got %v (%v), want %s", e, e.Family, c.wantCode)
			}
			if c.wantMsg != "" && e.Message != c.wantMsg {
				t.Fatalf("message %q, want %q", e.Message, c.wantMsg)
			}
		})
	}
}

func TestDecodeChunkedPassThrough(t *testing.T) {
	body := []byte("plain body")
	got, trailers, err := DecodeChunked(body, &Signature{PayloadHash: unsignedPayload}, "", "")
	if err != nil || string(got) != "plain body" || trailers != nil {
		t.Fatalf("got %q %v %v", got, trailers, err)
	}
}

func TestDecodeChunkedTrailersReturned(t *testing.T) {
	payload := "abc"
	body := newChunkEncoder(false, "", fixedNow).encode(payload, 2, [][2]string{{"x-amz-checksum-crc32", crc32Of(payload)}, {"x-amz-meta-extra", "v"}}, false)
	_, tr, err := DecodeChunked([]byte(body), &Signature{PayloadHash: streamingUnsignedTrailer, DecodedContentLength: -1}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if tr.Get("x-amz-checksum-crc32") != crc32Of(payload) || tr.Get("X-Amz-Meta-Extra") != "v" {
		t.Fatalf("trailers = %v", tr)
	}
}
